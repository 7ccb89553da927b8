// End-to-end checks of the generated Go SDKs (generated/petstore/go and
// generated/gateway-crud/go) against Prism mocks, run by tests/e2e_go.rs through a go.work
// that uses this module and the two SDKs.
//
// Usage: go run . PETSTORE_URL GATEWAY_URL
package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	gatewaycrud "gateway-crud"
	"petstore"
)

var calls int

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

// expectStatus fails unless the call returned a response with status want.
func expectStatus[R any](res *R, err error, status func(*R) int, want int, what string) *R {
	calls++
	if err != nil {
		fail("%s: %v", what, err)
	}
	if got := status(res); got != want {
		fail("%s: got status %d, want %d", what, got, want)
	}
	return res
}

// expectAPIError fails unless the call failed with an undocumented status want.
func expectAPIError(err error, want int, what string) {
	calls++
	var pe *petstore.APIError
	var ge *gatewaycrud.APIError
	switch {
	case errors.As(err, &pe) && pe.StatusCode == want:
	case errors.As(err, &ge) && ge.StatusCode == want:
	default:
		fail("%s: want an APIError with status %d, got %v", what, want, err)
	}
}

func main() {
	if len(os.Args) != 3 {
		fail("usage: go run . PETSTORE_URL GATEWAY_URL")
	}
	ctx := context.Background()
	petURL, gwURL := os.Args[1], os.Args[2]

	// Petstore: bearer auth, query arrays, int64 path, documented and default error statuses.
	{
		pet := func(opts ...petstore.Option) *petstore.Client {
			return petstore.NewClient(append([]petstore.Option{petstore.WithBaseURL(petURL)}, opts...)...)
		}
		client := pet(petstore.WithBearerToken("token-1"))
		anon := pet()
		forced := func(code int) *petstore.Client {
			return pet(petstore.WithBearerToken("token-1"), petstore.WithHeader("Prefer", fmt.Sprintf("code=%d", code)))
		}
		st := func(r *petstore.ListPetsResponse) int { return r.StatusCode }
		list, err := client.ListPets(ctx, petstore.ListPetsParams{Limit: petstore.Ptr(int32(10)), Tags: []string{"small", "brown dog"}})
		list = expectStatus(list, err, st, 200, "ListPets")
		if len(list.Status200) == 0 {
			fail("ListPets: no pets")
		}
		r, err := client.ListPets(ctx, petstore.ListPetsParams{})
		expectStatus(r, err, st, 200, "ListPets without parameters")
		r, err = forced(503).ListPets(ctx, petstore.ListPetsParams{})
		r = expectStatus(r, err, st, 503, "ListPets forced 503 (default response)")
		if r.Default == nil || r.Default.Message == "" {
			fail("ListPets forced 503: no error body")
		}
		r, err = client.ListPets(ctx, petstore.ListPetsParams{Limit: petstore.Ptr(int32(1000))})
		expectStatus(r, err, st, 422, "Prism refuses limit=1000")

		cst := func(r *petstore.CreatePetResponse) int { return r.StatusCode }
		kind := petstore.NewPetKindDog
		created, err := client.CreatePet(ctx, petstore.CreatePetParams{Body: petstore.NewPet{Name: "Rex", Tag: petstore.Null[string](), Kind: &kind}})
		created = expectStatus(created, err, cst, 201, "CreatePet")
		if created.Status201 == nil || created.Status201.ID == 0 {
			fail("CreatePet: no id in %+v", created.Status201)
		}
		_, err = anon.CreatePet(ctx, petstore.CreatePetParams{Body: petstore.NewPet{Name: "Rex"}})
		expectAPIError(err, 401, "CreatePet without a token")
		c2, err := client.CreatePet(ctx, petstore.CreatePetParams{Body: petstore.NewPet{Name: ""}})
		expectStatus(c2, err, cst, 422, "Prism refuses an empty name")

		sst := func(r *petstore.ShowPetByIDResponse) int { return r.StatusCode }
		s, err := client.ShowPetByID(ctx, petstore.ShowPetByIDParams{PetID: 9007199254740})
		expectStatus(s, err, sst, 200, "ShowPetByID")
		s, err = forced(404).ShowPetByID(ctx, petstore.ShowPetByIDParams{PetID: 1})
		expectStatus(s, err, sst, 404, "ShowPetByID forced 404")

		dst := func(r *petstore.DeletePetResponse) int { return r.StatusCode }
		d, err := client.DeletePet(ctx, petstore.DeletePetParams{PetID: 7})
		expectStatus(d, err, dst, 204, "DeletePet")
		d, err = forced(404).DeletePet(ctx, petstore.DeletePetParams{PetID: 7})
		expectStatus(d, err, dst, 404, "DeletePet forced 404")
		_, err = anon.DeletePet(ctx, petstore.DeletePetParams{PetID: 7})
		expectAPIError(err, 401, "DeletePet without a token")

		// Activities: a oneOf with a discriminator.
		ast := func(r *petstore.ListActivitiesResponse) int { return r.StatusCode }
		acts, err := client.ListActivities(ctx, petstore.ListActivitiesParams{PetID: 7})
		acts = expectStatus(acts, err, ast, 200, "ListActivities")
		if len(acts.Status200) == 0 || acts.Status200[0].Walk == nil || acts.Status200[0].Walk.Type != "walk" {
			fail("ListActivities: the first activity is not a walk: %+v", acts.Status200)
		}
		lst := func(r *petstore.LogActivityResponse) int { return r.StatusCode }
		meal := petstore.Activity{Meal: &petstore.Meal{Type: "meal", Food: "kibble"}}
		l, err := client.LogActivity(ctx, petstore.LogActivityParams{PetID: 7, Body: meal})
		l = expectStatus(l, err, lst, 201, "LogActivity")
		if l.Status201 == nil || (l.Status201.Meal == nil && l.Status201.Walk == nil) {
			fail("LogActivity: no activity decoded")
		}
		walk := petstore.Activity{Walk: &petstore.Walk{Type: "walk", Minutes: 0}}
		_, err = client.LogActivity(ctx, petstore.LogActivityParams{PetID: 7, Body: walk})
		expectAPIError(err, 422, "Prism refuses a walk of 0 minutes")
	}

	// Gateway-style notes API: API key header, CORS preflight without auth, uuid path.
	{
		gw := func(opts ...gatewaycrud.Option) *gatewaycrud.Client {
			return gatewaycrud.NewClient(append([]gatewaycrud.Option{gatewaycrud.WithBaseURL(gwURL)}, opts...)...)
		}
		client := gw(gatewaycrud.WithAPIKey("api_key", "key-1"))
		anon := gw()
		forced := func(code int) *gatewaycrud.Client {
			return gw(gatewaycrud.WithAPIKey("api_key", "key-1"), gatewaycrud.WithHeader("Prefer", fmt.Sprintf("code=%d", code)))
		}
		id := "123e4567-e89b-12d3-a456-426614174000"
		note := gatewaycrud.NewNote{Title: "Groceries", Body: gatewaycrud.Ptr("eggs & milk"), Tags: []string{"home", "todo"}}

		lst := func(r *gatewaycrud.ListNotesResponse) int { return r.StatusCode }
		page, err := client.ListNotes(ctx, gatewaycrud.ListNotesParams{Limit: gatewaycrud.Ptr(int64(20)), Cursor: gatewaycrud.Ptr("c/1?x=2")})
		page = expectStatus(page, err, lst, 200, "ListNotes")
		if page.Status200 == nil || len(page.Status200.Items) == 0 {
			fail("ListNotes: no items")
		}
		_, err = anon.ListNotes(ctx, gatewaycrud.ListNotesParams{})
		expectAPIError(err, 401, "ListNotes without a key")
		o, err := anon.OptionsNotes(ctx)
		expectStatus(o, err, func(r *gatewaycrud.OptionsNotesResponse) int { return r.StatusCode }, 200, "OPTIONS /notes")

		cst := func(r *gatewaycrud.CreateNoteResponse) int { return r.StatusCode }
		c, err := client.CreateNote(ctx, gatewaycrud.CreateNoteParams{Body: note})
		expectStatus(c, err, cst, 201, "CreateNote")
		c, err = forced(400).CreateNote(ctx, gatewaycrud.CreateNoteParams{Body: note})
		c = expectStatus(c, err, cst, 400, "CreateNote forced 400")
		if c.Status400 == nil || c.Status400.Message == "" {
			fail("CreateNote forced 400: no error message")
		}

		gst := func(r *gatewaycrud.GetNoteResponse) int { return r.StatusCode }
		g, err := client.GetNote(ctx, gatewaycrud.GetNoteParams{NoteID: id})
		expectStatus(g, err, gst, 200, "GetNote")
		g, err = forced(404).GetNote(ctx, gatewaycrud.GetNoteParams{NoteID: id})
		expectStatus(g, err, gst, 404, "GetNote forced 404")
		_, err = client.GetNote(ctx, gatewaycrud.GetNoteParams{NoteID: "not-a-uuid"})
		expectAPIError(err, 422, "Prism refuses a bad uuid")

		ust := func(r *gatewaycrud.UpdateNoteResponse) int { return r.StatusCode }
		u, err := client.UpdateNote(ctx, gatewaycrud.UpdateNoteParams{NoteID: id, Body: note})
		expectStatus(u, err, ust, 200, "UpdateNote")
		u, err = forced(404).UpdateNote(ctx, gatewaycrud.UpdateNoteParams{NoteID: id, Body: note})
		expectStatus(u, err, ust, 404, "UpdateNote forced 404")

		dst := func(r *gatewaycrud.DeleteNoteResponse) int { return r.StatusCode }
		d, err := client.DeleteNote(ctx, gatewaycrud.DeleteNoteParams{NoteID: id})
		expectStatus(d, err, dst, 204, "DeleteNote")
		d, err = forced(404).DeleteNote(ctx, gatewaycrud.DeleteNoteParams{NoteID: id})
		expectStatus(d, err, dst, 404, "DeleteNote forced 404")
		_, err = anon.DeleteNote(ctx, gatewaycrud.DeleteNoteParams{NoteID: id})
		expectAPIError(err, 401, "DeleteNote without a key")
	}
	fmt.Printf("ok: %d calls\n", calls)
}
