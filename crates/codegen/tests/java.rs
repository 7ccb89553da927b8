//! The Java backend: the generated Maven projects of every spec of the corpus and the hostile
//! codegen cases compile with `javac -Xlint:all -Werror` through Maven; no spec text stands
//! outside a string literal or comment, and no backslash in them is one javac would read as a
//! Unicode escape; string literals and Javadoc read back exactly in Java; the projects checked
//! in under `generated/` match.
//!
//! The compile is one Maven run over all projects (an aggregator `pom.xml` listing each as a
//! module, `-T 2`), offline (`-o`) from the project-local repository
//! `.tools/maven/repository`, which `scripts/setup-tools` fills once with the pinned Jackson
//! and Maven plugins (`scripts/java`); Maven and a JDK 17+ come from `PATH`. A missing one
//! fails the test.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use common::{corpus, root, write};
use oaskit_codegen::java;

/// The local Maven repository the setup script fills.
fn repository() -> PathBuf {
    let repo = root().join(".tools/maven/repository");
    let jar = repo.join(format!(
        "com/fasterxml/jackson/core/jackson-databind/{v}/jackson-databind-{v}.jar",
        v = java::JACKSON_VERSION
    ));
    assert!(
        jar.is_file(),
        "Jackson {} is missing from {}: run scripts/setup-tools",
        java::JACKSON_VERSION,
        repo.display()
    );
    repo
}

/// The Jackson jars (databind, core, annotations, the `java.time` module) of the local
/// repository, as a class path: each the newest version there (databind's and jsr310's are
/// the pinned one, the others what they need).
fn jackson_classpath() -> String {
    let repo = repository().join("com/fasterxml/jackson");
    let mut jars = Vec::new();
    for artifact in [
        "core/jackson-databind",
        "core/jackson-core",
        "core/jackson-annotations",
        "datatype/jackson-datatype-jsr310",
    ] {
        let dir = repo.join(artifact);
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}: run scripts/setup-tools", dir.display()));
        let mut found: Vec<PathBuf> = entries
            .flatten()
            .flat_map(|v| std::fs::read_dir(v.path()).into_iter().flatten().flatten())
            .map(|f| f.path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == "jar")
                    && !p.to_string_lossy().ends_with("-sources.jar")
            })
            .collect();
        found.sort();
        let jar = found
            .pop()
            .unwrap_or_else(|| panic!("no {artifact} jar: run scripts/setup-tools"));
        jars.push(jar.display().to_string());
    }
    jars.join(":")
}

/// Runs `cmd`; the failure message holds its output.
fn run(mut cmd: Command, what: &str) -> Result<String, String> {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what} does not run (are Maven and a JDK 17+ on PATH?): {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if out.status.success() {
        Ok(text)
    } else {
        Err(format!(
            "{what} failed:\n{}",
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .take(80)
                .collect::<Vec<_>>()
                .join("\n")
        ))
    }
}

/// Generates the project of `spec` with the Java package `package`.
fn generate(spec: &Path, name: &str, package: &str) -> Vec<oaskit_codegen::GeneratedFile> {
    let loaded = oaskit_core::load_file(spec, &oaskit_core::LoadOptions::new().with_checks(false));
    let (api, _) = oaskit_codegen::build(loaded.document.as_ref().expect("document"));
    java::generate_package(&api, name, Some(package))
}

/// The aggregator `pom.xml` listing `modules`.
fn aggregator(modules: &[String]) -> String {
    let mut pom = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>oaskit.test</groupId>\n  <artifactId>all</artifactId>\n  <version>0.0.0</version>\n  <packaging>pom</packaging>\n  <modules>\n",
    );
    for m in modules {
        pom.push_str(&format!("    <module>{m}</module>\n"));
    }
    pom.push_str("  </modules>\n</project>\n");
    pom
}

/// `mvn -o -q -T 2 compile` over the aggregator in `dir`, warnings failing the compile.
fn maven_compile(dir: &Path) -> Result<String, String> {
    let mut cmd = Command::new("mvn");
    cmd.current_dir(dir)
        .args(["-B", "-o", "-q", "-T", "2", "compile"])
        .arg(format!("-Dmaven.repo.local={}", repository().display()))
        .arg("-Dmaven.compiler.failOnWarning=true")
        .env(
            "MAVEN_OPTS",
            "-Xss4m -XX:+UseSerialGC -XX:TieredStopAtLevel=1",
        );
    run(cmd, "mvn compile")
}

