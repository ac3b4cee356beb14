package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// AlertState is one alert's row (SPEC §7.3).
type AlertState struct {
	Rule, Team, State string
	Since, FiredAt    time.Time
	LastSent          time.Time
	ResolvedAt        time.Time
	Detail            string // what the last evaluation saw
	UpdatedAt         time.Time
}

// AlertStates returns every stored alert state, by rule and team.
func (s *Store) AlertStates(ctx context.Context) (map[[2]string]AlertState, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT rule, team, state, since, fired_at, last_sent, resolved_at, detail, updated_at FROM alert_state`)
	if err != nil {
		return nil, fmt.Errorf("alert states: %w", err)
	}
	defer rows.Close()
	out := map[[2]string]AlertState{}
	for rows.Next() {
		var a AlertState
		var t [5]sql.NullString
		if err := rows.Scan(&a.Rule, &a.Team, &a.State, &t[0], &t[1], &t[2], &t[3], &a.Detail, &t[4]); err != nil {
			return nil, fmt.Errorf("alert states: %w", err)
		}
		for i, p := range []*time.Time{&a.Since, &a.FiredAt, &a.LastSent, &a.ResolvedAt, &a.UpdatedAt} {
			if *p, err = parseTime(t[i]); err != nil {
				return nil, fmt.Errorf("alert state %s/%s: %w", a.Rule, a.Team, err)
			}
		}
		out[[2]string{a.Rule, a.Team}] = a
	}
	return out, rows.Err()
}

// PutAlertState stores one alert's state.
func (s *Store) PutAlertState(ctx context.Context, a AlertState) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO alert_state (rule, team, state, since, fired_at, last_sent, resolved_at, detail, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (rule, team) DO UPDATE SET state = excluded.state, since = excluded.since, fired_at = excluded.fired_at,
			last_sent = excluded.last_sent, resolved_at = excluded.resolved_at, detail = excluded.detail, updated_at = excluded.updated_at`,
		a.Rule, a.Team, a.State, dbTime(a.Since), dbTime(a.FiredAt), dbTime(a.LastSent), dbTime(a.ResolvedAt), a.Detail, dbTime(a.UpdatedAt))
	if err != nil {
		return fmt.Errorf("alert state %s/%s: %w", a.Rule, a.Team, err)
	}
	return nil
}

// DeleteAlertState forgets an alert (its rule or team is gone).
func (s *Store) DeleteAlertState(ctx context.Context, rule, team string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM alert_state WHERE rule = ? AND team = ?`, rule, team); err != nil {
		return fmt.Errorf("alert state %s/%s: %w", rule, team, err)
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
