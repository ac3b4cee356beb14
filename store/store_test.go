package store_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/store"
)

func open(t *testing.T, path string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

var t0 = time.Date(2026, 11, 2, 9, 30, 15, 123e6, time.UTC)

func sampleBatch() store.Batch {
	sp := 3.0
	is := model.Issue{
		ID: "10001", Key: "ABC-1", ProjectKey: "ABC", ProjectType: "software", Type: "Story", Status: "In Progress",
		StatusCategory: "indeterminate", Summary: "Pay with ✓ cards", Description: "desc", DescriptionSize: 4,
		Labels: []string{"needs-info"}, Components: []string{"web"}, ReporterID: "u1", CreatorID: "u1", AssigneeID: "u2",
		Created: t0, Updated: t0.Add(time.Hour), ParentKey: "ABC-0", StoryPoints: &sp, SprintIDs: []int64{38, 40},
		Flagged: true, Links: []model.IssueLink{{Type: "Blocks", Direction: "outward", OtherKey: "ABC-2"}}, ChangelogTotal: 2,
	}
	return store.Batch{
		Issues: []store.IssueData{{
			Issue: is, Raw: []byte(`{"summary":"x"}`),
			Histories: []model.History{
				{ID: "h1", IssueID: "10001", AuthorID: "u1", Created: t0.Add(time.Minute), Items: []model.HistoryItem{
					{Field: "status", FieldType: "jira", FieldID: "status", From: "1", FromString: "To Do", To: "3", ToString: "In Progress"},
					{Field: "Sprint", FieldType: "custom", From: "38", FromString: "S1", To: "38, 40", ToString: "S1, S2"}}},
				{ID: "h2", IssueID: "10001", AuthorID: "", Created: t0.Add(2 * time.Minute), Items: []model.HistoryItem{{Field: "labels"}}},
			},
			Comments: []model.Comment{{ID: "c1", IssueID: "10001", AuthorID: "u2", Created: t0.Add(3 * time.Minute),
				Updated: t0.Add(3 * time.Minute), Body: "hi [~accountid:u1]?", BodySize: 19, Mentions: []string{"u1"}}},
			Worklogs: []model.Worklog{{ID: "w1", IssueID: "10001", AuthorID: "u2", Started: t0, Seconds: 1800,
				Created: t0.Add(30 * time.Minute), Updated: t0.Add(30 * time.Minute)}},
		}},
		People: []model.Person{
			{ID: "u1", AccountID: "u1", DisplayName: "Pat PM", Email: "pat@example.com", AccountType: "atlassian", TimeZone: "Europe/Berlin", Active: true},
			{ID: "u2", AccountID: "u2", DisplayName: "Eng", AccountType: "atlassian", Active: true},
		},
		Sprints: []model.Sprint{{ID: 38, BoardID: 1, Name: "S1", State: "closed", Start: t0, End: t0.Add(14 * 24 * time.Hour), Complete: t0.Add(14 * 24 * time.Hour)}},
	}
}

func TestMigrationsIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "db.sqlite")
	ctx := context.Background()
	st := open(t, path)
	v1, err := st.SchemaVersion(ctx)
	must(t, err)
	must(t, st.Close())
	st = open(t, path)
	v2, err := st.SchemaVersion(ctx)
	must(t, err)
	if v1 != v2 || v1 < 1 {
		t.Errorf("versions %d then %d", v1, v2)
	}
}

