//! Hostile templates never panic, hang or exhaust memory: every rendering ends, within
//! [`Limits`], with an output or an error. Deterministic pseudo-random templates built from
//! the language's own pieces, and hand-written worst cases.

mod common;

use std::time::{Duration, Instant};

use oaskit_vtl::{Input, Limits, Template};

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "#if(",
    "#elseif(",
    "#else",
    "#end",
    "#{end}",
    "#foreach($i in ",
    "#set($x = ",
    "#set($m.k = ",
    "#define($d)",
    "#break",
    "#stop",
    "#macro(",
    "#foo(",
    "## c\n",
    "#* c *#",
    "#[[ t ]]#",
    "#",
    "$",
    "$!",
    "${",
    "}",
    "$x",
    "$m",
    "$d",
    "$i",
    "$foreach.hasNext",
    "$velocityCount",
    "$x.add($x)",
    "$m.put('k', $m)",
    "$m.put('l', [$m, $x])",
    "$x.size()",
    "$s.replaceAll('a+', '$0$0')",
    "\"$x$x\"",
    "\"#if(true)$x#end\"",
    "'q'",
    "\"",
    "'",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "[1..1000000000]",
    "[1..5]",
    "[1, 2, 3]",
    "{'a': 1}",
    "..",
    ",",
    ":",
    " in ",
    " && ",
    " || ",
    " == ",
    " != ",
    " < ",
    " + ",
    " - ",
    " * ",
    " / ",
    " % ",
    "!",
    "not ",
    "1",
    "-1",
    "0",
    "2.5",
    "1e308",
    "9223372036854775807",
    "true",
    "null",
    "\\",
    "\\\\",
    "\n",
    "  ",
    "\t",
    "text",
    "é",
    "😀",
    "$input.json('$')",
    "$input.path('$..*')",
    "$input.path('$.a')",
    "$input.params()",
    "$input.params('h')",
    "$input.body",
    "$util.escapeJavaScript($x)",
    "$util.parseJson($input.body)",
    "$util.base64Decode('e30=')",
    "$util.urlDecode('%41')",
    "$context.responseOverride.status",
    "#set($context.responseOverride.status = ",
    "#set($context.requestOverride.header.h = ",
    "$stageVariables.v",
    "$s.substring(",
    "$s.split(','))",
    "$x[0]",
    "$x[-1]",
    "$m['k']",
];

fn random_template(rng: &mut Rng) -> String {
    let n = 1 + rng.below(40);
    let mut s = String::new();
    for _ in 0..n {
        if rng.below(10) == 0 {
            // A raw byte-ish character now and then.
            let c = char::from_u32(rng.below(0x80) as u32).unwrap_or('?');
            s.push(c);
        } else {
            s.push_str(PIECES[rng.below(PIECES.len())]);
        }
    }
    s
}

fn hostile_input() -> Input {
    let mut input = common::params_input(&[("p", "1")], &[("q", "2")], &[("H", "3")]);
    input.body = r#"{"a": [1, {"b": [2, {"c": [3, 4]}]}], "s": "x,y"}"#.into();
    input.context = serde_json::json!({"identity": {"sourceIp": "1.2.3.4"}});
    input
}

fn small_limits() -> Limits {
    Limits {
        max_output_bytes: 64 << 10,
        max_steps: 200_000,
        max_depth: 16,
    }
}

/// Renders, checking the invariants of any rendering.
fn check(template: &str, input: &Input, limits: &Limits) {
    let lines = template.split('\n').count();
    match Template::parse(template) {
        Err(e) => {
            assert!(
                e.line >= 1 && e.line <= lines && e.column >= 1,
                "bad position {e:?} in {template:?}"
            );
        }
        Ok(t) => match t.render_with(input, limits) {
            Ok(r) => assert!(
                r.output.len() <= limits.max_output_bytes,
                "output over the limit: {template:?}"
            ),
            Err(e) => assert!(
                e.line >= 1 && e.line <= lines && e.column >= 1,
                "bad position {e:?} in {template:?}"
            ),
        },
    }
}

