package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/roleload/roleload/model"
)

// LoadActivity returns the non-deleted issues of the given project keys
// with all their histories, comments and worklogs (sorted by time), every
// person and every sprint. ChangelogsComplete is false if some issue has
// fewer stored histories than the changelog total Jira reported.
//
// It is what `roleload analyze` waits for. Each kind of activity is
// counted per issue, then read once (in storage order when the projects
// are most of the store) without an SQL sort, each row put straight into
// its issue's part of one array the issues' slices share, and each part
// sorted in Go. Histories are read on a second connection meanwhile.
func (s *Store) LoadActivity(ctx context.Context, projects []string) (*model.Activity, error) {
	where := `i.deleted = 0 AND i.project_key IN (` + placeholders(len(projects)) + `)`
	return s.loadActivity(ctx, where, anySlice(projects))
}

// loadActivity loads the issues i that where selects (args are its
// parameters) and their activity, as LoadActivity says.
func (s *Store) loadActivity(ctx context.Context, where string, args []any) (*model.Activity, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	l, err := s.newActivityLoader(ctx, where, args)
	if err != nil {
		return nil, fmt.Errorf("load activity: %w", err)
	}
	a := &model.Activity{ChangelogsComplete: true}
	// Histories are half the rows: a second connection reads them
	// meanwhile, with its own interned strings and its own list of the
	// wanted issues (so that it need not wait for the issues).
	var wg sync.WaitGroup
	var herr error
	hl := l.fork()
	wg.Go(func() {
		if herr = hl.wantedIDs(); herr == nil {
			a.Histories, herr = hl.histories()
		}
	})
	steps := []func() error{
		func() (err error) { a.Issues, err = l.issues(); return },
		func() (err error) { a.Comments, err = l.comments(); return },
		func() (err error) { a.Worklogs, err = l.worklogs(); return },
		func() (err error) { a.People, err = s.People(ctx); return },
		func() (err error) { a.Sprints, err = s.Sprints(ctx); return },
	}
	for _, step := range steps {
		if err = step(); err != nil {
			cancel()
			break
		}
	}
	wg.Wait()
	if err := cmp.Or(err, herr); err != nil { // herr may be the cancel that err caused
		return nil, fmt.Errorf("load activity: %w", err)
	}
	for _, is := range a.Issues {
		if len(a.Histories[is.ID]) < is.ChangelogTotal {
			a.ChangelogsComplete = false
		}
	}
	return a, nil
}

// activityLoader reads one LoadActivity.
type activityLoader struct {
	db  *sql.DB
	ctx context.Context // checked every few thousand rows
	// qctx runs the queries: the driver watches a cancellable context
	// with a lock round trip per row.
	qctx   context.Context
	where  string // selects the wanted issues i
	filter string // selects their ids
	args   []any
	// scan is set when the wanted issues are most of the store: whole
	// tables are then read in storage order (far cheaper than as many
	// index lookups) and the rows of other issues skipped here.
	scan bool

	ids   []string         // the loaded issues' ids, in load order
	index map[string]int32 // position in ids
	strs  map[string]string
}

