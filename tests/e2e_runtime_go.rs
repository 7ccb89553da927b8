//! End-to-end: the listing pagers of the checked-in Go SDK of `specs/runtime.yaml`
//! (`generated/runtime/go`) against the scripted server (`tests/e2e/scripted.rs`): cursor pages
//! (`ListItemsPages`) and `Link` header pages (`ListEventsPages`) walked to the end with
//! `All`, `Pages` and `Next`, a page requested only when the loop needs it, a repeated cursor,
//! a failing page, relative and oddly written `Link` headers, and next links on other origins
//! refused before any request goes there; a query API key that next links carry sent once per
//! page; documented headers in `Header`. The driver is the Go program below, written to
//! `target/e2e/runtime-go` and built through a go.work with the SDK (offline: the SDK uses the
//! standard library only); what the server saw is asserted here.

#[path = "e2e/scripted.rs"]
mod scripted;

use std::path::Path;
use std::process::Command;

/// The driver: `go run . BASE_URL PORT`; prints one `ok:` line per check and `ok: N checks`.
const DRIVER: &str = r#"package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"

	runtime "runtime-api"
)

var checks int

func ok(what string) {
	checks++
	fmt.Println("ok:", what)
}

func fail(format string, args ...any) {
	fmt.Printf("FAIL: "+format+"\n", args...)
	os.Exit(1)
}

// rt records the requests and may rewrite the responses.
type rt struct {
	sent    []*http.Request
	rewrite func(*http.Request, *http.Response) *http.Response
}

func (t *rt) RoundTrip(r *http.Request) (*http.Response, error) {
	t.sent = append(t.sent, r)
	res, err := http.DefaultTransport.RoundTrip(r)
	if err != nil || t.rewrite == nil {
		return res, err
	}
	return t.rewrite(r, res), nil
}

func client(base string, t *rt) *runtime.Client {
	return runtime.NewClient(runtime.WithBaseURL(base), runtime.WithHTTPClient(&http.Client{Transport: t}), runtime.WithBearerToken("page-token"))
}

func ids(seq func(func(runtime.Item, error) bool)) ([]int64, error) {
	var out []int64
	var failed error
	seq(func(item runtime.Item, err error) bool {
		if err != nil {
			failed = err
			return false
		}
		out = append(out, item.ID)
		return true
	})
	return out, failed
}

func upTo(n int64) string {
	var parts []string
	for i := int64(1); i <= n; i++ {
		parts = append(parts, fmt.Sprint(i))
	}
	return strings.Join(parts, " ")
}

func show(v []int64) string {
	var parts []string
	for _, i := range v {
		parts = append(parts, fmt.Sprint(i))
	}
	return strings.Join(parts, " ")
}

var nextRe = regexp.MustCompile(`<([^>]*)>; rel="next"`)

func relink(make func(next string) string) func(*http.Request, *http.Response) *http.Response {
	return func(_ *http.Request, res *http.Response) *http.Response {
		if l := res.Header.Get("Link"); l != "" {
			res.Header.Set("Link", make(nextRe.FindStringSubmatch(l)[1]))
		}
		return res
	}
}

