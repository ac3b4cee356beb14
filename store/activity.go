package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

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
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	l, err := s.newActivityLoader(ctx, projects)
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

func (s *Store) newActivityLoader(ctx context.Context, projects []string) (*activityLoader, error) {
	where := `i.deleted = 0 AND i.project_key IN (` + placeholders(len(projects)) + `)`
	l := &activityLoader{db: s.db, ctx: ctx, qctx: context.WithoutCancel(ctx), strs: make(map[string]string, 4096),
		where: where, filter: `SELECT i.id FROM issues i WHERE ` + where, args: anySlice(projects)}
	// Both counts come from an index.
	var total, wanted int
	err := s.db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(deleted = 0 AND project_key IN (`+placeholders(len(projects))+`)), 0)
		FROM issues`, l.args...).Scan(&total, &wanted)
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

// placer puts each issue's rows of one kind straight into the issue's
// part of one array, sized from counts read just before. Rows past an
// issue's count (a sync committed in between) wait in extra and the
// parts are then built anew.
type placer[T any] struct {
	ids        []string
	start, end []int32 // issue i's part is out[start[i]:end[i]]
	out        []T
	extra      []T
	extraOf    []int32
}

func newPlacer[T any](l *activityLoader, table string) (*placer[T], error) {
	q, args := `SELECT issue_id, count(*) FROM `+table, []any(nil)
	if !l.scan {
		q, args = q+` WHERE issue_id IN (`+l.filter+`)`, l.args
	}
	rows, err := l.db.QueryContext(l.qctx, q+` GROUP BY issue_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("count %s: %w", table, err)
	}
	defer rows.Close()
	p := &placer[T]{ids: l.ids, start: make([]int32, len(l.ids)+1)}
	var id string
	var n int32
	for rows.Next() {
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("count %s: %w", table, err)
		}
		if i, ok := l.index[id]; ok {
			p.start[i+1] = n
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count %s: %w", table, err)
	}
	for i := range l.ids {
		p.start[i+1] += p.start[i]
	}
	p.out = make([]T, p.start[len(l.ids)])
	p.end = slices.Clone(p.start[:len(l.ids)])
	return p, nil
}

// put places v, of issue i, and returns its slot for at.
func (p *placer[T]) put(i int32, v T) int32 {
	if k := p.end[i]; k < p.start[i+1] {
		p.out[k] = v
		p.end[i]++
		return k
	}
	p.extra, p.extraOf = append(p.extra, v), append(p.extraOf, i)
	return -int32(len(p.extra))
}

func (p *placer[T]) at(slot int32) *T {
	if slot < 0 {
		return &p.extra[-slot-1]
	}
	return &p.out[slot]
}

// parts sorts each issue's part with order and maps the issue ids that
// have any to their part. The parts are capped: appending to one copies
// it rather than overwrite the next.
func (p *placer[T]) parts(order func(a, b *T) int) map[string][]T {
	if len(p.extra) > 0 {
		return p.regroup().parts(order)
	}
	issues := 0
	for i := range p.ids {
		if p.end[i] > p.start[i] {
			issues++
		}
	}
	m := make(map[string][]T, issues)
	for i, id := range p.ids {
		lo, hi := p.start[i], p.end[i]
		if lo == hi {
			continue
		}
		part := p.out[lo:hi:hi]
		if !isSorted(part, order) {
			copy(part, sortedBy(part, order))
		}
		m[id] = part
	}
	return m
}

// regroup is p with the extra rows in place, counted now.
func (p *placer[T]) regroup() *placer[T] {
	q := &placer[T]{ids: p.ids, start: make([]int32, len(p.ids)+1)}
	for i := range p.ids {
		q.start[i+1] = p.end[i] - p.start[i]
	}
	for _, i := range p.extraOf {
		q.start[i+1]++
	}
	for i := range p.ids {
		q.start[i+1] += q.start[i]
	}
	q.out = make([]T, q.start[len(p.ids)])
	q.end = slices.Clone(q.start[:len(p.ids)])
	for i := range p.ids {
		for k := p.start[i]; k < p.end[i]; k++ {
			q.put(int32(i), p.out[k])
		}
	}
	for k, i := range p.extraOf {
		q.put(i, p.extra[k])
	}
	return q
}

// timeCol is a time column read and where its value goes.
type timeCol struct {
	dst *time.Time
	src sql.NullString
}

func parseTimes(cols ...timeCol) error {
	for _, c := range cols {
		t, err := parseTime(c.src)
		if err != nil {
			return err
		}
		*c.dst = t
	}
	return nil
}

// scanTimes parses pairs of (*time.Time, sql.NullString).
func scanTimes(pairs ...any) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		t, err := parseTime(pairs[i+1].(sql.NullString))
		if err != nil {
			return err
		}
		*pairs[i].(*time.Time) = t
	}
	return nil
}

// stringList decodes a stored list of strings. The common forms, "[]" and
// plain ASCII strings as jsonText writes them, are read by hand, the
// rest by encoding/json. Like encoding/json, "[]" is an empty, non-nil list.
func (l *activityLoader) stringList(text string) ([]string, error) {
	if text == "[]" {
		return []string{}, nil
	}
	if out, ok := l.plainStrings(text); ok {
		return out, nil
	}
	var out []string
	if err := json.Unmarshal([]byte(text), &out); err != nil {
		return nil, err
	}
	for i := range out {
		out[i] = l.intern(out[i])
	}
	return out, nil
}

// plainStrings reads ["a","b"] without escapes, spaces or non-ASCII.
func (l *activityLoader) plainStrings(text string) ([]string, bool) {
	if len(text) < 4 || text[0] != '[' || text[len(text)-1] != ']' {
		return nil, false
	}
	body := text[1 : len(text)-1]
	out := make([]string, 0, strings.Count(body, ",")+1)
	for part := range strings.SplitSeq(body, ",") {
		if len(part) < 2 || part[0] != '"' || part[len(part)-1] != '"' {
			return nil, false
		}
		v := part[1 : len(part)-1]
		for i := 0; i < len(v); i++ {
			if c := v[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
				return nil, false
			}
		}
		out = append(out, l.intern(v))
	}
	return out, true
}

// int64s decodes a stored list of ids, [1,2] by hand.
func int64s(text string) ([]int64, error) {
	if len(text) >= 2 && text[0] == '[' && text[len(text)-1] == ']' {
		body := text[1 : len(text)-1]
		out := make([]int64, 0, strings.Count(body, ",")+1)
		ok := body != ""
		for part := range strings.SplitSeq(body, ",") {
			n, err := strconv.ParseInt(part, 10, 64)
			if err != nil || part[0] == '+' || (len(part) > 1 && (part[0] == '0' || part[:2] == "-0")) {
				ok = false
				break
			}
			out = append(out, n)
		}
		if ok {
			return out, nil
		}
		if body == "" {
			return []int64{}, nil
		}
	}
	var out []int64
	if err := json.Unmarshal([]byte(text), &out); err != nil {
		return nil, err
	}
	return out, nil
}