func (s *Store) newActivityLoader(ctx context.Context, where string, args []any) (*activityLoader, error) {
	l := &activityLoader{db: s.db, ctx: ctx, qctx: context.WithoutCancel(ctx), strs: make(map[string]string, 4096),
		where: where, filter: `SELECT i.id FROM issues i WHERE ` + where, args: args}
	// Both counts come from an index when where reads only indexed columns.
	var total, wanted int
	err := s.db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(`+where+`), 0) FROM issues i`, args...).Scan(&total, &wanted)
	if err != nil {
		return nil, fmt.Errorf("count issues: %w", err)
	}
	l.scan = wanted*2 >= total
	l.ids = make([]string, 0, wanted)
	l.index = make(map[string]int32, wanted)
	return l, nil
}

// fork is a loader for another goroutine, before any issue is read.
func (l *activityLoader) fork() *activityLoader {
	f := *l
	f.ids, f.index = make([]string, 0, cap(l.ids)), make(map[string]int32, cap(l.ids))
	f.strs = make(map[string]string, len(l.strs))
	return &f
}

// wantedIDs reads the wanted issues' ids alone (issues does it with the
// rest of the issues).
func (l *activityLoader) wantedIDs() error {
	q := `SELECT i.id FROM issues i`
	if l.scan {
		q += ` NOT INDEXED`
	}
	rows, err := l.db.QueryContext(l.qctx, q+` WHERE `+l.where, l.args...)
	if err != nil {
		return fmt.Errorf("issue ids: %w", err)
	}
	defer rows.Close()
	var id string
	for rows.Next() {
		if err := rows.Scan(&id); err != nil {
			return fmt.Errorf("issue ids: %w", err)
		}
		l.index[id] = int32(len(l.ids))
		l.ids = append(l.ids, id)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("issue ids: %w", err)
	}
	return nil
}

// intern returns one shared copy of each distinct string. Author ids,
// field names and statuses repeat on most rows; an edited text's old value
// is the previous edit's new one. (Comment bodies and descriptions are
// rarely repeated and not interned.)
func (l *activityLoader) intern(s string) string {
	if c, ok := l.strs[s]; ok {
		return c
	}
	l.strs[s] = s
	return s
}

// issueOf is the position and shared id of a loaded issue.
func (l *activityLoader) issueOf(id string) (int32, string, bool) {
	i, ok := l.index[id]
	if !ok {
		return 0, "", false
	}
	return i, l.ids[i], true
}

// query selects cols from the activity of the wanted issues: all rows
// when scanning (the caller skips the others), else through the index on
// where. Either order is the plan's own, with no sort step.
func (l *activityLoader) query(cols, from, where, scanOrder, indexOrder string) (*sql.Rows, error) {
	q := `SELECT ` + cols + ` FROM ` + from
	if l.scan {
		return l.db.QueryContext(l.qctx, q+` ORDER BY `+scanOrder)
	}
	return l.db.QueryContext(l.qctx, q+` WHERE `+where+` IN (`+l.filter+`) ORDER BY `+indexOrder, l.args...)
}

// checkEvery is how many rows are read between checks of ctx.
const checkEvery = 4096

func (l *activityLoader) issues() ([]model.Issue, error) {
	q := `SELECT id, key, project_key, project_type, type, status, status_category, summary, description, description_size,
		labels, components, reporter_id, creator_id, assignee_id, created, updated, resolved, parent_key, story_points,
		sprint_ids, flagged, links, changelog_total, deleted FROM issues i`
	if l.scan {
		q += ` NOT INDEXED`
	}
	rows, err := l.db.QueryContext(l.qctx, q+` WHERE `+l.where, l.args...)
	if err != nil {
		return nil, fmt.Errorf("issues: %w", err)
	}
	defer rows.Close()
	out := make([]model.Issue, 0, cap(l.ids))
	var is model.Issue
	var labels, comps, sprints, links string
	var created, updated, resolved sql.NullString
	var sp sql.NullFloat64
	for n := 0; rows.Next(); n++ {
		if n%checkEvery == 0 && l.ctx.Err() != nil {
			return nil, l.ctx.Err()
		}
		if err := rows.Scan(&is.ID, &is.Key, &is.ProjectKey, &is.ProjectType, &is.Type, &is.Status, &is.StatusCategory,
			&is.Summary, &is.Description, &is.DescriptionSize, &labels, &comps, &is.ReporterID, &is.CreatorID, &is.AssigneeID,
			&created, &updated, &resolved, &is.ParentKey, &sp, &sprints, &is.Flagged, &links, &is.ChangelogTotal, &is.Deleted); err != nil {
			return nil, fmt.Errorf("issues: %w", err)
		}
		v := is
		v.ProjectKey, v.ProjectType, v.Type = l.intern(is.ProjectKey), l.intern(is.ProjectType), l.intern(is.Type)
		v.Status, v.StatusCategory = l.intern(is.Status), l.intern(is.StatusCategory)
		v.ReporterID, v.CreatorID, v.AssigneeID = l.intern(is.ReporterID), l.intern(is.CreatorID), l.intern(is.AssigneeID)
		if sp.Valid {
			f := sp.Float64
			v.StoryPoints = &f
		}
		if err := parseTimes(timeCol{&v.Created, created}, timeCol{&v.Updated, updated}, timeCol{&v.Resolved, resolved}); err != nil {
			return nil, fmt.Errorf("issue %s: %w", v.Key, err)
		}
		if err := l.lists(&v, labels, comps, sprints, links); err != nil {
			return nil, fmt.Errorf("issue %s: %w", v.Key, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("issues: %w", err)
	}
	if len(out) == 0 {
		return nil, nil // as append leaves it
	}
	// By created (NULL, the zero time, first) then id, as SQL would.
	out = sortedBy(out, func(a, b *model.Issue) int {
		return cmp.Or(a.Created.Compare(b.Created), strings.Compare(a.ID, b.ID))
	})
	for i := range out {
		l.ids = append(l.ids, out[i].ID)
		l.index[out[i].ID] = int32(i)
	}
	return out, nil
}

// sortedBy returns xs in order, sorting a permutation rather than
// moving the large values around on every comparison.
func sortedBy[T any](xs []T, order func(a, b *T) int) []T {
	if isSorted(xs, order) {
		return xs
	}
	perm := make([]int32, len(xs))
	for i := range perm {
		perm[i] = int32(i)
	}
	slices.SortFunc(perm, func(a, b int32) int { return order(&xs[a], &xs[b]) })
	out := make([]T, len(xs))
	for i, k := range perm {
		out[i] = xs[k]
	}
	return out
}

func isSorted[T any](xs []T, order func(a, b *T) int) bool {
	for i := 1; i < len(xs); i++ {
		if order(&xs[i-1], &xs[i]) > 0 {
			return false
		}
	}
	return true
}

func (l *activityLoader) lists(is *model.Issue, labels, comps, sprints, links string) error {
	var err error
	if is.Labels, err = l.stringList(labels); err != nil {
		return err
	}
	if is.Components, err = l.stringList(comps); err != nil {
		return err
	}
	if is.SprintIDs, err = int64s(sprints); err != nil {
		return err
	}
	is.Links = []model.IssueLink{}
	if links != "[]" {
		is.Links = nil
		return json.Unmarshal([]byte(links), &is.Links)
	}
	return nil
}

func (l *activityLoader) histories() (map[string][]model.History, error) {
	p, err := newPlacer[model.History](l, "histories")
	if err != nil {
		return nil, err
	}
	rows, err := l.query(`h.id, h.issue_id, h.author_id, h.created, coalesce(t.seq, -1), coalesce(t.field, ''),
		coalesce(t.field_type, ''), coalesce(t.field_id, ''), coalesce(t.from_value, ''), coalesce(t.from_string, ''),
		coalesce(t.to_value, ''), coalesce(t.to_string, '')`,
		`histories h LEFT JOIN history_items t ON t.history_id = h.id`, `h.issue_id`,
		// Both orders are the plans' own (no sort): a history's items
		// come together, by seq.
		`h.rowid, t.seq`, `h.issue_id, h.created, h.rowid, t.seq`)
	if err != nil {
		return nil, fmt.Errorf("histories: %w", err)
	}
	defer rows.Close()
	// Where each history's items are in items, attached once items no
	// longer grows.
	type span struct{ slot, lo, hi int32 }
	spans := make([]span, 0, len(p.out))
	items := make([]model.HistoryItem, 0, len(p.out)*3/2)
	var h model.History
	var it model.HistoryItem
	var created string
	var seq int
	lastID, skip := "", false
	for n := 0; rows.Next(); n++ {
		if n%checkEvery == 0 && l.ctx.Err() != nil {
			return nil, l.ctx.Err()
		}
		if err := rows.Scan(&h.ID, &h.IssueID, &h.AuthorID, &created, &seq, &it.Field, &it.FieldType, &it.FieldID,
			&it.From, &it.FromString, &it.To, &it.ToString); err != nil {
			return nil, fmt.Errorf("histories: %w", err)
		}
		if h.ID != lastID || n == 0 {
			lastID = h.ID
			i, id, ok := l.issueOf(h.IssueID)
			if skip = !ok; skip {
				continue
			}
			v := model.History{ID: h.ID, IssueID: id, AuthorID: l.intern(h.AuthorID)}
			if v.Created, err = parseTimeText(created); err != nil {
				return nil, fmt.Errorf("history %s: %w", h.ID, err)
			}
			spans = append(spans, span{p.put(i, v), int32(len(items)), int32(len(items))})
		}
		if skip || seq < 0 {
			continue
		}
		items = append(items, model.HistoryItem{Field: l.intern(it.Field), FieldType: l.intern(it.FieldType), FieldID: l.intern(it.FieldID),
			From: l.intern(it.From), FromString: l.intern(it.FromString), To: l.intern(it.To), ToString: l.intern(it.ToString)})
		spans[len(spans)-1].hi++
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("histories: %w", err)
	}
	if cap(items) > len(items)+len(items)/8 {
		items = slices.Clone(items)
	}
	for _, sp := range spans {
		if sp.hi > sp.lo {
			p.at(sp.slot).Items = items[sp.lo:sp.hi:sp.hi]
		}
	}
	return p.parts(func(a, b *model.History) int {
		return cmp.Or(a.Created.Compare(b.Created), strings.Compare(a.ID, b.ID))
	}), nil
}

func (l *activityLoader) comments() (map[string][]model.Comment, error) {
	p, err := newPlacer[model.Comment](l, "comments")
	if err != nil {
		return nil, err
	}
	rows, err := l.query(`id, issue_id, author_id, created, updated, body, body_size, mentions`, `comments`, `issue_id`,
		`rowid`, `issue_id, created, rowid`)
	if err != nil {
		return nil, fmt.Errorf("comments: %w", err)
	}
	defer rows.Close()
	var c model.Comment
	var created, updated sql.NullString
	var mentions string
	for n := 0; rows.Next(); n++ {
		if n%checkEvery == 0 && l.ctx.Err() != nil {
			return nil, l.ctx.Err()
		}
		if err := rows.Scan(&c.ID, &c.IssueID, &c.AuthorID, &created, &updated, &c.Body, &c.BodySize, &mentions); err != nil {
			return nil, fmt.Errorf("comments: %w", err)
		}
		i, id, ok := l.issueOf(c.IssueID)
		if !ok {
			continue
		}
		v := c
		v.IssueID, v.AuthorID = id, l.intern(c.AuthorID)
		if err := parseTimes(timeCol{&v.Created, created}, timeCol{&v.Updated, updated}); err != nil {
			return nil, fmt.Errorf("comment %s: %w", v.ID, err)
		}
		if v.Mentions, err = l.stringList(mentions); err != nil {
			return nil, fmt.Errorf("comment %s: %w", v.ID, err)
		}
		p.put(i, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("comments: %w", err)
	}
	return p.parts(func(a, b *model.Comment) int {
		return cmp.Or(a.Created.Compare(b.Created), strings.Compare(a.ID, b.ID))
	}), nil
}

func (l *activityLoader) worklogs() (map[string][]model.Worklog, error) {
	p, err := newPlacer[model.Worklog](l, "worklogs")
	if err != nil {
		return nil, err
	}
	rows, err := l.query(`id, issue_id, author_id, started, seconds, created, updated`, `worklogs`, `issue_id`,
		`rowid`, `issue_id, started, rowid`)
	if err != nil {
		return nil, fmt.Errorf("worklogs: %w", err)
	}
	defer rows.Close()
	var w model.Worklog
	var started, created, updated sql.NullString
	for n := 0; rows.Next(); n++ {
		if n%checkEvery == 0 && l.ctx.Err() != nil {
			return nil, l.ctx.Err()
		}
		if err := rows.Scan(&w.ID, &w.IssueID, &w.AuthorID, &started, &w.Seconds, &created, &updated); err != nil {
			return nil, fmt.Errorf("worklogs: %w", err)
		}
		i, id, ok := l.issueOf(w.IssueID)
		if !ok {
			continue
		}
		v := w
		v.IssueID, v.AuthorID = id, l.intern(w.AuthorID)
		if err := parseTimes(timeCol{&v.Started, started}, timeCol{&v.Created, created}, timeCol{&v.Updated, updated}); err != nil {
			return nil, fmt.Errorf("worklog %s: %w", v.ID, err)
		}
		p.put(i, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("worklogs: %w", err)
	}
	return p.parts(func(a, b *model.Worklog) int {
		return cmp.Or(a.Started.Compare(b.Started), strings.Compare(a.ID, b.ID))
	}), nil
}