func main() {
	base, port := os.Args[1], os.Args[2]
	ctx := context.Background()

	t := &rt{}
	c := client(base, t)
	got, err := ids(c.ListItemsPages(runtime.ListItemsParams{}).All(ctx))
	if err != nil || show(got) != upTo(25) || len(t.sent) != 3 {
		fail("cursor All: %v %v %d requests", got, err, len(t.sent))
	}
	for _, r := range t.sent {
		if r.Header.Get("Authorization") != "Bearer page-token" {
			fail("no credentials on %s", r.URL)
		}
	}
	ok("ListItemsPages(...).All(ctx) yields ids 1..25 over 3 pages, credentials on every page")

	t.sent = nil
	got, err = ids(c.ListItemsPages(runtime.ListItemsParams{Limit: runtime.Ptr(int64(7))}).All(ctx))
	var queries []string
	for _, r := range t.sent {
		queries = append(queries, r.URL.RawQuery)
	}
	if err != nil || show(got) != upTo(25) || strings.Join(queries, " ") != "limit=7 cursor=c7&limit=7 cursor=c14&limit=7 cursor=c21&limit=7" {
		fail("cursor with limit: %v %v %v", got, err, queries)
	}
	ok("the params go out on every page, the cursor beside them")

	pager := c.ListItemsPages(runtime.ListItemsParams{Limit: runtime.Ptr(int64(10))})
	var sizes []int
	for {
		page, err := pager.Next(ctx)
		if errors.Is(err, runtime.ErrNoMorePages) {
			break
		}
		if err != nil || page.StatusCode != 200 || page.Status200 == nil {
			fail("Next: %v %v", page, err)
		}
		sizes = append(sizes, len(page.Status200.Items))
	}
	if fmt.Sprint(sizes) != "[10 10 5]" {
		fail("pages %v", sizes)
	}
	if _, err := pager.Next(ctx); !errors.Is(err, runtime.ErrNoMorePages) {
		fail("Next after the end: %v", err)
	}
	ok("Next(ctx) returns each page's response, then ErrNoMorePages")

	t.sent = nil
	n := 0
	for item, err := range c.ListItemsPages(runtime.ListItemsParams{}).All(ctx) {
		if err != nil {
			fail("range: %v", err)
		}
		n++
		if item.ID == 3 {
			break
		}
	}
	if n != 3 || len(t.sent) != 1 {
		fail("lazy: %d items, %d requests", n, len(t.sent))
	}
	ok("range over All (Go 1.23): a page is requested only when the loop needs it")

	loop := &rt{rewrite: func(_ *http.Request, res *http.Response) *http.Response {
		data, _ := io.ReadAll(res.Body)
		var body map[string]any
		_ = json.Unmarshal(data, &body)
		body["next_cursor"] = "c10"
		data, _ = json.Marshal(body)
		res.Body = io.NopCloser(bytes.NewReader(data))
		res.ContentLength = int64(len(data))
		res.Header.Del("Content-Length")
		return res
	}}
	got, err = ids(client(base, loop).ListItemsPages(runtime.ListItemsParams{}).All(ctx))
	if err != nil || show(got) != upTo(20) || len(loop.sent) != 2 {
		fail("repeated cursor: %v %v %d", got, err, len(loop.sent))
	}
	ok("a repeated cursor ends the listing")

	broken := &rt{rewrite: func(r *http.Request, res *http.Response) *http.Response {
		if strings.Contains(r.URL.RawQuery, "cursor=") {
			data := []byte(`{"title": "down"}`)
			return &http.Response{StatusCode: 500, Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(bytes.NewReader(data)), Request: r}
		}
		return res
	}}
	got, err = ids(client(base, broken).ListItemsPages(runtime.ListItemsParams{}).All(ctx))
	var apiErr *runtime.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 500 || string(apiErr.Body) != `{"title": "down"}` || show(got) != upTo(10) || !strings.Contains(err.Error(), "page 2") {
		fail("failing page: %v %v", got, err)
	}
	ok("a failing page ends All with an *APIError (status, body), after the earlier items")

	t.sent = nil
	got, err = ids(c.ListEventsPages(runtime.ListEventsParams{PerPage: runtime.Ptr(int64(7))}).All(ctx))
	if err != nil || show(got) != upTo(25) || len(t.sent) != 4 || !strings.Contains(t.sent[3].URL.RawQuery, "page=4&per_page=7") {
		fail("Link: %v %v %d", got, err, len(t.sent))
	}
	for _, r := range t.sent {
		if r.Header.Get("Authorization") != "Bearer page-token" {
			fail("no credentials on %s", r.URL)
		}
	}
	var lens []int
	for page, err := range c.ListEventsPages(runtime.ListEventsParams{PerPage: runtime.Ptr(int64(10))}).Pages(ctx) {
		if err != nil {
			fail("Pages: %v", err)
		}
		lens = append(lens, len(page.Status200))
	}
	if fmt.Sprint(lens) != "[10 10 5]" {
		fail("Link pages %v", lens)
	}
	ok("ListEventsPages follows the Link header: 25 items over 4 pages, credentials on every page; Pages(ctx) yields each response")

	// An API key in the query that each next link carries is not added again: the server
	// answers 400 to a request with it twice.
	keyed := &rt{}
	kc := runtime.NewClient(runtime.WithBaseURL(base), runtime.WithHTTPClient(&http.Client{Transport: keyed}), runtime.WithAPIKey("apiKey", "k3y"))
	got, err = ids(kc.ListKeyedEventsPages(runtime.ListKeyedEventsParams{PerPage: runtime.Ptr(int64(7))}).All(ctx))
	if err != nil || show(got) != upTo(25) || len(keyed.sent) != 4 {
		fail("keyed Link: %v %v %d", got, err, len(keyed.sent))
	}
	for _, r := range keyed.sent {
		if len(r.URL.Query()["api_key"]) != 1 {
			fail("api_key not once in %s", r.URL)
		}
	}
	ok("a next link carrying the query API key gets it once")

	// Page numbers: walked to the empty page after the last; a server that ignores the page
	// number (Stuck) ends the listing at its second answer, the first page again, which is not
	// returned twice (the server counts the requests).
	numbered := &rt{}
	nc := client(base, numbered)
	got, err = ids(nc.ListNumberedPages(runtime.ListNumberedParams{}).All(ctx))
	if err != nil || show(got) != upTo(12) || len(numbered.sent) != 4 {
		fail("numbered: %v %v %d", got, err, len(numbered.sent))
	}
	got, err = ids(nc.ListNumberedPages(runtime.ListNumberedParams{Stuck: runtime.Ptr(true)}).All(ctx))
	if err != nil || show(got) != upTo(5) || len(numbered.sent) != 6 {
		fail("stuck: %v %v %d", got, err, len(numbered.sent))
	}
	ok("page numbers walked to the end; a server ignoring the page number stops the listing")

	// Documented headers: typed in Status200Headers (*int64, *bool, []int64); the text stays
	// in Header. A malformed one is a *HeaderError naming it, with the status and the body,
	// and the response (its body read) comes back beside it.
	hr, err := kc.GetHeaders(ctx, runtime.GetHeadersParams{})
	th := hr.Status200Headers
	if err != nil || hr.Status200 == nil || hr.Header.Get("X-Count") != "42" || th.XCount == nil || *th.XCount != 42 || th.XFlag == nil || !*th.XFlag || fmt.Sprint(th.XIds) != "[3 5 8]" {
		fail("headers: %+v %v", hr, err)
	}
	for _, bad := range []struct {
		which runtime.GetHeadersMalformed
		name  string
	}{{runtime.GetHeadersMalformedCount, "X-Count"}, {runtime.GetHeadersMalformedFlag, "X-Flag"}, {runtime.GetHeadersMalformedIds, "X-Ids"}} {
		hr, err := kc.GetHeaders(ctx, runtime.GetHeadersParams{Malformed: &bad.which})
		var he *runtime.HeaderError
		if !errors.As(err, &he) || he.Header != bad.name || he.StatusCode != 200 || !bytes.Contains(he.Body, []byte(`"typed"`)) || !strings.Contains(err.Error(), bad.name) {
			fail("malformed %s: %v", bad.name, err)
		}
		if hr == nil || hr.Status200 == nil || hr.Status200.Name != "typed" {
			fail("malformed %s: the response %+v", bad.name, hr)
		}
	}
	ok("documented headers arrive typed; a malformed one is a *HeaderError naming it, the response beside it")

	// A discriminator tag the definition does not list decodes to Unknown (the JSON as it
	// arrived), not to a variant that happens to read it; the listed ones decode as before.
	dr, err := c.GetDrawing(ctx, runtime.GetDrawingParams{Variant: runtime.GetDrawingVariantUnknownShape})
	if err != nil || dr.Status200 == nil || len(dr.Status200.Shapes) != 2 {
		fail("unknown shape: %+v %v", dr, err)
	}
	known, unknown := dr.Status200.Shapes[0], dr.Status200.Shapes[1]
	if known.Circle == nil || unknown.Circle != nil || unknown.Square != nil || !bytes.Contains(unknown.Unknown, []byte(`"triangle"`)) {
		fail("unknown shape: %+v %s", known, unknown.Unknown)
	}
	again, err := json.Marshal(unknown)
	if err != nil || !bytes.Equal(again, unknown.Unknown) {
		fail("unknown shape written back: %s %v", again, err)
	}
	ok("an unknown discriminator tag decodes to Unknown with the raw JSON, written back as is")

	// A union without a discriminator (a string or an integer): a value that no variant reads
	// sets Unknown (the JSON as it arrived), written back as is.
	lr, err := c.GetDrawing(ctx, runtime.GetDrawingParams{Variant: runtime.GetDrawingVariantOddLabel})
	if err != nil || lr.Status200 == nil || lr.Status200.Label == nil {
		fail("odd label: %+v %v", lr, err)
	}
	label := lr.Status200.Label
	if label.String != nil || label.Integer != nil || string(label.Unknown) != "true" {
		fail("odd label: %+v %s", label, label.Unknown)
	}
	again, err = json.Marshal(label)
	if err != nil || string(again) != "true" {
		fail("odd label written back: %s %v", again, err)
	}
	ok("a value matching no variant of an untagged union decodes to Unknown with the raw JSON")

	messy := &rt{}
	messy.rewrite = relink(func(next string) string {
		u, _ := url.Parse(next)
		return fmt.Sprintf(`<%s://%s/v1/events?page=1>; rel="first"; title="a, <b>; c", <events?%s> ; TITLE = x ; REL = "prefetch Next"`, u.Scheme, u.Host, u.RawQuery)
	})
	got, err = ids(client(base, messy).ListEventsPages(runtime.ListEventsParams{PerPage: runtime.Ptr(int64(7))}).All(ctx))
	if err != nil || show(got) != upTo(25) || len(messy.sent) != 4 {
		fail("messy Link: %v %v %d", got, err, len(messy.sent))
	}
	ok("relative and oddly written Link headers are followed")

	for _, foreign := range []string{"http://evil.example/v1/events?page=2&per_page=7", "http://127.0.0.1:" + fmt.Sprint(atoi(port)+1) + "/v1/events?page=2", "https://127.0.0.1/v1/events"} {
		f := &rt{}
		f.rewrite = relink(func(string) string { return "<" + foreign + `>; rel="next"` })
		got, err = ids(client(base, f).ListEventsPages(runtime.ListEventsParams{PerPage: runtime.Ptr(int64(7))}).All(ctx))
		var pe *runtime.PaginationError
		if !errors.As(err, &pe) || pe.URL != foreign || !strings.Contains(err.Error(), "origin") || show(got) != upTo(7) || len(f.sent) != 1 {
			fail("foreign %s: %v %v %d", foreign, got, err, len(f.sent))
		}
	}
	ok("a next link on another origin (host, port or scheme) ends the listing with *PaginationError, nothing sent there")

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := c.ListItemsPages(runtime.ListItemsParams{}).Next(cancelled); !errors.Is(err, context.Canceled) {
		fail("cancelled: %v", err)
	}
	ok("a cancelled context stops the pager")

	fmt.Printf("ok: %d checks\n", checks)
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}
"#;

