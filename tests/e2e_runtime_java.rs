//! End-to-end: the listing pages of the checked-in Java SDK of `specs/runtime.yaml`
//! (`generated/runtime/java`) against the scripted server (`tests/e2e/scripted.rs`): cursor pages
//! (`listItemsPages`) and `Link` header pages (`listEventsPages`) walked to the end as an
//! `Iterable` and as a `Stream` of items, a page requested only when the iteration needs it, a
//! repeated cursor, a failing page, relative and oddly written `Link` headers, and next links
//! on other origins refused before any request goes there; a query API key that next links
//! carry sent once per page; typed response headers (`Long`, `Boolean`, `List<Long>`) and the
//! `ApiException` of a malformed one. The driver is the Java program
//! below; it puts an in-process proxy (`com.sun.net.httpserver`) before the scripted server to
//! record requests and rewrite answers. It and the SDK are compiled by one
//! `javac -Xlint:all -Werror` run against the Jackson jars of `.tools/maven/repository`.

#[path = "e2e/scripted.rs"]
mod scripted;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The driver: `java RuntimePaging BASE_URL PORT`; prints one `ok:` line per check and
/// `ok: N checks`.
const DRIVER: &str = r#"import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import runtime.ApiClient;
import runtime.ApiException;
import runtime.ApiJson;
import runtime.ApiPaginationException;
import runtime.GetHeadersMalformed;
import runtime.GetHeadersRequest;
import runtime.GetHeadersResponse;
import runtime.Item;
import runtime.ListKeyedEventsRequest;
import runtime.ListNumberedRequest;
import runtime.GetDrawingRequest;
import runtime.GetDrawingResponse;
import runtime.GetDrawingVariant;
import runtime.Label;
import runtime.Shape;
import runtime.ApiJson;
import runtime.ListEventsRequest;
import runtime.ListEventsResponse;
import runtime.ListItemsRequest;
import runtime.ListItemsResponse;

public final class RuntimePaging {
    private static int checks;
    /** The requests the proxy saw: path and query, and the Authorization header. */
    static final List<String[]> SENT = Collections.synchronizedList(new ArrayList<>());
    /** How the proxy changes an answer: (request target, status, Link, body) -> same. */
    static volatile UnaryOperator<Answer> rewrite = UnaryOperator.identity();

    record Answer(String target, int status, String link, byte[] body) {
    }

    private RuntimePaging() {
    }

    static void ok(String what) {
        checks++;
        System.out.println("ok: " + what);
    }

    static void check(boolean cond, String what) {
        if (!cond) {
            throw new AssertionError(what);
        }
    }

    static List<Long> upTo(long n) {
        return LongStream.rangeClosed(1, n).boxed().collect(Collectors.toList());
    }

    static List<Long> ids(Iterable<Item> items) {
        List<Long> out = new ArrayList<>();
        items.forEach(i -> out.add(i.id()));
        return out;
    }

    static void reset(UnaryOperator<Answer> r) {
        SENT.clear();
        rewrite = r;
    }

