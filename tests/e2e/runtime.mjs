// End-to-end checks of the TypeScript SDK runtime (generated/runtime/typescript, compiled) against
// the scripted server of tests/e2e/scripted.rs. Usage: node runtime.mjs DIST BASE_URL PORT.
// Prints one line per check and a last line `ok: N checks`; the Rust side then asserts what the
// server saw (tests/e2e_runtime_typescript.rs).
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const [dist, baseUrl, port] = process.argv.slice(2);
const sdk = await import(pathToFileURL(join(dist, "index.js")).href);
const { Client, ApiError, DecodeError, PaginationError, TimeoutError, Unknown, SERVERS } = sdk;
const { nextLink } = await import(pathToFileURL(join(dist, "runtime.js")).href);
let checks = 0;
function ok(what) {
  checks += 1;
  console.log(`ok ${what}`);
}
// No waiting between retries unless a Retry-After asks for it.
const fast = { baseDelayMs: 1, maxDelayMs: 8000 };
const client = new Client({ baseUrl, retry: fast });

// Retries: GET retried twice after two 503s (3 attempts), POST sent once, PUT retried.
{
  const r = await client.getThing({ key: "get-retry", failures: 2 });
  assert.equal(r.status, 200);
  assert.equal(r.code, 200);
  assert.equal(r.ok, true);
  assert.equal(r.body.attempts, 3);
  ok("GET retried on 503 until the third attempt");
  const p = await client.postThing({ key: "post-once", failures: 1 });
  assert.equal(p.status, "default");
  assert.equal(p.code, 503);
  assert.equal(p.ok, false);
  assert.equal(p.body.title, "try again");
  ok("POST not retried: the 503 comes back as the default response");
  const u = await client.putThing({ key: "put-retry", failures: 1, body: { id: "put-retry", name: "replaced" } });
  assert.equal(u.status, 200);
  assert.equal(u.body.attempts, 2);
  assert.equal(u.body.name, "replaced");
  ok("PUT retried with its body");
  const off = await new Client({ baseUrl, retries: 0 }).getThing({ key: "no-retry", failures: 1 });
  assert.equal(off.code, 503);
  ok("retries: 0 turns retrying off");
}

// Retry-After: 1 honoured; a Retry-After above the cap returns the response.
{
  const start = performance.now();
  const r = await client.getThing({ key: "retry-after", failures: 1, retryAfter: 1 });
  const elapsed = performance.now() - start;
  assert.equal(r.status, 200);
  assert.ok(elapsed >= 1000, `waited ${elapsed} ms`);
  ok(`Retry-After: 1 honoured (${Math.round(elapsed)} ms)`);
  const start2 = performance.now();
  const late = await client.getThing({ key: "retry-after-cap", failures: 1, retryAfter: 60 });
  assert.equal(late.code, 503);
  assert.ok(performance.now() - start2 < 1000);
  ok("a Retry-After above the cap ends retrying");
}

// Middleware: called in order, around each attempt; a header added reaches the server.
{
  const order = [];
  const mw = (name) => async (request, next) => {
    order.push(`${name} in`);
    const res = await next(request);
    order.push(`${name} out ${res.status}`);
    return res;
  };
  const tagging = async (request, next) => {
    const headers = new Headers(request.headers);
    headers.set("x-hook", "added");
    return next(new Request(request, { headers }));
  };
  const c = new Client({ baseUrl, middleware: [mw("a"), mw("b"), tagging], retry: fast });
  const e = await c.echo();
  assert.deepEqual(order, ["a in", "b in", "b out 200", "a out 200"]);
  assert.equal(e.body.headers["x-hook"], "added");
  ok("middleware called in order; its header reached /echo");
  order.length = 0;
  await c.getThing({ key: "mw-retry", failures: 1 });
  assert.deepEqual(order, ["a in", "b in", "b out 503", "a out 503", "a in", "b in", "b out 200", "a out 200"]);
  ok("middleware wraps each attempt");
}

