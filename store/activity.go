package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"

	"github.com/roleload/roleload/model"
)

// LoadActivity returns the non-deleted issues of the given project keys
// with all their histories, comments and worklogs (sorted by time), every
// person and every sprint. ChangelogsComplete is false if some issue has
// fewer stored histories than the changelog total Jira reported.
//
// It is what `roleload analyze` waits for: each kind of activity is a
// SELECT and a Scan into the model, and the tricks that make it fast are
// called by name (the package doc lists them).
func (s *Store) LoadActivity(ctx context.Context, projects []string) (*model.Activity, error) {
	where := `i.deleted = 0 AND i.project_key IN (` + placeholders(len(projects)) + `)`
	return s.loadActivity(ctx, where, anySlice(projects), loadPlan{})
}

// loadPlan turns the loader's tricks off, one at a time, for
// BenchmarkLoadActivityPlan; the zero plan, LoadActivity's, has them all.
type loadPlan struct {
	order           *bool // force storageOrder.scan
	serialHistories bool  // read histories after the rest, not meanwhile
}

// loadActivity loads the issues i that where selects (args are its
// parameters) and their activity, as LoadActivity says.
func (s *Store) loadActivity(ctx context.Context, where string, args []any, plan loadPlan) (*model.Activity, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	l, err := s.newActivityLoader(ctx, where, args, plan)
	if err != nil {
		return nil, fmt.Errorf("load activity: %w", err)
	}
	a := &model.Activity{ChangelogsComplete: true}
	waitHistories := l.loadHistoriesAlongside(&a.Histories)
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
	herr := waitHistories()
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
	db    *sql.DB
	ctx   context.Context
	plan  loadPlan
	order storageOrder
	ids   []string         // the loaded issues' ids, in load order
	index map[string]int32 // position in ids
	strs  interner
}

func (s *Store) newActivityLoader(ctx context.Context, where string, args []any, plan loadPlan) (*activityLoader, error) {
	order, wanted, err := chooseOrder(ctx, s.db, where, args, plan.order)
	if err != nil {
		return nil, err
	}
	return &activityLoader{db: s.db, ctx: ctx, plan: plan, order: order, strs: newInterner(),
		ids: make([]string, 0, wanted), index: make(map[string]int32, wanted)}, nil
}

// loadHistoriesAlongside reads the histories into *dst on a second
// connection while the caller reads the rest, and returns the wait for
// it. Histories are half the rows; read after the rest, LoadActivity
// took 1.1 to 1.8 times as long on two cores, the more so the idler the
// second one (BenchmarkLoadActivityPlan/without=histories-alongside). The
// second loader has its own interned strings and reads the wanted
// issues' ids itself, so that it need not wait for issues.
func (l *activityLoader) loadHistoriesAlongside(dst *map[string][]model.History) (wait func() error) {
	h := *l
	h.ids, h.index, h.strs = make([]string, 0, cap(l.ids)), make(map[string]int32, cap(l.ids)), newInterner()
	load := func() (err error) {
		if err = h.wantedIDs(); err == nil {
			*dst, err = h.histories()
		}
		return err
	}
	if l.plan.serialHistories {
		return load
	}
	var wg sync.WaitGroup
	var err error
	wg.Go(func() { err = load() })
	return func() error { wg.Wait(); return err }
}

// query runs one of the loader's queries.
func (l *activityLoader) query(q string, args []any) (*sql.Rows, error) {
	return l.db.QueryContext(l.ctx, q, args...)
}