    public static void main(String[] args) throws Exception {
        String upstream = args[0];
        int port = Integer.parseInt(args[1]);
        HttpClient http = HttpClient.newHttpClient();
        HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", ex -> {
            String target = ex.getRequestURI().getRawPath() + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            SENT.add(new String[] {target, auth});
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upstream.replaceAll("/v1$", "") + target));
            if (auth != null) {
                b.header("Authorization", auth);
            }
            try {
                HttpResponse<byte[]> res = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                Answer a = rewrite.apply(new Answer(target, res.statusCode(), res.headers().firstValue("Link").orElse(null), res.body()));
                ex.getResponseHeaders().set("Content-Type", "application/json");
                if (a.link() != null) {
                    ex.getResponseHeaders().set("Link", a.link());
                }
                ex.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(a.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        proxy.start();
        String base = "http://127.0.0.1:" + proxy.getAddress().getPort() + "/v1";
        try {
            run(base, port);
        } finally {
            proxy.stop(0);
        }
        System.out.println("ok: " + checks + " checks");
    }

    static void run(String base, int port) throws Exception {
        ApiClient c = ApiClient.builder().baseUrl(base).bearerToken("page-token").build();

        reset(UnaryOperator.identity());
        List<Long> got = c.listItemsPages(ListItemsRequest.builder().build()).items().map(Item::id).collect(Collectors.toList());
        check(got.equals(upTo(25)) && SENT.size() == 3, "cursor items " + got + " " + SENT.size());
        check(SENT.stream().allMatch(s -> "Bearer page-token".equals(s[1])), "credentials");
        ok("listItemsPages(...).items() streams ids 1..25 over 3 pages, credentials on every page");

        reset(UnaryOperator.identity());
        got = c.listItemsPages(ListItemsRequest.builder().limit(7L).build()).items().map(Item::id).collect(Collectors.toList());
        List<String> targets = SENT.stream().map(s -> s[0]).collect(Collectors.toList());
        check(got.equals(upTo(25)) && targets.equals(List.of("/v1/items?limit=7", "/v1/items?cursor=c7&limit=7", "/v1/items?cursor=c14&limit=7", "/v1/items?cursor=c21&limit=7")), "limit " + targets);
        ok("the request goes out on every page, the cursor beside its parameters");

        List<Integer> sizes = new ArrayList<>();
        for (ListItemsResponse.Status200 page : c.listItemsPages(ListItemsRequest.builder().limit(10L).build())) {
            check(page.status() == 200, "status");
            sizes.add(page.body().items().size());
        }
        check(sizes.equals(List.of(10, 10, 5)), "pages " + sizes);
        ok("iterating yields each page's response record");

        reset(UnaryOperator.identity());
        Iterator<Item> each = c.listItemsPages(ListItemsRequest.builder().build()).items().iterator();
        for (int i = 0; i < 3; i++) {
            each.next();
        }
        check(SENT.size() == 1, "lazy " + SENT.size());
        ok("a page is requested only when the iteration needs it");

        reset(a -> {
            try {
                ObjectNode body = (ObjectNode) ApiJson.MAPPER.readTree(a.body());
                body.put("next_cursor", "c10");
                return new Answer(a.target(), a.status(), a.link(), ApiJson.MAPPER.writeValueAsBytes(body));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        got = c.listItemsPages(ListItemsRequest.builder().build()).items().map(Item::id).collect(Collectors.toList());
        check(got.equals(upTo(20)) && SENT.size() == 2, "repeated cursor " + got + " " + SENT.size());
        ok("a repeated cursor ends the listing");

        reset(a -> a.target().contains("cursor=") ? new Answer(a.target(), 500, null, "{\"title\": \"down\"}".getBytes(StandardCharsets.UTF_8)) : a);
        List<Long> before = new ArrayList<>();
        try {
            c.listItemsPages(ListItemsRequest.builder().build()).items().forEach(i -> before.add(i.id()));
            throw new AssertionError("no ApiPaginationException");
        } catch (ApiPaginationException e) {
            check(e.getCause() instanceof ApiException api && api.status() == 500 && api.bodyText().contains("down") && e.url() == null && e.getMessage().contains("page 2"), "failing page " + e);
        }
        check(before.equals(upTo(10)), "before the failure " + before);
        ok("a failing page throws ApiPaginationException (cause: the ApiException), after the earlier items");

        reset(a -> a.link() == null ? a : new Answer(a.target(), a.status(), a.link().replace(":" + port + "/", ":" + base.split(":")[2].split("/")[0] + "/"), a.body()));
        got = c.listEventsPages(ListEventsRequest.builder().perPage(7L).build()).items().map(Item::id).collect(Collectors.toList());
        check(got.equals(upTo(25)) && SENT.size() == 4 && SENT.get(3)[0].contains("page=4&per_page=7"), "Link " + got + " " + SENT.size());
        check(SENT.stream().allMatch(s -> "Bearer page-token".equals(s[1])), "credentials");
        sizes.clear();
        for (ListEventsResponse.Status200 page : c.listEventsPages(ListEventsRequest.builder().perPage(10L).build())) {
            sizes.add(page.body().size());
        }
        check(sizes.equals(List.of(10, 10, 5)), "Link pages " + sizes);
        ok("listEventsPages follows the Link header: 25 items over 4 pages, credentials on every page");

        // An API key in the query that each next link carries is not added again: the server
        // answers 400 to a request with it twice.
        // (The Link rewrite to the proxy's port stays.)
        SENT.clear();
        ApiClient keyed = ApiClient.builder().baseUrl(base).apiKey("apiKey", "k3y").build();
        got = keyed.listKeyedEventsPages(ListKeyedEventsRequest.builder().perPage(7L).build()).items().map(Item::id).collect(Collectors.toList());
        check(got.equals(upTo(25)) && SENT.size() == 4, "keyed Link " + got + " " + SENT.size());
        check(SENT.stream().allMatch(s -> s[0].split("api_key=", -1).length == 2), "api_key once " + SENT.stream().map(s -> s[0]).collect(Collectors.toList()));
        ok("a next link carrying the query API key gets it once");

        // Typed headers, straight from the server (the proxy passes only Link on).
        ApiClient direct = ApiClient.builder().baseUrl("http://127.0.0.1:" + port + "/v1").build();
        GetHeadersResponse typed = direct.getHeaders(GetHeadersRequest.builder().build());
        check(typed instanceof GetHeadersResponse.Status200 h && h.xCount() == 42L && Boolean.TRUE.equals(h.xFlag()) && h.xIds().equals(List.of(3L, 5L, 8L)), "typed headers " + typed);
        for (GetHeadersMalformed bad : List.of(GetHeadersMalformed.COUNT, GetHeadersMalformed.FLAG, GetHeadersMalformed.IDS)) {
            try {
                direct.getHeaders(GetHeadersRequest.builder().malformed(bad).build());
                throw new AssertionError("a malformed header read: " + bad);
            } catch (ApiException e) {
                check(e.status() == 200 && e.getCause() != null, "malformed " + bad + ": " + e);
            }
        }
        ok("typed headers arrive converted (Long, Boolean, List<Long>); a malformed one throws ApiException");

        // Page numbers: walked to the empty page after the last; a server that ignores the page
        // number (stuck) ends the listing at its second answer, the first page again, which is
        // not returned twice (the server counts the requests).
        got = direct.listNumberedPages(ListNumberedRequest.builder().build()).items().map(Item::id).collect(Collectors.toList());
        check(got.equals(upTo(12)), "numbered " + got);
        got = direct.listNumberedPages(ListNumberedRequest.builder().stuck(true).build()).items().map(Item::id).collect(Collectors.toList());
        check(got.equals(upTo(5)), "stuck " + got);
        ok("page numbers walked to the end; a server ignoring the page number stops the listing");

        // A discriminator tag the definition does not list decodes to Shape.Unknown (the JSON as
        // it arrived), not to a variant that happens to read it; the listed ones as before.
        GetDrawingResponse drawn = direct.getDrawing(GetDrawingRequest.builder().variant(GetDrawingVariant.UNKNOWN_SHAPE).build());
        check(drawn instanceof GetDrawingResponse.Status200 d
                && d.body().shapes().get(0) instanceof Shape.CircleValue
                && d.body().shapes().get(1) instanceof Shape.Unknown u
                && "triangle".equals(u.value().get("kind").asText())
                && ApiJson.MAPPER.writeValueAsString(u).contains("\"triangle\""), "unknown shape " + drawn);
        ok("an unknown discriminator tag decodes to Shape.Unknown with the raw JSON, written back as is");

        // A union without a discriminator (a string or an integer): a value that no variant
        // reads decodes to Label.Unknown (the JSON as it arrived), written back as is. The
        // second try keeps Jackson's scalar coercions, as for any string property: the
        // drawing's `true` reads as the string "true"; the proxy makes it an object, which no
        // variant reads.
        GetDrawingRequest oddLabel = GetDrawingRequest.builder().variant(GetDrawingVariant.ODD_LABEL).build();
        GetDrawingResponse coerced = direct.getDrawing(oddLabel);
        check(coerced instanceof GetDrawingResponse.Status200 d
                && d.body().label() instanceof Label.StringValue s
                && "true".equals(s.value()), "coerced label " + coerced);
        reset(a -> {
            try {
                ObjectNode body = (ObjectNode) ApiJson.MAPPER.readTree(a.body());
                body.putObject("label").put("text", "x");
                return new Answer(a.target(), a.status(), a.link(), ApiJson.MAPPER.writeValueAsBytes(body));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        GetDrawingResponse odd = c.getDrawing(oddLabel);
        check(odd instanceof GetDrawingResponse.Status200 d
                && d.body().label() instanceof Label.Unknown u
                && "x".equals(u.value().get("text").asText())
                && ApiJson.MAPPER.writeValueAsString(u).equals("{\"text\":\"x\"}"), "odd label " + odd);
        reset(UnaryOperator.identity());
        ok("a value no variant of an untagged union reads decodes to Label.Unknown with the raw JSON");

        Pattern next = Pattern.compile("<([^>]*)>; rel=\"next\"");
        reset(a -> {
            if (a.link() == null) {
                return a;
            }
            Matcher m = next.matcher(a.link());
            check(m.find(), "a next link");
            URI u = URI.create(m.group(1));
            String messy = "<" + base + "/events?page=1>; rel=\"first\"; title=\"a, <b>; c\", <events?" + u.getRawQuery() + "> ; TITLE = x ; REL = \"prefetch Next\"";
            return new Answer(a.target(), a.status(), messy, a.body());
        });
        got = c.listEventsPages(ListEventsRequest.builder().perPage(7L).build()).items().map(Item::id).collect(Collectors.toList());
        check(got.equals(upTo(25)) && SENT.size() == 4, "messy " + got + " " + SENT.size());
        ok("relative and oddly written Link headers are followed");

        for (String foreign : List.of("http://evil.example/v1/events?page=2&per_page=7", "http://127.0.0.1:" + (port + 1) + "/v1/events?page=2", "https://127.0.0.1/v1/events")) {
            reset(a -> a.link() == null ? a : new Answer(a.target(), a.status(), "<" + foreign + ">; rel=\"next\"", a.body()));
            List<Long> seen = new ArrayList<>();
            try {
                c.listEventsPages(ListEventsRequest.builder().perPage(7L).build()).items().forEach(i -> seen.add(i.id()));
                throw new AssertionError("no ApiPaginationException");
            } catch (ApiPaginationException e) {
                check(foreign.equals(e.url()) && e.getMessage().contains("origin"), "foreign " + e);
            }
            check(seen.equals(upTo(7)) && SENT.size() == 1, "foreign " + seen + " " + SENT.size());
        }
        ok("a next link on another origin (host, port or scheme) throws ApiPaginationException, nothing sent there");
    }
}
"#;

/// The jar of `artifact` (a folder of the local repository under `com/fasterxml/jackson`) in
/// its newest version there.
fn jar(repo: &Path, artifact: &str) -> PathBuf {
    let dir = repo.join("com/fasterxml/jackson").join(artifact);
    let mut jars: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}: run scripts/setup-tools", dir.display()))
        .flatten()
        .flat_map(|v| std::fs::read_dir(v.path()).into_iter().flatten().flatten())
        .map(|f| f.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "jar")
                && !p.to_string_lossy().ends_with("-sources.jar")
        })
        .collect();
    jars.sort();
    jars.pop()
        .unwrap_or_else(|| panic!("no {artifact} jar in {}", dir.display()))
}

#[test]
fn java_pages_against_the_scripted_server() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let repo = root.join(".tools/maven/repository");
    let databind = repo.join(format!(
        "com/fasterxml/jackson/core/jackson-databind/{v}/jackson-databind-{v}.jar",
        v = oaskit_codegen::java::JACKSON_VERSION
    ));
    assert!(
        databind.is_file(),
        "{} is missing: run scripts/setup-tools",
        databind.display()
    );
    let jars: Vec<String> = [
        databind,
        jar(&repo, "core/jackson-core"),
        jar(&repo, "core/jackson-annotations"),
        jar(&repo, "datatype/jackson-datatype-jsr310"),
    ]
    .iter()
    .map(|j| j.display().to_string())
    .collect();
    let out = root.join("target/e2e/runtime-java");
    let classes = out.join("classes");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&classes).expect("mkdir");
    let driver = out.join("RuntimePaging.java");
    std::fs::write(&driver, DRIVER).expect("driver");
    let mut sources = vec![driver];
    let mut stack = vec![root.join("generated/runtime/java/src/main/java")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)
            .expect("the checked-in SDK")
            .flatten()
        {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "java") {
                sources.push(p);
            }
        }
    }
    let status = Command::new("javac")
        .args([
            "-Xlint:all",
            "-Werror",
            "--release",
            "17",
            "-encoding",
            "UTF-8",
        ])
        .arg("-cp")
        .arg(jars.join(":"))
        .arg("-d")
        .arg(&classes)
        .args(&sources)
        .status()
        .expect("javac runs (a JDK 17+ on PATH)");
    assert!(status.success(), "javac of the driver and the SDK failed");
    let server = scripted::Scripted::start();
    let run = Command::new("java")
        .args(["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp"])
        .arg(format!("{}:{}", classes.display(), jars.join(":")))
        .arg("RuntimePaging")
        .arg(server.url())
        .arg(server.port().to_string())
        .output()
        .expect("the driver runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout.contains("\nok: 14 checks"), "{stdout}");
    // What the server saw: a cursor page after the first with the arguments and the
    // credentials (the proxy passes Authorization on).
    let cursor_pages = server
        .seen()
        .iter()
        .filter(|s| {
            s.path == "/v1/items"
                && s.query == "cursor=c7&limit=7"
                && s.header("authorization") == Some("Bearer page-token")
        })
        .count();
    assert_eq!(cursor_pages, 1);
    // The keyed Link walk: four pages, each with the API key once.
    server.assert_keyed_walk();
    server.assert_numbered_walks(1);
}
