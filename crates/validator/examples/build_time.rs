//! Prints how long compiling a validator takes for a definition: `cargo run --release --example build_time -- SPEC`.
fn main() {
    let path = std::env::args().nth(1).expect("a spec path");
    let t = std::time::Instant::now();
    let loaded = oaskit_core::load_file(&path, &oaskit_core::LoadOptions::new().with_checks(false));
    let load = t.elapsed();
    let doc = loaded.document.expect("document");
    let t = std::time::Instant::now();
    let lazy = std::env::args().any(|a| a == "--lazy");
    let v = oaskit_validator::Validator::with_options(
        &doc,
        &oaskit_validator::Options::new().with_lazy_compilation(lazy),
    )
    .expect("validator");
    println!(
        "load {load:?}, build {:?}, {} warnings",
        t.elapsed(),
        v.warnings().len()
    );
    for w in v.warnings().iter().take(5) {
        println!("  {w}");
    }
}
