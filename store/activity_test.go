package store_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/store"
)

// TestLoadActivityUnchanged compares LoadActivity with the plain version
// it replaced (loadActivityReference below: ORDER BY in SQL, time.Parse,
// encoding/json) on a store with the awkward cases, both when the wanted
// projects are most of the store (whole tables scanned) and when they
// are a few (index lookups).
func TestLoadActivityUnchanged(t *testing.T) {
	ctx := context.Background()
	st := open(t, filepath.Join(t.TempDir(), "db.sqlite"))
	saved := awkwardStore(t, st)
	for _, projects := range [][]string{{"A", "B", "C"}, {"B"}, {"A", "C", "NONE"}, {}, {"NONE"}} {
		t.Run(strings.Join(projects, ","), func(t *testing.T) {
			got, err := st.LoadActivity(ctx, projects)
			must(t, err)
			want, err := loadActivityReference(ctx, st, projects)
			must(t, err)
			diff(t, got, want)
		})
	}
	// And against what was saved: every saved issue not deleted comes
	// back with exactly its activity, in time order.
	got, err := st.LoadActivity(ctx, []string{"A", "B", "C"})
	must(t, err)
	diff(t, got, saved)
}

// TestLoadActivityTricksOff loads the awkward store with each of
// LoadActivity's tricks turned off in turn (as BenchmarkLoadActivityPlan
// does): the result is the same with and without each.
func TestLoadActivityTricksOff(t *testing.T) {
	ctx := context.Background()
	st := open(t, filepath.Join(t.TempDir(), "db.sqlite"))
	awkwardStore(t, st)
	for _, trick := range []string{"storage-order", "histories-alongside"} {
		for _, projects := range [][]string{{"A", "B", "C"}, {"B"}} {
			t.Run(trick+"/"+strings.Join(projects, ","), func(t *testing.T) {
				got, err := st.LoadActivityWithout(ctx, projects, trick)
				must(t, err)
				want, err := loadActivityReference(ctx, st, projects)
				must(t, err)
				diff(t, got, want)
			})
		}
	}
}

// TestLoadActivityCancelled: a cancelled load returns the context's
// error, whichever order it reads in.
func TestLoadActivityCancelled(t *testing.T) {
	st := open(t, filepath.Join(t.TempDir(), "db.sqlite"))
	awkwardStore(t, st)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, projects := range [][]string{{"A", "B", "C"}, {"B"}} {
		if a, err := st.LoadActivity(ctx, projects); !errors.Is(err, context.Canceled) {
			t.Errorf("%v: got %v, %v; want context.Canceled", projects, a, err)
		}
	}
}

// diff reports where got and want differ, part by part.
func diff(t *testing.T, got, want *model.Activity) {
	t.Helper()
	for _, p := range []struct {
		name      string
		got, want any
	}{
		{"issues", got.Issues, want.Issues}, {"histories", got.Histories, want.Histories}, {"comments", got.Comments, want.Comments},
		{"worklogs", got.Worklogs, want.Worklogs}, {"people", got.People, want.People}, {"sprints", got.Sprints, want.Sprints},
		{"changelogs complete", got.ChangelogsComplete, want.ChangelogsComplete},
	} {
		if !reflect.DeepEqual(p.got, p.want) {
			g, _ := json.Marshal(p.got)
			w, _ := json.Marshal(p.want)
			t.Errorf("%s differ:\n got %#v\n     %s\nwant %#v\n     %s", p.name, p.got, g, p.want, w)
		}
	}
}