#[test]
fn generated_projects_compile_with_xlint_all_werror() {
    let started = Instant::now();
    let out_root = root().join("target/oaskit-generated/java");
    let _ = std::fs::remove_dir_all(&out_root);
    std::fs::create_dir_all(&out_root).expect("mkdir");
    let specs = corpus();
    assert!(
        specs.len() > 30,
        "the corpus is incomplete: {} specs",
        specs.len()
    );
    let mut names = Vec::new();
    let mut artifacts = std::collections::HashSet::new();
    for (i, spec) in specs.iter().enumerate() {
        // The folder tells the spec; the artifactId (from the name) only has to be unique.
        let name = common::package_name(spec);
        let files = generate(spec, &format!("sdk{i:03}"), "oaskit.test.sdk");
        let pom = &files
            .iter()
            .find(|f| f.path == "pom.xml")
            .expect("pom.xml")
            .contents;
        let artifact = pom
            .split("<artifactId>")
            .nth(1)
            .and_then(|s| s.split('<').next())
            .expect("artifactId");
        assert!(
            artifacts.insert(artifact.to_string()),
            "two corpus projects share the artifactId {artifact}"
        );
        let size: usize = files.iter().map(|f| f.contents.len()).sum();
        write(&files, &out_root.join(&name));
        names.push((size, name));
    }
    // Largest first: `-T 2` starts modules in the order listed, and GitHub's alone takes
    // most of the run, so the others compile beside it.
    names.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let names: Vec<String> = names.into_iter().map(|(_, n)| n).collect();
    std::fs::write(out_root.join("pom.xml"), aggregator(&names)).expect("pom.xml");
    let generated = started.elapsed();
    let result = maven_compile(&out_root);
    eprintln!(
        "java: {} projects generated in {:.1} s, compiled in {:.1} s",
        names.len(),
        generated.as_secs_f64(),
        (started.elapsed() - generated).as_secs_f64()
    );
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn the_pom_pins_what_setup_tools_downloads() {
    let files = common::generate(
        java::generate,
        &root().join("specs/petstore.yaml"),
        "petstore",
    );
    let pom = &files
        .iter()
        .find(|f| f.path == "pom.xml")
        .expect("pom.xml")
        .contents;
    let probe = std::fs::read_to_string(root().join("scripts/java/sdk/pom.xml")).expect("probe");
    for (what, version) in [
        ("jackson-databind", java::JACKSON_VERSION),
        ("jackson-datatype-jsr310", java::JACKSON_VERSION),
        ("maven-compiler-plugin", java::COMPILER_PLUGIN_VERSION),
        ("maven-resources-plugin", java::RESOURCES_PLUGIN_VERSION),
    ] {
        let pinned = format!("<artifactId>{what}</artifactId>\n      <version>{version}</version>");
        let pinned_plugin =
            format!("<artifactId>{what}</artifactId>\n        <version>{version}</version>");
        for (file, text) in [
            ("generated pom.xml", pom.as_str()),
            ("scripts/java", &probe),
        ] {
            assert!(
                text.contains(&pinned) || text.contains(&pinned_plugin),
                "{file} does not pin {what} {version}"
            );
        }
    }
    assert!(pom.contains("<groupId>petstore</groupId>"), "{pom}");
    assert!(pom.contains("<maven.compiler.release>17</maven.compiler.release>"));
    let files = generate(
        &root().join("specs/petstore.yaml"),
        "pet store",
        "com.example.pets",
    );
    assert!(files
        .iter()
        .any(|f| f.path == "src/main/java/com/example/pets/ApiClient.java"));
    let client = &files
        .iter()
        .find(|f| f.path.ends_with("/ApiClient.java"))
        .expect("client")
        .contents;
    assert!(client.contains("\npackage com.example.pets;\n"), "{client}");
    // Top-level names never differ only by case (class files on a case-insensitive file
    // system), and none is a java.lang name.
    let mut seen = std::collections::HashSet::new();
    for f in &files {
        if let Some(n) = f.path.strip_suffix(".java") {
            let class = n.rsplit('/').next().expect("name");
            assert!(seen.insert(class.to_ascii_lowercase()), "{class} twice");
            assert!(!java::JAVA_LANG.contains(&class), "{class} is in java.lang");
        }
    }
    assert!(seen.contains("error2"), "petstore's Error is not renamed");
}

/// Whether javac would read a Unicode escape in `src`: a backslash preceded by an even number
/// of backslashes and followed by `u`.
fn unicode_escape_at(src: &str) -> Option<usize> {
    let b = src.as_bytes();
    let mut run = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b'\\' {
            if run % 2 == 0 && b.get(i + 1) == Some(&b'u') {
                return Some(i);
            }
            run += 1;
        } else {
            run = 0;
        }
    }
    None
}

