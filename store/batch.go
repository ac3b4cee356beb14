package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/roleload/roleload/model"
)

// IssueData is one issue as fetched, with its activity.
type IssueData struct {
	Issue model.Issue
	// Raw is the issue's fields as Jira sent them, less what is stored
	// apart and links (kept for later re-reading).
	Raw []byte
	// Histories are upserted by id: a history never changes once written,
	// so the collector may send only those it had to fetch.
	Histories []model.History
	// Comments and Worklogs are the issue's complete current sets: stored
	// ones missing from them were deleted in Jira and are removed.
	Comments []model.Comment
	Worklogs []model.Worklog
}

// Batch is what the collector commits at once: a page of issues and the
// people and sprints it met.
type Batch struct {
	Issues  []IssueData
	People  []model.Person
	Sprints []model.Sprint
}

// SaveBatch commits b and the sync state checkpoint in one transaction:
// either both are stored or neither is. state may be nil.
func (s *Store) SaveBatch(ctx context.Context, b Batch, state *SyncState) error {
	bw, err := s.BeginBatches(ctx)
	if err != nil {
		return err
	}
	defer bw.Rollback()
	if err := bw.Write(ctx, b); err != nil {
		return err
	}
	return bw.Commit(ctx, state)
}

// BatchWriter writes several batches in one transaction. Committing each
// page of a sync on its own took a quarter to a third more time than
// committing four at once (every commit writes again the index pages it
// touched; BenchmarkSaveSync), so the collector groups them.
//
// While a BatchWriter is open no other batch can be saved: call Commit
// or Rollback soon.
type BatchWriter struct {
	s      *Store
	tx     *sql.Tx
	w      *issueWriter
	issues int
	closed bool
	failed bool // a Write failed: only Rollback is left
}

// BeginBatches opens a write transaction for batches.
func (s *Store) BeginBatches(ctx context.Context) (*BatchWriter, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("save batch: %w", err)
	}
	// database/sql rolls a transaction back when the context it began
	// with is cancelled, and the driver watches a cancellable context with
	// a goroutine per statement. The transaction and its rows run under a
	// context that cannot be cancelled, so that a cancelled sync can still
	// commit the whole pages it wrote.
	ctx = context.WithoutCancel(ctx)
	s.ckpt.gate.Lock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		s.ckpt.gate.Unlock()
		return nil, fmt.Errorf("save batch: %w", err)
	}
	w, err := newIssueWriter(ctx, tx)
	if err != nil {
		tx.Rollback()
		s.ckpt.gate.Unlock()
		return nil, fmt.Errorf("save batch: %w", err)
	}
	return &BatchWriter{s: s, tx: tx, w: w}, nil
}

// Issues is the number of issues written since BeginBatches.
func (bw *BatchWriter) Issues() int { return bw.issues }

// Write writes b into the transaction. After an error the transaction
// can only be rolled back (SQLite's savepoints would allow undoing just
// b, but they copy every page they touch: a first sync took 20% longer).
// Write does not look at ctx: a page is written whole, in milliseconds,
// and a cancelled sync can still commit the pages before.
func (bw *BatchWriter) Write(ctx context.Context, b Batch) (err error) {
	if bw.closed || bw.failed {
		return fmt.Errorf("save batch: transaction already ended or failed")
	}
	defer func() {
		if err != nil {
			bw.failed = true
		}
	}()
	ctx = context.WithoutCancel(ctx)
	if err := upsertPeople(ctx, bw.tx, b.People); err != nil {
		return err
	}
	if err := upsertSprints(ctx, bw.tx, b.Sprints); err != nil {
		return err
	}
	stored, err := bw.w.storedIssues(ctx, b.Issues)
	if err != nil {
		return fmt.Errorf("save batch: %w", err)
	}
	for i := range b.Issues {
		d := &b.Issues[i]
		if err := bw.w.write(ctx, d, stored[d.Issue.ID]); err != nil {
			return fmt.Errorf("save issue %s: %w", d.Issue.Key, err)
		}
		// A page may hold an issue twice (Jira pages shift when issues
		// change during a sync): the second copy replaces the first.
		stored[d.Issue.ID] = true
	}
	bw.issues += len(b.Issues)
	return nil
}

