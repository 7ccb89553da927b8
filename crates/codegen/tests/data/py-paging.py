"""The listing helpers of every pagination style, with Client and AsyncClient, against a fake
transport (the SDK of ts-paging.yaml; crates/codegen/tests/python.rs).

Usage: python py-paging.py (with the generated package `paging` on sys.path). Prints one line
per check and a last line `ok: N checks`.
"""

import asyncio
import json
from urllib.parse import parse_qs, urlsplit

import paging
from paging._runtime import AsyncByteStream, ByteStream

checks = 0
THINGS = [{"id": i} for i in range(1, 6)]
ALL = [1, 2, 3, 4, 5]
sent = []


def ok(what):
    global checks
    checks += 1
    print(f"ok {what}", flush=True)


STUCK = [False]


def route(request):
    """(status, body) for a request, as the fake server answers it."""
    u = urlsplit(request.url)
    assert u.netloc == "api.example.com", request.url
    sent.append(u.path + (f"?{u.query}" if u.query else ""))
    q = {k: v[0] for k, v in parse_qs(u.query, keep_blank_values=True).items()}

    def num(name, fallback):
        return int(q[name]) if name in q else fallback

    path = u.path
    if path == "/v2/declared-next":
        start = num("$skiptoken", 0)
        nxt = {0: "https://api.example.com/v2/declared-next?$skiptoken=2", 2: "/v2/declared-next?$skiptoken=4"}.get(start)
        return 200, {"value": THINGS[start : start + 2], "nextLink": nxt}
    if path == "/v2/next-url":
        start, size = num("start", 0), num("size", 2)
        if start > 0 and request.headers.get("x-fail") == "1":
            return 503, {"title": "down"}
        nxt = f"next-url?start={start + size}&size={size}" if start + size < 5 else ""
        return 200, {"data": THINGS[start : start + size], "next": nxt}
    if path == "/v2/by-page":
        p = num("p", 0)
        return 200, {"rows": THINGS[p * 2 : p * 2 + 2], "total": 5}
    if path == "/v2/by-offset":
        # STUCK: a server that ignores the offset (the first page every time).
        skip = 0 if STUCK[0] else num("skip", 0)
        return 200, {"items": THINGS[skip : skip + num("top", 2)]}
    if path == "/v2/guessed-page":
        page = num("page", 1)
        return 200, THINGS[(page - 1) * 2 : page * 2]
    if path == "/v2/guessed-offset":
        offset = num("offset", 0)
        return 200, {"results": THINGS[offset : offset + 2], "total": 5}
    if path == "/v2/cursor-declared":
        after = num("after", 0)
        return 200, {"items": THINGS[after : after + 2], "meta": {"next": str(after + 2)} if after + 2 < 5 else {}}
    if path == "/v2/things/abc/children":
        start = num("page_token", 0)
        body = {"children": THINGS[start : start + 2]}
        if start + 2 < 5:
            body["next_page_token"] = str(start + 2)
        return 200, body
    if path == "/v2/collide":
        return 200, {"items": THINGS, "next_cursor": "same"}
    if path == "/v2/collide-all":
        return 200, {"id": 7}
    return 404, {"title": "no route"}


HEADERS = {"content-type": "application/json"}


class Fake:
    def send(self, request):
        status, body = route(request)
        return paging.HttpResponse(status, dict(HEADERS), ByteStream(iter([json.dumps(body).encode()]), lambda: None))


class AsyncFake:
    async def send(self, request):
        status, body = route(request)

        async def chunks():
            yield json.dumps(body).encode()

        async def close():
            return None

        return paging.AsyncHttpResponse(status, dict(HEADERS), AsyncByteStream(chunks(), close))


client = paging.Client(transport=Fake(), retries=0)
aclient = paging.AsyncClient(transport=AsyncFake(), retries=0)


async def collect_async(iterator):
    return [x async for x in iterator]


def check(what, helper, kwargs, ids, requests):
    """The same listing through Client and AsyncClient."""
    for name, run in [
        ("Client", lambda: list(getattr(client, helper)(**kwargs))),
        ("AsyncClient", lambda: asyncio.run(collect_async(getattr(aclient, helper)(**kwargs)))),
    ]:
        sent.clear()
        got = [item.id if hasattr(item, "id") else item["id"] for item in run()]
        assert got == ids, (name, what, got)
        assert sent == requests, (name, what, sent)
    ok(what)