#[test]
fn spec_text_never_leaves_literals_or_comments() {
    common::assert_payloads_stay_in_literals(java::generate, ".java", |src| {
        common::code_only(src, "//")
    });
    for case in common::HOSTILE {
        let files = common::generate(
            java::generate,
            &common::shared().join("hostile").join(case),
            "hostile",
        );
        common::assert_nothing_hidden(&files, case);
        for f in files.iter().filter(|f| f.path.ends_with(".java")) {
            // The runtime files write `\\u` escapes of their own nowhere; a Unicode escape
            // anywhere is spec text javac would translate before reading comments and strings.
            if let Some(at) = unicode_escape_at(&f.contents) {
                let hidden = oaskit_codegen::names::is_hidden;
                let tail: String = f.contents[at..].chars().take(12).collect();
                // Escapes the string literal escaper wrote for hidden characters are fine:
                // they stand for a character that is not a line break, quote or backslash.
                let code = u32::from_str_radix(tail.get(2..6).unwrap_or(""), 16).ok();
                let ok = code
                    .and_then(char::from_u32)
                    .is_some_and(|c| hidden(c) && !matches!(c, '\n' | '\r' | '"' | '\\'))
                    || code.is_some_and(|c| (0xd800..0xe000).contains(&c));
                assert!(ok, "{case}: {} holds a Unicode escape: {tail:?}", f.path);
            }
        }
    }
}

/// Hostile texts for the escapers: every line break, quotes, comment ends, Javadoc tags, HTML,
/// Unicode escapes, hidden and astral characters.
const TEXTS: &[&str] = &[
    "",
    "plain",
    "a\"b\\c",
    "*/ class Injected {} /*",
    "line\nbreak\r\nand\rcr\u{2028}ls\u{2029}ps\u{85}nel\u{b}vt\u{c}ff",
    "\\u000a injected(); \\u002a/ \\u0022",
    "\\\\u000a two \\\\\\u000a three",
    "@deprecated @param x {@link Foo} {@code bar}",
    "<script>alert(1)</script> &amp; &lt;",
    "\u{0}nul\u{1b}[31mansi\u{7f}del",
    "\u{202e}rtl\u{2066}isolate\u{200b}zw\u{feff}bom",
    "astral \u{1f40d} tag \u{e0041}",
    "`backtick` ${x} {{ x }} {% x %}",
    "\t  indented code\n  - list\n1. numbered\n# heading\n[link]: http://x",
];

/// The escapers written as the plain composition of their rules (the model the one-pass
/// ones in `java/escape.rs` must match): visible text, white space collapsed, `&<>@\`
/// escaped, `*/` broken.
fn reference_javadoc(line: &str) -> String {
    line.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('@', "&#64;")
        .replace('\\', "&#92;")
        .replace("*/", "*&#47;")
}