// Parameter defaults: /items without a limit sends limit=10; /echo sends mode=plain.
{
  const r = await client.listItems();
  assert.equal(r.body.limit, 10);
  assert.equal(r.body.items.length, 10);
  const e = await client.echo();
  assert.equal(e.body.query, "mode=plain");
  const given = await client.listItems({ limit: 3 });
  assert.equal(given.body.limit, 3);
  ok("parameter defaults sent when left out");
}

// Auth refresh: a 401 calls the provider with refresh=true and replays once.
{
  const calls = [];
  const c = new Client({ baseUrl, tokenProvider: (refresh) => (calls.push(refresh), refresh ? "fresh" : "stale") });
  const r = await c.getSecure();
  assert.equal(r.status, 200);
  assert.equal(r.body.name, "fresh");
  assert.deepEqual(calls, [false, true]);
  ok("token refreshed after a 401, request replayed once");
  const stuck = new Client({ baseUrl, tokenProvider: () => "stale" });
  const denied = await stuck.getSecure();
  assert.equal(denied.status, 401);
  assert.equal(denied.ok, false);
  ok("a second 401 is returned, not replayed again");
}

// Timeouts: per call and per client, their own error, not retried; the caller's signal still aborts.
{
  const start = performance.now();
  await assert.rejects(client.getSlow({ ms: 3000 }, { timeoutMs: 200 }), (e) => e instanceof TimeoutError);
  const elapsed = performance.now() - start;
  assert.ok(elapsed < 1500, `timed out after ${elapsed} ms`);
  ok(`per-call timeout fired after ${Math.round(elapsed)} ms`);
  const c = new Client({ baseUrl, timeoutMs: 200 });
  await assert.rejects(c.getSlow({ ms: 3000 }), (e) => e instanceof TimeoutError);
  const quick = await c.getSlow({ ms: 0 });
  assert.equal(quick.status, 200);
  ok("client timeout fires; a quick call passes");
  const controller = new AbortController();
  setTimeout(() => controller.abort(new Error("caller gave up")), 100);
  await assert.rejects(client.getSlow({ ms: 3000 }, { signal: controller.signal }), (e) => !(e instanceof TimeoutError));
  ok("the caller's AbortSignal aborts");
}

// Streaming download: 50 MB read incrementally, the right bytes, in bounded memory. Node's fetch
// (undici) leaves freed chunk memory in the allocator, so the peak RSS grows by tens of MB even
// for a bare fetch; bounded means: two 50 MB downloads in a row (100 MB) grow the peak RSS by
// less than 50 MB in all, and the second by less than 8 MB (ArrayBuffers are printed: they
// include chunks the garbage collector has not reclaimed yet).
{
  const total = 50 * 1024 * 1024;
  const before = process.memoryUsage().rss;
  let peak = before;
  let buffers = 0;
  const once = async () => {
    const r = await client.download({ bytes: total });
    assert.equal(r.status, 200);
    assert.ok(r.body instanceof ReadableStream);
    let i = 0;
    let wrong = -1;
    for await (const chunk of r.body) {
      for (let j = 0; j < chunk.length; j++) {
        if (wrong < 0 && chunk[j] !== ((i + j) * 31 + 7) % 251) wrong = i + j;
      }
      i += chunk.length;
      const m = process.memoryUsage();
      if (m.rss > peak) peak = m.rss;
      if (m.arrayBuffers > buffers) buffers = m.arrayBuffers;
    }
    assert.equal(i, total);
    assert.equal(wrong, -1, `byte ${wrong} differs`);
  };
  await once();
  const first = peak - before;
  await once();
  const growth = peak - before;
  const mb = (n) => (n / 1048576).toFixed(1);
  console.log(`download: 2 x ${total} bytes; rss before ${mb(before)} MB, peak growth ${mb(first)} MB after the first, ${mb(growth)} MB after both; live ArrayBuffers peak ${mb(buffers)} MB; maxRSS ${mb(process.resourceUsage().maxRSS * 1024)} MB`);
  assert.ok(growth < 50 * 1048576, `rss grew by ${mb(growth)} MB over 100 MB streamed`);
  assert.ok(growth - first < 8 * 1048576, `the second download grew rss by ${mb(growth - first)} MB`);
  ok(`streamed 2 x 50 MB, peak RSS growth ${mb(growth)} MB (${mb(growth - first)} MB for the second)`);
}

