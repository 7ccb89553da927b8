"""End-to-end checks of the Python SDK runtime (generated/runtime/python) against the scripted
server of tests/e2e/scripted.rs, with Client (urllib) and AsyncClient (asyncio streams).

Usage: python runtime_python.py BASE_URL PORT (with generated/runtime/python on sys.path).
Prints one line per check and a last line `ok: N checks`; the Rust side then asserts what the
server saw (tests/e2e_runtime_python.rs): keys are prefixed `s-` (Client) and `a-` (AsyncClient).
"""

import asyncio
import email.utils
import io
import socket
import resource
import sys
import time

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
        )
    color, shape, raw, valid = results
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


sync_checks()
redirect_checks()
asyncio.run(async_checks())
print(f"ok: {checks} checks")
