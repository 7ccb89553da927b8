//! Generates an SDK without the CLI:
//! `cargo run -p oaskit-codegen --example gen -- LANG SPEC OUT_DIR NAME` (LANG: rust, typescript, python).
fn main() {
    let mut a = std::env::args().skip(1);
    let (lang, spec, out, name) = (
        a.next().expect("LANG"),
        a.next().expect("SPEC"),
        a.next().expect("OUT"),
        a.next().expect("NAME"),
    );
    let loaded = oaskit_core::load_file(&spec, &oaskit_core::LoadOptions::new().with_checks(false));
    let (api, warnings) = oaskit_codegen::build(loaded.document.as_ref().expect("document"));
    for w in warnings.iter().take(5) {
        eprintln!("{}: {}", w.code, w.message);
    }
    let files = match lang.as_str() {
        "rust" => oaskit_codegen::rust::generate(&api, &name),
        "typescript" => oaskit_codegen::typescript::generate(&api, &name),
        "python" => oaskit_codegen::python::generate(&api, &name),
        other => panic!("unknown language {other}"),
    };
    for f in files {
        let p = std::path::Path::new(&out).join(&f.path);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, f.contents).expect("write");
    }
}
