package analysis_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/analysis/signal"
	"github.com/roleload/roleload/model"
)

// actBuilder hand-builds a model.Activity for black-box tests that go
// through analysis.Analyze only (no unexported function), so they survive
// refactors of the package's internals. People: PM "pm", PO "po",
// engineers "e1".."e3". Times are "2006-01-02 15:04" in Europe/Berlin.
type actBuilder struct {
	t   testing.TB
	loc *time.Location
	act *model.Activity
	n   int
}

func newActBuilder(t testing.TB) *actBuilder {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatalf("load Europe/Berlin: %v", err)
	}
	return &actBuilder{t: t, loc: loc, act: &model.Activity{
		Histories: map[string][]model.History{}, Comments: map[string][]model.Comment{}, Worklogs: map[string][]model.Worklog{},
		ChangelogsComplete: true,
		People: []model.Person{
			{ID: "pm", Name: "paula", DisplayName: "Paula PM", Active: true},
			{ID: "po", Name: "otto", DisplayName: "Otto PO", Active: true},
			{ID: "e1", Name: "erin", DisplayName: "Erin Eng", Active: true},
			{ID: "e2", Name: "ed", DisplayName: "Ed Eng", Active: true},
			{ID: "e3", Name: "eve", DisplayName: "Eve Eng", Active: true},
		},
	}}
}

func (b *actBuilder) at(s string) time.Time {
	b.t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, b.loc)
	if err != nil {
		b.t.Fatalf("bad time %q: %v", s, err)
	}
	return v
}

func (b *actBuilder) nextID() string { b.n++; return fmt.Sprint(20000 + b.n) }

// issue adds a Story (project = the key's prefix) unless it exists, and
// returns its ID.
func (b *actBuilder) issue(key, creator, created string) string {
	for _, is := range b.act.Issues {
		if is.Key == key {
			return is.ID
		}
	}
	proj, _, _ := strings.Cut(key, "-")
	id := b.nextID()
	b.act.Issues = append(b.act.Issues, model.Issue{ID: id, Key: key, ProjectKey: proj, Type: "Story", Status: "To Do",
		StatusCategory: "new", Summary: "Summary of " + key, CreatorID: creator, ReporterID: creator, Created: b.at(created)})
	return id
}

func (b *actBuilder) issueID(key string) string {
	b.t.Helper()
	for _, is := range b.act.Issues {
		if is.Key == key {
			return is.ID
		}
	}
	b.t.Fatalf("no issue %s", key)
	return ""
}

func (b *actBuilder) comment(key, author, at, body string, mentions ...string) {
	id := b.issueID(key)
	b.act.Comments[id] = append(b.act.Comments[id], model.Comment{ID: b.nextID(), IssueID: id, AuthorID: author,
		Created: b.at(at), Body: body, BodySize: len([]rune(body)), Mentions: mentions})
	slices.SortFunc(b.act.Comments[id], func(x, y model.Comment) int { return x.Created.Compare(y.Created) })
}

// worklog logs d of work by author starting at start, logged when it ends.
func (b *actBuilder) worklog(key, author, start string, d time.Duration) {
	id := b.issueID(key)
	s := b.at(start)
	b.act.Worklogs[id] = append(b.act.Worklogs[id], model.Worklog{ID: b.nextID(), IssueID: id, AuthorID: author,
		Started: s, Seconds: int(d / time.Second), Created: s.Add(d)})
}

// request: engineer eng asks the PM on a fresh engineer-reported issue
// (rule (a), a mention) at the given time.
func (b *actBuilder) request(key, eng, at string) {
	b.issue(key, eng, "2026-01-05 10:00")
	b.comment(key, eng, at, "[~accountid:pm] which copy do we show here", "pm")
}

// boundaryTeam is a Mon–Fri 09:00–17:00 Europe/Berlin team with PM "pm",
// delivery project ABC and discovery project DISC.
func boundaryTeam(b *actBuilder) analysis.Team {
	t := analysis.SpecTeam("boundary", b.loc)
	t.ProductManagers, t.Engineers = []string{"pm"}, []string{"e1", "e2", "e3"}
	t.DeliveryProjects, t.Discovery.Projects = []string{"ABC"}, []string{"DISC"}
	return t
}

// analyzeAt runs analysis.Analyze over weeks weeks ending on asOf (a
// date); now, if not empty, is when the analysis looks ("2006-01-02 15:04").
func analyzeAt(t *testing.T, b *actBuilder, team analysis.Team, th signal.Thresholds, asOf string, weeks int, now string) *analysis.Result {
	t.Helper()
	in := analysis.Input{Activity: b.act, Team: team, Thresholds: th, TimeModel: analysis.SpecTimeModel(), AsOf: b.at(asOf + " 12:00"), Weeks: weeks, HistoryWeeks: weeks}
	if now != "" {
		in.Now = b.at(now)
	}
	r, err := analysis.Analyze(in)
	if err != nil {
		t.Fatalf("Analyze: %v", err)
	}
	return r
}

// trippedSignals names the tripped signals of r, in the verdict's order.
func trippedSignals(r *analysis.Result) []string {
	out := []string{}
	for _, s := range r.Verdict.Signals {
		if s.Tripped {
			out = append(out, s.Name)
		}
	}
	return out
}

func signalNames(r *analysis.Result) []string {
	out := []string{}
	for _, s := range r.Verdict.Signals {
		out = append(out, s.Name)
	}
	return out
}

func signalOf(t *testing.T, r *analysis.Result, name string) analysis.Signal {
	t.Helper()
	for _, s := range r.Verdict.Signals {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no signal %s among %v", name, signalNames(r))
	return analysis.Signal{}
}

// defaults are SPEC §6.6's thresholds.
func defaults() signal.Thresholds { return analysis.SpecThresholds() }
