package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/roleload/roleload/model"
)

// issueWriter holds the statements that write one issue and its activity,
// prepared once per batch.
type issueWriter struct {
	stored, issue, delSprints, addSprint, history, item *sql.Stmt
	delComments, comment, delWorklogs, worklog          *sql.Stmt
}

func newIssueWriter(ctx context.Context, tx *sql.Tx) (*issueWriter, error) {
	w := &issueWriter{}
	for _, p := range []struct {
		st  **sql.Stmt
		sql string
	}{
		{&w.stored, `SELECT id FROM issues WHERE id IN (SELECT value FROM json_each(?))`},
		{&w.issue, `INSERT INTO issues (id, key, project_key, project_type, type, status, status_category, summary, description,
			description_size, labels, components, reporter_id, creator_id, assignee_id, created, updated, resolved, parent_key,
			story_points, sprint_ids, flagged, links, changelog_total, deleted, raw)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
			ON CONFLICT (id) DO UPDATE SET key = excluded.key, project_key = excluded.project_key, project_type = excluded.project_type,
			type = excluded.type, status = excluded.status, status_category = excluded.status_category, summary = excluded.summary,
			description = excluded.description, description_size = excluded.description_size, labels = excluded.labels,
			components = excluded.components, reporter_id = excluded.reporter_id, creator_id = excluded.creator_id,
			assignee_id = excluded.assignee_id, created = excluded.created, updated = excluded.updated, resolved = excluded.resolved,
			parent_key = excluded.parent_key, story_points = excluded.story_points, sprint_ids = excluded.sprint_ids,
			flagged = excluded.flagged, links = excluded.links, changelog_total = excluded.changelog_total, deleted = 0, raw = excluded.raw`},
		// Rows still current are left alone: rewriting them would cost
		// the same pages again on every update of the issue.
		{&w.delSprints, `DELETE FROM issue_sprints WHERE issue_id = ?1 AND sprint_id NOT IN (SELECT value FROM json_each(?2))`},
		{&w.addSprint, `INSERT OR IGNORE INTO issue_sprints (issue_id, sprint_id) VALUES (?, ?)`},
		{&w.history, `INSERT INTO histories (id, issue_id, author_id, created) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`},
		{&w.item, `INSERT OR REPLACE INTO history_items (history_id, seq, field, field_type, field_id, from_value, from_string, to_value, to_string)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&w.delComments, `DELETE FROM comments WHERE issue_id = ?1 AND id NOT IN (SELECT value FROM json_each(?2))`},
		{&w.comment, `INSERT INTO comments (id, issue_id, author_id, created, updated, body, body_size, mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET issue_id = excluded.issue_id, author_id = excluded.author_id, created = excluded.created,
			updated = excluded.updated, body = excluded.body, body_size = excluded.body_size, mentions = excluded.mentions
			WHERE (issue_id, author_id, created, updated, body, body_size, mentions)
			IS NOT (excluded.issue_id, excluded.author_id, excluded.created, excluded.updated, excluded.body, excluded.body_size, excluded.mentions)`},
		{&w.delWorklogs, `DELETE FROM worklogs WHERE issue_id = ?1 AND id NOT IN (SELECT value FROM json_each(?2))`},
		{&w.worklog, `INSERT INTO worklogs (id, issue_id, author_id, started, seconds, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET issue_id = excluded.issue_id, author_id = excluded.author_id, started = excluded.started,
			seconds = excluded.seconds, created = excluded.created, updated = excluded.updated
			WHERE (issue_id, author_id, started, seconds, created, updated)
			IS NOT (excluded.issue_id, excluded.author_id, excluded.started, excluded.seconds, excluded.created, excluded.updated)`},
	} {
		st, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			w.close()
			return nil, err
		}
		*p.st = st
	}
	return w, nil
}

func (w *issueWriter) close() {
	for _, st := range []*sql.Stmt{w.stored, w.issue, w.delSprints, w.addSprint, w.history, w.item, w.delComments, w.comment, w.delWorklogs, w.worklog} {
		if st != nil {
			st.Close()
		}
	}
}

// storedIssues returns which of issues the store holds already.
func (w *issueWriter) storedIssues(ctx context.Context, issues []IssueData) (map[string]bool, error) {
	stored := make(map[string]bool, len(issues))
	rows, err := w.stored.QueryContext(ctx, idList(issues, func(d *IssueData) string { return d.Issue.ID }))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		stored[id] = true
	}
	return stored, rows.Err()
}

// write writes one issue. An issue already stored may have lost sprints,
// comments and worklogs since; one new to the store has nothing to
// remove, and skipping the three deletes saved 5–10% of a first sync's
// write time (replayed 10,000-issue sync).
func (w *issueWriter) write(ctx context.Context, d *IssueData, stored bool) error {
	is := &d.Issue
	if is.ID == "" {
		return errors.New("issue without id")
	}
	raw := d.Raw
	if len(raw) == 0 {
		raw = []byte("{}")
	}
	if _, err := w.issue.ExecContext(ctx, is.ID, is.Key, is.ProjectKey, is.ProjectType, is.Type, is.Status, is.StatusCategory,
		is.Summary, is.Description, is.DescriptionSize, jsonText(is.Labels), jsonText(is.Components), is.ReporterID, is.CreatorID,
		is.AssigneeID, dbTime(is.Created), dbTime(is.Updated), dbTime(is.Resolved), is.ParentKey, is.StoryPoints,
		jsonText(is.SprintIDs), is.Flagged, jsonText(is.Links), is.ChangelogTotal, string(raw)); err != nil {
		return err
	}
	if stored {
		if _, err := w.delSprints.ExecContext(ctx, is.ID, jsonText(is.SprintIDs)); err != nil {
			return err
		}
	}
	for _, sid := range is.SprintIDs {
		if _, err := w.addSprint.ExecContext(ctx, is.ID, sid); err != nil {
			return err
		}
	}
	for _, h := range d.Histories {
		res, err := w.history.ExecContext(ctx, h.ID, is.ID, h.AuthorID, dbTime(h.Created))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			continue // already stored, and histories never change
		}
		for i, it := range h.Items {
			if _, err := w.item.ExecContext(ctx, h.ID, i, it.Field, it.FieldType, it.FieldID, it.From, it.FromString, it.To, it.ToString); err != nil {
				return err
			}
		}
	}
	if stored {
		if _, err := w.delComments.ExecContext(ctx, is.ID, idList(d.Comments, func(c *model.Comment) string { return c.ID })); err != nil {
			return err
		}
	}
	for _, c := range d.Comments {
		if _, err := w.comment.ExecContext(ctx, c.ID, is.ID, c.AuthorID, dbTime(c.Created), dbTime(c.Updated), c.Body, c.BodySize, jsonText(c.Mentions)); err != nil {
			return err
		}
	}
	if stored {
		if _, err := w.delWorklogs.ExecContext(ctx, is.ID, idList(d.Worklogs, func(w *model.Worklog) string { return w.ID })); err != nil {
			return err
		}
	}
	for _, wl := range d.Worklogs {
		if _, err := w.worklog.ExecContext(ctx, wl.ID, is.ID, wl.AuthorID, dbTime(wl.Started), wl.Seconds, dbTime(wl.Created), dbTime(wl.Updated)); err != nil {
			return err
		}
	}
	return nil
}

// idList is the JSON array of the ids of xs, for json_each.
func idList[T any](xs []T, id func(*T) string) string {
	ids := make([]string, len(xs))
	for i := range xs {
		ids[i] = id(&xs[i])
	}
	return jsonText(ids)
}
