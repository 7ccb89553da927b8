//! The Velocity language, one construct at a time. Expected outputs follow Velocity 1.7 (the
//! engine API Gateway runs): the rules are those of its grammar (`src/parser/Parser.jjt`) and
//! node classes (`ASTReference`, `ASTSetDirective`, `ASTEQNode`, `ASTAddNode`, `Foreach`) at
//! the `1.7` tag of apache/velocity-engine.

mod common;

use common::{parse_err, render, render_body, render_err};
use oaskit_vtl::Input;

/// Checks pairs of (template, expected output) with an empty input.
fn check(cases: &[(&str, &str)]) {
    for (template, expected) in cases {
        assert_eq!(render(template), *expected, "template: {template:?}");
    }
}

#[test]
fn references() {
    check(&[
        ("#set($x = \"a\")$x ${x}b $!x $!{x}", "a ab a a"),
        // An undefined reference renders as its own text; a quiet one as nothing.
        ("[$x] [${x}] [$!x] [$!{x}]", "[$x] [${x}] [] []"),
        ("$x.y.z('a', 1)", "$x.y.z('a', 1)"),
        (
            "#set($m = {\"a\": {\"b\": \"c\"}})$m.a.b $m['a']['b'] ${m.a.b}",
            "c c c",
        ),
        ("#set($m = {\"a\": 1})$m.zz|$!m.zz", "$m.zz|"),
        (
            "#set($l = [1, 2, 3])$l[0] $l[-1] $l.get(1) $l.size()",
            "1 3 2 3",
        ),
        // Not references: `$` followed by no identifier.
        ("$5.00, $ x, 100$, $!, $.", "$5.00, $ x, 100$, $!, $."),
        // A dot not followed by a letter, or parentheses without a dot, end the reference.
        ("#set($name = \"x\")$name. $name(s) $name.1", "x. x(s) x.1"),
        // Velocity 1.7 identifiers may contain '-'.
        ("#set($a-b = 1)$a-b", "1"),
        ("#set($m = {\"partition-key\": \"k\"})$m.partition-key", "k"),
    ]);
}

#[test]
fn unknown_methods_render_as_written() {
    check(&[
        (
            "#set($l = [1])$l.frobnicate() $l.foo( 1, 'a' )",
            "$l.frobnicate() $l.foo( 1, 'a' )",
        ),
        // String has no size(); a method given an argument of the wrong type does not exist.
        (
            "#set($s = \"abc\")$s.size() $s.substring('1') $s.length",
            "$s.size() $s.substring('1') $s.length",
        ),
        ("#set($s = \"\")$s.empty $s.class", "true $s.class"),
    ]);
}

#[test]
fn escaping() {
    check(&[
        // Velocity 1.7: a backslash escapes a reference that has a value; before an undefined
        // one it is text. Pairs of backslashes render as one.
        ("#set($x = 1)\\$x \\\\$x \\\\\\$x", "$x \\1 \\$x"),
        ("\\$y \\\\$y \\\\\\$y", "\\$y \\\\$y \\\\$y"),
        ("#set($x = 1)\\$!x \\${x}", "$!x ${x}"),
        // Directives.
        ("#set($x = 1)\\#if($x)", "#if(1)"),
        ("\\\\#if(true)a#end", "\\a"),
        ("\\#end \\#set \\#{else}", "#end #set #{else}"),
        // Not a directive: the backslash stays.
        ("\\#foo a\\b c\\\\d", "\\#foo a\\b c\\\\d"),
    ]);
}

#[test]
fn comments_and_literal_blocks() {
    check(&[
        ("a## comment\nb", "ab"),
        ("a## comment at the end", "a"),
        ("a#* c *#b", "ab"),
        ("a #* multi\nline *# b", "a  b"),
        ("#[[$x #if( #end]]#", "$x #if( #end"),
        ("#** doc *#x", "x"),
    ]);
}

