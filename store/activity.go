package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"time"

	"github.com/roleload/roleload/model"
)

// LoadActivity returns the non-deleted issues of the given project keys
// with all their histories, comments and worklogs (sorted by time), every
// person and every sprint. ChangelogsComplete is false if some issue has
// fewer stored histories than the changelog total Jira reported.
func (s *Store) LoadActivity(ctx context.Context, projects []string) (*model.Activity, error) {
	a := &model.Activity{
		Histories:          map[string][]model.History{},
		Comments:           map[string][]model.Comment{},
		Worklogs:           map[string][]model.Worklog{},
		ChangelogsComplete: true,
	}
	// The same filter selects the issues and, joined, their activity.
	scope := `FROM issues i WHERE i.deleted = 0 AND i.project_key IN (` + placeholders(len(projects)) + `)`
	args := anySlice(projects)
	steps := []func() error{
		func() (err error) { a.Issues, err = s.loadIssues(ctx, scope, args); return },
		func() error { return s.loadHistories(ctx, scope, args, a.Histories) },
		func() error { return s.loadComments(ctx, scope, args, a.Comments) },
		func() error { return s.loadWorklogs(ctx, scope, args, a.Worklogs) },
		func() (err error) { a.People, err = s.People(ctx); return },
		func() (err error) { a.Sprints, err = s.Sprints(ctx); return },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, fmt.Errorf("load activity: %w", err)
		}
	}
	for _, is := range a.Issues {
		if len(a.Histories[is.ID]) < is.ChangelogTotal {
			a.ChangelogsComplete = false
		}
	}
	return a, nil
}

func (s *Store) loadIssues(ctx context.Context, scope string, args []any) ([]model.Issue, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, key, project_key, project_type, type, status, status_category, summary,
		description, description_size, labels, components, reporter_id, creator_id, assignee_id, created, updated, resolved,
		parent_key, story_points, sprint_ids, flagged, links, changelog_total, deleted `+scope+` ORDER BY created, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("issues: %w", err)
	}
	defer rows.Close()
	var out []model.Issue
	for rows.Next() {
		var is model.Issue
		var labels, comps, sprints, links string
		var created, updated, resolved sql.NullString
		var sp sql.NullFloat64
		if err := rows.Scan(&is.ID, &is.Key, &is.ProjectKey, &is.ProjectType, &is.Type, &is.Status, &is.StatusCategory,
			&is.Summary, &is.Description, &is.DescriptionSize, &labels, &comps, &is.ReporterID, &is.CreatorID, &is.AssigneeID,
			&created, &updated, &resolved, &is.ParentKey, &sp, &sprints, &is.Flagged, &links, &is.ChangelogTotal, &is.Deleted); err != nil {
			return nil, fmt.Errorf("issues: %w", err)
		}
		if sp.Valid {
			v := sp.Float64
			is.StoryPoints = &v
		}
		if err := scanTimes(&is.Created, created, &is.Updated, updated, &is.Resolved, resolved); err != nil {
			return nil, fmt.Errorf("issue %s: %w", is.Key, err)
		}
		if err := unmarshalAll(&is.Labels, labels, &is.Components, comps, &is.SprintIDs, sprints, &is.Links, links); err != nil {
			return nil, fmt.Errorf("issue %s: %w", is.Key, err)
		}
		out = append(out, is)
	}
	return out, rows.Err()
}

func (s *Store) loadHistories(ctx context.Context, scope string, args []any, into map[string][]model.History) error {
	rows, err := s.db.QueryContext(ctx, `SELECT h.id, h.issue_id, h.author_id, h.created, coalesce(t.seq, -1), coalesce(t.field, ''),
		coalesce(t.field_type, ''), coalesce(t.field_id, ''), coalesce(t.from_value, ''), coalesce(t.from_string, ''),
		coalesce(t.to_value, ''), coalesce(t.to_string, '')
		FROM histories h LEFT JOIN history_items t ON t.history_id = h.id
		WHERE h.issue_id IN (SELECT i.id `+scope+`) ORDER BY h.issue_id, h.created, h.id, t.seq`, args...)
	if err != nil {
		return fmt.Errorf("histories: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var h model.History
		var it model.HistoryItem
		var created sql.NullString
		var seq int
		if err := rows.Scan(&h.ID, &h.IssueID, &h.AuthorID, &created, &seq, &it.Field, &it.FieldType, &it.FieldID,
			&it.From, &it.FromString, &it.To, &it.ToString); err != nil {
			return fmt.Errorf("histories: %w", err)
		}
		list := into[h.IssueID]
		if n := len(list); n == 0 || list[n-1].ID != h.ID {
			if h.Created, err = parseTime(created); err != nil {
				return fmt.Errorf("history %s: %w", h.ID, err)
			}
			list = append(list, h)
		}
		if seq >= 0 {
			last := &list[len(list)-1]
			last.Items = append(last.Items, it)
		}
		into[h.IssueID] = list
	}
	return rows.Err()
}

func (s *Store) loadComments(ctx context.Context, scope string, args []any, into map[string][]model.Comment) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, issue_id, author_id, created, updated, body, body_size, mentions
		FROM comments WHERE issue_id IN (SELECT i.id `+scope+`) ORDER BY issue_id, created, id`, args...)
	if err != nil {
		return fmt.Errorf("comments: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c model.Comment
		var created, updated sql.NullString
		var mentions string
		if err := rows.Scan(&c.ID, &c.IssueID, &c.AuthorID, &created, &updated, &c.Body, &c.BodySize, &mentions); err != nil {
			return fmt.Errorf("comments: %w", err)
		}
		if err := scanTimes(&c.Created, created, &c.Updated, updated); err != nil {
			return fmt.Errorf("comment %s: %w", c.ID, err)
		}
		if err := unmarshalAll(&c.Mentions, mentions); err != nil {
			return fmt.Errorf("comment %s: %w", c.ID, err)
		}
		into[c.IssueID] = append(into[c.IssueID], c)
	}
	return rows.Err()
}

func (s *Store) loadWorklogs(ctx context.Context, scope string, args []any, into map[string][]model.Worklog) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, issue_id, author_id, started, seconds, created, updated
		FROM worklogs WHERE issue_id IN (SELECT i.id `+scope+`) ORDER BY issue_id, started, id`, args...)
	if err != nil {
		return fmt.Errorf("worklogs: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var w model.Worklog
		var started, created, updated sql.NullString
		if err := rows.Scan(&w.ID, &w.IssueID, &w.AuthorID, &started, &w.Seconds, &created, &updated); err != nil {
			return fmt.Errorf("worklogs: %w", err)
		}
		if err := scanTimes(&w.Started, started, &w.Created, created, &w.Updated, updated); err != nil {
			return fmt.Errorf("worklog %s: %w", w.ID, err)
		}
		into[w.IssueID] = append(into[w.IssueID], w)
	}
	return rows.Err()
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

// unmarshalAll decodes pairs of (destination, JSON text).
func unmarshalAll(pairs ...any) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if err := json.Unmarshal([]byte(pairs[i+1].(string)), pairs[i]); err != nil {
			return err
		}
	}
	return nil
}