// The caller's signal still aborts a streamed body after the call returned.
{
  const controller = new AbortController();
  const r = await client.download({ bytes: 50 * 1024 * 1024 }, { signal: controller.signal, timeoutMs: 100 });
  const reader = r.body.getReader();
  await reader.read();
  // The timeout covered the attempt up to the headers only: reading on after it is fine.
  await new Promise((resolve) => setTimeout(resolve, 150));
  await reader.read();
  controller.abort();
  await assert.rejects(
    (async () => {
      for (;;) if ((await reader.read()).done) break;
    })(),
  );
  ok("a streamed body outlives the timeout and is aborted by the caller's signal");
}

// Streaming upload: a ReadableStream (chunked), a Blob and a Uint8Array.
{
  const size = 3 * 1024 * 1024 + 17;
  const byte = (k) => (k * 7 + 3) % 256;
  let expectedSum = 0;
  for (let k = 0; k < size; k++) expectedSum = (expectedSum + byte(k)) >>> 0;
  let sent = 0;
  const stream = new ReadableStream({
    pull(controller) {
      if (sent >= size) return controller.close();
      const n = Math.min(64 * 1024, size - sent);
      const chunk = new Uint8Array(n);
      for (let j = 0; j < n; j++) chunk[j] = byte(sent + j);
      sent += n;
      controller.enqueue(chunk);
    },
  });
  const r = await client.upload({ body: stream });
  assert.deepEqual(r.body, { bytes: size, sum: expectedSum });
  ok("streamed upload (ReadableStream) counted right");
  const bytes = new Uint8Array(1000).map((_, k) => byte(k));
  let s = 0;
  for (const b of bytes) s += b;
  assert.deepEqual((await client.upload({ body: bytes })).body, { bytes: 1000, sum: s });
  assert.deepEqual((await client.upload({ body: new Blob([bytes]) })).body, { bytes: 1000, sum: s });
  ok("upload from Uint8Array and Blob");
}

// Decoding: the path of the first mismatch; Unknown for unknown enum values and tags.
{
  const valid = await client.getDrawing({ variant: "valid" });
  assert.equal(valid.body.color, "red");
  assert.equal(valid.body.shapes[1].side, 2);
  await assert.rejects(client.getDrawing({ variant: "mismatch" }), (e) => {
    assert.ok(e instanceof DecodeError, String(e));
    assert.equal(e.path, "$.shapes[1].side");
    assert.equal(e.status, 200);
    assert.equal(e.headers.get("content-type"), "application/json");
    assert.ok(e.body.includes('"wide"'));
    assert.match(e.message, /Drawing/);
    assert.match(e.message, /a number/);
    return true;
  });
  ok("DecodeError at $.shapes[1].side with status, headers and raw body");
  const color = await client.getDrawing({ variant: "unknown-color" });
  assert.ok(color.body.color instanceof Unknown);
  assert.equal(color.body.color.unknown, "blue");
  assert.equal(JSON.stringify(color.body.color), '"blue"');
  ok("unknown enum value decoded to Unknown(\"blue\")");
  const shape = await client.getDrawing({ variant: "unknown-shape" });
  assert.equal(shape.body.shapes[0].kind, "circle");
  assert.ok(shape.body.shapes[1] instanceof Unknown);
  assert.deepEqual(shape.body.shapes[1].unknown, { kind: "triangle", base: 3 });
  ok("unknown discriminator tag decoded to Unknown(raw object)");
  // A union without a discriminator (a string or an integer): a value that matches neither is
  // an Unknown holding it, written back as it is; a matching one stays as it is.
  const label = await client.getDrawing({ variant: "odd-label" });
  assert.ok(label.body.label instanceof Unknown, String(label.body.label));
  assert.equal(label.body.label.unknown, true);
  assert.equal(JSON.stringify(label.body.label), "true");
  assert.equal(label.body.shapes[0].kind, "circle");
  ok("a value matching no variant of an untagged union decoded to Unknown(true)");
  const lenient = new Client({ baseUrl, lenient: true });
  const raw = await lenient.getDrawing({ variant: "mismatch" });
  assert.equal(raw.status, 200);
  assert.equal(raw.body.shapes[1].side, "wide");
  assert.ok(raw.drift instanceof DecodeError);
  assert.equal(raw.drift.path, "$.shapes[1].side");
  const fine = await lenient.getDrawing({ variant: "valid" });
  assert.equal("drift" in fine, false);
  const oddLenient = await lenient.getDrawing({ variant: "odd-label" });
  assert.equal("drift" in oddLenient, false);
  assert.ok(oddLenient.body.label instanceof Unknown);
  ok("lenient mode returns the raw body with the DecodeError in drift");
}

