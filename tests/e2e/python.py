"""End-to-end checks of the generated Python SDKs against a mock server (Prism or oaskit serve).

Usage: python python.py PETSTORE_URL GATEWAY_URL (with the generated packages on sys.path),
with E2E_SERVER naming the server and E2E_EXPECT the statuses where the servers differ
(tests/e2e/servers.rs, Kind::expectations).
"""

import json
import os
import sys

import gateway_crud
import petstore
from gateway_crud import models as gw
from petstore import models as pm

pet_url, gw_url = sys.argv[1], sys.argv[2]
server = os.environ["E2E_SERVER"]
differ = json.loads(os.environ["E2E_EXPECT"])
calls = 0


def expect(response, status, what):
    global calls
    calls += 1
    assert response.code == status, f"{what}: got {response.code} {response.body!r}"
    # `status` is the documented key (a code, or "default"); `ok` follows it.
    assert response.status in (status, "default"), f"{what}: documented as {response.status!r}"
    assert response.ok == (200 <= status < 300), f"{what}: ok is {response.ok}"
    return response


def expect_raised(call, status, what):
    global calls
    calls += 1
    try:
        call()
    except (petstore.ApiError, gateway_crud.ApiError) as e:
        assert e.status == status, f"{what}: got {e.status} {e.body!r}"
        return
    raise AssertionError(f"{what}: no ApiError")


def prefer(code):
    return {"Prefer": f"code={code}"}


# Petstore: bearer auth, query arrays, int64 path, documented and default error statuses.
creds = petstore.Credentials(bearer="token-1")
client = petstore.Client(pet_url, credentials=creds)
anon = petstore.Client(pet_url)


def forced(code):
    return petstore.Client(pet_url, credentials=creds, headers=prefer(code))


r = expect(client.list_pets(limit=10, tags=["small", "brown dog"]), 200, "listPets")
assert r.status == 200 and isinstance(r.body, list) and isinstance(r.body[0], pm.Pet), r.body
assert isinstance(r.body[0].kind, pm.PetKind)
expect(client.list_pets(), 200, "listPets without arguments")
r = expect(forced(503).list_pets(), 503, "listPets forced 503 (default response)")
assert r.status == "default" and not r.ok and isinstance(r.body, pm.Error) and r.body.message
expect(client.list_pets(limit=1000), 422, f"{server} refuses limit=1000")
new = pm.NewPet(name="Rex", tag=None, kind=pm.NewPetKind.DOG)
r = expect(client.create_pet(body=new), 201, "createPet")
assert isinstance(r.body, pm.Pet) and isinstance(r.body.id, int)
expect_raised(lambda: anon.create_pet(body=new), 401, "createPet without a token")
expect(client.create_pet(body=pm.NewPet(name="")), 422, f"{server} refuses an empty name")
expect(client.show_pet_by_id(pet_id=9007199254740), 200, "showPetById")
expect(forced(404).show_pet_by_id(pet_id=1), 404, "showPetById forced 404")
r = expect(client.delete_pet(pet_id=7), 204, "deletePet")
assert r.body is None
expect(forced(404).delete_pet(pet_id=7), 404, "deletePet forced 404")
expect_raised(lambda: anon.delete_pet(pet_id=7), 401, "deletePet without a token")
# Activities: a oneOf with a discriminator, decoded by its tag.
r = expect(client.list_activities(pet_id=7), 200, "listActivities")
assert isinstance(r.body[0], pm.Walk), r.body
expect(client.log_activity(pet_id=7, body=pm.Meal(type="meal", food="kibble")), 201, "logActivity")
expect_raised(
    lambda: client.log_activity(pet_id=7, body=pm.Walk(type="walk", minutes=0)),
    422,
    f"{server} refuses a walk of 0 minutes",
)

# Gateway-style notes API: API key header, CORS preflight without auth, uuid path.
gcreds = gateway_crud.Credentials(api_keys={"api_key": "key-1"})
g = gateway_crud.Client(gw_url, credentials=gcreds)
ganon = gateway_crud.Client(gw_url)


def gforced(code):
    return gateway_crud.Client(gw_url, credentials=gcreds, headers=prefer(code))


note_id = "123e4567-e89b-12d3-a456-426614174000"
note = gw.NewNote(title="Groceries", body="eggs & milk", tags=["home", "todo"])
r = expect(g.list_notes(limit=20, cursor="c/1?x=2"), 200, "listNotes")
assert isinstance(r.body, gw.NotePage) and isinstance(r.body.items[0], gw.Note)
no_key = differ["missing_api_key"]
expect_raised(lambda: ganon.list_notes(), no_key, "listNotes without a key")
expect(ganon.options_notes(), 200, "OPTIONS /notes")
expect(g.create_note(body=note), 201, "createNote")
r = expect(gforced(400).create_note(body=note), 400, "createNote forced 400")
assert isinstance(r.body, gw.Error) and r.body.message
expect(g.get_note(note_id=note_id), 200, "getNote")
expect(gforced(404).get_note(note_id=note_id), 404, "getNote forced 404")
# format: uuid is checked by Prism, not by API Gateway's request validators.
if differ["unchecked_format"] == 422:
    expect_raised(lambda: g.get_note(note_id="not-a-uuid"), 422, f"{server} refuses a bad uuid")
else:
    expect(g.get_note(note_id="not-a-uuid"), differ["unchecked_format"], f"{server}: a bad uuid")
expect(g.update_note(note_id=note_id, body=note), 200, "updateNote")
expect(gforced(404).update_note(note_id=note_id, body=note), 404, "updateNote forced 404")
expect(g.delete_note(note_id=note_id), 204, "deleteNote")
expect(gforced(404).delete_note(note_id=note_id), 404, "deleteNote forced 404")
expect_raised(lambda: ganon.delete_note(note_id=note_id), no_key, "deleteNote without a key")

# Unknown enum values are kept, not rejected.
assert pm.PetKind("hamster").value == "hamster"
print(f"ok: {calls} calls")