#[test]
fn if_elseif_else() {
    check(&[
        ("#if(true)y#{else}n#end", "y"),
        ("#if(false)y#{else}n#end", "n"),
        ("#set($b = true)#if($a)A#elseif($b)B#{else}C#end", "B"),
        ("#if($a)A#elseif($b)B#{else}C#end", "C"),
        ("#if( $a )A#end#if ($b) B #end", ""),
        ("#{if}(true)yes#{end}", "yes"),
    ]);
}

#[test]
fn truth() {
    check(&[
        // Velocity 1.7: only null and false are false; "" and 0 and [] are true.
        ("#set($e = \"\")#if($e)T#{else}F#end", "T"),
        ("#set($z = 0)#if($z)T#{else}F#end", "T"),
        ("#set($l = [])#if($l)T#{else}F#end", "T"),
        ("#set($f = false)#if($f)T#{else}F#end", "F"),
        ("#if($undefined)T#{else}F#end", "F"),
        ("#if(!$undefined)N#end#if(not $undefined)M#end", "NM"),
        ("#set($s = \"false\")#if($s)T#end", "T"),
    ]);
}

#[test]
fn comparisons() {
    check(&[
        ("#if(1 < 2 && 2 <= 2 and 3 gt 2 || false)ok#end", "ok"),
        ("#if(2 ge 3 or 1 lt 0)no#{else}yes#end", "yes"),
        // Numbers compare by value; other mixed kinds by their text.
        (
            "#if(1 == 1.0)a#end#if(\"1\" == 1)b#end#if(true == \"true\")c#end",
            "abc",
        ),
        (
            "#if(1 eq 2)x#end#if(1 ne 2)y#end#if(\"a\" != \"a\")z#end",
            "y",
        ),
        // Two nulls are equal; a null and a value are not.
        (
            "#if($u == $v)n#end#if($u != \"x\")d#end#if($u == \"\")e#end",
            "nd",
        ),
        // Only numbers are ordered.
        ("#if(\"a\" < \"b\")lt#{else}no#end", "no"),
        (
            "#set($a = [1, 2])#set($b = [1, 2])#if($a == $b)same#end",
            "same",
        ),
        ("#set($m = {\"k\": 1})#if($m == {\"k\": 1})same#end", "same"),
    ]);
}

#[test]
fn arithmetic() {
    check(&[
        (
            "#set($r = 7 / 2)#set($f = 7.0 / 2)#set($m = -7 % 3)#set($s = \"a\" + 1)#set($n = 1 + 2 * 3)$r|$f|$m|$s|$n",
            "3|3.5|-1|a1|7",
        ),
        ("#set($n = (1 + 2) * 3)#set($d = 10 - 2 - 3)$n $d", "9 5"),
        ("#set($x = 3)#set($y = $x * 1.0)#set($z = 0.1 + 0.2)$y $z", "3.0 0.30000000000000004"),
        // A null side of `+` shows as its source text.
        ("#set($s = \"a\" + $nope)$s", "a$nope"),
        // Division by zero is null, and #set of a null leaves the variable alone.
        ("#set($d = 5)#set($d = 1 / 0)$d", "5"),
        ("#set($x = \"keep\")#set($x = $nothing)$x", "keep"),
        ("#set($big = 9223372036854775807)#set($more = $big + 1)$more", "9.223372036854776E18"),
        ("#set($x = 1e3)#set($y = -.5)$x $y", "1000.0 -0.5"),
        ("#set($x = -(2))#set($y = 1 - -2)$x $y", "-2 3"),
    ]);
}

