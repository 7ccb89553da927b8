// The listing helpers of every pagination style, run against a fake fetch (the SDK of
// ts-paging.yaml, compiled; crates/codegen/tests/typescript.rs). Usage: node ts-paging.mjs DIST.
// Prints one line per check and a last line `ok: N checks`.
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const [dist] = process.argv.slice(2);
const { Client, ApiError } = await import(pathToFileURL(join(dist, "index.js")).href);
let checks = 0;
function ok(what) {
  checks += 1;
  console.log(`ok ${what}`);
}

const things = [1, 2, 3, 4, 5].map((id) => ({ id }));
const json = (body, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const sent = [];
async function route(request) {
  const url = new URL(request.url);
  sent.push(url.pathname + url.search);
  const q = (name) => url.searchParams.get(name);
  const num = (name, fallback) => (q(name) === null ? fallback : Number(q(name)));
  switch (url.pathname) {
    case "/v2/declared-next": {
      const start = num("$skiptoken", 0);
      const next = start === 0 ? "https://api.example.com/v2/declared-next?$skiptoken=2" : start === 2 ? "/v2/declared-next?$skiptoken=4" : null;
      return json({ value: things.slice(start, start + 2), nextLink: next });
    }
    case "/v2/next-url": {
      const start = num("start", 0);
      const size = num("size", 2);
      if (start > 0 && request.headers.get("x-fail") === "1") return json({ title: "down" }, 503);
      return json({ data: things.slice(start, start + size), next: start + size < 5 ? `next-url?start=${start + size}&size=${size}` : "" });
    }
    case "/v2/by-page": {
      const p = num("p", 0);
      return json({ rows: things.slice(p * 2, p * 2 + 2), total: 5 });
    }
    case "/v2/by-offset": {
      // `x-stuck: 1`: a server that ignores the offset (the first page every time).
      const skip = request.headers.get("x-stuck") === "1" ? 0 : num("skip", 0);
      return json({ items: things.slice(skip, skip + num("top", 2)) });
    }
    case "/v2/guessed-page": {
      const page = num("page", 1);
      return json(things.slice((page - 1) * 2, page * 2));
    }
    case "/v2/guessed-offset": {
      const offset = num("offset", 0);
      return json({ results: things.slice(offset, offset + 2), total: 5 });
    }
    case "/v2/cursor-declared": {
      const after = num("after", 0);
      const items = things.slice(after, after + 2);
      return json({ items, meta: after + 2 < 5 ? { next: String(after + 2) } : {} });
    }
    case "/v2/things/abc/children": {
      const start = num("page_token", 0);
      const children = things.slice(start, start + 2);
      return json(start + 2 < 5 ? { children, next_page_token: String(start + 2) } : { children });
    }
    case "/v2/collide":
      return json({ items: things, next_cursor: "same" });
    case "/v2/collide-all":
      return json({ id: 7 });
    default:
      return json({ title: "no route" }, 404);
  }
}
const client = new Client({ fetch: route, retries: 0 });
const collect = async (iterable) => {
  const out = [];
  for await (const x of iterable) out.push(x.id);
  return out;
};
const all = [1, 2, 3, 4, 5];
async function check(what, iterable, ids, requests) {
  sent.length = 0;
  assert.deepEqual(await collect(iterable), ids, what);
  assert.deepEqual(sent, requests, what);
  ok(what);
}

await check("x-ms-pageable nextLink (absolute, then root-relative)", client.listDeclaredNextAll(), all, [
  "/v2/declared-next",
  "/v2/declared-next?$skiptoken=2",
  "/v2/declared-next?$skiptoken=4",
]);
await check("recognized next URL field (relative), empty ends", client.listByUrlAll({ size: 2 }), all, [
  "/v2/next-url?size=2",
  "/v2/next-url?start=2&size=2",
  "/v2/next-url?start=4&size=2",
]);
await check("x-speakeasy-pagination page from its default 0, until an empty page", client.listByPageAll(), all, [
  "/v2/by-page?p=0",
  "/v2/by-page?p=1",
  "/v2/by-page?p=2",
  "/v2/by-page?p=3",
]);
await check("x-pagination offset from 0, by the items received", client.listByOffsetAll(), all, [
  "/v2/by-offset?skip=0&top=2",
  "/v2/by-offset?skip=2&top=2",
  "/v2/by-offset?skip=4&top=2",
  "/v2/by-offset?skip=5&top=2",
]);
await check("a server ignoring the offset: the same page again ends the listing, not yielded twice", client.listByOffsetAll({}, { headers: { "x-stuck": "1" } }), [1, 2], [
  "/v2/by-offset?skip=0&top=2",
  "/v2/by-offset?skip=2&top=2",
]);
await check("offset from the value given", client.listByOffsetAll({ skip: 3, top: 5 }), [4, 5], [
  "/v2/by-offset?skip=3&top=5",
  "/v2/by-offset?skip=5&top=5",
]);
await check("guessed page from 1; the body is the array", client.listGuessedPageAll(), all, [
  "/v2/guessed-page?page=1",
  "/v2/guessed-page?page=2",
  "/v2/guessed-page?page=3",
  "/v2/guessed-page?page=4",
]);
await check("guessed page from the value given", client.listGuessedPageAll({ page: 2 }), [3, 4, 5], [
  "/v2/guessed-page?page=2",
  "/v2/guessed-page?page=3",
  "/v2/guessed-page?page=4",
]);
await check("guessed offset from the value given", client.listGuessedOffsetAll({ offset: 1 }), [2, 3, 4, 5], [
  "/v2/guessed-offset?offset=1",
  "/v2/guessed-offset?offset=3",
  "/v2/guessed-offset?offset=5",
]);
await check("declared cursor at a nested path ($.meta.next)", client.listCursorDeclaredAll(), all, [
  "/v2/cursor-declared",
  "/v2/cursor-declared?after=2",
  "/v2/cursor-declared?after=4",
]);
await check("required path parameter kept on every page", client.listChildrenAll({ id: "abc" }), all, [
  "/v2/things/abc/children",
  "/v2/things/abc/children?page_token=2",
  "/v2/things/abc/children?page_token=4",
]);
{
  sent.length = 0;
  const pages = [];
  for await (const page of client.listByPagePages({ p: 1 })) pages.push(page.rows.length);
  assert.deepEqual(pages, [2, 1, 0]);
  ok("pages yield every body, the empty last one included");
}
{
  const got = [];
  await assert.rejects(
    (async () => {
      for await (const item of client.listByUrlAll({ size: 2 }, { headers: { "x-fail": "1" } })) got.push(item.id);
    })(),
    (e) => e instanceof ApiError && e.status === 503 && e.body.title === "down" && /listByUrl: page 2/.test(e.message),
  );
  assert.deepEqual(got, [1, 2]);
  ok("a documented error on page 2 (followed by URL, with init's headers) throws ApiError");
}
{
  assert.equal(typeof client.listCollideAll_, "function");
  assert.equal((await client.listCollideAll()).body.id, 7);
  sent.length = 0;
  assert.equal((await collect(client.listCollideAll_())).length, 10);
  assert.deepEqual(sent, ["/v2/collide", "/v2/collide?cursor=same"]);
  ok("an operation keeps its name; the helper that would collide takes another");
}
console.log(`ok: ${checks} checks`);