// wantedIDs reads the wanted issues' ids alone (issues does it with the
// rest of the issues).
func (l *activityLoader) wantedIDs() error {
	rows, err := l.query(l.order.issues(`i.id`))
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

// issues reads the wanted issues, by created (NULL, the zero time,
// first) then id, as ORDER BY created, id would.
func (l *activityLoader) issues() ([]model.Issue, error) {
	rows, err := l.query(l.order.issues(`id, key, project_key, project_type, type, status, status_category, summary,
		description, description_size, labels, components, reporter_id, creator_id, assignee_id, created, updated, resolved,
		parent_key, story_points, sprint_ids, flagged, links, changelog_total, deleted`))
	if err != nil {
		return nil, fmt.Errorf("issues: %w", err)
	}
	defer rows.Close()
	out := make([]model.Issue, 0, cap(l.ids))
	for rows.Next() {
		var is model.Issue
		var labels, comps, sprints, links string
		var points sql.NullFloat64
		if err := rows.Scan(&is.ID, &is.Key, &is.ProjectKey, &is.ProjectType, &is.Type, &is.Status, &is.StatusCategory,
			&is.Summary, &is.Description, &is.DescriptionSize, &labels, &comps, &is.ReporterID, &is.CreatorID, &is.AssigneeID,
			timeText(&is.Created), timeText(&is.Updated), timeText(&is.Resolved), &is.ParentKey, &points, &sprints,
			&is.Flagged, &links, &is.ChangelogTotal, &is.Deleted); err != nil {
			return nil, fmt.Errorf("issue %s: %w", is.Key, err)
		}
		in := l.strs
		is.ProjectKey, is.ProjectType, is.Type = in.String(is.ProjectKey), in.String(is.ProjectType), in.String(is.Type)
		is.Status, is.StatusCategory = in.String(is.Status), in.String(is.StatusCategory)
		is.ReporterID, is.CreatorID, is.AssigneeID = in.String(is.ReporterID), in.String(is.CreatorID), in.String(is.AssigneeID)
		if points.Valid {
			is.StoryPoints = &points.Float64
		}
		if is.Labels, err = stringList(labels, in); err == nil {
			if is.Components, err = stringList(comps, in); err == nil {
				if is.SprintIDs, err = int64s(sprints); err == nil {
					is.Links, err = issueLinks(links)
				}
			}
		}
		if err != nil {
			return nil, fmt.Errorf("issue %s: %w", is.Key, err)
		}
		out = append(out, is)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("issues: %w", err)
	}
	if len(out) == 0 {
		return nil, nil // as append leaves it
	}
	out = sortedBy(out, func(a, b *model.Issue) int {
		return cmp.Or(a.Created.Compare(b.Created), strings.Compare(a.ID, b.ID))
	})
	for i := range out {
		l.ids = append(l.ids, out[i].ID)
		l.index[out[i].ID] = int32(i)
	}
	return out, nil
}

// histories reads the wanted issues' histories with their items, each
// issue's by (created, id).
func (l *activityLoader) histories() (map[string][]model.History, error) {
	slots, err := newIssueSlots[model.History](l, "histories")
	if err != nil {
		return nil, err
	}
	// Either order gives a history's items together, by seq.
	rows, err := l.query(l.order.activity(`SELECT h.id, h.issue_id, h.author_id, h.created, coalesce(t.seq, -1),
		coalesce(t.field, ''), coalesce(t.field_type, ''), coalesce(t.field_id, ''), coalesce(t.from_value, ''),
		coalesce(t.from_string, ''), coalesce(t.to_value, ''), coalesce(t.to_string, '')
		FROM histories h LEFT JOIN history_items t ON t.history_id = h.id`,
		`h.issue_id`, `h.rowid, t.seq`, `h.issue_id, h.created, h.rowid, t.seq`))
	if err != nil {
		return nil, fmt.Errorf("histories: %w", err)
	}
	defer rows.Close()
	var h model.History
	var it model.HistoryItem
	var seq int
	// A history's rows come together, one per item (or one, seq -1,
	// without items): its first row places it, and its items are
	// attached when the next history begins.
	var items chunks[model.HistoryItem]
	var slot, issue int32
	wanted := false
	attach := func() {
		if its := items.done(); wanted && len(its) > 0 {
			slots.at(slot).Items = its
		}
	}
	for n := 0; rows.Next(); n++ {
		lastID := h.ID
		err := rows.Scan(&h.ID, &h.IssueID, &h.AuthorID, timeText(&h.Created), &seq, &it.Field, &it.FieldType, &it.FieldID,
			&it.From, &it.FromString, &it.To, &it.ToString)
		if n == 0 || h.ID != lastID {
			attach()
			issue, wanted = slots.issue(&h.IssueID)
			if wanted && err == nil {
				h.AuthorID = l.strs.String(h.AuthorID)
				slot = slots.put(issue, h)
			}
		}
		if !wanted {
			continue // another issue's (a storage-order scan reads them all), unread
		}
		if err != nil {
			return nil, fmt.Errorf("history %s: %w", h.ID, err)
		}
		if seq >= 0 {
			items.add(l.historyItem(it))
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("histories: %w", err)
	}
	attach()
	return slots.parts(func(a, b *model.History) int {
		return cmp.Or(a.Created.Compare(b.Created), strings.Compare(a.ID, b.ID))
	}), nil
}

func (l *activityLoader) historyItem(it model.HistoryItem) model.HistoryItem {
	in := l.strs
	return model.HistoryItem{Field: in.String(it.Field), FieldType: in.String(it.FieldType), FieldID: in.String(it.FieldID),
		From: in.String(it.From), FromString: in.String(it.FromString), To: in.String(it.To), ToString: in.String(it.ToString)}
}

// comments reads the wanted issues' comments, each issue's by (created,
// id).
func (l *activityLoader) comments() (map[string][]model.Comment, error) {
	slots, err := newIssueSlots[model.Comment](l, "comments")
	if err != nil {
		return nil, err
	}
	rows, err := l.query(l.order.activity(`SELECT id, issue_id, author_id, created, updated, body, body_size, mentions
		FROM comments`, `issue_id`, `rowid`, `issue_id, created, rowid`))
	if err != nil {
		return nil, fmt.Errorf("comments: %w", err)
	}
	defer rows.Close()
	var c model.Comment
	var mentions string
	for rows.Next() {
		err := rows.Scan(&c.ID, &c.IssueID, &c.AuthorID, timeText(&c.Created), timeText(&c.Updated), &c.Body, &c.BodySize, &mentions)
		issue, wanted := slots.issue(&c.IssueID)
		if !wanted {
			continue // another issue's (a storage-order scan reads them all), unread
		}
		if err != nil {
			return nil, fmt.Errorf("comment %s: %w", c.ID, err)
		}
		c.AuthorID = l.strs.String(c.AuthorID)
		if c.Mentions, err = stringList(mentions, l.strs); err != nil {
			return nil, fmt.Errorf("comment %s: %w", c.ID, err)
		}
		slots.put(issue, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("comments: %w", err)
	}
	return slots.parts(func(a, b *model.Comment) int {
		return cmp.Or(a.Created.Compare(b.Created), strings.Compare(a.ID, b.ID))
	}), nil
}

// worklogs reads the wanted issues' worklogs, each issue's by (started,
// id).
func (l *activityLoader) worklogs() (map[string][]model.Worklog, error) {
	slots, err := newIssueSlots[model.Worklog](l, "worklogs")
	if err != nil {
		return nil, err
	}
	rows, err := l.query(l.order.activity(`SELECT id, issue_id, author_id, started, seconds, created, updated FROM worklogs`,
		`issue_id`, `rowid`, `issue_id, started, rowid`))
	if err != nil {
		return nil, fmt.Errorf("worklogs: %w", err)
	}
	defer rows.Close()
	var w model.Worklog
	for rows.Next() {
		err := rows.Scan(&w.ID, &w.IssueID, &w.AuthorID, timeText(&w.Started), &w.Seconds, timeText(&w.Created), timeText(&w.Updated))
		issue, wanted := slots.issue(&w.IssueID)
		if !wanted {
			continue // another issue's (a storage-order scan reads them all), unread
		}
		if err != nil {
			return nil, fmt.Errorf("worklog %s: %w", w.ID, err)
		}
		w.AuthorID = l.strs.String(w.AuthorID)
		slots.put(issue, w)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("worklogs: %w", err)
	}
	return slots.parts(func(a, b *model.Worklog) int {
		return cmp.Or(a.Started.Compare(b.Started), strings.Compare(a.ID, b.ID))
	}), nil
}
