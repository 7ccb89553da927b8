//! Velocity 1.7's whitespace rules, the ones API Gateway applies (its grammar, `Parser.jjt` at
//! the `1.7` tag of apache/velocity-engine, ends with: "The directives do not render trailing
//! whitespace and newlines if followed by a newline. They will render preceeding whitespace.
//! The only exception is #set, which also eats preceeding whitespace.").

mod common;

use common::render;

fn check(cases: &[(&str, &str)]) {
    for (template, expected) in cases {
        assert_eq!(render(template), *expected, "template: {template:?}");
    }
}

#[test]
fn the_example_of_the_grammar() {
    // Parser.jjt: "So, with a template : #set $foo="foo" / #if($foo) / \$foo = $foo / #end
    // it will render precisely : $foo = foo". (1.7 writes #set with parentheses.)
    assert_eq!(
        render("#set($foo=\"foo\")\n#if($foo)\n\\$foo = $foo\n#end\n"),
        "$foo = foo\n"
    );
}

#[test]
fn set_eats_the_whitespace_around_it() {
    check(&[
        ("#set($a = 1)\n$a", "1"),
        ("    #set($a = 1)\n$a", "1"),
        ("\t #set($a = 1) \t\n$a", "1"),
        // Before #set anywhere on a line; after it only up to a newline.
        ("x  #set($a = 1)  y", "x  y"),
        ("#set($a = 1)\n\n$a", "\n1"),
        ("$a  #set($a = 1)", "$a"),
        // Not across a comment.
        ("a  #* c *#  #set($x = 1)b", "a  b"),
    ]);
}

#[test]
fn block_directives_eat_their_line_end_but_keep_indentation() {
    check(&[
        ("#if(true)\nyes\n#end\n", "yes\n"),
        ("  #if(true)\n  yes\n  #end\nafter", "    yes\n  after"),
        ("#foreach($i in [1, 2])\n$i\n#end\n", "1\n2\n"),
        ("#if(false)\na\n#else\nb\n#end\n", "b\n"),
        ("#if(false)\na\n#elseif(true)\nb\n#end\n", "b\n"),
        ("#if(true) \t\nX#end", "X"),
        // Only when a newline follows.
        ("#if(true)  X#end", "  X"),
        ("#if(true)X#end  \nY", "XY"),
        ("#if(true)X#end  Y", "X  Y"),
        ("#{if}(true)\nX\n#{end}\n", "X\n"),
        ("#define($d)\nD\n#end\n$d", "D\n"),
        // \r\n and \r count as newlines.
        ("#if(true)\r\nyes\r\n#end\r\n", "yes\r\n"),
        ("#if(true)\ryes\r#end\rz", "yes\rz"),
        // #break and #stop without parentheses leave the newline.
        ("#foreach($i in [1])#break\n#end|", "|"),
        ("a\n#stop\nb", "a\n"),
    ]);
}

#[test]
fn comments() {
    check(&[
        ("a ## c\nb", "a b"),
        ("a\n## whole line\nb", "a\nb"),
        ("a #* c *#\nb", "a \nb"),
    ]);
}

#[test]
fn the_indented_json_of_a_typical_template() {
    let t = "{\n  \"items\": [\n    #foreach($i in [1, 2])\n    {\"n\": $i}#if($foreach.hasNext),#end\n\n    #end\n  ]\n}";
    assert_eq!(
        render(t),
        "{\n  \"items\": [\n        {\"n\": 1},\n        {\"n\": 2}\n      ]\n}"
    );
}
