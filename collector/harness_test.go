package collector_test

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/roleload/roleload/collector"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/jirasim"
	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/store"
)

const (
	testEmail = "bot@example.com"
	testToken = "s3cret-token"
)

// env is a simulated Jira served over real HTTP and a store file.
type env struct {
	t     testing.TB
	ds    *jirasim.Dataset
	sim   *jirasim.Server
	http  *httptest.Server
	st    *store.Store
	path  string
	flav  model.Flavor
	extra func(*config.Jira)
}

func newEnv(t testing.TB, scenario string, flavor model.Flavor, issues int) *env {
	t.Helper()
	ds, err := jirasim.Scenario(scenario, jirasim.ScenarioOptions{Seed: 7, Flavor: flavor, Issues: issues})
	if err != nil {
		t.Fatal(err)
	}
	return newEnvDS(t, ds, flavor, jirasim.Options{})
}

func newEnvDS(t testing.TB, ds *jirasim.Dataset, flavor model.Flavor, o jirasim.Options) *env {
	t.Helper()
	o.Flavor, o.Email, o.Token = flavor, testEmail, testToken
	if flavor == model.Server {
		o.Email = ""
	}
	sim := jirasim.New(ds, o)
	hs := httptest.NewServer(sim)
	t.Cleanup(hs.Close)
	e := &env{t: t, ds: ds, sim: sim, http: hs, flav: flavor, path: filepath.Join(t.TempDir(), "roleload.db")}
	e.st = openStore(t, e.path)
	return e
}

func openStore(t testing.TB, path string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func projectsOf(ds *jirasim.Dataset) []string {
	var ps []string
	for _, p := range ds.Projects {
		ps = append(ps, p.Key)
	}
	return ps
}

func (e *env) options() collector.Options {
	j := config.Jira{
		URL: e.http.URL, Email: testEmail, Token: testToken, Projects: projectsOf(e.ds), PageSize: 100,
		Overlap: config.Duration(2 * time.Minute), Timeout: config.Duration(30 * time.Second), MaxRetries: 5,
	}
	if e.flav == model.Server {
		j.Email = ""
	}
	if e.extra != nil {
		e.extra(&j)
	}
	return collector.Options{Jira: j, Sleep: func(ctx context.Context, d time.Duration) error { return ctx.Err() }}
}

func (e *env) run() collector.Summary {
	e.t.Helper()
	sum, err := collector.Run(context.Background(), e.st, e.options())
	if err != nil {
		e.t.Fatalf("run: %v", err)
	}
	return sum
}

// checkComplete asserts the store holds exactly what the server shows now.
func (e *env) checkComplete() {
	t := e.t
	t.Helper()
	want := e.sim.AsOfNow()
	got, err := e.st.LoadActivity(context.Background(), projectsOf(e.ds))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Issues) != len(want.Issues) {
		t.Fatalf("issues: got %d, want %d", len(got.Issues), len(want.Issues))
	}
	if !got.ChangelogsComplete {
		t.Errorf("changelogs not complete")
	}
	byID := map[string]model.Issue{}
	for _, is := range got.Issues {
		byID[is.ID] = is
	}
	var nh, nc, nw, gh, gc, gw int
	for _, w := range want.Issues {
		g, ok := byID[w.ID]
		if !ok {
			t.Fatalf("issue %s (%s) missing", w.Key, w.ID)
		}
		if g.Key != w.Key || !g.Updated.Equal(w.Updated.Truncate(time.Millisecond)) || g.Summary != w.Summary {
			t.Errorf("issue %s: got key %s updated %v summary %q, want %s %v %q", w.ID, g.Key, g.Updated, g.Summary, w.Key, w.Updated, w.Summary)
		}
		nh, nc, nw = nh+len(want.Histories[w.ID]), nc+len(want.Comments[w.ID]), nw+len(want.Worklogs[w.ID])
		gh, gc, gw = gh+len(got.Histories[w.ID]), gc+len(got.Comments[w.ID]), gw+len(got.Worklogs[w.ID])
		if len(got.Histories[w.ID]) != len(want.Histories[w.ID]) || len(got.Comments[w.ID]) != len(want.Comments[w.ID]) ||
			len(got.Worklogs[w.ID]) != len(want.Worklogs[w.ID]) {
			t.Errorf("issue %s: got %d/%d/%d histories/comments/worklogs, want %d/%d/%d", w.Key,
				len(got.Histories[w.ID]), len(got.Comments[w.ID]), len(got.Worklogs[w.ID]),
				len(want.Histories[w.ID]), len(want.Comments[w.ID]), len(want.Worklogs[w.ID]))
		}
	}
	if gh != nh || gc != nc || gw != nw {
		t.Errorf("totals: got %d/%d/%d, want %d/%d/%d", gh, gc, gw, nh, nc, nw)
	}
	st, err := e.st.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Issues != len(want.Issues) || st.Histories != nh || st.Comments != nc || st.Worklogs != nw {
		t.Errorf("status %+v, want %d issues %d/%d/%d", st, len(want.Issues), nh, nc, nw)
	}
}

// maxActivity returns the largest history, comment and worklog counts of
// one issue in the dataset as of now.
func maxActivity(ds *jirasim.Dataset) (h, c, w int) {
	for _, is := range ds.Issues {
		h = max(h, len(ds.Histories[is.ID]))
		c = max(c, len(ds.Comments[is.ID]))
		w = max(w, len(ds.Worklogs[is.ID]))
	}
	return
}

func countRequests(reqs []jirasim.LoggedRequest, pathPrefix string) int {
	return len(slices.DeleteFunc(slices.Clone(reqs), func(r jirasim.LoggedRequest) bool {
		return len(r.Path) < len(pathPrefix) || r.Path[:len(pathPrefix)] != pathPrefix
	}))
}
