package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ReportSend is the record of one team's weekly report (SPEC §7.4): where
// it was archived and whether it was e-mailed. Sending is at least once,
// as for alerts: ReportIntent fixes the Message-ID, the e-mail is sent,
// ReportSent records it; a record with an intent and no send is owed.
type ReportSend struct {
	Team, Week string    // Week as 2026-W47
	Dir        string    // the archive folder
	BuiltAt    time.Time // the clock the report was built with: a re-send rebuilds the same report
	MessageID  string    // fixed with the intent to send; "" before
	IntentAt   time.Time
	SentAt     time.Time // zero until the relay took the e-mail
	Recipients int
}

// Owed reports whether the e-mail was decided and not recorded as sent.
func (r ReportSend) Owed() bool { return r.MessageID != "" && r.SentAt.IsZero() }

const reportSendCols = `team, week, dir, built_at, message_id, intent_at, sent_at, recipients`

func scanReportSend(sc interface{ Scan(...any) error }) (ReportSend, error) {
	var r ReportSend
	var t [3]sql.NullString
	if err := sc.Scan(&r.Team, &r.Week, &r.Dir, &t[0], &r.MessageID, &t[1], &t[2], &r.Recipients); err != nil {
		return r, err
	}
	for i, p := range []*time.Time{&r.BuiltAt, &r.IntentAt, &r.SentAt} {
		var err error
		if *p, err = parseTime(t[i]); err != nil {
			return r, fmt.Errorf("report %s %s: %w", r.Team, r.Week, err)
		}
	}
	return r, nil
}

// ReportSend returns the record of team's report for week; ErrNotFound if
// it was never archived.
func (s *Store) ReportSend(ctx context.Context, team, week string) (ReportSend, error) {
	r, err := scanReportSend(s.db.QueryRowContext(ctx, `SELECT `+reportSendCols+` FROM report_send WHERE team = ? AND week = ?`, team, week))
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("report %s %s: %w", team, week, ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("report %s %s: %w", team, week, err)
	}
	return r, nil
}

// ReportsOwed returns the reports whose e-mail was decided and not
// recorded as sent, oldest intent first: what a restart must send again.
func (s *Store) ReportsOwed(ctx context.Context) ([]ReportSend, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+reportSendCols+` FROM report_send
		WHERE message_id != '' AND sent_at IS NULL ORDER BY intent_at, team, week`)
	if err != nil {
		return nil, fmt.Errorf("reports owed: %w", err)
	}
	defer rows.Close()
	var out []ReportSend
	for rows.Next() {
		r, err := scanReportSend(rows)
		if err != nil {
			return nil, fmt.Errorf("reports owed: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ReportArchived records that team's report for week, built with the
// clock builtAt, is in dir. An intent or a send recorded before is kept.
func (s *Store) ReportArchived(ctx context.Context, team, week, dir string, builtAt time.Time) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO report_send (team, week, dir, built_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (team, week) DO UPDATE SET dir = excluded.dir, built_at = excluded.built_at`, team, week, dir, dbTime(builtAt))
	if err != nil {
		return fmt.Errorf("report %s %s archived: %w", team, week, err)
	}
	return nil
}

// ReportIntent records the intent to e-mail an archived report to
// recipients, with its Message-ID, before it is sent.
func (s *Store) ReportIntent(ctx context.Context, team, week, messageID string, at time.Time, recipients int) error {
	res, err := s.db.ExecContext(ctx, `UPDATE report_send SET message_id = ?, intent_at = ?, sent_at = NULL, recipients = ?
		WHERE team = ? AND week = ?`, messageID, dbTime(at), recipients, team, week)
	return oneRow(res, err, fmt.Sprintf("report %s %s intent", team, week))
}

// ReportSent records that the e-mail messageID was sent. ErrNotFound if
// that e-mail is not owed (it was recorded as sent already).
func (s *Store) ReportSent(ctx context.Context, team, week, messageID string, at time.Time) error {
	res, err := s.db.ExecContext(ctx, `UPDATE report_send SET sent_at = ?
		WHERE team = ? AND week = ? AND message_id = ? AND sent_at IS NULL`, dbTime(at), team, week, messageID)
	return oneRow(res, err, fmt.Sprintf("report %s %s sent", team, week))
}

// oneRow checks that an UPDATE changed exactly one row.
func oneRow(res sql.Result, err error, what string) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	return nil
}
