//! Generates a Rust SDK: `cargo run -p oaskit-codegen --example gen -- SPEC OUT_DIR NAME`.
fn main() {
    let mut a = std::env::args().skip(1);
    let (spec, out, name) = (
        a.next().expect("SPEC"),
        a.next().expect("OUT"),
        a.next().expect("NAME"),
    );
    let loaded = oaskit_core::load_file(&spec, &oaskit_core::LoadOptions::new().with_checks(false));
    let (api, warnings) = oaskit_codegen::build(loaded.document.as_ref().expect("document"));
    for w in warnings.iter().take(5) {
        eprintln!("{}: {}", w.code, w.message);
    }
    for f in oaskit_codegen::rust::generate(&api, &name) {
        let p = std::path::Path::new(&out).join(&f.path);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, f.contents).expect("write");
    }
}
