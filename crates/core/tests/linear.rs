//! Costs that grow with the number of findings stay linear (issue 16): a minified definition
//! of about 10 MB on one line with 10,000 references that do not resolve, each near a schema
//! that exists. Every finding is reported and located; "did you mean" work is bounded by a
//! budget for the whole load (it compared every failing token with every schema name: 27 s of
//! CPU on this input before).

use std::time::{Duration, Instant};

fn minified(n: usize) -> String {
    let mut s = String::from(
        r#"{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"components":{"schemas":{"#,
    );
    let pad = "x".repeat(900);
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        // `Thing{i}` exists; its property points at `Thinq{i}`, one letter off.
        s.push_str(&format!(
            r##""Thing{i}":{{"type":"object","description":"{pad}","properties":{{"a":{{"$ref":"#/components/schemas/Thinq{i}"}}}}}}"##
        ));
    }
    s.push_str("}}}");
    s
}

#[test]
fn ten_thousand_broken_references_on_one_line_are_reported_in_linear_time() {
    let text = minified(10_000);
    assert!(text.len() > 9_000_000 && !text.contains('\n'));
    let started = Instant::now();
    let loaded = oaskit_core::load_str("one-line.json", &text, &oaskit_core::LoadOptions::new());
    let elapsed = started.elapsed();
    let unresolved: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == "ref-unresolved")
        .collect();
    assert_eq!(unresolved.len(), 10_000);
    // Located: line 1, columns increasing along the line.
    let mut last = 0;
    for d in &unresolved {
        let (_, line, col) = d.position(&loaded.sources).expect("located");
        assert_eq!(line, 1);
        assert!(col > last);
        last = col;
    }
    // The first findings still get their suggestion; the budget only ends it for later ones.
    assert_eq!(
        unresolved[0].help.as_deref(),
        Some("did you mean \"#/components/schemas/Thing0\"?")
    );
    // A ceiling, not a benchmark: the quadratic version took minutes in a debug build.
    assert!(
        elapsed < Duration::from_secs(30),
        "loading took {elapsed:?}"
    );
}