// awkwardStore saves issues over three projects with the cases the
// loader must keep: activity written out of time order and across
// batches, equal times, histories without items, NULL times, lists that
// need JSON escapes, a deleted issue, rows of times not written by
// dbTime. It returns the Activity of projects A, B and C as LoadActivity
// must return it.
func awkwardStore(t *testing.T, st *store.Store) *model.Activity {
	t.Helper()
	ctx := context.Background()
	base := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	people := []model.Person{{ID: "u1", DisplayName: "One", Active: true}, {ID: "u2", DisplayName: "Two"}}
	sprints := []model.Sprint{{ID: 7, BoardID: 1, Name: "S7", State: "active", Start: base, End: base.Add(14 * 24 * time.Hour)}}
	want := &model.Activity{Histories: map[string][]model.History{}, Comments: map[string][]model.Comment{},
		Worklogs: map[string][]model.Worklog{}, People: people, Sprints: sprints, ChangelogsComplete: true}
	var later []store.IssueData
	for i := range 30 {
		id := fmt.Sprint(5000 - i) // ids sort against creation order
		proj := string(rune('A' + i%3))
		sp := float64(i)
		is := model.Issue{ID: id, Key: fmt.Sprintf("%s-%d", proj, i), ProjectKey: proj, ProjectType: "software", Type: "Story",
			Status: []string{"To Do", "In Progress", "Done"}[i%3], StatusCategory: "new", Summary: "s" + id,
			Description: "déscription " + id, DescriptionSize: 12, ReporterID: "u1", CreatorID: "u2", AssigneeID: "",
			Created: base.Add(time.Duration(i%7) * time.Hour).Add(123 * time.Millisecond), Updated: base.Add(48 * time.Hour),
			Labels: []string{}, Components: []string{}, SprintIDs: []int64{}, Links: []model.IssueLink{}, ChangelogTotal: 3}
		switch i % 5 {
		case 0:
			is.Labels, is.Components = []string{"a,b", `quo"te`, "ünï", "x"}, []string{"web", "api"}
			is.SprintIDs, is.StoryPoints = []int64{7, 12345678901, 0}, &sp
			is.Links = []model.IssueLink{{Type: "Blocks", Direction: "outward", OtherKey: "A-1"}}
		case 1:
			is.Created, is.Resolved = time.Time{}, base.Add(72*time.Hour) // NULL created sorts first
		case 2:
			is.Labels, is.SprintIDs = []string{"", "tab\there"}, []int64{-3}
		}
		d := store.IssueData{Issue: is}
		var hs []model.History
		for k := range 3 {
			h := model.History{ID: fmt.Sprintf("h%s-%d", id, 2-k), IssueID: id, AuthorID: []string{"u1", "", "u2"}[k],
				Created: base.Add(time.Duration(10-3*k) * time.Minute)} // newest first
			if k == 2 {
				h.Created = hs[1].Created // a tie, broken by id
			}
			if k != 1 {
				h.Items = []model.HistoryItem{{Field: "status", FieldType: "jira", FieldID: "status", From: "1", FromString: "To Do", To: "3", ToString: "In Progress"},
					{Field: "description", FieldType: "jira", FromString: is.Description, ToString: is.Description + " more"}}
			}
			hs = append(hs, h)
		}
		// The newest history comes in a later batch, after other issues'.
		d.Histories = hs[1:]
		for k := range 3 {
			c := model.Comment{ID: fmt.Sprintf("c%s-%d", id, k), IssueID: id, AuthorID: "u1", Created: base.Add(time.Duration(5-k) * time.Minute),
				Body: "body " + id, BodySize: 9, Mentions: []string{}}
			if k == 1 {
				c.Mentions, c.Updated = []string{"u2", "u1"}, c.Created.Add(time.Hour)
			}
			if k == 2 {
				c.Created = d.Comments[0].Created
			}
			d.Comments = append(d.Comments, c)
		}
		for k := range 2 {
			d.Worklogs = append(d.Worklogs, model.Worklog{ID: fmt.Sprintf("w%s-%d", id, k), IssueID: id, AuthorID: "u2",
				Started: base.Add(time.Duration(2-k) * time.Hour), Seconds: 60 * (k + 1), Created: base.Add(3 * time.Hour)})
		}
		must(t, st.SaveBatch(ctx, store.Batch{Issues: []store.IssueData{d}, People: people, Sprints: sprints}, nil))
		// (Comments and worklogs are sets: they come again.)
		later = append(later, store.IssueData{Issue: is, Histories: hs[:1], Comments: d.Comments, Worklogs: d.Worklogs})
		if i == 4 {
			continue // deleted below
		}
		want.Issues = append(want.Issues, is)
		want.Histories[id] = sortedBy(hs, func(h model.History) (time.Time, string) { return h.Created, h.ID })
		want.Comments[id] = sortedBy(d.Comments, func(c model.Comment) (time.Time, string) { return c.Created, c.ID })
		want.Worklogs[id] = sortedBy(d.Worklogs, func(w model.Worklog) (time.Time, string) { return w.Started, w.ID })
	}
	must(t, st.SaveBatch(ctx, store.Batch{Issues: later}, nil))
	must(t, st.ApplyCensus(ctx, store.Census{Deleted: []string{fmt.Sprint(5000 - 4)}}))
	// An issue with no activity at all, and one whose changelog is short.
	lone := model.Issue{ID: "9", Key: "C-9", ProjectKey: "C", Labels: []string{}, Components: []string{}, SprintIDs: []int64{},
		Links: []model.IssueLink{}, Created: base, ChangelogTotal: 1}
	must(t, st.SaveBatch(ctx, store.Batch{Issues: []store.IssueData{{Issue: lone}}}, nil))
	want.Issues = append(want.Issues, lone)
	want.ChangelogsComplete = false
	slices.SortStableFunc(want.Issues, func(a, b model.Issue) int {
		if c := a.Created.Compare(b.Created); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return want
}

func sortedBy[T any](xs []T, key func(T) (time.Time, string)) []T {
	xs = slices.Clone(xs)
	slices.SortFunc(xs, func(a, b T) int {
		ta, ia := key(a)
		tb, ib := key(b)
		if c := ta.Compare(tb); c != 0 {
			return c
		}
		return strings.Compare(ia, ib)
	})
	return xs
}

// TestLoadActivityOddStoredTimes covers times written by something other
// than dbTime (an offset, no milliseconds, nanoseconds): they are read
// the same as before, in UTC, and an unreadable one is an error.
func TestLoadActivityOddStoredTimes(t *testing.T) {
	ctx := context.Background()
	st := open(t, filepath.Join(t.TempDir(), "db.sqlite"))
	must(t, st.SaveBatch(ctx, sampleBatch(), nil))
	for _, q := range []string{
		`UPDATE issues SET created = '2026-11-02T10:30:15+01:00', updated = '2026-11-02T09:30:15.123456789Z', resolved = ''`,
		`UPDATE histories SET created = '2026-11-02T09:31:15.5Z' WHERE id = 'h1'`,
		`UPDATE comments SET updated = '2024-02-29T23:59:59.999Z'`,
		`UPDATE worklogs SET created = NULL`,
	} {
		_, err := st.DB().ExecContext(ctx, q)
		must(t, err)
	}
	got, err := st.LoadActivity(ctx, []string{"ABC"})
	must(t, err)
	want, err := loadActivityReference(ctx, st, []string{"ABC"})
	must(t, err)
	diff(t, got, want)
	if !got.Issues[0].Created.Equal(time.Date(2026, 11, 2, 9, 30, 15, 0, time.UTC)) || got.Issues[0].Created.Location() != time.UTC {
		t.Errorf("created %v", got.Issues[0].Created)
	}
	_, err = st.DB().ExecContext(ctx, `UPDATE comments SET created = '2026-02-30T00:00:00.000Z'`)
	must(t, err)
	if _, err := st.LoadActivity(ctx, []string{"ABC"}); err == nil || !strings.Contains(err.Error(), "2026-02-30") {
		t.Errorf("err %v, want one about 2026-02-30", err)
	}
}

// loadActivityReference is LoadActivity as it was before it was made
// fast (commit 034b080), kept to compare with.
func loadActivityReference(ctx context.Context, st *store.Store, projects []string) (*model.Activity, error) {
	db := st.DB()
	a := &model.Activity{Histories: map[string][]model.History{}, Comments: map[string][]model.Comment{},
		Worklogs: map[string][]model.Worklog{}, ChangelogsComplete: true}
	ph := "NULL"
	if len(projects) > 0 {
		ph = strings.TrimSuffix(strings.Repeat("?,", len(projects)), ",")
	}
	scope := `FROM issues i WHERE i.deleted = 0 AND i.project_key IN (` + ph + `)`
	args := make([]any, len(projects))
	for i, p := range projects {
		args[i] = p
	}
	rows, err := db.QueryContext(ctx, `SELECT id, key, project_key, project_type, type, status, status_category, summary,
		description, description_size, labels, components, reporter_id, creator_id, assignee_id, created, updated, resolved,
		parent_key, story_points, sprint_ids, flagged, links, changelog_total, deleted `+scope+` ORDER BY created, id`, args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var is model.Issue
		var labels, comps, sprints, links string
		var created, updated, resolved sql.NullString
		var sp sql.NullFloat64
		if err := rows.Scan(&is.ID, &is.Key, &is.ProjectKey, &is.ProjectType, &is.Type, &is.Status, &is.StatusCategory,
			&is.Summary, &is.Description, &is.DescriptionSize, &labels, &comps, &is.ReporterID, &is.CreatorID, &is.AssigneeID,
			&created, &updated, &resolved, &is.ParentKey, &sp, &sprints, &is.Flagged, &links, &is.ChangelogTotal, &is.Deleted); err != nil {
			return nil, err
		}
		if sp.Valid {
			v := sp.Float64
			is.StoryPoints = &v
		}
		if err := refTimes(&is.Created, created, &is.Updated, updated, &is.Resolved, resolved); err != nil {
			return nil, err
		}
		for _, l := range []struct {
			dst  any
			text string
		}{{&is.Labels, labels}, {&is.Components, comps}, {&is.SprintIDs, sprints}, {&is.Links, links}} {
			if err := json.Unmarshal([]byte(l.text), l.dst); err != nil {
				return nil, err
			}
		}
		a.Issues = append(a.Issues, is)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()

	rows, err = db.QueryContext(ctx, `SELECT h.id, h.issue_id, h.author_id, h.created, coalesce(t.seq, -1), coalesce(t.field, ''),
		coalesce(t.field_type, ''), coalesce(t.field_id, ''), coalesce(t.from_value, ''), coalesce(t.from_string, ''),
		coalesce(t.to_value, ''), coalesce(t.to_string, '')
		FROM histories h LEFT JOIN history_items t ON t.history_id = h.id
		WHERE h.issue_id IN (SELECT i.id `+scope+`) ORDER BY h.issue_id, h.created, h.id, t.seq`, args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var h model.History
		var it model.HistoryItem
		var created sql.NullString
		var seq int
		if err := rows.Scan(&h.ID, &h.IssueID, &h.AuthorID, &created, &seq, &it.Field, &it.FieldType, &it.FieldID,
			&it.From, &it.FromString, &it.To, &it.ToString); err != nil {
			return nil, err
		}
		list := a.Histories[h.IssueID]
		if n := len(list); n == 0 || list[n-1].ID != h.ID {
			if err := refTimes(&h.Created, created); err != nil {
				return nil, err
			}
			list = append(list, h)
		}
		if seq >= 0 {
			last := &list[len(list)-1]
			last.Items = append(last.Items, it)
		}
		a.Histories[h.IssueID] = list
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()

	rows, err = db.QueryContext(ctx, `SELECT id, issue_id, author_id, created, updated, body, body_size, mentions
		FROM comments WHERE issue_id IN (SELECT i.id `+scope+`) ORDER BY issue_id, created, id`, args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var c model.Comment
		var created, updated sql.NullString
		var mentions string
		if err := rows.Scan(&c.ID, &c.IssueID, &c.AuthorID, &created, &updated, &c.Body, &c.BodySize, &mentions); err != nil {
			return nil, err
		}
		if err := refTimes(&c.Created, created, &c.Updated, updated); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(mentions), &c.Mentions); err != nil {
			return nil, err
		}
		a.Comments[c.IssueID] = append(a.Comments[c.IssueID], c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()

	rows, err = db.QueryContext(ctx, `SELECT id, issue_id, author_id, started, seconds, created, updated
		FROM worklogs WHERE issue_id IN (SELECT i.id `+scope+`) ORDER BY issue_id, started, id`, args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var w model.Worklog
		var started, created, updated sql.NullString
		if err := rows.Scan(&w.ID, &w.IssueID, &w.AuthorID, &started, &w.Seconds, &created, &updated); err != nil {
			return nil, err
		}
		if err := refTimes(&w.Started, started, &w.Created, created, &w.Updated, updated); err != nil {
			return nil, err
		}
		a.Worklogs[w.IssueID] = append(a.Worklogs[w.IssueID], w)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()

	if a.People, err = st.People(ctx); err != nil {
		return nil, err
	}
	if a.Sprints, err = st.Sprints(ctx); err != nil {
		return nil, err
	}
	for _, is := range a.Issues {
		if len(a.Histories[is.ID]) < is.ChangelogTotal {
			a.ChangelogsComplete = false
		}
	}
	return a, nil
}

// refTimes is the reference's time reading: time.Parse, in UTC.
func refTimes(pairs ...any) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		s := pairs[i+1].(sql.NullString)
		if !s.Valid || s.String == "" {
			*pairs[i].(*time.Time) = time.Time{}
			continue
		}
		v, err := time.Parse(time.RFC3339Nano, s.String)
		if err != nil {
			return err
		}
		*pairs[i].(*time.Time) = v.UTC()
	}
	return nil
}