func TestRoundTripAndIdempotentUpserts(t *testing.T) {
	ctx := context.Background()
	st := open(t, filepath.Join(t.TempDir(), "db.sqlite"))
	b := sampleBatch()
	cp := store.SyncState{Source: "issues", Watermark: t0, UpdatedAt: t0}
	for i := 0; i < 2; i++ {
		must(t, st.SaveBatch(ctx, b, &cp))
	}
	a, err := st.LoadActivity(ctx, []string{"ABC"})
	must(t, err)
	want := b.Issues[0]
	if len(a.Issues) != 1 || !reflect.DeepEqual(a.Issues[0], want.Issue) {
		t.Errorf("issue:\n got %+v\nwant %+v", a.Issues, want.Issue)
	}
	if !reflect.DeepEqual(a.Histories["10001"], want.Histories) {
		t.Errorf("histories:\n got %+v\nwant %+v", a.Histories["10001"], want.Histories)
	}
	if !reflect.DeepEqual(a.Comments["10001"], want.Comments) || !reflect.DeepEqual(a.Worklogs["10001"], want.Worklogs) {
		t.Errorf("comments %+v worklogs %+v", a.Comments["10001"], a.Worklogs["10001"])
	}
	if !reflect.DeepEqual(a.People, b.People) || !reflect.DeepEqual(a.Sprints, b.Sprints) {
		t.Errorf("people %+v sprints %+v", a.People, a.Sprints)
	}
	if !a.ChangelogsComplete {
		t.Error("changelogs should be complete")
	}
	got, err := st.SyncState(ctx, "issues")
	must(t, err)
	if !got.Watermark.Equal(t0) || got.InPass() {
		t.Errorf("state %+v", got)
	}

	// Less known about a person later never erases what is known.
	must(t, st.SaveBatch(ctx, store.Batch{People: []model.Person{{ID: "u1", DisplayName: "Pat PM", Active: true}}}, nil))
	people, err := st.People(ctx)
	must(t, err)
	if people[0].Email != "pat@example.com" || people[0].TimeZone != "Europe/Berlin" {
		t.Errorf("person lost data: %+v", people[0])
	}

	// A comment deleted in Jira disappears when the issue's set comes again.
	b.Issues[0].Comments = nil
	b.Issues[0].Issue.ChangelogTotal = 3
	must(t, st.SaveBatch(ctx, b, nil))
	a, err = st.LoadActivity(ctx, []string{"ABC"})
	must(t, err)
	if len(a.Comments["10001"]) != 0 || a.ChangelogsComplete {
		t.Errorf("comments %v, complete %v: want none and incomplete (2 of 3 histories)", a.Comments["10001"], a.ChangelogsComplete)
	}
}

func TestMovedIssueStaysOneRow(t *testing.T) {
	ctx := context.Background()
	st := open(t, filepath.Join(t.TempDir(), "db.sqlite"))
	b := sampleBatch()
	must(t, st.SaveBatch(ctx, b, nil))
	b.Issues[0].Issue.Key, b.Issues[0].Issue.ProjectKey = "XYZ-7", "XYZ"
	must(t, st.SaveBatch(ctx, b, nil))
	refs, err := st.IssueRefs(ctx, []string{"ABC", "XYZ"})
	must(t, err)
	if len(refs) != 1 || refs["10001"].Key != "XYZ-7" {
		t.Errorf("refs %+v", refs)
	}
	a, err := st.LoadActivity(ctx, []string{"XYZ"})
	must(t, err)
	if len(a.Issues) != 1 || len(a.Histories["10001"]) != 2 {
		t.Errorf("moved issue lost its activity: %+v", a)
	}
	// The census re-keys and marks deleted; deleted issues leave the
	// analysis and the counts, but stay stored.
	must(t, st.ApplyCensus(ctx, store.Census{Moved: map[string]string{"10001": "DEF-1"}}))
	must(t, st.ApplyCensus(ctx, store.Census{Deleted: []string{"10001"}}))
	a, err = st.LoadActivity(ctx, []string{"DEF"})
	must(t, err)
	s, err := st.Status(ctx)
	must(t, err)
	if len(a.Issues) != 0 || s.Issues != 0 || s.Histories != 0 || s.Deleted != 1 {
		t.Errorf("after delete: %d issues loaded, status %+v", len(a.Issues), s)
	}
	must(t, st.ApplyCensus(ctx, store.Census{Restored: []string{"10001"}}))
	a, err = st.LoadActivity(ctx, []string{"DEF"})
	must(t, err)
	if len(a.Issues) != 1 || a.Issues[0].Key != "DEF-1" {
		t.Errorf("restored %+v", a.Issues)
	}
}