check("x-ms-pageable nextLink (absolute, then root-relative)", "list_declared_next_all", {}, ALL, [
    "/v2/declared-next",
    "/v2/declared-next?$skiptoken=2",
    "/v2/declared-next?$skiptoken=4",
])
check("recognized next URL field (relative), empty ends", "list_by_url_all", {"size": 2}, ALL, [
    "/v2/next-url?size=2",
    "/v2/next-url?start=2&size=2",
    "/v2/next-url?start=4&size=2",
])
check("x-speakeasy-pagination page from its default 0, until an empty page", "list_by_page_all", {}, ALL, [
    "/v2/by-page?p=0",
    "/v2/by-page?p=1",
    "/v2/by-page?p=2",
    "/v2/by-page?p=3",
])
check("x-pagination offset from 0, by the items received", "list_by_offset_all", {}, ALL, [
    "/v2/by-offset?skip=0&top=2",
    "/v2/by-offset?skip=2&top=2",
    "/v2/by-offset?skip=4&top=2",
    "/v2/by-offset?skip=5&top=2",
])
STUCK[0] = True
check("a server ignoring the offset: the same page again ends the listing, not yielded twice", "list_by_offset_all", {}, [1, 2], [
    "/v2/by-offset?skip=0&top=2",
    "/v2/by-offset?skip=2&top=2",
])
STUCK[0] = False
check("offset from the value given", "list_by_offset_all", {"skip": 3, "top": 5}, [4, 5], [
    "/v2/by-offset?skip=3&top=5",
    "/v2/by-offset?skip=5&top=5",
])
check("guessed page from 1; the body is the array", "list_guessed_page_all", {}, ALL, [
    "/v2/guessed-page?page=1",
    "/v2/guessed-page?page=2",
    "/v2/guessed-page?page=3",
    "/v2/guessed-page?page=4",
])
check("guessed page from the value given", "list_guessed_page_all", {"page": 2}, [3, 4, 5], [
    "/v2/guessed-page?page=2",
    "/v2/guessed-page?page=3",
    "/v2/guessed-page?page=4",
])
check("guessed offset from the value given", "list_guessed_offset_all", {"offset": 1}, [2, 3, 4, 5], [
    "/v2/guessed-offset?offset=1",
    "/v2/guessed-offset?offset=3",
    "/v2/guessed-offset?offset=5",
])
check("declared cursor at a nested path ($.meta.next)", "list_cursor_declared_all", {}, ALL, [
    "/v2/cursor-declared",
    "/v2/cursor-declared?after=2",
    "/v2/cursor-declared?after=4",
])
check("required path parameter kept on every page", "list_children_all", {"id_": "abc"}, ALL, [
    "/v2/things/abc/children",
    "/v2/things/abc/children?page_token=2",
    "/v2/things/abc/children?page_token=4",
])

pages = [len(page.rows) for page in client.list_by_page_pages(p=1)]
assert pages == [2, 1, 0], pages
pages = [len(page.rows) for page in asyncio.run(collect_async(aclient.list_by_page_pages(p=1)))]
assert pages == [2, 1, 0], pages
ok("pages yield every body, the empty last one included")

for name, c, run in [
    ("Client", paging.Client(transport=Fake(), retries=0, headers={"x-fail": "1"}), list),
    ("AsyncClient", paging.AsyncClient(transport=AsyncFake(), retries=0, headers={"x-fail": "1"}),
     lambda it: asyncio.run(collect_async(it))),
]:
    got = []

    def keep(it):
        for item in it:
            got.append(item.id)
            yield item

    async def akeep(it):
        async for item in it:
            got.append(item.id)
            yield item

    try:
        run((keep if name == "Client" else akeep)(c.list_by_url_all(size=2)))
        raise AssertionError("no ApiError")
    except paging.ApiError as e:
        assert e.status == 503 and e.body.title == "down" and "list_by_url: page 2" in str(e), (e, e.body)
    assert got == [1, 2], (name, got)
ok("a documented error on page 2 (followed by URL, with the client's headers) raises ApiError")

assert callable(client.list_collide_all_) and callable(aclient.list_collide_all_)
assert client.list_collide_all().body.id == 7
sent.clear()
assert len(list(client.list_collide_all_())) == 10
assert sent == ["/v2/collide", "/v2/collide?cursor=same"], sent
ok("an operation keeps its name; the helper that would collide takes another")
print(f"ok: {checks} checks")
