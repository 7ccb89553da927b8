//! Converts a definition even when it has errors (for inspecting conversions):
//! `cargo run -p oaskit-export --example convert -- SPEC openapi-3.0|openapi-3.1|openapi-3.2|swagger-2.0`.
fn main() {
    let mut args = std::env::args().skip(1);
    let (spec, to) = (args.next().expect("SPEC"), args.next().expect("TARGET"));
    let target = match to.as_str() {
        "openapi-3.0" => oaskit_export::Target::OpenApi30,
        "openapi-3.1" => oaskit_export::Target::OpenApi31,
        "openapi-3.2" => oaskit_export::Target::OpenApi32,
        "postman-2.1" => oaskit_export::Target::Postman21,
        _ => oaskit_export::Target::Swagger20,
    };
    let loaded = oaskit_core::load_file(&spec, &oaskit_core::LoadOptions::new().with_checks(false));
    let out = oaskit_export::export(
        loaded.document.as_ref().expect("document"),
        &oaskit_export::ExportOptions::new(target),
    )
    .expect("exports");
    for d in &out.losses {
        eprintln!(
            "{} {} {}",
            d.code,
            d.location
                .as_ref()
                .map(|l| l.pointer.as_str())
                .unwrap_or(""),
            d.message
        );
    }
    print!("{}", out.to_json());
}