func TestBatchIsAtomic(t *testing.T) {
	ctx := context.Background()
	st := open(t, filepath.Join(t.TempDir(), "db.sqlite"))
	b := sampleBatch()
	b.Issues = append(b.Issues, store.IssueData{Issue: model.Issue{Key: "ABC-2"}}) // no id: fails
	err := st.SaveBatch(ctx, b, &store.SyncState{Source: "issues", Watermark: t0})
	if err == nil || !strings.Contains(err.Error(), "ABC-2") {
		t.Fatalf("err %v, want one naming ABC-2", err)
	}
	s, err := st.Status(ctx)
	must(t, err)
	got, err := st.SyncState(ctx, "issues")
	must(t, err)
	if s.Issues != 0 || s.People != 0 || !got.Watermark.IsZero() {
		t.Errorf("half-written: status %+v state %+v", s, got)
	}
}

func TestStatusAndRuns(t *testing.T) {
	ctx := context.Background()
	st := open(t, filepath.Join(t.TempDir(), "db.sqlite"))
	s, err := st.Status(ctx)
	must(t, err)
	b, err := json.Marshal(s)
	must(t, err)
	for _, want := range []string{`"issues":0`, `"histories":0`, `"comments":0`, `"worklogs":0`, `"people":0`, `"last_sync":null`, `"flavor":""`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("status JSON %s lacks %s", b, want)
		}
	}
	id, err := st.StartRun(ctx, t0, "")
	must(t, err)
	must(t, st.FinishRun(ctx, store.SyncRun{ID: id, Finished: t0.Add(time.Minute), Status: store.RunOK, Flavor: "cloud", Issues: 5, Requests: 9}))
	id2, err := st.StartRun(ctx, t0.Add(time.Hour), "cloud") // then killed: left running
	must(t, err)
	_, err = st.StartRun(ctx, t0.Add(2*time.Hour), "cloud")
	must(t, err)
	runs, err := st.LastRuns(ctx, 5)
	must(t, err)
	if len(runs) != 3 || runs[1].ID != id2 || runs[1].Status != store.RunInterrupted || runs[2].Issues != 5 || runs[2].Requests != 9 {
		t.Errorf("runs %+v", runs)
	}
	s, err = st.Status(ctx)
	must(t, err)
	b, _ = json.Marshal(s)
	if !strings.Contains(string(b), `"last_sync":"2026-11-02T09:31:15.123Z"`) || s.Flavor != "cloud" {
		t.Errorf("status JSON %s", b)
	}
}

// The comments, worklogs and sprints of an issue follow Jira's current
// sets: edited ones are updated, unchanged ones kept, missing ones removed.
func TestActivitySetsFollowJira(t *testing.T) {
	ctx := context.Background()
	st := open(t, filepath.Join(t.TempDir(), "db.sqlite"))
	b := sampleBatch()
	d := &b.Issues[0]
	c2 := d.Comments[0]
	c2.ID, c2.Body, c2.BodySize, c2.Mentions = "c2", "second", 6, []string{}
	d.Comments = append(d.Comments, c2)
	w2 := d.Worklogs[0]
	w2.ID, w2.Seconds = "w2", 60
	d.Worklogs = append(d.Worklogs, w2)
	must(t, st.SaveBatch(ctx, b, nil))

	d.Comments = d.Comments[1:] // c1 deleted in Jira
	d.Comments[0].Body, d.Comments[0].BodySize, d.Comments[0].Updated = "second, edited", 14, t0.Add(time.Hour)
	d.Worklogs = d.Worklogs[:1] // w2 deleted
	d.Worklogs[0].Seconds = 3600
	d.Issue.SprintIDs = []int64{40, 41}
	must(t, st.SaveBatch(ctx, b, nil))

	a, err := st.LoadActivity(ctx, []string{"ABC"})
	must(t, err)
	if got := a.Comments["10001"]; !reflect.DeepEqual(got, d.Comments) {
		t.Errorf("comments:\n got %+v\nwant %+v", got, d.Comments)
	}
	if got := a.Worklogs["10001"]; !reflect.DeepEqual(got, d.Worklogs) {
		t.Errorf("worklogs:\n got %+v\nwant %+v", got, d.Worklogs)
	}
	if got := a.Issues[0].SprintIDs; !reflect.DeepEqual(got, []int64{40, 41}) {
		t.Errorf("sprint ids %v", got)
	}
	var sprints string
	must(t, st.DB().QueryRowContext(ctx, `SELECT group_concat(sprint_id) FROM (SELECT sprint_id FROM issue_sprints ORDER BY sprint_id)`).Scan(&sprints))
	if sprints != "40,41" {
		t.Errorf("issue_sprints %q, want 40,41", sprints)
	}
}