fn reference_doc_comment(text: &str, tags: &[(&str, &str, &str)], indent: &str) -> String {
    use oaskit_codegen::names::{visible, visible_lines};
    let mut lines: Vec<String> = Vec::new();
    for line in visible_lines(text) {
        let line = line.trim();
        if line.is_empty() {
            if lines.last().is_some_and(|l| !l.is_empty()) {
                lines.push(String::new());
            }
            continue;
        }
        if lines.last().is_some_and(String::is_empty) {
            lines.pop();
            lines.push("<p>".into());
        }
        lines.push(reference_javadoc(line));
        if lines.len() >= 60 {
            break;
        }
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    if !tags.is_empty() && !lines.is_empty() {
        lines.push(String::new());
    }
    for (tag, name, t) in tags {
        let t = reference_javadoc(&visible(t).split_whitespace().collect::<Vec<_>>().join(" "));
        let parts: Vec<&str> = [*tag, *name, t.as_str()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect();
        lines.push(parts.join(" "));
    }
    if lines.is_empty() {
        return String::new();
    }
    let mut out = format!("{indent}/**\n");
    for l in &lines {
        if l.is_empty() {
            out.push_str(&format!("{indent} *\n"));
        } else {
            out.push_str(&format!("{indent} * {l}\n"));
        }
    }
    out + &format!("{indent} */\n")
}

#[test]
fn one_pass_javadoc_escapers_match_their_rules() {
    use oaskit_codegen::java::{doc_comment, doc_text};
    use oaskit_codegen::names::visible;
    let mut texts: Vec<String> = TEXTS.iter().map(|t| (*t).to_string()).collect();
    texts.extend(
        [
            "  lead and trail \t ",
            "a\u{a0}nbsp\u{3000}ideo\u{2003}em  two",
            "**/ */* /* *\u{200b}/ * /",
            "\r\n\r\n\n\ntext\n\n\n\nmore\r\rend\n\n",
            "\u{85}nel\u{2028}ls\u{1c}fs\u{1e}rs\u{b}vt",
            "caf\u{e9} \u{1f40d}/\u{e9}*/x",
        ]
        .map(String::from),
    );
    let many: String = (0..80).map(|i| format!("line {i}\n\n")).collect();
    texts.push(many);
    for t in &texts {
        let want = reference_javadoc(&visible(t).split_whitespace().collect::<Vec<_>>().join(" "));
        assert_eq!(doc_text(t), want, "doc_text({t:?})");
        for tags in [
            &[][..],
            &[("@param", "x", t.as_str()), ("@return", "", "")][..],
        ] {
            assert_eq!(
                doc_comment(Some(t), tags, "    "),
                reference_doc_comment(t, tags, "    "),
                "doc_comment({t:?}, {tags:?})"
            );
        }
    }
}

#[test]
fn java_string_literals_read_back_exactly_and_javadoc_stays_a_comment() {
    use oaskit_codegen::java::{comment_text, doc_comment, string_literal};
    let dir = root().join("target/oaskit-generated/java-escapers");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).expect("mkdir");
    let mut src = String::from("/** The texts, printed as hex. */\npublic final class Main {\n");
    src.push_str("    /** Not made. */\n    private Main() {\n    }\n\n    /** The texts. */\n    static final String[] TEXTS = {\n");
    for t in TEXTS {
        src.push_str(&format!("        {},\n", string_literal(t)));
    }
    src.push_str("    };\n");
    for (i, t) in TEXTS.iter().enumerate() {
        src.push_str(&format!(
            "\n{}    static final int T{i} = {i};\n    // {}\n",
            doc_comment(Some(t), &[("@see", "Main", t)], "    "),
            comment_text(t)
        ));
    }
    src.push_str(
        "\n    /**\n     * Prints the texts.\n     *\n     * @param args none\n     */\n    public static void main(String[] args) {\n        for (String t : TEXTS) {\n            StringBuilder b = new StringBuilder(\"[\");\n            for (byte x : t.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {\n                b.append(String.format(\"%02x\", x));\n            }\n            System.out.println(b.append(']'));\n        }\n    }\n}\n",
    );
    let file = dir.join("src/Main.java");
    std::fs::write(&file, &src).expect("write");
    let mut javac = Command::new("javac");
    javac
        .args([
            "-Xlint:all",
            "-Werror",
            "-Xdoclint:all",
            "-encoding",
            "UTF-8",
            "-d",
        ])
        .arg(dir.join("classes"))
        .arg(&file);
    run(javac, "javac").unwrap_or_else(|e| panic!("{e}\n{src}"));
    let mut java_cmd = Command::new("java");
    java_cmd.arg("-cp").arg(dir.join("classes")).arg("Main");
    let out = run(java_cmd, "java").unwrap_or_else(|e| panic!("{e}"));
    let got: Vec<&str> = out.lines().collect();
    let want: Vec<String> = TEXTS
        .iter()
        .map(|t| {
            format!(
                "[{}]",
                t.bytes().map(|b| format!("{b:02x}")).collect::<String>()
            )
        })
        .collect();
    assert_eq!(got, want, "the literals do not read back as their text");
    // The class holds exactly the fields written: no text became a declaration.
    let mut javap = Command::new("javap");
    javap
        .args(["-p", "-cp"])
        .arg(dir.join("classes"))
        .arg("Main");
    let members = run(javap, "javap").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        members.lines().filter(|l| l.contains(" int T")).count(),
        TEXTS.len(),
        "{members}"
    );
    assert!(
        !members.contains("Injected") && !members.contains("injected"),
        "{members}"
    );
}

#[test]
fn checked_in_projects_match_the_generator() {
    common::check_in_sync(java::generate, "java", &[]);
}

