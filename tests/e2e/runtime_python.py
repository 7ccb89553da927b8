"""End-to-end checks of the Python SDK runtime (generated/runtime/python) against the scripted
server of tests/e2e/scripted.rs, with Client (urllib) and AsyncClient (asyncio streams).

Usage: python runtime_python.py BASE_URL PORT (with generated/runtime/python on sys.path).
Prints one line per check and a last line `ok: N checks`; the Rust side then asserts what the
server saw (tests/e2e_runtime_python.rs): keys are prefixed `s-` (Client) and `a-` (AsyncClient).
"""

import asyncio
import email.utils
import io
import json
import re
import socket
import resource
import sys
import time
from urllib.parse import urlsplit

import runtime
from runtime import models as m

base_url, port = sys.argv[1], sys.argv[2]


def closed_port():
    """A port of 127.0.0.1 nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


CLOSED = f"http://127.0.0.1:{closed_port()}/v1"
checks = 0
MB = 1024 * 1024
DOWNLOAD = 50 * 1000 * 1000
# No waiting between retries unless a Retry-After asks for it.
FAST = runtime.RetryPolicy(base=0.001)


def ok(what):
    global checks
    checks += 1
    print(f"ok {what}", flush=True)


def peak_rss():
    """Peak resident set size in bytes (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


_PERIOD = bytes((i * 31 + 7) % 251 for i in range(251))
_PATTERN = _PERIOD * (2 * 1024 * 1024 // 251 + 2)


def expected(offset, length):
    """Bytes [offset, offset + length) of a /download answer (scripted::download_byte)."""
    start = offset % 251
    out = b""
    while length > 0:
        piece = _PATTERN[start : start + min(length, len(_PATTERN) - 251)]
        out += piece
        length -= len(piece)
        start = (start + len(piece)) % 251
    return out


def upload_chunks(total, size=100_000):
    sent = 0
    while sent < total:
        n = min(size, total - sent)
        yield bytes((sent + i) % 256 for i in range(n))
        sent += n


def upload_sum(total):
    return sum((i % 256) for i in range(total)) % 2**32


def middleware(name, order):
    def mw(request, next):
        order.append(f"{name}>")
        request.headers[f"x-hook-{name}"] = name
        response = next(request)
        order.append(f"<{name}")
        return response

    return mw


def async_middleware(name, order):
    async def mw(request, next):
        order.append(f"{name}>")
        request.headers[f"x-hook-{name}"] = name
        response = await next(request)
        order.append(f"<{name}")
        return response

    return mw


def sync_checks():
    p = "s-"
    client = runtime.Client(base_url, credentials=runtime.Credentials(bearer="t"), retries=FAST)

    # Bounded memory first, while the process is small: a 50 MB download read chunk by chunk.
    before = peak_rss()
    r = client.download(bytes_=DOWNLOAD)
    assert r.status == 200 and r.ok and r.code == 200
    total = 0
    with r.body as stream:
        for chunk in stream:
            assert chunk == expected(total, len(chunk)), f"wrong bytes at {total}"
            total += len(chunk)
    growth = peak_rss() - before
    assert total == DOWNLOAD, total
    assert growth < 16 * MB, f"peak RSS grew by {growth / MB:.1f} MB"
    ok(f"Client: 50 MB streamed download, right bytes, peak RSS {before / MB:.1f} -> {(before + growth) / MB:.1f} MB")

    r = client.get_thing(key=p + "get", failures=2)
    assert r.status == 200 and r.code == 200 and r.ok and r.body.attempts == 3, r
    ok("Client: GET retried on 503 until the third attempt")
    r = client.post_thing(key=p + "post", failures=1)
    assert r.status == "default" and r.code == 503 and not r.ok, r
    assert isinstance(r.body, m.Problem) and r.body.status == 503
    ok("Client: POST not retried (503 returned as the default response)")
    r = client.put_thing(key=p + "put", failures=2, body=m.Thing(id="x", name="renamed"))
    assert r.status == 200 and r.body.name == "renamed" and r.body.attempts == 3, r
    ok("Client: PUT retried")
    start = time.monotonic()
    r = client.get_thing(key=p + "after", failures=1, retry_after=1)
    elapsed = time.monotonic() - start
    assert r.status == 200 and elapsed >= 1.0, (r, elapsed)
    ok(f"Client: Retry-After: 1 honoured ({elapsed:.2f} s)")
    start = time.monotonic()
    r = client.get_thing(key=p + "cap", failures=1, retry_after=60)
    assert r.status == "default" and r.code == 503 and time.monotonic() - start < 1.0, r
    ok("Client: a Retry-After above the cap returns the response")
    r = runtime.Client(base_url, credentials=runtime.Credentials(bearer="t"), retries=0).get_thing(
        key=p + "none", failures=1
    )
    assert r.code == 503, r
    ok("Client: retries=0 turns retrying off")

    from runtime._runtime import retry_after

    when = email.utils.formatdate(time.time() + 3, usegmt=True)
    assert 1.5 < retry_after(when) <= 3.0 and retry_after("2") == 2.0, retry_after(when)
    ok("Client: Retry-After as an HTTP date is understood")
    attempts = []

    def count(request, next):
        attempts.append(request.url)
        return next(request)

    refused = runtime.Client(CLOSED, retries=FAST, middleware=[count])
    try:
        refused.get_thing(key="x")
        raise AssertionError("no TransportError")
    except runtime.TransportError:
        pass
    assert len(attempts) == 3, attempts
    attempts.clear()
    try:
        refused.post_thing(key="x")
        raise AssertionError("no TransportError")
    except runtime.TransportError:
        pass
    assert len(attempts) == 1, attempts
    ok("Client: connection errors retried on GET (3 attempts), not on POST")

    order = []
    hooked = runtime.Client(base_url, middleware=[middleware("a", order), middleware("b", order)])
    r = hooked.echo()
    assert order == ["a>", "b>", "<b", "<a"], order
    assert r.body.headers.get("x-hook-a") == "a" and r.body.headers.get("x-hook-b") == "b", r.body
    ok("Client: middleware called in order, its header reached /echo")
    assert r.body.query == "mode=plain", r.body.query
    r = client.list_items()
    assert r.body.limit == 10, r.body
    ok("Client: parameter defaults applied (mode=plain, limit=10)")

    calls = []

    def provider(refresh):
        calls.append(refresh)
        return "fresh" if refresh else "stale"

    r = runtime.Client(base_url, token_provider=provider).get_secure()
    assert r.status == 200 and r.body.name == "fresh" and calls == [False, True], (r, calls)
    ok("Client: token refreshed after a 401, request replayed once")

    start = time.monotonic()
    try:
        client.get_slow(ms=3000, timeout=0.2)
        raise AssertionError("no timeout")
    except runtime.RequestTimeout:
        pass
    elapsed = time.monotonic() - start
    assert elapsed < 1.5, elapsed
    ok(f"Client: timeout=0.2 fired after {elapsed:.2f} s (RequestTimeout)")

    n = 3 * MB + 17
    r = client.upload(body=upload_chunks(n))
    assert r.body.bytes_ == n and r.body.sum == upload_sum(n), r.body
    ok("Client: chunked upload from an iterable counted right")
    r = client.upload(body=io.BytesIO(bytes(range(256)) * 1000))
    assert r.body.bytes_ == 256_000 and r.body.sum == sum(range(256)) * 1000, r.body
    ok("Client: upload from a binary file object")
    r = client.upload(body=b"abc")
    assert r.body.bytes_ == 3 and r.body.sum == 294, r.body
    ok("Client: upload from bytes")

    drift_checks(client, runtime.Client(base_url, credentials=runtime.Credentials(bearer="t"), lenient=True))

    local = runtime.Client.for_server(1, port=port)
    assert local.base_url == base_url, local.base_url
    r = local.echo()
    assert r.status == 200 and r.body.path == "/v1/echo"
    ok("Client: for_server(1, port=...) reached the scripted server")
    try:
        runtime.Client.for_server(0, region="mars")  # type: ignore[arg-type]
        raise AssertionError("no error")
    except ValueError:
        pass
    assert runtime.Client.for_server().base_url == "https://eu.api.example.com/v1"
    ok("Client: for_server checks allowed values and fills defaults")


def drift_checks(client, lenient, prefix="Client"):
    try:
        client.get_drawing(variant="mismatch")
        raise AssertionError("no DecodeError")
    except runtime.DecodeError as e:
        assert e.path == "$.shapes[1].side", e.path
        assert e.status == 200 and "wide" in e.body and e.headers["content-type"] == "application/json"
        assert "a number" in str(e), str(e)
    ok(f"{prefix}: DecodeError at $.shapes[1].side with status, headers and body")
    return drift_results(client, lenient, prefix)


def drift_results(client, lenient, prefix, results=None):
    if results is None:
        results = (
            client.get_drawing(variant="unknown-color"),
            client.get_drawing(variant="unknown-shape"),
            lenient.get_drawing(variant="mismatch"),
            client.get_drawing(variant="valid"),
            client.get_drawing(variant="odd-label"),
        )
    color, shape, raw, valid, odd = results
    assert color.body.color.name == "UNKNOWN" and color.body.color.value == "blue", color.body
    ok(f"{prefix}: unknown enum value kept as Color.UNKNOWN ('blue')")
    unknown = shape.body.shapes[1]
    assert isinstance(unknown, runtime.Unknown) and unknown.raw["kind"] == "triangle", shape.body
    assert isinstance(shape.body.shapes[0], m.Circle)
    ok(f"{prefix}: unknown discriminator tag kept as Unknown")
    assert isinstance(raw.body, dict) and raw.body["shapes"][1]["side"] == "wide", raw.body
    ok(f"{prefix}: lenient mode returns the raw JSON")
    assert isinstance(valid.body.shapes[1], m.Square) and valid.body.shapes[1].side == 2.0
    ok(f"{prefix}: a valid drawing decodes")
    # A union without a discriminator (a string or an integer): a value matching neither is an
    # Unknown holding it, written back as it is.
    label = odd.body.label
    assert isinstance(label, runtime.Unknown) and label.raw is True, odd.body
    assert label.to_json() is True and isinstance(odd.body.shapes[0], m.Circle)
    ok(f"{prefix}: a value matching no variant of an untagged union kept as Unknown(True)")


async def async_checks():
    p = "a-"
    client = runtime.AsyncClient(base_url, credentials=runtime.Credentials(bearer="t"), retries=FAST)

    before = peak_rss()
    r = await client.download(bytes_=DOWNLOAD)
    assert r.status == 200
    total = 0
    async with r.body as stream:
        async for chunk in stream:
            assert chunk == expected(total, len(chunk)), f"wrong bytes at {total}"
            total += len(chunk)
    growth = peak_rss() - before
    assert total == DOWNLOAD and growth < 16 * MB, (total, growth)
    ok(f"AsyncClient: 50 MB streamed download, right bytes, peak RSS {before / MB:.1f} -> {(before + growth) / MB:.1f} MB")

    r = await client.get_thing(key=p + "get", failures=2)
    assert r.status == 200 and r.body.attempts == 3, r
    ok("AsyncClient: GET retried on 503 until the third attempt")
    r = await client.post_thing(key=p + "post", failures=1)
    assert r.status == "default" and r.code == 503, r
    ok("AsyncClient: POST not retried")
    r = await client.put_thing(key=p + "put", failures=2, body=m.Thing(id="x", name="again"))
    assert r.status == 200 and r.body.name == "again", r
    ok("AsyncClient: PUT retried")
    start = time.monotonic()
    r = await client.get_thing(key=p + "after", failures=1, retry_after=1)
    elapsed = time.monotonic() - start
    assert r.status == 200 and elapsed >= 1.0, (r, elapsed)
    ok(f"AsyncClient: Retry-After: 1 honoured ({elapsed:.2f} s)")

    attempts = []

    async def count(request, next):
        attempts.append(request.url)
        return await next(request)

    try:
        await runtime.AsyncClient(CLOSED, retries=FAST, middleware=[count]).get_thing(key="x")
        raise AssertionError("no TransportError")
    except runtime.TransportError:
        pass
    assert len(attempts) == 3, attempts
    ok("AsyncClient: connection errors retried on GET (3 attempts)")

    order = []
    hooked = runtime.AsyncClient(base_url, middleware=[async_middleware("a", order), async_middleware("b", order)])
    r = await hooked.echo(mode=m.EchoMode.VERBOSE)
    assert order == ["a>", "b>", "<b", "<a"], order
    assert r.body.headers.get("x-hook-a") == "a" and r.body.headers.get("x-hook-b") == "b"
    assert r.body.query == "mode=verbose", r.body.query
    ok("AsyncClient: middleware called in order, its header reached /echo")
    r = await client.list_items()
    assert r.body.limit == 10
    ok("AsyncClient: parameter defaults applied (limit=10)")

    calls = []

    async def provider(refresh):
        calls.append(refresh)
        return "fresh" if refresh else "stale"

    r = await runtime.AsyncClient(base_url, token_provider=provider).get_secure()
    assert r.status == 200 and calls == [False, True], (r, calls)
    ok("AsyncClient: token refreshed after a 401, request replayed once")

    start = time.monotonic()
    try:
        await client.get_slow(ms=3000, timeout=0.2)
        raise AssertionError("no timeout")
    except runtime.RequestTimeout:
        pass
    elapsed = time.monotonic() - start
    assert elapsed < 1.5, elapsed
    ok(f"AsyncClient: timeout=0.2 fired after {elapsed:.2f} s (RequestTimeout)")
    task = asyncio.ensure_future(client.get_slow(ms=3000))
    await asyncio.sleep(0.1)
    task.cancel()
    start = time.monotonic()
    try:
        await task
        raise AssertionError("not cancelled")
    except asyncio.CancelledError:
        pass
    assert time.monotonic() - start < 0.5
    ok("AsyncClient: a call is cancelled with its task")

    async def chunks(total):
        for c in upload_chunks(total):
            yield c

    n = 2 * MB + 5
    r = await client.upload(body=chunks(n))
    assert r.body.bytes_ == n and r.body.sum == upload_sum(n), r.body
    ok("AsyncClient: chunked upload from an async iterable counted right")
    r = await client.upload(body=io.BytesIO(b"\xff" * 1000))
    assert r.body.bytes_ == 1000 and r.body.sum == 255_000, r.body
    r = await client.upload(body=b"abc")
    assert r.body.bytes_ == 3 and r.body.sum == 294
    ok("AsyncClient: upload from a file object and from bytes")

    lenient = runtime.AsyncClient(base_url, credentials=runtime.Credentials(bearer="t"), lenient=True)
    try:
        await client.get_drawing(variant="mismatch")
        raise AssertionError("no DecodeError")
    except runtime.DecodeError as e:
        assert e.path == "$.shapes[1].side" and e.status == 200 and "wide" in e.body, e
    ok("AsyncClient: DecodeError at $.shapes[1].side")
    results = await asyncio.gather(
        client.get_drawing(variant="unknown-color"),
        client.get_drawing(variant="unknown-shape"),
        lenient.get_drawing(variant="mismatch"),
        client.get_drawing(variant="valid"),
        client.get_drawing(variant="odd-label"),
    )
    drift_results(client, lenient, "AsyncClient", results)

    r = await runtime.AsyncClient.for_server(1, port=port).echo()
    assert r.status == 200 and r.body.method == "GET"
    ok("AsyncClient: for_server(1, port=...) reached the scripted server")


def redirect_checks():
    # urllib copies Authorization to a redirected request: the default transport follows a
    # redirect only within the same origin, and returns one to elsewhere as it is.
    transport = runtime._runtime.UrllibTransport()
    from urllib.parse import quote

    same = f"{base_url}/echo"
    r = transport.send(runtime._runtime.HttpRequest(
        "GET", f"{base_url}/redirect?to={quote(same, safe='')}", {"authorization": "Bearer t"}, None, 5.0))
    assert r.status == 200, r.status
    assert b'"authorization":"Bearer t"' in r.stream.read()
    ok("Client: a redirect within the origin is followed")
    elsewhere = f"http://localhost:{port}/v1/echo"
    r = transport.send(runtime._runtime.HttpRequest(
        "GET", f"{base_url}/redirect?to={quote(elsewhere, safe='')}", {"authorization": "Bearer t"}, None, 5.0))
    assert r.status == 302 and r.headers["location"] == elsewhere, (r.status, r.headers)
    r.stream.close()
    ok("Client: a redirect to another origin is returned, not followed (credentials stay)")


# Pagination: `..._all` and `..._pages` helpers, each page a normal call through the pipeline.
FOREIGN = [
    "http://evil.example/v1/events?page=2&per_page=7",
    f"http://127.0.0.1:{int(port) + 1}/v1/events?page=2",
    "https://127.0.0.1/v1/events",
]


def ids(items):
    return [item.id for item in items]


def origin(url):
    u = urlsplit(url)
    return (u.scheme, u.hostname, u.port)


def next_target(link):
    """The target of the `rel="next"` link the scripted server wrote."""
    return re.search(r'<([^>]*)>; rel="next"', link).group(1)


def messy_link(next_url):
    """Link headers written in other ways: relative, several links, quoted parameters with
    commas and semicolons, `rel` in capitals with several values."""
    u = urlsplit(next_url)
    return (f'<{u.scheme}://{u.netloc}/v1/events?page=1>; rel="first"; title="a, <b>; c", '
            f'<events?{u.query}> ; TITLE = x ; REL = "prefetch Next"')


def recording(sent):
    def mw(request, next):
        sent.append(request)
        return next(request)

    return mw


def rewrite_link(make):
    def mw(request, next):
        res = next(request)
        if "link" in res.headers:
            res.headers["link"] = make(next_target(res.headers["link"]))
        return res

    return mw


def sync_paging_checks():
    sent = []
    c = runtime.Client(base_url, middleware=[recording(sent)], retries=FAST,
                       credentials=runtime.Credentials(bearer="page-token"))
    all_items = c.list_items_all()
    assert sent == [], "nothing is sent before the loop asks"
    assert ids(all_items) == list(range(1, 26))
    assert len(sent) == 3 and all(r.headers.get("authorization") == "Bearer page-token" for r in sent)
    ok("Client: list_items_all() yields ids 1..25 over 3 pages, credentials on every page")
    sent.clear()
    assert ids(c.list_items_all(limit=7, timeout=4.5)) == list(range(1, 26))
    assert len(sent) == 4, len(sent)
    assert all(r.timeout == 4.5 and "limit=7" in r.url for r in sent), [(r.url, r.timeout) for r in sent]
    assert [urlsplit(r.url).query for r in sent] == ["limit=7", "cursor=c7&limit=7", "cursor=c14&limit=7", "cursor=c21&limit=7"], [r.url for r in sent]
    ok("Client: list_items_all(limit=7, timeout=4.5) takes 4 pages, arguments and timeout on every page")
    pages = list(c.list_items_pages(limit=10))
    assert [len(p.items) for p in pages] == [10, 10, 5]
    assert [p.next_cursor for p in pages] == ["c10", "c20", None]
    assert all(isinstance(p, m.ItemPage) for p in pages)
    ok("Client: list_items_pages() yields each page's decoded body")

    sent.clear()
    for item in c.list_items_all():
        if item.id == 3:
            break
    assert len(sent) == 1, len(sent)
    ok("Client: a page is requested only when the loop needs it")

    def looping(request, next):
        res = next(request)
        body = json.loads(res.stream.read())
        body["next_cursor"] = "c10"
        data = json.dumps(body).encode()
        return runtime.HttpResponse(res.status, res.headers, runtime.ByteStream(iter([data]), lambda: None))

    sent.clear()
    loop = runtime.Client(base_url, middleware=[recording(sent), looping], retries=FAST)
    assert ids(loop.list_items_all()) == list(range(1, 21))
    assert len(sent) == 2, len(sent)
    ok("Client: a repeated cursor ends the listing")

    def failing(request, next):
        if "cursor=" in request.url:
            data = b'{"title": "down"}'
            return runtime.HttpResponse(500, {"content-type": "application/json"},
                                        runtime.ByteStream(iter([data]), lambda: None))
        return next(request)

    broken = runtime.Client(base_url, middleware=[failing], retries=0)
    got = []
    try:
        for item in broken.list_items_all():
            got.append(item.id)
        raise AssertionError("no ApiError")
    except runtime.ApiError as e:
        assert e.status == 500 and e.body["title"] == "down", (e.status, e.body)
    assert got == list(range(1, 11)), got
    ok("Client: a failing page raises ApiError with its status and body, after the earlier items")

    sent.clear()
    assert ids(c.list_events_all(per_page=7)) == list(range(1, 26))
    assert len(sent) == 4 and all(r.headers.get("authorization") == "Bearer page-token" for r in sent)
    assert "page=4&per_page=7" in sent[3].url, sent[3].url
    pages = list(c.list_events_pages(per_page=10))
    assert [len(p) for p in pages] == [10, 10, 5]
    ok("Client: list_events_all(per_page=7) yields 25 over 4 pages by the Link header, credentials on every page")

    # An API key in the query that each next link carries is not added again: the server
    # answers 400 to a request with it twice.
    keyed = runtime.Client(base_url, credentials=runtime.Credentials(api_keys={"apiKey": "k3y"}), retries=FAST)
    assert ids(keyed.list_keyed_events_all(per_page=7)) == list(range(1, 26))
    ok("Client: a next link carrying the query API key gets it once")

    # Page numbers: walked to the empty page after the last; a server that ignores the page
    # number (`stuck`) ends the listing at its second answer, the first page again, which is not
    # yielded twice (the server counts the requests).
    assert ids(c.list_numbered_all()) == list(range(1, 13))
    assert ids(c.list_numbered_all(stuck=True)) == list(range(1, 6))
    ok("Client: page numbers walked to the end; a server ignoring the page number stops the listing")

    # Documented headers: typed in `typed_headers` (int, bool, list[int]); the text stays in
    # `headers`. A malformed one raises DecodeError naming it, with the status and the body kept;
    # a lenient client leaves it None.
    plain = runtime.Client(base_url, retries=FAST)
    r = plain.get_headers()
    h = r.typed_headers
    assert (h.x_count, h.x_flag, h.x_ids) == (42, True, [3, 5, 8]), h
    assert r.headers["x-count"] == "42", r.headers
    for malformed, name in (("count", "X-Count"), ("flag", "X-Flag"), ("ids", "X-Ids")):
        try:
            plain.get_headers(malformed=m.GetHeadersMalformed(malformed))
            raise AssertionError(f"a malformed {name} read")
        except runtime.DecodeError as e:
            assert e.header == name and e.status == 200 and '"typed"' in e.body, (e.header, e.status, e.body)
            assert name in str(e), str(e)
    drifted = runtime.Client(base_url, retries=FAST, lenient=True).get_headers(malformed=m.GetHeadersMalformed.IDS)
    assert (drifted.typed_headers.x_count, drifted.typed_headers.x_ids) == (42, None), drifted.typed_headers
    ok("Client: documented headers arrive typed; a malformed one raises DecodeError naming it")

    sent.clear()
    messy = runtime.Client(base_url, middleware=[recording(sent), rewrite_link(messy_link)], retries=FAST)
    assert ids(messy.list_events_all(per_page=7)) == list(range(1, 26))
    assert len(sent) == 4, [r.url for r in sent]
    ok("Client: relative and oddly written Link headers are followed")

    next_link = runtime._runtime.next_link
    assert next_link('<https://a.example/2>; rel="next"') == "https://a.example/2"
    assert next_link("<https://a.example/1>; rel=prev, <https://a.example/3>;rel=next") == "https://a.example/3"
    assert next_link('<https://a.example/x,y>; rel="nofollow next"') == "https://a.example/x,y"
    assert next_link('<https://a.example/p>; title="rel=next"; rel="prev"') is None
    assert next_link('<https://a.example/p>; rel="prev"; rel="next"') is None
    assert next_link("garbage") is None
    assert next_link(None) is None
    ok("Link header parsing (RFC 8288)")

    for foreign in FOREIGN:
        sent.clear()
        f = runtime.Client(base_url, middleware=[recording(sent), rewrite_link(lambda _, u=foreign: f'<{u}>; rel="next"')],
                           credentials=runtime.Credentials(bearer="page-token"))
        seen_ids = []
        try:
            for item in f.list_events_all(per_page=7):
                seen_ids.append(item.id)
            raise AssertionError("no PaginationError")
        except runtime.PaginationError as e:
            assert origin(e.url) == origin(foreign) and "origin" in str(e), (e.url, str(e))
        assert seen_ids == list(range(1, 8)), seen_ids
        assert len(sent) == 1 and origin(sent[0].url) == origin(base_url), [r.url for r in sent]
    ok("Client: a next link on another origin (host, port or scheme) raises PaginationError")


def async_recording(sent):
    async def mw(request, next):
        sent.append(request)
        return await next(request)

    return mw


def async_rewrite_link(make):
    async def mw(request, next):
        res = await next(request)
        if "link" in res.headers:
            res.headers["link"] = make(next_target(res.headers["link"]))
        return res

    return mw


async def async_body(data):
    async def chunks():
        yield data

    async def close():
        return None

    return runtime.AsyncByteStream(chunks(), close)


async def collect(iterator):
    return [x async for x in iterator]


async def async_paging_checks():
    sent = []
    c = runtime.AsyncClient(base_url, middleware=[async_recording(sent)], retries=FAST,
                            credentials=runtime.Credentials(bearer="page-token"))
    assert ids(await collect(c.list_items_all())) == list(range(1, 26))
    assert len(sent) == 3 and all(r.headers.get("authorization") == "Bearer page-token" for r in sent)
    ok("AsyncClient: list_items_all() yields ids 1..25 over 3 pages, credentials on every page")
    sent.clear()
    assert ids(await collect(c.list_items_all(limit=7, timeout=4.5))) == list(range(1, 26))
    assert len(sent) == 4 and all(r.timeout == 4.5 and "limit=7" in r.url for r in sent)
    ok("AsyncClient: list_items_all(limit=7, timeout=4.5) takes 4 pages, arguments and timeout on every page")
    pages = await collect(c.list_items_pages(limit=10))
    assert [len(p.items) for p in pages] == [10, 10, 5]
    assert [p.next_cursor for p in pages] == ["c10", "c20", None]
    ok("AsyncClient: list_items_pages() yields each page's decoded body")

    sent.clear()
    async for item in c.list_items_all():
        if item.id == 3:
            break
    assert len(sent) == 1, len(sent)
    ok("AsyncClient: a page is requested only when the loop needs it")

    async def looping(request, next):
        res = await next(request)
        body = json.loads(await res.stream.read())
        body["next_cursor"] = "c10"
        return runtime.AsyncHttpResponse(res.status, res.headers, await async_body(json.dumps(body).encode()))

    sent.clear()
    loop = runtime.AsyncClient(base_url, middleware=[async_recording(sent), looping], retries=FAST)
    assert ids(await collect(loop.list_items_all())) == list(range(1, 21))
    assert len(sent) == 2, len(sent)
    ok("AsyncClient: a repeated cursor ends the listing")

    async def failing(request, next):
        if "cursor=" in request.url:
            return runtime.AsyncHttpResponse(500, {"content-type": "application/json"},
                                             await async_body(b'{"title": "down"}'))
        return await next(request)

    broken = runtime.AsyncClient(base_url, middleware=[failing], retries=0)
    got = []
    try:
        async for item in broken.list_items_all():
            got.append(item.id)
        raise AssertionError("no ApiError")
    except runtime.ApiError as e:
        assert e.status == 500 and e.body["title"] == "down", (e.status, e.body)
    assert got == list(range(1, 11)), got
    ok("AsyncClient: a failing page raises ApiError with its status and body, after the earlier items")

    sent.clear()
    assert ids(await collect(c.list_events_all(per_page=7))) == list(range(1, 26))
    assert len(sent) == 4 and all(r.headers.get("authorization") == "Bearer page-token" for r in sent)
    ok("AsyncClient: list_events_all(per_page=7) yields 25 over 4 pages by the Link header, credentials on every page")

    sent.clear()
    messy = runtime.AsyncClient(base_url, middleware=[async_recording(sent), async_rewrite_link(messy_link)], retries=FAST)
    assert ids(await collect(messy.list_events_all(per_page=7))) == list(range(1, 26))
    assert len(sent) == 4, [r.url for r in sent]
    ok("AsyncClient: relative and oddly written Link headers are followed")

    for foreign in FOREIGN:
        sent.clear()
        f = runtime.AsyncClient(
            base_url, middleware=[async_recording(sent), async_rewrite_link(lambda _, u=foreign: f'<{u}>; rel="next"')],
            credentials=runtime.Credentials(bearer="page-token"))
        seen_ids = []
        try:
            async for item in f.list_events_all(per_page=7):
                seen_ids.append(item.id)
            raise AssertionError("no PaginationError")
        except runtime.PaginationError as e:
            assert origin(e.url) == origin(foreign) and "origin" in str(e), (e.url, str(e))
        assert seen_ids == list(range(1, 8)), seen_ids
        assert len(sent) == 1 and origin(sent[0].url) == origin(base_url), [r.url for r in sent]
    ok("AsyncClient: a next link on another origin (host, port or scheme) raises PaginationError")

    assert ids(await collect(c.list_numbered_all())) == list(range(1, 13))
    assert ids(await collect(c.list_numbered_all(stuck=True))) == list(range(1, 6))
    ok("AsyncClient: page numbers walked to the end; a server ignoring the page number stops the listing")


sync_checks()
redirect_checks()
sync_paging_checks()
asyncio.run(async_checks())
asyncio.run(async_paging_checks())
print(f"ok: {checks} checks")
