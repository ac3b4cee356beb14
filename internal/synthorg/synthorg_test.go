package synthorg_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/roleload/roleload/internal/synthorg"
	"github.com/roleload/roleload/store"
)

// TestSameOrganisationEveryTime: the benchmarks compare runs, so the data
// must not change between them; and the store gives back what was saved.
func TestSameOrganisationEveryTime(t *testing.T) {
	a := synthorg.New(synthorg.Options{Issues: 300}).Activity()
	b := synthorg.New(synthorg.Options{Issues: 300}).Activity()
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two organisations of the same options differ")
	}
	events, pmEvents := 0, 0
	for _, is := range a.Issues {
		events++
		hs, cs, ws := a.Histories[is.ID], a.Comments[is.ID], a.Worklogs[is.ID]
		events += len(hs) + len(cs) + len(ws)
		for i := 1; i < len(hs); i++ {
			if hs[i].Created.Before(hs[i-1].Created) {
				t.Fatalf("%s: histories out of order", is.Key)
			}
		}
		for _, h := range hs {
			if h.AuthorID == "p"+is.ProjectKey[1:] {
				pmEvents++
			}
		}
	}
	if want := 300 * synthorg.EventsPerIssue; events != want || synthorg.New(synthorg.Options{Issues: 300}).Events() != want {
		t.Errorf("%d events, want %d", events, want)
	}
	if pmEvents == 0 {
		t.Error("no history authored by a project's PM: the analysed PM would have no activity")
	}

	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "org.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := synthorg.New(synthorg.Options{Issues: 300}).Save(ctx, st); err != nil {
		t.Fatal(err)
	}
	got, err := st.LoadActivity(ctx, []string{"P0", "P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Issues) != 300 || len(got.People) != 200 || len(got.Sprints) != len(a.Sprints) {
		t.Errorf("store gave back %d issues, %d people, %d sprints; want 300, 200, %d", len(got.Issues), len(got.People), len(got.Sprints), len(a.Sprints))
	}
	for _, is := range a.Issues[:20] {
		if len(got.Histories[is.ID]) != 12 || len(got.Comments[is.ID]) != 8 || len(got.Worklogs[is.ID]) != 4 {
			t.Errorf("%s: stored %d/%d/%d histories/comments/worklogs, want 12/8/4", is.Key,
				len(got.Histories[is.ID]), len(got.Comments[is.ID]), len(got.Worklogs[is.ID]))
		}
	}
}
