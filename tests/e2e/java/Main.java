// End-to-end checks of the generated Java SDKs (generated/petstore/java and
// generated/gateway-crud/java) against a mock server (Prism or oaskit serve), compiled and run
// by tests/e2e_java.rs with the SDKs' sources and Jackson.
//
// Usage: java Main PETSTORE_URL GATEWAY_URL, with E2E_SERVER naming the server and E2E_EXPECT
// the statuses where the servers differ (tests/e2e/servers.rs, Kind::expectations).

import java.util.List;
import java.util.concurrent.CompletionException;

/** The driver: every operation of both specs, blocking and asynchronous. */
public final class Main {
    private static int calls;
    private static String server;

    private Main() {
    }

    /** A call that may throw what the SDK's blocking methods throw. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws Exception;
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(1);
    }

    private static <T> T expect(Call<T> call, int want, String what) throws Exception {
        calls++;
        T res = call.run();
        int got = res instanceof petstore.ListPetsResponse r ? r.status()
                : res instanceof petstore.CreatePetResponse r ? r.status()
                : res instanceof petstore.ShowPetByIdResponse r ? r.status()
                : res instanceof petstore.DeletePetResponse r ? r.status()
                : res instanceof petstore.ListActivitiesResponse r ? r.status()
                : res instanceof petstore.LogActivityResponse r ? r.status()
                : res instanceof gatewaycrud.ListNotesResponse r ? r.status()
                : res instanceof gatewaycrud.OptionsNotesResponse r ? r.status()
                : res instanceof gatewaycrud.CreateNoteResponse r ? r.status()
                : res instanceof gatewaycrud.GetNoteResponse r ? r.status()
                : res instanceof gatewaycrud.UpdateNoteResponse r ? r.status()
                : res instanceof gatewaycrud.DeleteNoteResponse r ? r.status()
                : -1;
        if (got != want) {
            fail(what + ": got status " + got + ", want " + want + " (" + res + ")");
        }
        return res;
    }

    private static void expectError(Call<?> call, int want, String what) throws Exception {
        calls++;
        try {
            Object res = call.run();
            fail(what + ": want an ApiException with status " + want + ", got " + res);
        } catch (petstore.ApiException e) {
            if (e.status() != want) {
                fail(what + ": got an ApiException with status " + e.status() + ": " + e.bodyText());
            }
        } catch (gatewaycrud.ApiException e) {
            if (e.status() != want) {
                fail(what + ": got an ApiException with status " + e.status() + ": " + e.bodyText());
            }
        } catch (CompletionException e) {
            int got = e.getCause() instanceof petstore.ApiException p ? p.status()
                    : e.getCause() instanceof gatewaycrud.ApiException g ? g.status() : -1;
            if (got != want) {
                fail(what + ": the future failed with " + e.getCause());
            }
        }
    }

    private static int expected(String json, String key) {
        int at = json.indexOf("\"" + key + "\"");
        String rest = json.substring(json.indexOf(':', at) + 1).trim();
        return Integer.parseInt(rest.split("[,}\\s]")[0]);
    }

    /**
     * Runs the checks.
     *
     * @param args the two base URLs
     * @throws Exception when a call fails unexpectedly
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            fail("usage: java Main PETSTORE_URL GATEWAY_URL");
        }
        server = System.getenv("E2E_SERVER");
        String differ = System.getenv("E2E_EXPECT");
        int noKey = expected(differ, "missing_api_key");
        int unchecked = expected(differ, "unchecked_format");
        petstore(args[0]);
        gateway(args[1], noKey, unchecked);
        // Unknown enum values decode to UNKNOWN instead of failing.
        petstore.PetKind k = petstore.ApiJson.MAPPER.readValue("\"hamster\"", petstore.PetKind.class);
        if (k != petstore.PetKind.UNKNOWN || petstore.PetKind.fromValue("dog") != petstore.PetKind.DOG) {
            fail("an unknown enum value did not decode to UNKNOWN: " + k);
        }
        System.out.println("ok: " + calls + " calls");
    }

    /** Petstore: bearer auth, query arrays, int64 path, documented and default error statuses. */
    private static void petstore(String url) throws Exception {
        petstore.ApiClient client = petstore.ApiClient.builder().baseUrl(url).bearerToken("token-1").build();
        petstore.ApiClient anon = petstore.ApiClient.builder().baseUrl(url).build();
        java.util.function.IntFunction<petstore.ApiClient> forced = code -> petstore.ApiClient.builder()
                .baseUrl(url).bearerToken("token-1").header("Prefer", "code=" + code).build();

        var list = expect(() -> client.listPets(petstore.ListPetsRequest.builder().limit(10).tags(List.of("small", "brown dog")).build()), 200, "listPets");
        if (!(list instanceof petstore.ListPetsResponse.Status200 ok) || ok.body().isEmpty() || ok.body().get(0).kind() == null) {
            fail("listPets: no pets with a kind: " + list);
        } else {
            // The documented x-next header is a typed component (null when the server sends
            // none; Prism always sends documented headers).
            String next = ok.xNext();
            if ((next == null && server.equals("Prism")) || (next != null && !next.equals(ok.headers().firstValue("x-next").orElse(null)))) {
                fail("listPets: x-next read as " + next);
            }
        }
        expect(() -> client.listPetsAsync(petstore.ListPetsRequest.builder().build()).join(), 200, "listPets without parameters, asynchronous");
        var dflt = expect(() -> forced.apply(503).listPets(petstore.ListPetsRequest.builder().build()), 503, "listPets forced 503 (default response)");
        if (!(dflt instanceof petstore.ListPetsResponse.Default d) || d.body() == null || d.body().message() == null) {
            fail("listPets forced 503: no error body: " + dflt);
        }
        expect(() -> client.listPets(petstore.ListPetsRequest.builder().limit(1000).build()), 422, server + " refuses limit=1000");

        petstore.NewPet rex = new petstore.NewPet("Rex", null, petstore.NewPetKind.DOG);
        var created = expect(() -> client.createPet(petstore.CreatePetRequest.builder().body(rex).build()), 201, "createPet");
        if (!(created instanceof petstore.CreatePetResponse.Status201 c) || c.body().id() == null) {
            fail("createPet: no id: " + created);
        }
        expectError(() -> anon.createPet(petstore.CreatePetRequest.builder().body(rex).build()), 401, "createPet without a token");
        expect(() -> client.createPet(petstore.CreatePetRequest.builder().body(new petstore.NewPet("", null, null)).build()), 422, server + " refuses an empty name");

        expect(() -> client.showPetById(petstore.ShowPetByIdRequest.builder().petId(9007199254740L).build()), 200, "showPetById");
        expect(() -> forced.apply(404).showPetById(petstore.ShowPetByIdRequest.builder().petId(1L).build()), 404, "showPetById forced 404");

        expect(() -> client.deletePet(petstore.DeletePetRequest.builder().petId(7L).build()), 204, "deletePet");
        expect(() -> forced.apply(404).deletePetAsync(petstore.DeletePetRequest.builder().petId(7L).build()).join(), 404, "deletePet forced 404, asynchronous");
        expectError(() -> anon.deletePet(petstore.DeletePetRequest.builder().petId(7L).build()), 401, "deletePet without a token");

        // Activities: a oneOf with a discriminator, decoded by its tag.
        var acts = expect(() -> client.listActivities(petstore.ListActivitiesRequest.builder().petId(7L).build()), 200, "listActivities");
        if (!(acts instanceof petstore.ListActivitiesResponse.Status200 a)
                || a.body().isEmpty()
                || !(a.body().get(0) instanceof petstore.Activity.WalkValue w)
                || !"walk".equals(w.value().type())) {
            fail("listActivities: the first activity is not a walk: " + acts);
        }
        petstore.Activity meal = new petstore.Activity.MealValue(new petstore.Meal("meal", "kibble"));
        var logged = expect(() -> client.logActivity(petstore.LogActivityRequest.builder().petId(7L).body(meal).build()), 201, "logActivity");
        if (!(logged instanceof petstore.LogActivityResponse.Status201 l) || l.body() == null) {
            fail("logActivity: no activity decoded: " + logged);
        }
        petstore.Activity walk = new petstore.Activity.WalkValue(new petstore.Walk("walk", 0L));
        expectError(() -> client.logActivityAsync(petstore.LogActivityRequest.builder().petId(7L).body(walk).build()).join(), 422, server + " refuses a walk of 0 minutes (asynchronous)");
        try {
            petstore.ShowPetByIdRequest.builder().build();
            fail("a request without its required petId was built");
        } catch (NullPointerException expectedError) {
            // The builder refuses a request without its required parameter.
        }
    }

