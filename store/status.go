package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Status is what the store holds (SPEC §8.1). Counts leave out issues
// marked deleted and their activity. LastSync is when the last successful
// run finished (nil if none); Flavor is the flavor that run saw.
type Status struct {
	Issues    int        `json:"issues"`
	Histories int        `json:"histories"`
	Comments  int        `json:"comments"`
	Worklogs  int        `json:"worklogs"`
	People    int        `json:"people"`
	LastSync  *time.Time `json:"last_sync"`
	Flavor    string     `json:"flavor"`
	// Deleted counts issues the census marked deleted (kept, not analysed).
	Deleted int `json:"deleted"`
	// Sources says, per sync source (issues, census), up to which Jira
	// time the store is complete.
	Sources []SourceStatus `json:"sources"`
	// Calendars is one line per calendar feed (SPEC §5.1).
	Calendars []CalendarStatus `json:"calendars"`
}

// SourceStatus is one sync source's watermark.
type SourceStatus struct {
	Source    string     `json:"source"`
	Watermark *time.Time `json:"watermark"`
}

// Status counts what the store holds.
func (s *Store) Status(ctx context.Context) (Status, error) {
	var st Status
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM issues WHERE deleted = 0),
		(SELECT count(*) FROM histories h JOIN issues i ON i.id = h.issue_id WHERE i.deleted = 0),
		(SELECT count(*) FROM comments c JOIN issues i ON i.id = c.issue_id WHERE i.deleted = 0),
		(SELECT count(*) FROM worklogs w JOIN issues i ON i.id = w.issue_id WHERE i.deleted = 0),
		(SELECT count(*) FROM people),
		(SELECT count(*) FROM issues WHERE deleted = 1)`).
		Scan(&st.Issues, &st.Histories, &st.Comments, &st.Worklogs, &st.People, &st.Deleted)
	if err != nil {
		return st, fmt.Errorf("status: %w", err)
	}
	var finished sql.NullString
	err = s.db.QueryRowContext(ctx, `SELECT finished, flavor FROM sync_runs WHERE status = ? ORDER BY id DESC LIMIT 1`, RunOK).
		Scan(&finished, &st.Flavor)
	if err != nil && err != sql.ErrNoRows {
		return st, fmt.Errorf("status: last run: %w", err)
	}
	if t, err := parseTime(finished); err != nil {
		return st, fmt.Errorf("status: %w", err)
	} else if !t.IsZero() {
		st.LastSync = &t
	}
	if st.Sources, err = s.sources(ctx); err != nil {
		return st, err
	}
	st.Calendars, err = s.calendarStatus(ctx)
	return st, err
}

func (s *Store) sources(ctx context.Context) ([]SourceStatus, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT source, watermark FROM sync_state ORDER BY source`)
	if err != nil {
		return nil, fmt.Errorf("status: sources: %w", err)
	}
	defer rows.Close()
	out := []SourceStatus{}
	for rows.Next() {
		var src SourceStatus
		var wm sql.NullString
		if err := rows.Scan(&src.Source, &wm); err != nil {
			return nil, fmt.Errorf("status: sources: %w", err)
		}
		t, err := parseTime(wm)
		if err != nil {
			return nil, fmt.Errorf("status: source %s: %w", src.Source, err)
		}
		if !t.IsZero() {
			src.Watermark = &t
		}
		out = append(out, src)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("status: sources: %w", err)
	}
	return out, nil
}
