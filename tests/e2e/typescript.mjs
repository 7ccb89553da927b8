// End-to-end checks of the generated TypeScript SDKs against a mock server (Prism or oaskit serve).
// Usage: node typescript.mjs PETSTORE_DIST GATEWAY_DIST PETSTORE_URL GATEWAY_URL, with E2E_SERVER
// naming the server and E2E_EXPECT the statuses where the servers differ (tests/e2e/servers.rs,
// Kind::expectations).
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const [petDist, gwDist, petUrl, gwUrl] = process.argv.slice(2);
const pet = await import(pathToFileURL(join(petDist, "index.js")).href);
const gw = await import(pathToFileURL(join(gwDist, "index.js")).href);
const server = process.env.E2E_SERVER;
const differ = JSON.parse(process.env.E2E_EXPECT);
const prefer = (code) => ({ prefer: `code=${code}` });
let calls = 0;
async function expectStatus(promise, status, what) {
  calls += 1;
  const r = await promise;
  assert.equal(r.code, status, `${what}: got ${r.code} ${JSON.stringify(r.body)}`);
  // A documented code is its own status; others come back under their range or "default".
  if (typeof r.status === "number") assert.equal(r.status, r.code, what);
  assert.equal(r.ok, r.code >= 200 && r.code < 300, `${what}: ok`);
  return r;
}
async function expectThrown(promise, status, what) {
  calls += 1;
  await assert.rejects(promise, (e) => e instanceof pet.ApiError || e instanceof gw.ApiError ? e.status === status : false, what);
}

// Petstore: bearer auth, query arrays, int64 path, documented and default error statuses.
{
  const creds = { bearer: "token-1" };
  const client = new pet.Client({ baseUrl: petUrl, credentials: creds });
  const anon = new pet.Client({ baseUrl: petUrl });
  const forced = (code) => new pet.Client({ baseUrl: petUrl, credentials: creds, headers: prefer(code) });
  const list = await expectStatus(client.listPets({ limit: 10, tags: ["small", "brown dog"] }), 200, "listPets");
  assert.ok(Array.isArray(list.body) && list.body.length > 0);
  await expectStatus(client.listPets(), 200, "listPets without arguments");
  const dflt = await expectStatus(forced(503).listPets(), 503, "listPets forced 503 (default response)");
  assert.equal(dflt.status, "default");
  assert.equal(typeof dflt.body.message, "string");
  await expectStatus(client.listPets({ limit: 1000 }), 422, `${server} refuses limit=1000`);
  const created = await expectStatus(client.createPet({ body: { name: "Rex", tag: null, kind: "dog" } }), 201, "createPet");
  assert.equal(typeof created.body.id, "number");
  await expectThrown(anon.createPet({ body: { name: "Rex" } }), 401, "createPet without a token");
  await expectStatus(client.createPet({ body: { name: "" } }), 422, `${server} refuses an empty name`);
  await expectStatus(client.showPetById({ petId: 9007199254740 }), 200, "showPetById");
  await expectStatus(forced(404).showPetById({ petId: 1 }), 404, "showPetById forced 404");
  await expectStatus(client.deletePet({ petId: 7 }), 204, "deletePet");
  await expectStatus(forced(404).deletePet({ petId: 7 }), 404, "deletePet forced 404");
  await expectThrown(anon.deletePet({ petId: 7 }), 401, "deletePet without a token");
  // Activities: a oneOf with a discriminator.
  const acts = await expectStatus(client.listActivities({ petId: 7 }), 200, "listActivities");
  assert.equal(acts.body[0].type, "walk");
  await expectStatus(client.logActivity({ petId: 7, body: { type: "meal", food: "kibble" } }), 201, "logActivity");
  await expectThrown(client.logActivity({ petId: 7, body: { type: "walk", minutes: 0 } }), 422, `${server} refuses a walk of 0 minutes`);
}

// Gateway-style notes API: API key header, CORS preflight without auth, uuid path.
{
  const creds = { apiKeys: { api_key: "key-1" } };
  const client = new gw.Client({ baseUrl: gwUrl, credentials: creds });
  const anon = new gw.Client({ baseUrl: gwUrl });
  const forced = (code) => new gw.Client({ baseUrl: gwUrl, credentials: creds, headers: prefer(code) });
  const id = "123e4567-e89b-12d3-a456-426614174000";
  const note = { title: "Groceries", body: "eggs & milk", tags: ["home", "todo"] };
  const page = await expectStatus(client.listNotes({ limit: 20, cursor: "c/1?x=2" }), 200, "listNotes");
  assert.ok(page.body.items.length > 0);
  await expectThrown(anon.listNotes(), differ.missing_api_key, "listNotes without a key");
  await expectStatus(anon.optionsNotes(), 200, "OPTIONS /notes");
  await expectStatus(client.createNote({ body: note }), 201, "createNote");
  const bad = await expectStatus(forced(400).createNote({ body: note }), 400, "createNote forced 400");
  assert.equal(typeof bad.body.message, "string");
  await expectStatus(client.getNote({ noteId: id }), 200, "getNote");
  await expectStatus(forced(404).getNote({ noteId: id }), 404, "getNote forced 404");
  // format: uuid is checked by Prism, not by API Gateway's request validators.
  if (differ.unchecked_format === 422) {
    await expectThrown(client.getNote({ noteId: "not-a-uuid" }), 422, `${server} refuses a bad uuid`);
  } else {
    await expectStatus(client.getNote({ noteId: "not-a-uuid" }), differ.unchecked_format, `${server}: a bad uuid`);
  }
  await expectStatus(client.updateNote({ noteId: id, body: note }), 200, "updateNote");
  await expectStatus(forced(404).updateNote({ noteId: id, body: note }), 404, "updateNote forced 404");
  await expectStatus(client.deleteNote({ noteId: id }), 204, "deleteNote");
  await expectStatus(forced(404).deleteNote({ noteId: id }), 404, "deleteNote forced 404");
  await expectThrown(anon.deleteNote({ noteId: id }), differ.missing_api_key, "deleteNote without a key");
}
console.log(`ok: ${calls} calls`);
