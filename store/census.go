package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// IssueRef is what the census compares: an issue's key, last update and
// whether it is marked deleted.
type IssueRef struct {
	Key     string
	Updated time.Time
	Deleted bool
}

// IssueRefs returns, by issue id, every stored issue (deleted ones too) of
// the given project keys.
func (s *Store) IssueRefs(ctx context.Context, projects []string) (map[string]IssueRef, error) {
	q := `SELECT id, key, updated, deleted FROM issues WHERE project_key IN (` + placeholders(len(projects)) + `)`
	rows, err := s.db.QueryContext(ctx, q, anySlice(projects)...)
	if err != nil {
		return nil, fmt.Errorf("issue refs: %w", err)
	}
	defer rows.Close()
	out := map[string]IssueRef{}
	for rows.Next() {
		var id string
		var r IssueRef
		var upd sql.NullString
		if err := rows.Scan(&id, &r.Key, &upd, &r.Deleted); err != nil {
			return nil, fmt.Errorf("issue refs: %w", err)
		}
		if r.Updated, err = parseTime(upd); err != nil {
			return nil, fmt.Errorf("issue refs %s: %w", r.Key, err)
		}
		out[id] = r
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("issue refs: %w", err)
	}
	return out, nil
}

// Census is the outcome of comparing the store with the keys Jira
// returns: ids to mark deleted, ids Jira returns again (undelete), and
// ids whose key changed (moved issues; new key by id).
type Census struct {
	Deleted    []string
	Restored   []string
	Moved      map[string]string
	Checkpoint *SyncState
}

// ApplyCensus marks issues deleted (they are kept), restores and re-keys
// them, with the census checkpoint, in one transaction.
func (s *Store) ApplyCensus(ctx context.Context, c Census) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("apply census: %w", err)
	}
	defer tx.Rollback()
	for _, id := range c.Deleted {
		if _, err := tx.ExecContext(ctx, `UPDATE issues SET deleted = 1 WHERE id = ?`, id); err != nil {
			return fmt.Errorf("mark issue %s deleted: %w", id, err)
		}
	}
	for _, id := range c.Restored {
		if _, err := tx.ExecContext(ctx, `UPDATE issues SET deleted = 0 WHERE id = ?`, id); err != nil {
			return fmt.Errorf("restore issue %s: %w", id, err)
		}
	}
	for id, key := range c.Moved {
		if _, err := tx.ExecContext(ctx, `UPDATE issues SET key = ?, project_key = ? WHERE id = ?`, key, ProjectOf(key), id); err != nil {
			return fmt.Errorf("move issue %s to %s: %w", id, key, err)
		}
	}
	if c.Checkpoint != nil {
		if err := putSyncState(ctx, tx, *c.Checkpoint); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM census_seen`); err != nil {
		return fmt.Errorf("apply census: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("apply census: commit: %w", err)
	}
	s.ckpt.wrote()
	return nil
}

// SeenIssue is an issue as a census lists it.
type SeenIssue struct {
	ID, Key string
	Updated time.Time
}

// StartCensus forgets what an earlier census saw.
func (s *Store) StartCensus(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM census_seen`); err != nil {
		return fmt.Errorf("start census: %w", err)
	}
	return nil
}

// AddCensusSeen records a page of the issues the census found in Jira.
func (s *Store) AddCensusSeen(ctx context.Context, seen []SeenIssue) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("census: %w", err)
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, `INSERT OR REPLACE INTO census_seen (id, key, updated) VALUES (?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("census: %w", err)
	}
	defer st.Close()
	for _, is := range seen {
		if _, err := st.ExecContext(ctx, is.ID, is.Key, dbTime(is.Updated.Truncate(time.Millisecond))); err != nil {
			return fmt.Errorf("census: issue %s: %w", is.Key, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("census: %w", err)
	}
	s.ckpt.wrote()
	return nil
}

// CensusDiff compares what the census saw with the stored issues of the
// projects: Deleted, Restored and Moved are as ApplyCensus takes them;
// Stale are the issues Jira holds newer than the store, or that the store
// lacks (a pass missed them), to fetch again. Seen is how many the census
// saw.
type CensusDiff struct {
	Census
	Stale []string
	Seen  int
}

// DiffCensus compares what the census saw with the stored issues of the
// projects.
func (s *Store) DiffCensus(ctx context.Context, projects []string) (CensusDiff, error) {
	d := CensusDiff{Census: Census{Moved: map[string]string{}}}
	scope := `project_key IN (` + placeholders(len(projects)) + `)`
	args := anySlice(projects)
	ids := func(what, q string) ([]string, error) {
		rows, err := s.db.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("census: %s: %w", what, err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				return nil, fmt.Errorf("census: %s: %w", what, err)
			}
			out = append(out, id)
		}
		return out, rows.Err()
	}
	var err error
	if d.Deleted, err = ids("deleted", `SELECT id FROM issues WHERE `+scope+` AND deleted = 0
		AND id NOT IN (SELECT id FROM census_seen) ORDER BY id`); err != nil {
		return d, err
	}
	if d.Restored, err = ids("restored", `SELECT id FROM issues WHERE `+scope+` AND deleted = 1
		AND id IN (SELECT id FROM census_seen) ORDER BY id`); err != nil {
		return d, err
	}
	// Seen but not stored in scope (a pass missed it, or it was stored
	// under a project outside the scope), or newer in Jira than here.
	if d.Stale, err = ids("stale", `SELECT c.id FROM census_seen c
		LEFT JOIN (SELECT id, updated FROM issues WHERE `+scope+`) i ON i.id = c.id
		WHERE i.id IS NULL OR c.updated > coalesce(i.updated, '') ORDER BY c.id`); err != nil {
		return d, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT i.id, c.key FROM issues i JOIN census_seen c ON c.id = i.id
		WHERE i.`+scope+` AND c.key != '' AND c.key != i.key`, args...)
	if err != nil {
		return d, fmt.Errorf("census: moved: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, key string
		if err := rows.Scan(&id, &key); err != nil {
			return d, fmt.Errorf("census: moved: %w", err)
		}
		d.Moved[id] = key
	}
	if err := rows.Err(); err != nil {
		return d, fmt.Errorf("census: moved: %w", err)
	}
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM census_seen`).Scan(&d.Seen); err != nil {
		return d, fmt.Errorf("census: %w", err)
	}
	return d, nil
}

// HasIssues reports whether the store holds any issue of the projects.
func (s *Store) HasIssues(ctx context.Context, projects []string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM issues WHERE project_key IN (`+placeholders(len(projects))+`))`,
		anySlice(projects)...).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("stored issues: %w", err)
	}
	return n == 1, nil
}

// ProjectOf returns the project key of an issue key ("ABC-12" -> "ABC").
func ProjectOf(key string) string {
	if i := strings.LastIndexByte(key, '-'); i > 0 {
		return key[:i]
	}
	return key
}

// HistoryIDs returns the ids of the histories stored for an issue.
func (s *Store) HistoryIDs(ctx context.Context, issueID string) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM histories WHERE issue_id = ?`, issueID)
	if err != nil {
		return nil, fmt.Errorf("history ids of issue %s: %w", issueID, err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("history ids of issue %s: %w", issueID, err)
		}
		out[id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("history ids of issue %s: %w", issueID, err)
	}
	return out, nil
}

func placeholders(n int) string {
	if n == 0 {
		return "NULL"
	}
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