    /** Gateway-style notes API: API key header, CORS preflight without auth, uuid path. */
    private static void gateway(String url, int noKey, int unchecked) throws Exception {
        gatewaycrud.ApiClient client = gatewaycrud.ApiClient.builder().baseUrl(url).apiKey("api_key", "key-1").build();
        gatewaycrud.ApiClient anon = gatewaycrud.ApiClient.builder().baseUrl(url).build();
        java.util.function.IntFunction<gatewaycrud.ApiClient> forced = code -> gatewaycrud.ApiClient.builder()
                .baseUrl(url).apiKey("api_key", "key-1").header("Prefer", "code=" + code).build();
        String id = "123e4567-e89b-12d3-a456-426614174000";
        gatewaycrud.NewNote note = new gatewaycrud.NewNote("Groceries", "eggs & milk", List.of("home", "todo"));

        var page = expect(() -> client.listNotes(gatewaycrud.ListNotesRequest.builder().limit(20L).cursor("c/1?x=2").build()), 200, "listNotes");
        if (!(page instanceof gatewaycrud.ListNotesResponse.Status200 p) || p.body().items().isEmpty()) {
            fail("listNotes: no items: " + page);
        } else {
            // createdAt (format: date-time) is an OffsetDateTime; nextCursor (optional and
            // nullable) an ApiNullable, never null itself.
            java.time.OffsetDateTime at = p.body().items().get(0).createdAt();
            gatewaycrud.ApiNullable<String> next = p.body().nextCursor();
            if (at == null || next == null) {
                fail("listNotes: createdAt " + at + ", nextCursor " + next);
            }
            String origin = p.accessControlAllowOrigin();
            if ((origin == null && server.equals("Prism")) || (origin != null && !origin.equals(p.headers().firstValue("Access-Control-Allow-Origin").orElse(null)))) {
                fail("listNotes: Access-Control-Allow-Origin read as " + origin);
            }
        }
        expectError(() -> anon.listNotes(gatewaycrud.ListNotesRequest.builder().build()), noKey, "listNotes without a key");
        expect(() -> anon.optionsNotes(), 200, "OPTIONS /notes");

        expect(() -> client.createNote(gatewaycrud.CreateNoteRequest.builder().body(note).build()), 201, "createNote");
        var bad = expect(() -> forced.apply(400).createNote(gatewaycrud.CreateNoteRequest.builder().body(note).build()), 400, "createNote forced 400");
        if (!(bad instanceof gatewaycrud.CreateNoteResponse.Status400 b) || b.body().message() == null) {
            fail("createNote forced 400: no error message: " + bad);
        }

        expect(() -> client.getNote(gatewaycrud.GetNoteRequest.builder().noteId(id).build()), 200, "getNote");
        expect(() -> forced.apply(404).getNote(gatewaycrud.GetNoteRequest.builder().noteId(id).build()), 404, "getNote forced 404");
        // format: uuid is checked by Prism, not by API Gateway's request validators.
        if (unchecked == 422) {
            expectError(() -> client.getNote(gatewaycrud.GetNoteRequest.builder().noteId("not-a-uuid").build()), 422, server + " refuses a bad uuid");
        } else {
            expect(() -> client.getNote(gatewaycrud.GetNoteRequest.builder().noteId("not-a-uuid").build()), unchecked, server + ": a bad uuid");
        }

        expect(() -> client.updateNote(gatewaycrud.UpdateNoteRequest.builder().noteId(id).body(note).build()), 200, "updateNote");
        expect(() -> forced.apply(404).updateNote(gatewaycrud.UpdateNoteRequest.builder().noteId(id).body(note).build()), 404, "updateNote forced 404");

        expect(() -> client.deleteNote(gatewaycrud.DeleteNoteRequest.builder().noteId(id).build()), 204, "deleteNote");
        expect(() -> forced.apply(404).deleteNote(gatewaycrud.DeleteNoteRequest.builder().noteId(id).build()), 404, "deleteNote forced 404");
        expectError(() -> anon.deleteNote(gatewaycrud.DeleteNoteRequest.builder().noteId(id).build()), noKey, "deleteNote without a key");
    }
}