#[test]
fn go_pagers_against_the_scripted_server() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = root.join("target/e2e/runtime-go");
    let driver = out.join("driver");
    std::fs::create_dir_all(&driver).expect("mkdir");
    std::fs::write(
        driver.join("go.mod"),
        "module oaskit.test/runtime\n\ngo 1.23\n",
    )
    .expect("go.mod");
    std::fs::write(driver.join("main.go"), DRIVER).expect("main.go");
    let work = out.join("go.work");
    std::fs::write(
        &work,
        format!(
            "go 1.23\n\nuse (\n\t{}\n\t{}\n)\n",
            driver.display(),
            root.join("generated/runtime/go").display()
        ),
    )
    .expect("go.work");
    let env = root.join("target/oaskit-generated/go-env");
    let bin = out.join("runtime-e2e");
    let status = Command::new("go")
        .args(["build", "-o"])
        .arg(&bin)
        .arg(".")
        .current_dir(&driver)
        .env("GOWORK", &work)
        .env("GOTOOLCHAIN", "local")
        .env("GOPROXY", "off")
        .env("GOFLAGS", "-buildvcs=false")
        .env("GOCACHE", env.join("cache"))
        .env("GOPATH", env.join("path"))
        .env("GOTELEMETRY", "off")
        .status()
        .expect("go runs (Go 1.23+ on PATH)");
    assert!(status.success(), "go build of the driver failed");
    let server = scripted::Scripted::start();
    let run = Command::new(&bin)
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
    assert!(stdout.contains("\nok: 15 checks"), "{stdout}");
    // What the server saw: cursor pages after the first went out with the arguments and the
    // credentials; no request left for another origin (the server saw only its own).
    let seen = server.seen();
    let cursor_pages = seen
        .iter()
        .filter(|s| {
            s.path == "/v1/items"
                && s.query == "cursor=c7&limit=7"
                && s.header("authorization") == Some("Bearer page-token")
        })
        .count();
    assert_eq!(cursor_pages, 1);
    let event_pages = seen
        .iter()
        .filter(|s| s.path == "/v1/events" && s.query == "page=4&per_page=7")
        .count();
    assert_eq!(event_pages, 2, "the plain and the messy Link walks");
    // The keyed Link walk: four pages, each with the API key once.
    server.assert_keyed_walk();
    server.assert_numbered_walks(1);
}