/// A definition with a union without discriminator, enums of strings and numbers, required
/// nullable, optional and optional nullable properties, dates and times, additional
/// properties beside properties, a multipart body with file parts, typed response headers,
/// and parameters of every location and several styles.
const SHAPES: &str = r#"openapi: 3.0.3
info: {title: Shapes, version: '1'}
paths:
  /items/{id}:
    get:
      operationId: getItem
      parameters:
        - {name: id, in: path, required: true, style: label, explode: true, schema: {type: array, items: {type: integer}}}
        - {name: tags, in: query, style: pipeDelimited, explode: false, schema: {type: array, items: {type: string}}}
        - {name: filter, in: query, style: deepObject, explode: true, schema: {type: object, properties: {a: {type: string}}}}
        - {name: X-Req, in: header, schema: {type: string}}
        - {name: sess, in: cookie, schema: {type: string}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Shape'}}}}
  /uploads:
    post:
      operationId: upload
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [file]
              properties:
                file: {type: string, format: binary}
                'a"b': {type: string, format: binary}
                note: {type: string}
                meta: {type: object, properties: {a: {type: integer}}}
      responses:
        '201':
          description: stored
          headers:
            X-Rate-Remaining: {required: true, schema: {type: integer}}
            X-Tags: {schema: {type: array, items: {type: integer}}}
            X-When: {schema: {type: string, format: date-time}}
            status: {schema: {type: string}}
          content: {application/json: {schema: {$ref: '#/components/schemas/Stored'}}}
components:
  schemas:
    Stored:
      type: object
      required: [id]
      properties:
        id: {type: string}
        day: {type: string, format: date}
        at: {type: string, format: date-time}
        gone: {type: string, nullable: true}
      additionalProperties: {type: integer}
    Shape:
      oneOf: [{$ref: '#/components/schemas/Circle'}, {$ref: '#/components/schemas/Square'}, {type: string}]
    Circle: {type: object, required: [radius], properties: {radius: {type: number}}}
    Square: {type: object, required: [side], properties: {side: {type: integer}, note: {type: string, nullable: true}}}
    Holder:
      type: object
      required: [must]
      properties:
        must: {type: string, nullable: true}
        maybe: {type: string}
        color: {$ref: '#/components/schemas/Color'}
        level: {$ref: '#/components/schemas/Level'}
    Color: {type: string, enum: [red, green]}
    Level: {type: integer, enum: [1, 2, 3]}
"#;

/// Checks run inside the generated package (so they reach the package-private `ApiCall`).
const SHAPES_CHECK: &str = r#"package shapes;

import java.util.List;

/** Checks of the generated code's JSON and parameters. */
public final class Check {
    private Check() {
    }

    private static void same(Object got, Object want, String what) {
        if (!java.util.Objects.equals(got, want)) {
            throw new AssertionError(what + ": got " + got + ", want " + want);
        }
    }

    /**
     * Runs the checks.
     *
     * @param args none
     * @throws Exception when one fails
     */
    public static void main(String[] args) throws Exception {
        var m = ApiJson.MAPPER;
        // A union without discriminator: the first variant that reads the value strictly.
        same(m.readValue("{\"side\": 3}", Shape.class), new Shape.SquareValue(new Square(3L, null)), "square");
        same(m.readValue("{\"radius\": 1.5}", Shape.class), new Shape.CircleValue(new Circle(1.5)), "circle");
        same(m.readValue("\"hi\"", Shape.class), new Shape.StringValue("hi"), "string");
        // A value no variant reads, even loosely: Unknown, the JSON as it arrived, written back.
        Shape odd = m.readValue("[1, {\"a\": true}]", Shape.class);
        same(odd instanceof Shape.Unknown u && u.value().equals(m.readTree("[1, {\"a\": true}]")), true, "no variant reads an array: " + odd);
        same(m.writeValueAsString(odd), "[1,{\"a\":true}]", "Unknown written back as it arrived");
        same(m.writeValueAsString(new Shape.SquareValue(new Square(2L, ApiNullable.of("n")))), "{\"side\":2,\"note\":\"n\"}", "union written as its variant");
        // Optional nullable properties: absent, null and a value told apart both ways.
        same(m.readValue("{\"side\": 3, \"note\": null}", Square.class).note(), ApiNullable.ofNull(), "null read");
        same(m.readValue("{\"side\": 3}", Square.class).note().isAbsent(), true, "absent read");
        same(m.writeValueAsString(new Square(1L, ApiNullable.ofNull())), "{\"side\":1,\"note\":null}", "null written");
        same(m.writeValueAsString(new Square(1L, ApiNullable.absent())), "{\"side\":1}", "absent left out");
        same(m.writeValueAsString(new Square(1L, null)), "{\"side\":1}", "a null argument is absent");
        // Dates and times are java.time, offsets kept; additional properties are kept.
        Stored st = m.readValue("{\"id\":\"a\",\"day\":\"2024-02-29\",\"at\":\"2024-01-01T10:00:00.5+02:00\",\"gone\":null,\"x\":1,\"y\":2}", Stored.class);
        same(st.day(), java.time.LocalDate.of(2024, 2, 29), "date");
        same(st.at(), java.time.OffsetDateTime.of(2024, 1, 1, 10, 0, 0, 500_000_000, java.time.ZoneOffset.ofHours(2)), "date-time");
        same(st.gone().isNull(), true, "gone");
        same(new java.util.TreeMap<>(st.additionalProperties()), new java.util.TreeMap<>(java.util.Map.of("x", 1L, "y", 2L)), "additional properties read");
        same(m.readTree(m.writeValueAsString(st)), m.readTree("{\"id\":\"a\",\"day\":\"2024-02-29\",\"at\":\"2024-01-01T10:00:00.5+02:00\",\"gone\":null,\"x\":1,\"y\":2}"), "stored written back");
        same(m.readValue("{\"id\":\"b\"}", Stored.class), new Stored("b", null, null, null, null), "no additional properties");
        same(m.readValue("{\"id\":\"b\"}", Stored.class).additionalProperties(), java.util.Map.of(), "none is empty");
        // Multipart: binary properties are file parts, names quoted, objects JSON parts.
        byte[] bin = {0, (byte) 0xff, '\r', '\n', '-', '-'};
        ApiCall.Built up = UploadRequest2.builder()
                .body(new UploadRequest(bin, "x".getBytes(java.nio.charset.StandardCharsets.UTF_8), "hi", new UploadRequestMeta(5L)))
                .build().call().build(ApiClient.builder().build());
        String boundary = up.contentType().substring("multipart/form-data; boundary=".length());
        same(up.contentType().startsWith("multipart/form-data; boundary=oaskit-"), true, "multipart content type");
        java.io.ByteArrayOutputStream want = new java.io.ByteArrayOutputStream();
        want.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        want.writeBytes(bin);
        want.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"a%22b\"; filename=\"a%22b\"\r\nContent-Type: application/octet-stream\r\n\r\nx\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"a\":5}\r\n"
                + "--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        same(java.util.Arrays.equals(up.body(), want.toByteArray()), true, "multipart body:\n" + new String(up.body(), java.nio.charset.StandardCharsets.ISO_8859_1));
        ApiCall.Multipart mp = new ApiCall.Multipart();
        mp.file("f\r\n", "x\".bin", "text/plain", "--oaskit-".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String mpBody = new String(mp.finish(), java.nio.charset.StandardCharsets.UTF_8);
        same(mpBody.contains("name=\"f%0D%0A\"; filename=\"x%22.bin\"\r\nContent-Type: text/plain\r\n"), true, "escaped names: " + mpBody);
        // Response headers are typed components of the status's record.
        java.net.http.HttpHeaders hs = java.net.http.HttpHeaders.of(java.util.Map.of(
                "x-rate-remaining", List.of("41"),
                "x-tags", List.of("1, 2", "3"),
                "x-when", List.of("2024-01-01T10:00:00Z"),
                "status", List.of("fine")), (a, b) -> true);
        UploadResponse res = UploadRequest2.decode(new ApiCall.Raw(201, hs, "{\"id\":\"z\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        if (!(res instanceof UploadResponse.Status201 ok)) {
            throw new AssertionError("not a 201: " + res);
        }
        same(ok.xRateRemaining(), 41L, "integer header");
        same(ok.xTags(), List.of(1L, 2L, 3L), "array header");
        same(ok.xWhen(), java.time.OffsetDateTime.of(2024, 1, 1, 10, 0, 0, 0, java.time.ZoneOffset.UTC), "date-time header");
        same(ok.status2(), "fine", "a header named status");
        same(ok.body().id(), "z", "body");
        UploadResponse bare = UploadRequest2.decode(new ApiCall.Raw(201, java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true), new byte[0]));
        same(((UploadResponse.Status201) bare).xTags(), null, "absent header");
        try {
            UploadRequest2.decode(new ApiCall.Raw(201, java.net.http.HttpHeaders.of(java.util.Map.of("x-rate-remaining", List.of("many")), (a, b) -> true), new byte[0]));
            throw new AssertionError("a bad integer header was read");
        } catch (ApiException expected) {
            same(expected.status(), 201, "bad header status");
        }
        // Required nullable properties are written as null, optional ones left out.
        same(m.writeValueAsString(new Holder(null, null, Color.RED, Level.N2)), "{\"must\":null,\"color\":\"red\",\"level\":2}", "holder");
        Holder h = m.readValue("{\"must\":\"x\",\"color\":\"blue\",\"level\":9}", Holder.class);
        same(h.color(), Color.UNKNOWN, "unknown string enum value");
        same(h.level(), Level.UNKNOWN, "unknown number enum value");
        same(m.readValue("{\"must\":\"x\",\"color\":\"green\",\"level\":3}", Holder.class), new Holder("x", null, Color.GREEN, Level.N3), "known values");
        // Parameters: label/explode path arrays, pipe-delimited and deepObject queries,
        // headers and cookies.
        GetItemRequest r = GetItemRequest.builder()
                .id(List.of(1L, 2L))
                .tags(List.of("a b", "c"))
                .filter(new GetItemFilter("x&y"))
                .xReq("h1")
                .sess("s 1")
                .build();
        ApiCall.Built b = r.call().build(ApiClient.builder().build());
        same(b.target(), "/items/.1.2?tags=a%20b%7Cc&filter%5Ba%5D=x%26y", "target");
        same(b.headers(), List.of("X-Req", "h1", "Cookie", "sess=s%201"), "headers");
        same(GetItemRequest.builder().id(List.of(5L)).build().call().build(ApiClient.builder().build()).target(), "/items/.5", "optional parameters left out");
        System.out.println("ok");
    }
}
"#;

#[test]
fn generated_code_reads_writes_and_serializes_as_documented() {
    let loaded = oaskit_core::load_str("shapes.yaml", SHAPES, &oaskit_core::LoadOptions::new());
    let (api, _) = oaskit_codegen::build(loaded.document.as_ref().expect("document"));
    let files = java::generate(&api, "shapes");
    let dir = root().join("target/oaskit-generated/java-shapes");
    write(&files, &dir);
    let src = dir.join("src/main/java/shapes");
    std::fs::write(src.join("Check.java"), SHAPES_CHECK).expect("write");
    let sources: Vec<PathBuf> = std::fs::read_dir(&src)
        .expect("sources")
        .flatten()
        .map(|e| e.path())
        .collect();
    let cp = jackson_classpath();
    let mut javac = Command::new("javac");
    javac
        .args([
            "-Xlint:all",
            "-Werror",
            "--release",
            "17",
            "-encoding",
            "UTF-8",
        ])
        .arg("-cp")
        .arg(&cp)
        .arg("-d")
        .arg(dir.join("classes"))
        .args(&sources);
    run(javac, "javac").unwrap_or_else(|e| panic!("{e}"));
    let mut java_cmd = Command::new("java");
    java_cmd
        .arg("-cp")
        .arg(format!("{}:{cp}", dir.join("classes").display()))
        .arg("shapes.Check");
    let out = run(java_cmd, "java").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.trim(), "ok", "{out}");
}

/// An object of more properties than a record constructor can take (255 parameters) is a
/// `Map<String, Object>` wherever it is used, and has no file.
#[test]
fn objects_too_wide_for_a_record_are_maps() {
    let mut spec = String::from(
        "openapi: 3.0.3\ninfo: {title: Wide, version: '1'}\npaths:\n  /w:\n    get:\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Wide'}}}}\ncomponents:\n  schemas:\n    Wide:\n      type: object\n      properties:\n",
    );
    for i in 0..260 {
        spec.push_str(&format!("        p{i}: {{type: integer}}\n"));
    }
    let loaded = oaskit_core::load_str("wide.yaml", &spec, &oaskit_core::LoadOptions::new());
    let (api, _) = oaskit_codegen::build(loaded.document.as_ref().expect("document"));
    let files = java::generate(&api, "wide");
    assert!(!files.iter().any(|f| f.path.ends_with("/Wide.java")));
    let response = &files
        .iter()
        .find(|f| f.path.ends_with("Response.java"))
        .expect("a response")
        .contents;
    assert!(response.contains("Map<String, Object> body"), "{response}");
}

/// A definition with one listing per paging style: a recognized cursor, a next-link declared
/// by `x-ms-pageable` on a `2XX` page beside an exact `201`, a `Link` header over an array of
/// date-times, and page and offset parameters declared by `x-pagination`.
const PAGING_SPEC: &str = r#"openapi: 3.1.0
info: {title: Paging, version: 1.0.0}
servers: [{url: 'https://api.example.com/v1'}]
paths:
  /cursor:
    get:
      operationId: byCursor
      parameters:
        - {name: page_token, in: query, schema: {type: string}}
      responses:
        '200':
          description: A page
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {$ref: '#/components/schemas/Thing'}}
                  next_page_token: {type: string}
  /url:
    get:
      operationId: byUrl
      x-ms-pageable: {nextLinkName: nextLink, itemName: value}
      responses:
        '201': {description: Created}
        '2XX':
          description: A page
          content:
            application/json:
              schema:
                type: object
                properties:
                  value: {type: array, items: {$ref: '#/components/schemas/Thing'}}
                  nextLink: {type: [string, 'null']}
  /link:
    get:
      operationId: byLink
      responses:
        '200':
          description: A page
          headers:
            Link: {schema: {type: string}}
          content:
            application/json:
              schema: {type: array, items: {type: string, format: date-time}}
  /page:
    get:
      operationId: byPage
      x-pagination:
        type: offsetLimit
        inputs: [{name: p, in: parameters, type: page}]
        outputs: {results: $.items}
      parameters:
        - {name: p, in: query, schema: {type: integer, default: 3}}
      responses:
        '200':
          description: A page
          content:
            application/json:
              schema:
                type: object
                properties:
                  items: {type: array, items: {$ref: '#/components/schemas/Thing'}}
  /offset:
    get:
      operationId: byOffset
      x-pagination:
        type: offsetLimit
        inputs: [{name: skip, in: parameters, type: offset}]
      parameters:
        - {name: skip, in: query, schema: {type: integer}}
      responses:
        '200':
          description: A page
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Thing'}}
components:
  schemas:
    Thing:
      type: object
      properties:
        id: {type: integer}