// Pagination: `...All` and `...Pages` helpers, each page a normal call through the pipeline.
{
  const ids = (list) => list.map((item) => item.id);
  const range = (n) => Array.from({ length: n }, (_, k) => k + 1);
  const collect = async (iterable) => {
    const out = [];
    for await (const x of iterable) out.push(x);
    return out;
  };
  // A middleware that records what each page request looked like.
  const sent = [];
  const recording = async (request, next) => {
    sent.push({ url: request.url, listing: request.headers.get("x-listing"), auth: request.headers.get("authorization") });
    return next(request);
  };
  const c = new Client({ baseUrl, middleware: [recording], retry: fast, credentials: { bearer: "page-token" } });

  // Cursor: 25 items over 3 pages of the default 10, then 4 pages of 7; init applies to every page.
  assert.deepEqual(ids(await collect(c.listItemsAll())), range(25));
  assert.equal(sent.length, 3);
  ok("listItemsAll() yields ids 1..25 in order over 3 pages");
  sent.length = 0;
  assert.deepEqual(ids(await collect(c.listItemsAll({ limit: 7 }, { headers: { "x-listing": "yes" } }))), range(25));
  assert.equal(sent.length, 4);
  assert.ok(sent.every((s) => s.listing === "yes" && s.auth === "Bearer page-token"), JSON.stringify(sent));
  ok("listItemsAll({limit: 7}) takes 4 pages; per-call options and auth on every page");
  const pages = await collect(c.listItemsPages({ limit: 10 }));
  assert.deepEqual(pages.map((p) => p.items.length), [10, 10, 5]);
  assert.deepEqual(pages.map((p) => p.next_cursor), ["c10", "c20", null]);
  ok("listItemsPages() yields each page's body");

  // Lazy: breaking out of the loop requests no further page.
  sent.length = 0;
  for await (const item of c.listItemsAll()) if (item.id === 3) break;
  assert.equal(sent.length, 1);
  ok("a page is requested only when the loop needs it");

  // A cursor that comes back again ends the listing (no endless loop).
  const looping = async (request, next) => {
    const res = await next(request);
    const body = await res.json();
    body.next_cursor = "c10";
    return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
  };
  const loop = new Client({ baseUrl, middleware: [recording, looping], retry: fast });
  sent.length = 0;
  assert.deepEqual(ids(await collect(loop.listItemsAll())), range(20));
  assert.equal(sent.length, 2);
  ok("a repeated cursor ends the listing");

  // A page that fails throws, after the items of the pages before it.
  const failing = async (request, next) =>
    new URL(request.url).searchParams.has("cursor")
      ? new Response(JSON.stringify({ title: "down" }), { status: 500, headers: { "content-type": "application/json" } })
      : next(request);
  const broken = new Client({ baseUrl, middleware: [failing], retries: 0 });
  const got = [];
  await assert.rejects(
    (async () => {
      for await (const item of broken.listItemsAll()) got.push(item.id);
    })(),
    (e) => e instanceof ApiError && e.status === 500 && e.body.title === "down",
  );
  assert.deepEqual(got, range(10));
  ok("a failing page throws ApiError with its status and body");

  // Link header: 25 events over 4 pages of 7, every page with the client's credentials.
  sent.length = 0;
  assert.deepEqual(ids(await collect(c.listEventsAll({ perPage: 7 }))), range(25));
  assert.equal(sent.length, 4);
  assert.ok(sent.every((s) => s.auth === "Bearer page-token"));
  ok("listEventsAll({perPage: 7}) yields 25 over 4 pages by the Link header");

  // An API key in the query that each next link carries is not added again: the server answers
  // 400 to a request with it twice.
  const keyed = new Client({ baseUrl, retry: fast, credentials: { apiKeys: { apiKey: "k3y" } } });
  assert.deepEqual(ids(await collect(keyed.listKeyedEventsAll({ perPage: 7 }))), range(25));
  ok("a next link carrying the query API key gets it once");

  // Link headers written in other ways: relative, several links, quoted parameters with commas
  // and semicolons, `rel` in capitals with several values.
  const rewrite = (make) => async (request, next) => {
    const res = await next(request);
    const link = res.headers.get("link");
    const headers = new Headers(res.headers);
    if (link !== null) headers.set("link", make(/<([^>]*)>; rel="next"/.exec(link)[1]));
    return new Response(await res.text(), { status: res.status, headers });
  };
  const messy = rewrite((nextUrl) => {
    const u = new URL(nextUrl);
    return `<${u.origin}/v1/events?page=1>; rel="first"; title="a, <b>; c", <events${u.search}> ; TITLE = x ; REL = "prefetch Next"`;
  });
  const m = new Client({ baseUrl, middleware: [recording, messy], retry: fast });
  sent.length = 0;
  assert.deepEqual(ids(await collect(m.listEventsAll({ perPage: 7 }))), range(25));
  assert.equal(sent.length, 4);
  ok("relative and oddly written Link headers are followed");
  assert.equal(nextLink('<https://a.example/2>; rel="next"'), "https://a.example/2");
  assert.equal(nextLink('<https://a.example/1>; rel=prev, <https://a.example/3>;rel=next'), "https://a.example/3");
  assert.equal(nextLink('<https://a.example/x,y>; rel="nofollow next"'), "https://a.example/x,y");
  assert.equal(nextLink('<https://a.example/p>; title="rel=next"; rel="prev"'), undefined);
  assert.equal(nextLink('<https://a.example/p>; rel="prev"; rel="next"'), undefined);
  assert.equal(nextLink("garbage"), undefined);
  assert.equal(nextLink(null), undefined);
  ok("Link header parsing (RFC 8288)");

  // A next link on another origin is refused: nothing is sent there.
  for (const foreign of ["http://evil.example/v1/events?page=2&per_page=7", `http://127.0.0.1:${Number(port) + 1}/v1/events?page=2`, "https://127.0.0.1/v1/events"]) {
    const f = new Client({ baseUrl, middleware: [recording, rewrite(() => `<${foreign}>; rel="next"`)], credentials: { bearer: "page-token" } });
    sent.length = 0;
    const seenIds = [];
    await assert.rejects(
      (async () => {
        for await (const item of f.listEventsAll({ perPage: 7 })) seenIds.push(item.id);
      })(),
      (e) => e instanceof PaginationError && e.url.startsWith(new URL(foreign).origin) && /origin/.test(e.message),
    );
    assert.deepEqual(seenIds, range(7));
    assert.equal(sent.length, 1);
    assert.ok(sent.every((s) => new URL(s.url).origin === new URL(baseUrl).origin));
  }
  ok("a next link on another origin (host, port or scheme) is refused with PaginationError");

  // Page numbers: walked to the empty page after the last; a server that ignores the page
  // number (`stuck`) ends the listing at its second answer, the first page again, which is not
  // yielded twice (the server counts the requests).
  assert.deepEqual(ids(await collect(c.listNumberedAll())), range(12));
  assert.deepEqual(ids(await collect(c.listNumberedAll({ stuck: true }))), range(5));
  ok("page numbers walked to the end; a server ignoring the page number stops the listing");
}