#[test]
fn strings() {
    check(&[
        ("#set($n = \"Ada\")#set($s = \"Hi $n!\")$s", "Hi Ada!"),
        ("#set($n = \"Ada\")#set($s = 'Hi $n!')$s", "Hi $n!"),
        ("#set($s = \"say \"\"hi\"\"\")$s", "say \"hi\""),
        ("#set($s = 'it''s')$s", "it's"),
        ("#set($s = \"caf\\u00e9\")$s", "café"),
        // A backslash escapes nothing in a string literal (1.7).
        ("#set($s = \"a\\tb\")$s", "a\\tb"),
        ("#set($s = \"#if(true)yes#end\")$s", "yes"),
        ("#set($s = \"$!nothing|$nothing\")$s", "|$nothing"),
    ]);
}

#[test]
fn lists_maps_and_ranges() {
    check(&[
        (
            "#set($l = [1, \"a\", true, 1.5, [2]])$l",
            "[1, a, true, 1.5, [2]]",
        ),
        (
            "#set($m = {\"a\": 1, \"b\": [1, 2], \"c\": {\"d\": null}})$m",
            "{a=1, b=[1, 2], c={d=null}}",
        ),
        ("#set($r = [1..4])$r $r.size()", "[1, 2, 3, 4] 4"),
        ("#set($r = [3..1])$r", "[3, 2, 1]"),
        ("#set($a = 2)#set($r = [$a..4])$r", "[2, 3, 4]"),
        (
            "#set($e = [])#set($m = {})$e $m $e.isEmpty() $m.isEmpty()",
            "[] {} true true",
        ),
        // A range too long to build stays lazy and read-only.
        (
            "#set($r = [1..1000000000])$r.size() $r.get(999999999) $r.contains(5)",
            "1000000000 1000000000 true",
        ),
    ]);
}

#[test]
fn string_methods() {
    let t = "#set($s = \"Hello World\")$s.length() $s.toUpperCase() $s.toLowerCase() $s.substring(6) \
             $s.substring(0, 5) $s.indexOf(\"o\") $s.lastIndexOf(\"o\") $s.indexOf(\"o\", 5) $s.replace(\"l\", \"L\") \
             $s.contains(\"World\") $s.startsWith(\"He\") $s.endsWith(\"x\") $s.isEmpty() $s.charAt(1) \
             $s.equals(\"Hello World\") $s.equalsIgnoreCase(\"hello world\") $s.matches(\"H.*d\") $s.matches(\"H\") \
             $s.replaceAll(\"o(.)\", \"0$1\") $s.replaceFirst(\"l+\", \"_\") $s.split(\" \") $s.concat(\"!\") $s.hashCode()";
    assert_eq!(
        render(t),
        "11 HELLO WORLD hello world World Hello 4 7 7 HeLLo WorLd true true false false e true true true false \
         Hell0 W0rld He_o World [Hello, World] Hello World! -862545276"
    );
    check(&[
        ("#set($s = \"  padded \t\")[$s.trim()]", "[padded]"),
        ("#set($s = \"a,b,,c,,\")$s.split(\",\") $s.split(\",\").size() $s.split(\",\", -1).size()", "[a, b, , c] 4 6"),
        ("#set($s = \"a😀b\")$s.length() $s.indexOf(\"b\") $s.substring(3)", "4 3 b"),
        // The developer guide's way to undo escapeJavaScript's \' in JSON.
        ("#set($s = \"it\\'s\")$s.replaceAll(\"\\\\'\", \"'\")", "it's"),
    ]);
}

