package collector_test

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/roleload/roleload/collector"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/jirasim"
	"github.com/roleload/roleload/jirasim/scenario"
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
	ds    *scenario.Dataset
	sim   *jirasim.Server
	http  *httptest.Server
	st    *store.Store
	path  string
	flav  model.Flavor
	extra func(*config.Jira)
}

func newEnv(t testing.TB, name string, flavor model.Flavor, issues int) *env {
	t.Helper()
	ds, err := scenario.Load(name, scenario.Options{Seed: 7, Flavor: flavor, Issues: issues})
	if err != nil {
		t.Fatal(err)
	}
	return newEnvDS(t, ds, flavor, jirasim.Options{})
}

func newEnvDS(t testing.TB, ds *scenario.Dataset, flavor model.Flavor, o jirasim.Options) *env {
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

func projectsOf(ds *scenario.Dataset) []string {
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

// checkComplete asserts the store holds exactly what the server shows now:
// every issue field, and every history (author, time, each changelog
// item), comment (author, times, body, mentions) and worklog, compared
// whole (times at Jira's millisecond precision).
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
	var nh, nc, nw int
	bad := 0
	report := func(format string, args ...any) {
		t.Helper()
		if bad++; bad <= 10 {
			t.Errorf(format, args...)
		}
	}
	for _, w := range want.Issues {
		g, ok := byID[w.ID]
		if !ok {
			t.Fatalf("issue %s (%s) missing", w.Key, w.ID)
		}
		if gi, wi := normIssue(g), normIssue(w); !reflect.DeepEqual(gi, wi) {
			report("issue %s:\n got %+v\nwant %+v", w.Key, gi, wi)
		}
		nh, nc, nw = nh+len(want.Histories[w.ID]), nc+len(want.Comments[w.ID]), nw+len(want.Worklogs[w.ID])
		nh := func(h model.History) model.History { return normHistory(h, e.flav == model.Server) }
		diff(report, w.Key+" history", normSlice(got.Histories[w.ID], nh), normSlice(want.Histories[w.ID], nh))
		diff(report, w.Key+" comment", normSlice(got.Comments[w.ID], normComment), normSlice(want.Comments[w.ID], normComment))
		diff(report, w.Key+" worklog", normSlice(got.Worklogs[w.ID], normWorklog), normSlice(want.Worklogs[w.ID], normWorklog))
	}
	// People: everyone the activity names, as Jira shows them.
	people := map[string]model.Person{}
	for _, p := range got.People {
		people[p.ID] = p
	}
	for _, w := range want.People {
		if g, ok := people[w.ID]; ok && g != w {
			report("person %s:\n got %+v\nwant %+v", w.ID, g, w)
		}
	}
	for _, w := range want.Issues {
		for _, h := range want.Histories[w.ID] {
			if _, ok := people[h.AuthorID]; h.AuthorID != "" && !ok {
				report("author %s of a history of %s not stored", h.AuthorID, w.Key)
			}
		}
		for _, c := range want.Comments[w.ID] {
			if _, ok := people[c.AuthorID]; !ok {
				report("author %s of a comment on %s not stored", c.AuthorID, w.Key)
			}
		}
	}
	if bad > 10 {
		t.Errorf("... %d differences in all", bad)
	}
	st, err := e.st.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Issues != len(want.Issues) || st.Histories != nh || st.Comments != nc || st.Worklogs != nw {
		t.Errorf("status %+v, want %d issues %d/%d/%d", st, len(want.Issues), nh, nc, nw)
	}
}

// diff reports the first element where got and want differ, or a
// difference in length.
func diff[T any](report func(string, ...any), what string, got, want []T) {
	for i := range min(len(got), len(want)) {
		if !reflect.DeepEqual(got[i], want[i]) {
			report("%s %d of %d:\n got %+v\nwant %+v", what, i+1, len(want), got[i], want[i])
			return
		}
	}
	if len(got) != len(want) {
		report("%s: %d stored, Jira has %d", what, len(got), len(want))
	}
}

// ms is a time at Jira's precision, in UTC, so that equal moments compare
// equal with reflect.DeepEqual.
func ms(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.Truncate(time.Millisecond).UTC()
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

func normSlice[T any](s []T, f func(T) T) []T {
	var out []T
	for _, v := range s {
		out = append(out, f(v))
	}
	return out
}

func normIssue(is model.Issue) model.Issue {
	is.Created, is.Updated, is.Resolved = ms(is.Created), ms(is.Updated), ms(is.Resolved)
	is.Labels, is.Components, is.SprintIDs, is.Links = nilIfEmpty(is.Labels), nilIfEmpty(is.Components), nilIfEmpty(is.SprintIDs), nilIfEmpty(is.Links)
	return is
}

// normHistory: Server/DC sends no fieldId (the simulator's truth keeps
// it), so on Server the field's name is what is compared.
func normHistory(h model.History, server bool) model.History {
	h.Created = ms(h.Created)
	h.Items = nilIfEmpty(slices.Clone(h.Items))
	if server {
		for i := range h.Items {
			h.Items[i].FieldID = ""
		}
	}
	return h
}

func normComment(c model.Comment) model.Comment {
	c.Created, c.Updated = ms(c.Created), ms(c.Updated)
	c.Mentions = nilIfEmpty(c.Mentions)
	return c
}

// normWorklog: a worklog never edited is updated when created (Jira sends
// both; the simulator's truth leaves Updated zero for one added later).
func normWorklog(w model.Worklog) model.Worklog {
	if w.Updated.IsZero() {
		w.Updated = w.Created
	}
	w.Started, w.Created, w.Updated = ms(w.Started), ms(w.Created), ms(w.Updated)
	return w
}

// maxActivity returns the largest history, comment and worklog counts of
// one issue in the dataset as of now.
func maxActivity(ds *scenario.Dataset) (h, c, w int) {
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