// Documented headers: typed in `typedHeaders` (number, boolean, number[]); the text stays in
// `headers`. A malformed one is a DecodeError naming it, with the status and the body kept; a
// lenient client returns the result with the header left out and the error in `drift`.
{
  const r = await client.getHeaders();
  assert.equal(r.status, 200);
  assert.deepEqual(r.typedHeaders, { xCount: 42, xFlag: true, xIds: [3, 5, 8] });
  assert.equal(r.headers.get("x-count"), "42");
  for (const [malformed, name] of [["count", "X-Count"], ["flag", "X-Flag"], ["ids", "X-Ids"]]) {
    await assert.rejects(client.getHeaders({ malformed }), (e) => {
      assert.ok(e instanceof DecodeError, String(e));
      assert.equal(e.header, name);
      assert.equal(e.status, 200);
      assert.ok(e.body.includes('"typed"'), e.body);
      assert.ok(e.message.includes(name), e.message);
      return true;
    });
  }
  const lenientHeaders = new Client({ baseUrl, lenient: true });
  const drifted = await lenientHeaders.getHeaders({ malformed: "flag" });
  assert.deepEqual(drifted.typedHeaders, { xCount: 42, xIds: [3, 5, 8] });
  assert.ok(drifted.drift instanceof DecodeError && drifted.drift.header === "X-Flag");
  assert.equal(drifted.body.name, "typed");
  ok("documented headers arrive typed; a malformed one is a DecodeError naming it (lenient: drift)");
}