#[test]
fn list_and_map_methods() {
    check(&[
        ("#set($l = [\"a\", \"b\"])$l.size() $l.isEmpty() $l.get(0) $l.contains(\"b\") $l.indexOf(\"b\")", "2 false a true 1"),
        ("#set($l = [\"a\"])$l.add(\"c\") $l #set($d = $l.remove(0))$l $d", "true [a, c][c] a"),
        ("#set($l = [1, 2, 3, 4])$l.subList(1, 3) $l.set(0, 9) $l", "[2, 3] 1 [9, 2, 3, 4]"),
        (
            "#set($m = {\"k\": \"v\"})$m.get(\"k\") $m.containsKey(\"k\") $m.size() $m.keySet() $m.values() $m.entrySet()",
            "v true 1 [k] [v] [k=v]",
        ),
        // put returns the value it replaced: null renders the call as written.
        ("#set($m = {\"k\": \"v\"})$m.put(\"k2\", 2) $m.put(\"k\", \"w\") $!m.put(\"x\", 1)$m", "$m.put(\"k2\", 2) v {k=w, k2=2, x=1}"),
        ("#set($m = {\"a\": 1, \"b\": 2})#foreach($e in $m.entrySet())$e.key:$e.value;#end", "a:1;b:2;"),
        ("#set($m = {\"a\": 1})$m.remove(\"a\") $m $m.getOrDefault(\"z\", 0)", "1 {} 0"),
        // void methods render as nothing.
        ("#set($m = {\"a\": 1})[$m.clear()][$m.putAll({\"b\": 2})]$m", "[][]{b=2}"),
        // #set through a property or an index changes the map or list itself.
        ("#set($m = {})#set($m.a = 1)#set($m['b'] = 2)#set($l = [0])#set($l[0] = 5)$m $l", "{a=1, b=2} [5]"),
    ]);
}

#[test]
fn foreach() {
    check(&[
        (
            "#foreach($i in [1..3])$i#if($foreach.hasNext),#end#end",
            "1,2,3",
        ),
        ("#foreach($i in [3..1])$i#end", "321"),
        (
            "#foreach($x in [\"a\", \"b\"])$foreach.index$foreach.count$velocityCount$x #end",
            "011a 122b ",
        ),
        (
            "#foreach($x in [1, 2, 3])#if($foreach.first)[#end$x#if($foreach.last)]#end#end",
            "[123]",
        ),
        ("#foreach($x in [1, 2])$velocityHasNext #end", "true false "),
        (
            "#set($m = {\"a\": 1, \"b\": 2})#foreach($v in $m)$v#end",
            "12",
        ),
        (
            "#set($m = {\"a\": 1, \"b\": 2})#foreach($k in $m.keySet())$k=$m.get($k);#end",
            "a=1;b=2;",
        ),
        (
            "#foreach($a in [1, 2])#foreach($b in [3])$foreach.parent.index$foreach.index#end#end",
            "0010",
        ),
        // The loop variable is restored afterwards; $foreach is gone.
        (
            "#set($i = \"outer\")#foreach($i in [1])$i#end$i $foreach",
            "1outer $foreach",
        ),
        ("#foreach($i in [1..10])#if($i == 3)#break#end$i#end", "12"),
        (
            "#foreach($i in [])x#end#foreach($i in $nothing)y#end#foreach($c in \"abc\")z#end",
            "",
        ),
        (
            "#foreach($i in [1..1000000000])#if($i > 3)#break#end$i#end",
            "123",
        ),
        ("#{foreach}($i in [1, 2])$i#{end}", "12"),
        ("#foreach( $i in [1,2] )$i#end", "12"),
    ]);
}

#[test]
fn stop_break_and_define() {
    check(&[
        ("a#stop b", "a"),
        ("#foreach($i in [1, 2])$i#stop#end after", "1"),
        ("before#break after", "before"),
        (
            "#define($blk)Hello $name#end#set($name = \"Ada\")$blk, #set($name = \"Bob\")$blk",
            "Hello Ada,Hello Bob",
        ),
        (
            "#define( $loop )#foreach($i in [1,2])$i#end#end[$loop]",
            "[12]",
        ),
    ]);
}

#[test]
fn set_forms() {
    check(&[
        ("#{set}($x = 1)$x", "1"),
        ("#set( $x=2 )$x", "2"),
        // `#set` without parentheses is text in Velocity 1.7.
        ("#set $x = 1", "#set $x = 1"),
        (
            "#set($a = [1])#set($b = $a)#set($c = $b.add(2))$a",
            "[1, 2]",
        ),
    ]);
}