#[test]
fn random_templates_never_panic_and_stay_within_limits() {
    let input = hostile_input();
    let limits = small_limits();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut parsed = 0;
    let start = Instant::now();
    for _ in 0..20_000 {
        let t = random_template(&mut rng);
        if Template::parse(&t).is_ok() {
            parsed += 1;
        }
        check(&t, &input, &limits);
    }
    // The generator must reach the renderer, not only the parser's error paths.
    assert!(
        parsed > 2_000,
        "only {parsed} of 20000 random templates parsed"
    );
    assert!(
        start.elapsed() < Duration::from_secs(120),
        "took {:?}",
        start.elapsed()
    );
}

#[test]
fn random_bytes_never_panic() {
    let input = hostile_input();
    let limits = small_limits();
    let mut rng = Rng(42);
    for _ in 0..20_000 {
        let len = rng.below(64);
        let bytes: Vec<u8> = (0..len)
            .map(|_| b"$#!{}()[]\\'\".,=aiu1 \n*"[rng.below(22)])
            .collect();
        let t = String::from_utf8_lossy(&bytes);
        check(&t, &input, &limits);
    }
}

fn expect_limit(template: &str, limits: &Limits, needle: &str) {
    let t = common::parse(template);
    let start = Instant::now();
    let r = t.render_with(&hostile_input(), limits);
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{template:?} took {:?}",
        start.elapsed()
    );
    match r {
        Ok(r) => panic!(
            "{template:?} rendered {} bytes instead of failing",
            r.output.len()
        ),
        Err(e) => assert!(e.message.contains(needle), "{template:?}: {e}"),
    }
}

#[test]
fn worst_cases_end_with_an_error() {
    let defaults = Limits::default();
    let small = small_limits();
    // Endless work.
    expect_limit(
        "#foreach($i in [1..1000000000])x#end",
        &small,
        "max_output_bytes",
    );
    expect_limit("#foreach($i in [1..1000000000])#end", &small, "max_steps");
    expect_limit(
        "#foreach($i in [1..100000])#foreach($j in [1..100000])#end#end",
        &Limits {
            max_steps: 500_000,
            ..defaults
        },
        "max_steps",
    );
    // Exponential strings: refused when one exceeds the output limit, before memory goes.
    expect_limit(
        "#set($s = \"x\")#foreach($i in [1..100])#set($s = \"$s$s\")#end",
        &defaults,
        "bytes",
    );
    expect_limit(
        "#set($s = 'x')#foreach($i in [1..100])#set($s = $s + $s)#end",
        &defaults,
        "bytes",
    );
    expect_limit(
        "#set($s = 'x')#foreach($i in [1..100])#set($s = $s.replace('x', 'xx'))#end",
        &defaults,
        "bytes",
    );
    expect_limit(
        "#set($s = 'x')#foreach($i in [1..100])#set($s = $s.replaceAll('x', 'xx'))#end",
        &Limits {
            max_steps: 1_000_000,
            ..defaults
        },
        "Limits::",
    );
    expect_limit(
        "#set($s = 'x')#foreach($i in [1..100])#set($s = \"$s$s\")#end$s.split('').size()",
        &Limits {
            max_output_bytes: 1 << 20,
            ..defaults
        },
        "Limits::",
    );
    // Many big strings kept alive: the allocation budget.
    expect_limit(
        "#set($l = [])#set($s = 'xxxxxxxxxxxxxxxx')#foreach($i in [1..19])#set($s = \"$s$s\")#end#foreach($i in [1..1000])#set($d = $l.add(\"$s.\"))#end",
        &defaults,
        "bytes of values",
    );
    // Unbounded recursion.
    expect_limit("#define($a)x$a#end$a", &small, "max_depth");
    expect_limit(
        "#define($a)x$a#end$a",
        &Limits {
            max_depth: usize::MAX,
            max_steps: 10_000_000,
            max_output_bytes: 1 << 20,
        },
        "max_depth",
    );
    // A map that contains itself.
    expect_limit(
        "#set($m = {})#set($d = $m.put('self', $m))$m",
        &defaults,
        "nest too deeply",
    );
    expect_limit(
        "#set($a = {})#set($d = $a.put('s', $a))#set($b = {})#set($d = $b.put('s', $b))#if($a == $b)same#end",
        &defaults,
        "nest too deeply to compare",
    );
    expect_limit(
        "#set($l = [])#set($d = $l.add($l))$input.json('$')$l",
        &defaults,
        "nest too deeply",
    );
    // Lists that grow while iterated are iterated as they were.
    let t = common::parse("#set($l = [1])#foreach($i in $l)#set($d = $l.add($i))#end$l.size()");
    assert_eq!(
        t.render(&Input::default()).map(|r| r.output),
        Ok("2".to_string())
    );
}

