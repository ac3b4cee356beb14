package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Queries for `roleload doctor` (SPEC §3.1).

// IncompleteChangelogs counts live issues whose stored histories are
// fewer than the total Jira reported for them.
func (s *Store) IncompleteChangelogs(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM issues i WHERE i.deleted = 0 AND i.changelog_total >
		(SELECT count(*) FROM histories h WHERE h.issue_id = i.id)`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("incomplete changelogs: %w", err)
	}
	return n, nil
}

// LastActive returns, for each person ID given, the time of their latest
// event in the store (an issue created, a history, a comment, a worklog);
// people with none are absent.
func (s *Store) LastActive(ctx context.Context, ids []string) (map[string]time.Time, error) {
	out := map[string]time.Time{}
	for _, id := range ids {
		var last sql.NullString
		err := s.db.QueryRowContext(ctx, `SELECT max(t) FROM (
			SELECT max(created) AS t FROM issues WHERE creator_id = ?1
			UNION ALL SELECT max(created) FROM histories WHERE author_id = ?1
			UNION ALL SELECT max(created) FROM comments WHERE author_id = ?1
			UNION ALL SELECT max(started) FROM worklogs WHERE author_id = ?1)`, id).Scan(&last)
		if err != nil {
			return nil, fmt.Errorf("last activity of %s: %w", id, err)
		}
		t, err := parseTime(last)
		if err != nil {
			return nil, fmt.Errorf("last activity of %s: %w", id, err)
		}
		if !t.IsZero() {
			out[id] = t
		}
	}
	return out, nil
}