#[test]
fn text_that_looks_like_directives() {
    check(&[
        // Colours, headings, issue numbers: `#word` that names no directive stays text.
        (
            "color: #fff; #ff0000 #header (x) #1 # a",
            "color: #fff; #ff0000 #header (x) #1 # a",
        ),
        ("#endif #settings #ifdef", "#endif #settings #ifdef"),
    ]);
}

#[test]
fn input_body_path_and_json() {
    let body = r#"{"a": {"b": [1, 2.5, "x", true, null]}, "s": "t\"q", "n": 10}"#;
    assert_eq!(
        render_body("$input.json('$.a')", body),
        r#"{"b":[1,2.5,"x",true,null]}"#
    );
    assert_eq!(render_body("$input.json('$.s')", body), r#""t\"q""#);
    assert_eq!(render_body("$input.json('$.missing')", body), "null");
    assert_eq!(
        render_body("$input.path('$.a.b')", body),
        r#"[1,2.5,"x",true,null]"#
    );
    assert_eq!(
        render_body("$input.path('$.a')", body),
        r#"{b=[1,2.5,"x",true,null]}"#
    );
    assert_eq!(
        render_body("$input.path('$.a.b').size() $input.path('$.a.b')[1]", body),
        "5 2.5"
    );
    assert_eq!(
        render_body("$input.path('$.missing')|$!input.path('$.missing')", body),
        "$input.path('$.missing')|"
    );
    assert_eq!(
        render_body("$input.path('$.n') $input.path(\"$['s']\")", body),
        "10 t\"q"
    );
    assert_eq!(
        render_body("$input.json('$..b[0]')", r#"{"x":{"b":[7]},"b":[8]}"#),
        "[8,7]"
    );
    assert_eq!(
        render_body("$input.json('$.*')", r#"{"x":1,"y":[2]}"#),
        "[1,[2]]"
    );
    assert_eq!(
        render_body("$input.json('$.l[*].id')", r#"{"l":[{"id":1},{"id":2}]}"#),
        "[1,2]"
    );
    // Jayway reads a path without `$` as starting at the root.
    assert_eq!(render_body("$input.json('n')", body), "10");
    assert_eq!(render_body("$input.body", body), body);
    // The document is shared: a change through $input.path shows in $input.json.
    assert_eq!(
        render_body(
            "#set($b = $input.path('$'))#set($b.url = \"u\")$input.json('$')",
            r#"{"id":1}"#
        ),
        r#"{"id":1,"url":"u"}"#
    );
}

#[test]
fn parse_errors_for_unsupported_constructs() {
    for (template, needle) in [
        ("#macro(m)x#end", "#macro is not supported"),
        ("#include(\"a\")", "#include is not supported"),
        ("#parse(\"a\")", "#parse is not supported"),
        ("#evaluate(\"a\")", "#evaluate is not supported"),
        ("#literal()x#end", "#literal is not supported"),
        ("#myDirective($x)", "unknown directive #myDirective"),
        ("#@blockMacro()x#end", "unknown directive #@blockMacro"),
        (
            "$util.toJson($x)",
            "$util.toJson is not an API Gateway function",
        ),
        ("$util", "$util offers only functions"),
        ("$input", "$input cannot be used alone"),
        ("$input.keySet()", "$input has no member 'keySet'"),
        ("$input.json('$.a', 1)", "takes one JSONPath argument"),
        ("$util.urlEncode()", "takes one argument"),
        ("$input.json('$.a[?(@.b)]')", "JSONPath"),
        ("$input.path('$.a[0:2]')", "JSONPath"),
        (
            "$s.replaceAll(\"(a)\\1\", \"\")",
            "back-references are not supported",
        ),
        ("$s.matches(\"a(?=b)\")", "look-ahead"),
        ("$s.replaceAll(\"a\", \"$2\")", "no group 2"),
        ("#set($input = 1)", "#set cannot assign to $input"),
        ("#foreach($util in [1])#end", "cannot rebind $util"),
        ("#set($a.b() = 1)", "cannot assign to a method call"),
        ("#if true#end", "#if needs a condition"),
        ("#foreach($i [1])#end", "needs 'in'"),
    ] {
        let e = parse_err(template);
        assert!(e.message.contains(needle), "{template:?}: {e}");
    }
}

#[test]
fn render_errors_where_java_throws() {
    let input = Input::default();
    for (template, needle) in [
        ("#set($l = [1])$l.get(5)", "IndexOutOfBoundsException"),
        ("#set($l = [1])$l[3]", "IndexOutOfBoundsException"),
        (
            "#set($s = \"abc\")$s.substring(2, 9)",
            "StringIndexOutOfBoundsException",
        ),
        (
            "#set($s = \"abc\")$s.contains($nothing)",
            "NullPointerException",
        ),
        ("$util.urlDecode(\"%zz\")", "urlDecode"),
        ("$util.base64Decode(\"***\")", "base64"),
        ("$util.parseJson(\"{\")", "parseJson"),
        (
            "#set($p = \"(a)\\1\")#set($s = \"a\")$s.matches($p)",
            "back-references",
        ),
        ("#set($r = [1..2000])$r.add(1)", "cannot be changed"),
    ] {
        let e = render_err(template, &input);
        assert!(e.message.contains(needle), "{template:?}: {e}");
    }
    let e = render_err(
        "{\n  \"a\": $input.path('$.a')\n}",
        &Input {
            body: "{oops".into(),
            ..Input::default()
        },
    );
    assert!(e.message.starts_with("Could not process payload"), "{e}");
    assert_eq!((e.line, e.column), (2, 8));
}

#[test]
fn non_json_bodies() {
    // Observed on API Gateway (ToQoz/api-gateway-mapping-template, test/_.md): a payload that
    // is not JSON is one string; an empty one is an empty object.
    assert_eq!(render_body("\"$input.path('$')\"", "a=b"), "\"a=b\"");
    assert_eq!(render_body("$input.json('$')", "a=b"), "\"a=b\"");
    assert_eq!(render_body("$input.json('$')", ""), "{}");
    assert_eq!(render_body("$input.body", ""), "{}");
    assert_eq!(
        render_body("$input.path('$.a')|", "a=b"),
        "$input.path('$.a')|"
    );
}

#[test]
fn define_blocks_as_serverless_style_templates_use_them() {
    // A block that prints the map in $map as JSON, reused for several maps (the pattern of the
    // Serverless Framework's default request template, which uses #define).
    let template = "#define( $loop )\n{\n  #foreach($k in $map.keySet())\n  \"$k\": \"$util.escapeJavaScript($map.get($k))\"#if($foreach.hasNext),#end\n  #end\n}\n#end\n{\n  #set( $map = $input.params().header )\n  \"headers\": $loop,\n  #set( $map = $input.params().querystring )\n  \"query\": $loop,\n  #set( $map = $stageVariables )\n  \"stageVariables\": $loop\n}";
    let mut input = common::params_input(&[], &[("q", "1"), ("r", "x\"y")], &[("Accept", "*/*")]);
    input.stage_variables.insert("env".into(), "dev".into());
    let out = common::render_in(template, &input);
    let parsed: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}:\n{out}"));
    assert_eq!(
        parsed,
        serde_json::json!({"headers": {"Accept": "*/*"}, "query": {"q": "1", "r": "x\"y"}, "stageVariables": {"env": "dev"}})
    );
}

#[test]
fn templates_can_be_shared_between_threads() {
    fn shared<T: Send + Sync + Clone>() {}
    shared::<oaskit_vtl::Template>();
    shared::<oaskit_vtl::Input>();
}