#[test]
fn deep_json_bodies_are_handled() {
    // serde_json refuses nesting beyond 128 levels: a body error, not a crash.
    let deep = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
    let input = Input {
        body: deep,
        ..Input::default()
    };
    let e = common::render_err("$input.path('$')", &input);
    assert!(e.message.contains("Could not process payload"), "{e}");
    let ok = format!("{}1{}", "[".repeat(100), "]".repeat(100));
    let input = Input {
        body: ok,
        ..Input::default()
    };
    let out = common::render_in("$input.json('$..*').length()", &input);
    assert!(out.parse::<usize>().is_ok(), "{out}");
}

#[test]
fn parsing_huge_templates_is_linear() {
    let big = "#set($x = 1)$x text #if($x == 1)yes#end\n".repeat(20_000);
    let start = Instant::now();
    let t = common::parse(&big);
    let out = t.render(&Input::default()).map(|r| r.output.len());
    // `#end` swallows each line's newline.
    assert_eq!(out, Ok(20_000 * "1 text yes".len()));
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "took {:?}",
        start.elapsed()
    );
}

/// Run on a thread with a 2 MiB stack (what test threads get), in this unoptimized build.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    let handle = std::thread::Builder::new().stack_size(2 << 20).spawn(f);
    let joined = handle.map(std::thread::JoinHandle::join);
    assert!(
        matches!(joined, Ok(Ok(()))),
        "the thread failed: {joined:?}"
    );
}

#[test]
fn the_deepest_nesting_fits_a_small_stack() {
    on_small_stack(|| {
        let unlimited = Limits {
            max_depth: usize::MAX,
            max_steps: u64::MAX,
            max_output_bytes: 1 << 20,
        };
        // Expressions nested as deep as the parser allows, inside a #define that renders
        // itself: the renderer's own bound on nested evaluations ends it.
        let nots = format!("#define($a)#set($x = {}\"$a\")#end$a", "!".repeat(120));
        let t = common::parse(&nots);
        let e = t.render_with(&Input::default(), &unlimited).err();
        assert!(e.is_some_and(|e| e.message.contains("nests more than")));
        let lists = format!(
            "#define($a)#set($x = {}\"$a\"{})#end$a",
            "[".repeat(60),
            "]".repeat(60)
        );
        let e = common::parse(&lists)
            .render_with(&Input::default(), &unlimited)
            .err();
        assert!(e.is_some_and(|e| e.message.contains("nests more than")));
        // The deepest evaluation printing the deepest value it may print.
        let combo = format!(
            "#set($m = {{}})#foreach($i in [1..250])#set($m = {{'k': $m}})#end#define($a)#set($x = {}\"$m$a\")#end$a",
            "!".repeat(100)
        );
        let e = common::parse(&combo)
            .render_with(&Input::default(), &unlimited)
            .err();
        assert!(e.is_some_and(|e| e.message.contains("nests more than")));
        // Directives nested as deep as the parser allows.
        let ifs = format!("{}x{}", "#if(true)".repeat(126), "#end".repeat(126));
        let out = common::parse(&ifs)
            .render_with(&Input::default(), &unlimited)
            .map(|r| r.output);
        assert_eq!(out, Ok("x".to_string()));
        // Values nested deeper than printing follows.
        let deep = "#set($m = {})#foreach($i in [1..600])#set($m = {'k': $m})#end";
        for tail in [
            "$m",
            "$m.toString()",
            "#if($m == $m.get('k'))#end",
            "#set($b = $input.path('$'))#set($b.m = $m)$input.json('$')",
        ] {
            let e = common::parse(&format!("{deep}{tail}"))
                .render_with(&Input::default(), &unlimited)
                .err();
            assert!(
                e.is_some_and(|e| e.message.contains("too deeply")),
                "{tail}"
            );
        }
    });
}
