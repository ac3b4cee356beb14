package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/store"
)

// TestLoadTeamActivity checks that a team's load holds exactly the issues
// its analysis can use, each with all its activity, as LoadActivity of
// every collected project has them.
func TestLoadTeamActivity(t *testing.T) {
	ctx := context.Background()
	st := open(t, filepath.Join(t.TempDir(), "db.sqlite"))
	base := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	type issue struct {
		key, typ, creator, parent string
		deleted                   bool
		pmTouch                   string // "history", "comment" or "worklog"
		want                      bool
	}
	issues := []issue{
		{key: "T-1", parent: "O-6", want: true},              // the team's project
		{key: "T-2", deleted: true},                          // deleted
		{key: "JPD-1", typ: "product_discovery", want: true}, // discovery anywhere
		{key: "O-1", creator: "pm", want: true},              // created by the PM
		{key: "O-2", pmTouch: "history", want: true},
		{key: "O-3", pmTouch: "comment", want: true},
		{key: "O-4", pmTouch: "worklog", want: true},
		{key: "O-5"},                                    // only engineers
		{key: "O-6", parent: "O-7", want: true},         // T-1's epic
		{key: "O-7", want: true},                        // and its parent
		{key: "O-8", creator: "pm", deleted: true},      // deleted
		{key: "X-1", creator: "pm", pmTouch: "comment"}, // not collected
	}
	var b store.Batch
	b.People = []model.Person{{ID: "pm", DisplayName: "PM"}, {ID: "eng", DisplayName: "Eng"}}
	for n, is := range issues {
		id := fmt.Sprint(100 + n)
		at := base.Add(time.Duration(n) * time.Hour)
		d := store.IssueData{Issue: model.Issue{ID: id, Key: is.key, ProjectKey: is.key[:len(is.key)-2], ProjectType: "software",
			Type: "Story", Status: "To Do", CreatorID: "eng", ReporterID: "eng", Created: at, Updated: at, ParentKey: is.parent}}
		if is.typ != "" {
			d.Issue.ProjectType = is.typ
		}
		if is.creator != "" {
			d.Issue.CreatorID = is.creator
		}
		author := map[string]string{"history": "eng", "comment": "eng", "worklog": "eng"}
		if is.pmTouch != "" {
			author[is.pmTouch] = "pm"
		}
		d.Histories = []model.History{{ID: id + "h", IssueID: id, AuthorID: author["history"], Created: at.Add(time.Minute),
			Items: []model.HistoryItem{{Field: "status", FieldType: "jira", From: "1", FromString: "To Do", To: "3", ToString: "In Progress"}}}}
		d.Comments = []model.Comment{{ID: id + "c", IssueID: id, AuthorID: author["comment"], Body: "ok", BodySize: 2,
			Created: at.Add(2 * time.Minute), Updated: at.Add(2 * time.Minute)}}
		d.Worklogs = []model.Worklog{{ID: id + "w", IssueID: id, AuthorID: author["worklog"], Started: at, Seconds: 600,
			Created: at.Add(3 * time.Minute), Updated: at.Add(3 * time.Minute)}}
		b.Issues = append(b.Issues, d)
	}
	must(t, st.SaveBatch(ctx, b, nil))
	var deleted []string
	for n, is := range issues {
		if is.deleted {
			deleted = append(deleted, fmt.Sprint(100+n))
		}
	}
	must(t, st.ApplyCensus(ctx, store.Census{Deleted: deleted}))

	collected := []string{"T", "JPD", "O"}
	all, err := st.LoadActivity(ctx, collected)
	must(t, err)
	var keys []string
	for _, is := range issues {
		if is.want {
			keys = append(keys, is.key)
		}
	}
	want := &model.Activity{Histories: map[string][]model.History{}, Comments: map[string][]model.Comment{},
		Worklogs: map[string][]model.Worklog{}, People: all.People, Sprints: all.Sprints, ChangelogsComplete: true}
	for _, is := range all.Issues {
		if slices.Contains(keys, is.Key) {
			want.Issues = append(want.Issues, is)
			want.Histories[is.ID], want.Comments[is.ID], want.Worklogs[is.ID] = all.Histories[is.ID], all.Comments[is.ID], all.Worklogs[is.ID]
		}
	}
	if len(want.Issues) != len(keys) {
		t.Fatalf("the full load holds %d of the %d wanted issues", len(want.Issues), len(keys))
	}
	got, err := st.LoadTeamActivity(ctx, store.TeamScope{Collected: collected, Projects: []string{"T"}, People: []string{"pm"}})
	must(t, err)
	diff(t, got, want)

	// Without people, only the team's projects, JPD projects and their parents.
	got, err = st.LoadTeamActivity(ctx, store.TeamScope{Collected: collected, Projects: []string{"T"}})
	must(t, err)
	var gotKeys []string
	for _, is := range got.Issues {
		gotKeys = append(gotKeys, is.Key)
	}
	slices.Sort(gotKeys)
	if w := []string{"JPD-1", "O-6", "O-7", "T-1"}; !slices.Equal(gotKeys, w) {
		t.Errorf("without people: got %v, want %v", gotKeys, w)
	}
}