// Commit commits the batches written and, in the same transaction, the
// sync state checkpoint (which may be nil).
func (bw *BatchWriter) Commit(ctx context.Context, state *SyncState) error {
	if bw.closed || bw.failed {
		return fmt.Errorf("save batch: transaction already ended or failed")
	}
	defer bw.end()
	if state != nil {
		if err := putSyncState(context.WithoutCancel(ctx), bw.tx, *state); err != nil {
			return err
		}
	}
	if err := bw.tx.Commit(); err != nil {
		return fmt.Errorf("save batch: commit: %w", err)
	}
	bw.s.ckpt.wrote()
	return nil
}

// Rollback abandons what was written; after Commit it does nothing.
func (bw *BatchWriter) Rollback() {
	if !bw.closed {
		bw.end()
	}
}

// end ends the transaction: after a commit that failed, as after none,
// it is rolled back (after one that succeeded, that does nothing), so
// that the connection and SQLite's write lock are always given back.
func (bw *BatchWriter) end() {
	bw.closed = true
	bw.w.close()
	bw.tx.Rollback()
	bw.s.ckpt.gate.Unlock()
}

func upsertPeople(ctx context.Context, tx *sql.Tx, people []model.Person) error {
	if len(people) == 0 {
		return nil
	}
	// A user object met in one place may carry less than another (no
	// email, no time zone): never overwrite a known value with an empty one.
	st, err := tx.PrepareContext(ctx, `INSERT INTO people (id, account_id, name, user_key, display_name, email, account_type, time_zone, active)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET
			account_id   = CASE WHEN excluded.account_id   != '' THEN excluded.account_id   ELSE account_id END,
			name         = CASE WHEN excluded.name         != '' THEN excluded.name         ELSE name END,
			user_key     = CASE WHEN excluded.user_key     != '' THEN excluded.user_key     ELSE user_key END,
			display_name = CASE WHEN excluded.display_name != '' THEN excluded.display_name ELSE display_name END,
			email        = CASE WHEN excluded.email        != '' THEN excluded.email        ELSE email END,
			account_type = CASE WHEN excluded.account_type != '' THEN excluded.account_type ELSE account_type END,
			time_zone    = CASE WHEN excluded.time_zone    != '' THEN excluded.time_zone    ELSE time_zone END,
			active       = excluded.active`)
	if err != nil {
		return fmt.Errorf("upsert people: %w", err)
	}
	defer st.Close()
	for _, p := range people {
		if p.ID == "" {
			continue
		}
		if _, err := st.ExecContext(ctx, p.ID, p.AccountID, p.Name, p.Key, p.DisplayName, p.Email, p.AccountType, p.TimeZone, p.Active); err != nil {
			return fmt.Errorf("upsert person %s: %w", p.ID, err)
		}
	}
	return nil
}

func upsertSprints(ctx context.Context, tx *sql.Tx, sprints []model.Sprint) error {
	for _, sp := range sprints {
		// A sprint seen only on an issue may lack its board or dates.
		_, err := tx.ExecContext(ctx, `INSERT INTO sprints (id, board_id, name, state, start_at, end_at, complete_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET
				board_id    = CASE WHEN excluded.board_id != 0 THEN excluded.board_id ELSE board_id END,
				name        = CASE WHEN excluded.name != '' THEN excluded.name ELSE name END,
				state       = CASE WHEN excluded.state != '' THEN excluded.state ELSE state END,
				start_at    = coalesce(excluded.start_at, start_at),
				end_at      = coalesce(excluded.end_at, end_at),
				complete_at = coalesce(excluded.complete_at, complete_at)`,
			sp.ID, sp.BoardID, sp.Name, sp.State, dbTime(sp.Start), dbTime(sp.End), dbTime(sp.Complete))
		if err != nil {
			return fmt.Errorf("upsert sprint %d: %w", sp.ID, err)
		}
	}
	return nil
}

// SaveSprints upserts sprints on their own (the boards' sprint lists).
func (s *Store) SaveSprints(ctx context.Context, sprints []model.Sprint) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save sprints: %w", err)
	}
	defer tx.Rollback()
	if err := upsertSprints(ctx, tx, sprints); err != nil {
		return err
	}
	return tx.Commit()
}
