package app

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/internal/isoweek"
	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/store"
)

// TestLoadActivityScoped checks that a team's analysis is the same on its
// own share of the store as on every collected project: the demo scenario
// collected over HTTP, plus a project where the PM also works (her time
// there is "other" time), a Jira Product Discovery project (discovery
// wherever it is) and issues nobody of the team touched.
func TestLoadActivityScoped(t *testing.T) {
	ctx := context.Background()
	cfg, st := simStore(t, "demo")
	collect(t, cfg, st)
	team := &cfg.Teams[0]
	people, err := st.People(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pms := model.MatchPeople(people, team.ProductManagers)
	if len(pms) == 0 {
		t.Fatal("the demo's PM matches nobody")
	}
	saveOtherProjects(t, st, pms[0], team.Location)
	cfg.Jira.Projects = append(cfg.Jira.Projects, "OTHER", "IDEA")

	week := isoweek.Of(time.Date(2026, 11, 27, 12, 0, 0, 0, team.Location))
	w := Window{AsOf: week.Sunday(), Now: week.Sunday().AddDate(0, 0, 1), Weeks: ReportWeeks}
	result := func(act *model.Activity) []byte {
		t.Helper()
		r, err := AnalyzeActivity(act, cfg, team, w)
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	full, err := st.LoadActivity(ctx, CollectedProjects(cfg))
	if err != nil {
		t.Fatal(err)
	}
	scoped, err := LoadActivity(ctx, st, cfg, team)
	if err != nil {
		t.Fatal(err)
	}
	if len(scoped.Issues) != len(full.Issues)-1 {
		t.Errorf("scoped load: %d issues, want all %d but the one nobody of the team touched", len(scoped.Issues), len(full.Issues))
	}
	want := result(full)
	if got := result(scoped); !bytes.Equal(got, want) {
		t.Errorf("analysis differs on the scoped load:\n got %s\nwant %s", got, want)
	}
	// The other projects count: without them the analysis differs.
	own, err := st.LoadActivity(ctx, union(team.DeliveryProjects, team.Discovery.Projects))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(result(own), want) {
		t.Error("the PM's work in OTHER and IDEA does not show in the analysis: the test proves nothing")
	}
}

// saveOtherProjects stores, in the demo's last week, an issue of OTHER the
// PM comments on and edits, one of OTHER only an engineer touches, and
// one of IDEA, a Jira Product Discovery project, the PM edits.
func saveOtherProjects(t *testing.T, st *store.Store, pm string, loc *time.Location) {
	t.Helper()
	at := time.Date(2026, 11, 25, 10, 0, 0, 0, loc).UTC()
	issue := func(id, key, project, ptype, creator string) store.IssueData {
		return store.IssueData{Issue: model.Issue{ID: id, Key: key, ProjectKey: project, ProjectType: ptype, Type: "Task",
			Status: "To Do", StatusCategory: "new", Summary: key, CreatorID: creator, ReporterID: creator,
			Created: at.Add(-30 * 24 * time.Hour), Updated: at}}
	}
	edit := func(id, issueID, author string, when time.Time) model.History {
		return model.History{ID: id, IssueID: issueID, AuthorID: author, Created: when,
			Items: []model.HistoryItem{{Field: "description", FieldType: "jira", FieldID: "description", ToString: strings.Repeat("x", 400)}}}
	}
	o1 := issue("990001", "OTHER-1", "OTHER", "software", "someone-else")
	o1.Comments = []model.Comment{{ID: "990101", IssueID: "990001", AuthorID: pm, Body: "Let us sync on this.", BodySize: 20,
		Created: at, Updated: at}}
	o1.Histories = []model.History{edit("990201", "990001", pm, at.Add(20*time.Minute))}
	o2 := issue("990002", "OTHER-2", "OTHER", "software", "someone-else")
	o2.Histories = []model.History{edit("990202", "990002", "someone-else", at)}
	i1 := issue("990003", "IDEA-1", "IDEA", "product_discovery", "someone-else")
	i1.Histories = []model.History{edit("990203", "990003", pm, at.Add(2*time.Hour))}
	b := store.Batch{Issues: []store.IssueData{o1, o2, i1}, People: []model.Person{{ID: "someone-else", DisplayName: "Someone Else"}}}
	if err := st.SaveBatch(context.Background(), b, nil); err != nil {
		t.Fatal(err)
	}
}