// Batches written into one BatchWriter are stored together or not at
// all, and an issue sent twice in one transaction (Jira pages shift when
// issues change during a sync) ends as its last copy says, deletions
// included, even though the store did not hold it when the group began.
func TestBatchWriterGroupsBatches(t *testing.T) {
	ctx := context.Background()
	st := open(t, filepath.Join(t.TempDir(), "db.sqlite"))

	bw, err := st.BeginBatches(ctx)
	must(t, err)
	must(t, bw.Write(ctx, sampleBatch()))
	bw.Rollback()
	bw.Rollback() // harmless
	s, err := st.Status(ctx)
	must(t, err)
	if s.Issues != 0 || s.Comments != 0 {
		t.Fatalf("rolled back, yet stored: %+v", s)
	}

	bw, err = st.BeginBatches(ctx)
	must(t, err)
	first := sampleBatch()
	d := &first.Issues[0]
	c2 := d.Comments[0]
	c2.ID, c2.Body = "c2", "second"
	d.Comments = append(d.Comments, c2)
	// The same issue again in the same page, c2 deleted since.
	first.Issues = append(first.Issues, sampleBatch().Issues[0])
	must(t, bw.Write(ctx, first))
	other := sampleBatch()
	other.Issues[0].Issue.ID, other.Issues[0].Issue.Key = "10002", "ABC-2"
	other.Issues[0].Histories, other.Issues[0].Comments, other.Issues[0].Worklogs = nil, nil, nil
	must(t, bw.Write(ctx, other))
	if bw.Issues() != 3 {
		t.Errorf("Issues() = %d, want 3 (as written)", bw.Issues())
	}
	must(t, bw.Commit(ctx, &store.SyncState{Source: "issues", Watermark: t0}))
	if err := bw.Commit(ctx, nil); err == nil {
		t.Error("a second Commit succeeded")
	}

	// After a failed Write only Rollback is left; the store stays free.
	bw, err = st.BeginBatches(ctx)
	must(t, err)
	bad := store.Batch{Issues: []store.IssueData{{Issue: model.Issue{Key: "ABC-4"}}}} // no id
	if err := bw.Write(ctx, bad); err == nil || !strings.Contains(err.Error(), "ABC-4") {
		t.Fatalf("bad batch: err %v, want one naming ABC-4", err)
	}
	if err := bw.Commit(ctx, nil); err == nil {
		t.Error("Commit after a failed Write succeeded")
	}
	bw.Rollback()
	// The store is free for the next writer.
	must(t, st.SaveBatch(ctx, store.Batch{}, nil))

	s, err = st.Status(ctx)
	must(t, err)
	if s.Issues != 2 || s.Comments != 1 || s.Histories != 2 || s.Worklogs != 1 {
		t.Errorf("status %+v, want 2 issues, 1 comment, 2 histories, 1 worklog", s)
	}
	got, err := st.SyncState(ctx, "issues")
	must(t, err)
	if !got.Watermark.Equal(t0) {
		t.Errorf("checkpoint %v, want %v", got.Watermark, t0)
	}
}
