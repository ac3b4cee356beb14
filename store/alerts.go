package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// AlertKey names one alert: a rule for one team ("*" for the alerts on
// the store itself).
type AlertKey struct{ Rule, Team string }

// Alert is one alert's row (SPEC §7.3): the state that alerts.Step moves,
// and the e-mail the alert owes. It is the only type of an alert: the
// decision, the store and the evaluation's outcome all use it.
//
// Delivery is at least once: the intent to send is recorded first (Owed
// and MessageID, with the state that called for it), then the e-mail is
// sent, then AlertSent records the send. While Owed is set the row says
// what its e-mail reports (Detail, seen at UpdatedAt).
type Alert struct {
	AlertKey
	State      string
	Since      time.Time // when the condition began to hold (pending, firing)
	FiredAt    time.Time
	LastSent   time.Time // when the last firing or repeat e-mail was decided
	ResolvedAt time.Time
	Detail     string    // what the last evaluation saw
	UpdatedAt  time.Time // the last evaluation

	Owed      string    // the e-mail recorded as due, not yet as sent (an alerts notice); "" for none
	MessageID string    // the owed e-mail's Message-ID, or the last sent one's
	SentAt    time.Time // when the e-mail MessageID names was recorded as sent
}

// Alerts returns every stored alert, by key.
func (s *Store) Alerts(ctx context.Context) (map[AlertKey]Alert, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT rule, team, state, since, fired_at, last_sent, resolved_at, detail, updated_at,
		owed, message_id, sent_at FROM alert_state`)
	if err != nil {
		return nil, fmt.Errorf("alert states: %w", err)
	}
	defer rows.Close()
	out := map[AlertKey]Alert{}
	for rows.Next() {
		var a Alert
		var t [6]sql.NullString
		if err := rows.Scan(&a.Rule, &a.Team, &a.State, &t[0], &t[1], &t[2], &t[3], &a.Detail, &t[4], &a.Owed, &a.MessageID, &t[5]); err != nil {
			return nil, fmt.Errorf("alert states: %w", err)
		}
		for i, p := range []*time.Time{&a.Since, &a.FiredAt, &a.LastSent, &a.ResolvedAt, &a.UpdatedAt, &a.SentAt} {
			if *p, err = parseTime(t[i]); err != nil {
				return nil, fmt.Errorf("alert state %s/%s: %w", a.Rule, a.Team, err)
			}
		}
		out[a.AlertKey] = a
	}
	return out, rows.Err()
}

// PutAlert stores one alert's row: its state and, when Owed is set, the
// intent to send, in one statement.
func (s *Store) PutAlert(ctx context.Context, a Alert) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO alert_state (rule, team, state, since, fired_at, last_sent, resolved_at, detail, updated_at,
			owed, message_id, sent_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (rule, team) DO UPDATE SET state = excluded.state, since = excluded.since, fired_at = excluded.fired_at,
			last_sent = excluded.last_sent, resolved_at = excluded.resolved_at, detail = excluded.detail, updated_at = excluded.updated_at,
			owed = excluded.owed, message_id = excluded.message_id, sent_at = excluded.sent_at`,
		a.Rule, a.Team, a.State, dbTime(a.Since), dbTime(a.FiredAt), dbTime(a.LastSent), dbTime(a.ResolvedAt), a.Detail, dbTime(a.UpdatedAt),
		a.Owed, a.MessageID, dbTime(a.SentAt))
	if err != nil {
		return fmt.Errorf("alert state %s/%s: %w", a.Rule, a.Team, err)
	}
	return nil
}

// AlertSent records that the e-mail messageID, owed by the alert k, was
// sent. ErrNotFound if the alert owes no such e-mail (it was recorded as
// sent already).
func (s *Store) AlertSent(ctx context.Context, k AlertKey, messageID string, at time.Time) error {
	res, err := s.db.ExecContext(ctx, `UPDATE alert_state SET owed = '', sent_at = ?
		WHERE rule = ? AND team = ? AND message_id = ? AND owed != ''`, dbTime(at), k.Rule, k.Team, messageID)
	return oneRow(res, err, fmt.Sprintf("alert %s/%s sent %s", k.Rule, k.Team, messageID))
}

// DeleteAlert forgets an alert (its rule or team is gone).
func (s *Store) DeleteAlert(ctx context.Context, k AlertKey) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM alert_state WHERE rule = ? AND team = ?`, k.Rule, k.Team); err != nil {
		return fmt.Errorf("alert state %s/%s: %w", k.Rule, k.Team, err)
	}
	return nil
}

// ErrAlertsRunning is returned by LockAlerts while another process
// evaluates the alerts of the store.
var ErrAlertsRunning = errors.New("another roleload is evaluating the alerts of this store")

// LockAlerts takes the store's alerts lock (like LockCollect): two
// evaluations at once would read the same states and both send.
func (s *Store) LockAlerts() (unlock func(), err error) {
	return lockFile(s.path+".alerts.lock", ErrAlertsRunning)
}