// Servers: forServer(1, {port}) reaches the scripted server; allowed values are checked.
{
  assert.equal(SERVERS.length, 2);
  const c = Client.forServer(1, { port: Number(port) });
  assert.equal(c.baseUrl, `http://127.0.0.1:${port}/v1`);
  const e = await c.echo({ mode: "verbose" });
  assert.equal(e.body.query, "mode=verbose");
  assert.equal(Client.forServer(0, { region: "us" }).baseUrl, "https://us.api.example.com/v1");
  assert.equal(Client.forServer(0).baseUrl, "https://eu.api.example.com/v1");
  assert.throws(() => Client.forServer(0, { region: "mars" }), RangeError);
  ok("forServer(1, {port}) reaches the scripted server; region checked");
}
// Redirects: followed within the origin, returned (as an ApiError with the 3xx) when they point
// at another origin, so an API key in a custom header never leaves the origin it was given for.
{
  const origin = new URL(baseUrl).origin;
  const here = new Client({ baseUrl: `${origin}/bounce/here/v1`, headers: { "x-api-key": "secret" } });
  const e = await here.echo();
  assert.equal(e.body.path, "/v1/echo");
  assert.equal(e.body.headers["x-api-key"], "secret");
  ok("a redirect within the origin is followed, the key with it");
  const elsewhere = new Client({ baseUrl: `${origin}/bounce/elsewhere/v1`, headers: { "x-api-key": "secret" } });
  await assert.rejects(
    elsewhere.echo(),
    (err) => err instanceof ApiError && err.status === 307 && err.headers.get("location").startsWith("http://localhost:"),
  );
  ok("a redirect to another origin is returned as the 307, not followed");
  // A 307 repeats the body within the origin.
  const put = await here.putThing({ key: "bounced", body: { id: "bounced", name: "moved" } });
  assert.equal(put.code, 200);
  assert.equal(put.body.name, "moved");
  ok("a 307 within the origin repeats the request body");
}
console.log(`ok: ${checks} checks`);
