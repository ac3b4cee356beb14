package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// SyncState is where one source's sync stands. Watermark is the Jira time
// up to which everything is committed. While a pass is under way, PassFrom
// is the watermark it asked from, PassStart the Jira time it began and
// Cursor how far it has committed (collector-defined), so that a killed
// run resumes instead of starting over.
type SyncState struct {
	Source    string
	Watermark time.Time
	PassFrom  time.Time
	PassStart time.Time
	Cursor    string
	UpdatedAt time.Time // Jira time of the last checkpoint
}

// InPass reports whether a pass was started and not finished.
func (st SyncState) InPass() bool { return !st.PassStart.IsZero() }

// SyncState returns the state of source; a source never synced has a zero
// state (zero Watermark), which is not an error.
func (s *Store) SyncState(ctx context.Context, source string) (SyncState, error) {
	var wm, from, start, upd sql.NullString
	st := SyncState{Source: source}
	err := s.db.QueryRowContext(ctx, `SELECT watermark, pass_from, pass_start, cursor, updated_at FROM sync_state WHERE source = ?`, source).
		Scan(&wm, &from, &start, &st.Cursor, &upd)
	if errors.Is(err, sql.ErrNoRows) {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("sync state %s: %w", source, err)
	}
	for _, p := range []struct {
		dst *time.Time
		src sql.NullString
	}{{&st.Watermark, wm}, {&st.PassFrom, from}, {&st.PassStart, start}, {&st.UpdatedAt, upd}} {
		if *p.dst, err = parseTime(p.src); err != nil {
			return st, fmt.Errorf("sync state %s: %w", source, err)
		}
	}
	return st, nil
}

// PutSyncState writes a state on its own.
func (s *Store) PutSyncState(ctx context.Context, st SyncState) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sync state %s: %w", st.Source, err)
	}
	defer tx.Rollback()
	if err := putSyncState(ctx, tx, st); err != nil {
		return err
	}
	return tx.Commit()
}

func putSyncState(ctx context.Context, tx *sql.Tx, st SyncState) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO sync_state (source, watermark, pass_from, pass_start, cursor, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (source) DO UPDATE SET watermark = excluded.watermark, pass_from = excluded.pass_from,
			pass_start = excluded.pass_start, cursor = excluded.cursor, updated_at = excluded.updated_at`,
		st.Source, dbTime(st.Watermark), dbTime(st.PassFrom), dbTime(st.PassStart), st.Cursor, dbTime(st.UpdatedAt))
	if err != nil {
		return fmt.Errorf("sync state %s: %w", st.Source, err)
	}
	return nil
}
