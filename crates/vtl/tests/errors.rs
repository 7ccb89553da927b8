//! Where errors point: 1-based line and column, in characters, of the construct at fault.

mod common;

use common::{parse_err, render_err};
use oaskit_vtl::{Input, Limits, Template};

/// (template, line, column, part of the message)
fn check(cases: &[(&str, usize, usize, &str)]) {
    for (template, line, column, needle) in cases {
        let e = parse_err(template);
        assert_eq!((e.line, e.column), (*line, *column), "{template:?}: {e}");
        assert!(e.message.contains(needle), "{template:?}: {e}");
        assert_eq!(
            e.to_string(),
            format!("line {line}, column {column}: {}", e.message)
        );
    }
}

#[test]
fn unclosed_blocks_point_at_their_directive() {
    check(&[
        ("line1\n  #if($a)\nx", 2, 3, "#if without a matching #end"),
        ("#if($a)\n#else\nx", 1, 1, "#if without a matching #end"),
        (
            "{\n #foreach($i in [1])\n",
            2,
            2,
            "#foreach without a matching #end",
        ),
        ("#define($d)", 1, 1, "#define without a matching #end"),
        (
            "#if(true)#foreach($i in [1])#end",
            1,
            1,
            "#if without a matching #end",
        ),
    ]);
}

#[test]
fn stray_terminators() {
    check(&[
        ("a\n#end", 2, 1, "#end without a matching"),
        ("#else", 1, 1, "#else without a matching #if"),
        (
            "#foreach($i in [1])#else#end",
            1,
            20,
            "#else without a matching #if",
        ),
        ("x #elseif(true)", 1, 3, "#elseif without a matching #if"),
    ]);
}

#[test]
fn unknown_and_unsupported_directives() {
    check(&[
        ("{\n  #foo($x)\n}", 2, 3, "unknown directive #foo"),
        ("é #bar()", 1, 3, "unknown directive #bar"),
        ("a\n\tb #macro(m)#end", 2, 4, "#macro is not supported"),
        ("#{include}('x')", 1, 1, "#include is not supported"),
    ]);
}

#[test]
fn unterminated_strings_comments_and_references() {
    check(&[
        (
            "#set($x = \"abc)\n",
            1,
            11,
            "a string without its closing '\"'",
        ),
        ("#if('abc)#end", 1, 5, "a string without its closing"),
        (
            "ok\n#* never closed",
            2,
            1,
            "'#*' comment without its closing",
        ),
        ("#[[ raw", 1, 1, "'#[[' literal block"),
        ("x ${a.b", 1, 3, "'${' reference without its closing '}'"),
        ("$a.b(1, 2", 1, 5, "call of .b( without its closing ')'"),
        ("$a[1", 1, 3, "'[' index without its closing ']'"),
        ("#set($x = [1, 2)", 1, 11, "a list without its closing ']'"),
        ("#set($x = {\"a\" 1})", 1, 11, "a map entry without ':'"),
        ("#if($a", 1, 1, "#if without the ')'"),
        ("#if($a ==)x#end", 1, 10, "unexpected ')'"),
        ("#set($x)", 1, 1, "#set needs '='"),
    ]);
}

#[test]
fn builtins_point_at_the_reference_or_argument() {
    check(&[
        (
            "{\n  \"a\": \"$util.toJson($x)\"\n}",
            2,
            9,
            "$util.toJson is not an API Gateway function",
        ),
        ("$input.json('$.a[?(@.x)]')", 1, 13, "JSONPath"),
        ("  $s.replaceAll('(?<=a)b', '')", 1, 17, "look-behind"),
    ]);
}

#[test]
fn nesting_is_bounded_at_parse_time() {
    let deep = "#if(true)".repeat(200);
    let e = parse_err(&deep);
    assert!(e.message.contains("nests more than"), "{e}");
    let parens = format!("#set($x = {}1{})", "(".repeat(500), ")".repeat(500));
    assert!(parse_err(&parens).message.contains("nests more than"));
    let nots = format!("#if({}true)#end", "!".repeat(5000));
    assert!(parse_err(&nots).message.contains("nests more than"));
    let chain = format!("#set($x = 1{})", " + 1".repeat(5000));
    assert!(parse_err(&chain).message.contains("nests more than"));
    // Within the bound it parses.
    assert!(Template::parse(&format!("{}x{}", "#if(true)".repeat(60), "#end".repeat(60))).is_ok());
}

#[test]
fn render_errors_point_at_the_construct() {
    let e = render_err("#set($l = [1])\nvalue: $l.get(3)", &Input::default());
    assert_eq!((e.line, e.column), (2, 10), "{e}");
    let e = render_err(
        "#set($s = 'x')\n#if(true)\n  $s.substring(5)#end",
        &Input::default(),
    );
    assert_eq!((e.line, e.column), (3, 5), "{e}");
}

#[test]
fn limits_are_render_errors() {
    let t = Template::parse("#foreach($i in [1..100000])x#end").map_err(|e| e.to_string());
    let Ok(t) = t else { panic!("{t:?}") };
    let small = Limits {
        max_steps: 1000,
        ..Limits::default()
    };
    let e = t.render_with(&Input::default(), &small).err();
    assert!(
        e.is_some_and(|e| e.message.contains("Limits::max_steps") && (e.line, e.column) == (1, 1))
    );
    let tiny = Limits {
        max_output_bytes: 10,
        ..Limits::default()
    };
    let e = t.render_with(&Input::default(), &tiny).err();
    assert!(e.is_some_and(|e| e.message.contains("Limits::max_output_bytes")));
    let nested =
        Template::parse("#if(true)#if(true)#if(true)x#end#end#end").map_err(|e| e.to_string());
    let Ok(nested) = nested else {
        panic!("{nested:?}")
    };
    let shallow = Limits {
        max_depth: 2,
        ..Limits::default()
    };
    let e = nested.render_with(&Input::default(), &shallow).err();
    assert!(e.is_some_and(|e| e.message.contains("Limits::max_depth")));
    assert!(nested
        .render_with(
            &Input::default(),
            &Limits {
                max_depth: 3,
                ..Limits::default()
            }
        )
        .is_ok());
}
