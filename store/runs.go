package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Run statuses.
const (
	RunRunning     = "running"
	RunOK          = "ok"
	RunFailed      = "failed"
	RunInterrupted = "interrupted"
)

// SyncRun is one collector run.
type SyncRun struct {
	ID        int64
	Started   time.Time
	Finished  time.Time // zero while running (or if the process died)
	Status    string    // running | ok | failed | interrupted
	Flavor    string
	Issues    int
	Histories int
	Comments  int
	Worklogs  int
	Deleted   int
	Requests  int
	Error     string
}

// StartRun records a run as running and returns its id. Runs still
// marked running were killed (a live run would hold the collector's
// place): they are marked interrupted.
func (s *Store) StartRun(ctx context.Context, started time.Time, flavor string) (int64, error) {
	if _, err := s.db.ExecContext(ctx, `UPDATE sync_runs SET status = ?, error = ? WHERE status = ?`,
		RunInterrupted, "the process ended before the run finished", RunRunning); err != nil {
		return 0, fmt.Errorf("start run: %w", err)
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO sync_runs (started, status, flavor) VALUES (?, ?, ?)`, dbTime(started), RunRunning, flavor)
	if err != nil {
		return 0, fmt.Errorf("start run: %w", err)
	}
	return res.LastInsertId()
}

// FinishRun records how run r.ID ended.
func (s *Store) FinishRun(ctx context.Context, r SyncRun) error {
	_, err := s.db.ExecContext(ctx, `UPDATE sync_runs SET finished = ?, status = ?, flavor = ?, issues = ?, histories = ?,
		comments = ?, worklogs = ?, deleted = ?, requests = ?, error = ? WHERE id = ?`,
		dbTime(r.Finished), r.Status, r.Flavor, r.Issues, r.Histories, r.Comments, r.Worklogs, r.Deleted, r.Requests, r.Error, r.ID)
	if err != nil {
		return fmt.Errorf("finish run %d: %w", r.ID, err)
	}
	return nil
}

// LastRuns returns the n most recent runs, newest first.
func (s *Store) LastRuns(ctx context.Context, n int) ([]SyncRun, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, started, finished, status, flavor, issues, histories, comments, worklogs,
		deleted, requests, error FROM sync_runs ORDER BY id DESC LIMIT ?`, n)
	if err != nil {
		return nil, fmt.Errorf("last runs: %w", err)
	}
	defer rows.Close()
	var out []SyncRun
	for rows.Next() {
		var r SyncRun
		var started, finished sql.NullString
		if err := rows.Scan(&r.ID, &started, &finished, &r.Status, &r.Flavor, &r.Issues, &r.Histories, &r.Comments,
			&r.Worklogs, &r.Deleted, &r.Requests, &r.Error); err != nil {
			return nil, fmt.Errorf("last runs: %w", err)
		}
		if r.Started, err = parseTime(started); err != nil {
			return nil, fmt.Errorf("run %d: %w", r.ID, err)
		}
		if r.Finished, err = parseTime(finished); err != nil {
			return nil, fmt.Errorf("run %d: %w", r.ID, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("last runs: %w", err)
	}
	return out, nil
}