"#;

#[test]
fn every_paging_style_has_pages_that_compile_with_xlint_all_werror() {
    let dir = root().join("target/oaskit-generated/java-paging");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    let spec = dir.join("paging.yaml");
    std::fs::write(&spec, PAGING_SPEC).expect("spec");
    let files = generate(&spec, "paging", "com.example.paging");
    let client = &files
        .iter()
        .find(|f| f.path.ends_with("/ApiClient.java"))
        .expect("ApiClient.java")
        .contents;
    for want in [
        "public ApiPages<ByCursorResponse.Status200, Thing> byCursorPages(ByCursorRequest request)",
        "ApiPages.Style.CURSOR, \"page_token\", List.of(\"data\"), List.of(\"next_page_token\"), 0L)",
        "public ApiPages<ByUrlResponse.Status2XX, Thing> byUrlPages()",
        "ApiPages.Style.NEXT_URL, null, List.of(\"value\"), List.of(\"nextLink\"), 0L)",
        "() -> new ByUrlRequest().call()",
        "public ApiPages<ByLinkResponse.Status200, OffsetDateTime> byLinkPages()",
        "import java.time.OffsetDateTime;",
        "ApiPages.Style.PAGE, \"p\", List.of(\"items\"), List.of(), 3L)",
        "ApiPages.Style.OFFSET, \"skip\", List.of(), List.of(), 0L)",
        "Declared by the definition: extension {@code x-ms-pageable}.",
    ] {
        assert!(client.contains(want), "{want} is not in:\n{client}");
    }
    let src = dir.join("src");
    write(&files, &src);
    let mut sources = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read").flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "java") {
                sources.push(p);
            }
        }
    }
    let mut javac = Command::new("javac");
    javac
        .args([
            "-Xlint:all",
            "-Werror",
            "--release",
            "17",
            "-encoding",
            "UTF-8",
            "-cp",
        ])
        .arg(jackson_classpath())
        .arg("-d")
        .arg(dir.join("classes"))
        .args(&sources);
    run(javac, "javac").unwrap_or_else(|e| panic!("{e}"));
    // Without a paginated operation there are no pages classes.
    let petstore = generate(
        &root().join("specs/petstore.yaml"),
        "petstore",
        "com.example.petstore",
    );
    assert!(!petstore.iter().any(|f| f.path.contains("ApiPages")));
}
