// Type-checked against the SDK of specs/runtime.yaml (crates/codegen/tests/typescript.rs): it
// compiles only because the results narrow. Every `@ts-expect-error` line is an error tsc must
// find (tsc fails when one is not an error), so the narrowing cannot silently go away.
import { Client, DecodeError, Unknown, isUnknown } from "./index.js";
import type { types } from "./index.js";

export async function narrowing(client: Client): Promise<string[]> {
  const out: string[] = [];
  // "200 plus default": the status literal narrows the body.
  const r = await client.getThing({ key: "a" });
  if (r.status === 200) {
    const thing: types.Thing = r.body;
    const code: 200 = r.code;
    const ok: true = r.ok;
    out.push(thing.name, String(code), String(ok));
  } else {
    const status: "default" = r.status;
    const problem: types.Problem = r.body;
    const code: number = r.code;
    out.push(status, problem.title, String(code));
  }
  // `ok` narrows too: only the 200 is ok, since a 2xx code is documented.
  if (r.ok) {
    const thing: types.Thing = r.body;
    out.push(thing.id);
  } else {
    const problem: types.Problem = r.body;
    out.push(problem.title);
  }
  // @ts-expect-error: without narrowing the body may be a Problem.
  const unchecked: types.Thing = r.body;
  out.push(String(unchecked));
  // @ts-expect-error: a status the operation does not document is not a variant.
  if (r.status === 404) out.push("never");

  // Documented error codes narrow the same way.
  const s = await client.getSecure();
  if (s.status === 401) {
    const ok: false = s.ok;
    out.push(s.body.title, String(ok));
  } else {
    out.push(s.body.name);
  }

  // Unknown enum values and tags: the known ones narrow, the rest is an Unknown.
  const d = await client.getDrawing({ variant: "valid" });
  const color: types.Color = d.body.color;
  if (typeof color === "string") {
    const known: "red" | "green" = color;
    out.push(known);
  } else {
    const raw: string = color.unknown;
    out.push(raw);
  }
  for (const shape of d.body.shapes) {
    if (shape instanceof Unknown) {
      out.push(JSON.stringify(shape.unknown));
      continue;
    }
    // @ts-expect-error: a Circle has no side, until the tag narrows it.
    out.push(String(shape.side));
    if (shape.kind === "square") out.push(String(shape.side));
    else out.push(String(shape.radius));
  }
  if (isUnknown(color)) out.push(String(color.unknown));

  // Documented headers, typed (absent ones undefined).
  const h = await client.getHeaders();
  const count: number | undefined = h.typedHeaders.xCount;
  const flag: boolean | undefined = h.typedHeaders.xFlag;
  const ids: number[] | undefined = h.typedHeaders.xIds;
  out.push(String(count), String(flag), String(ids));
  // @ts-expect-error: a header's value may be absent.
  out.push(h.typedHeaders.xCount.toFixed(0));

  // Streams.
  const dl = await client.download({ bytes: 10 });
  const stream: ReadableStream<Uint8Array> = dl.body;
  out.push(String(stream.locked));
  await client.upload({ body: new Uint8Array(3) });
  await client.upload({ body: new Blob(["abc"]) });
  await client.upload({ body: stream });
  // Per-call options.
  await client.getSlow({ ms: 1 }, { timeoutMs: 200, signal: AbortSignal.timeout(1000), retries: 0 });

  // Servers: allowed values are literals.
  Client.forServer(0, { region: "us" });
  Client.forServer(1, { port: 8080 });
  // @ts-expect-error: "mars" is not an allowed region.
  Client.forServer(0, { region: "mars" });
  // @ts-expect-error: the definition has two servers.
  Client.forServer(2);

  // Lenient clients: a body may have drifted, and the type says so.
  const lenient = new Client({ lenient: true });
  const l = await lenient.getThing({ key: "a" });
  if (l.status === 200) {
    // @ts-expect-error: the body may be the raw value of a drifted answer.
    const maybe: types.Thing = l.body;
    out.push(String(maybe));
    if (!("drift" in l)) {
      const thing: types.Thing = l.body;
      out.push(thing.name);
    } else {
      const error: DecodeError = l.drift;
      out.push(error.path);
    }
  }
  // Listing helpers: pages are the 2xx body, items the item type; arguments as the method's.
  for await (const page of client.listItemsPages({ limit: 5 }, { timeoutMs: 1000 })) {
    const body: types.ItemPage = page;
    out.push(String(body.next_cursor));
  }
  for await (const item of client.listItemsAll()) {
    const one: types.Item = item;
    out.push(String(one.id));
    // @ts-expect-error: items are Items, not pages.
    out.push(String(item.next_cursor));
  }
  for await (const events of client.listEventsPages({ perPage: 7 })) {
    const list: types.Item[] = events;
    out.push(String(list.length));
  }
  // @ts-expect-error: the helpers take the operation's arguments.
  client.listEventsAll({ per_page: 7 });
  // A lenient client's helpers still yield typed pages (a drifted page throws).
  for await (const item of lenient.listItemsAll()) {
    const one: types.Item = item;
    out.push(String(one.id));
  }

  // A strict client never has drifted variants.
  // @ts-expect-error: no drift on a strict client's results.
  out.push(String(r.drift));
  return out;
}
