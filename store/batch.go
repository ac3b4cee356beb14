package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/roleload/roleload/model"
)

// IssueData is one issue as fetched, with its activity.
type IssueData struct {
	Issue model.Issue
	// Raw is the issue's JSON as Jira sent it (kept for later re-reading).
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
	s.ckpt.gate.Lock()
	defer s.ckpt.gate.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save batch: %w", err)
	}
	defer tx.Rollback()
	// The driver watches a cancellable context with a goroutine per
	// statement; the rows are written under one that cannot be cancelled,
	// and ctx is checked between issues (the transaction still rolls back
	// when it is cancelled).
	wctx := context.WithoutCancel(ctx)
	if err := upsertPeople(wctx, tx, b.People); err != nil {
		return err
	}
	if err := upsertSprints(wctx, tx, b.Sprints); err != nil {
		return err
	}
	w, err := newIssueWriter(wctx, tx)
	if err != nil {
		return fmt.Errorf("save batch: %w", err)
	}
	defer w.close()
	for i := range b.Issues {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("save batch: %w", err)
		}
		if err := w.write(wctx, &b.Issues[i]); err != nil {
			return fmt.Errorf("save issue %s: %w", b.Issues[i].Issue.Key, err)
		}
	}
	if state != nil {
		if err := putSyncState(ctx, tx, *state); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save batch: commit: %w", err)
	}
	s.ckpt.wrote()
	return nil
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

// jsonText is v as JSON text, an empty or nil list as "[]". The common
// lists (labels, ids) are written without reflection.
func jsonText(v any) string {
	switch l := v.(type) {
	case []string:
		if s, ok := plainStrings(l); ok {
			return s
		}
	case []int64:
		b := append(make([]byte, 0, 2+12*len(l)), '[')
		for i, n := range l {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, n, 10)
		}
		return string(append(b, ']'))
	}
	b, err := json.Marshal(v)
	if err != nil || string(b) == "null" {
		return "[]"
	}
	return string(b)
}

// plainStrings writes l as a JSON array when no element needs escaping.
func plainStrings(l []string) (string, bool) {
	n := 2
	for _, s := range l {
		for i := 0; i < len(s); i++ {
			if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return "", false
			}
		}
		n += len(s) + 3
	}
	b := append(make([]byte, 0, n), '[')
	for i, s := range l {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(append(append(b, '"'), s...), '"')
	}
	return string(append(b, ']')), true
}
