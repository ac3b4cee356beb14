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
	out := map[string]IssueRef{}
	err := s.EachIssueRef(ctx, projects, func(id string, r IssueRef) error {
		out[id] = r
		return nil
	})
	return out, err
}

// EachIssueRef calls fn with every stored issue (deleted ones too) of the
// given project keys, one at a time, so that the census holds only what
// Jira returned, not the store's list as well. fn must not write to the
// store.
func (s *Store) EachIssueRef(ctx context.Context, projects []string, fn func(id string, r IssueRef) error) error {
	q := `SELECT id, key, updated, deleted FROM issues WHERE project_key IN (` + placeholders(len(projects)) + `)`
	rows, err := s.db.QueryContext(ctx, q, anySlice(projects)...)
	if err != nil {
		return fmt.Errorf("issue refs: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var r IssueRef
		var upd sql.NullString
		if err := rows.Scan(&id, &r.Key, &upd, &r.Deleted); err != nil {
			return fmt.Errorf("issue refs: %w", err)
		}
		if r.Updated, err = parseTime(upd); err != nil {
			return fmt.Errorf("issue refs %s: %w", r.Key, err)
		}
		if err := fn(id, r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("issue refs: %w", err)
	}
	return nil
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
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("apply census: commit: %w", err)
	}
	return nil
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
