package store

import (
	"context"
	"fmt"

	"github.com/roleload/roleload/model"
)

// People returns every person met, by id.
func (s *Store) People(ctx context.Context) ([]model.Person, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, account_id, name, user_key, display_name, email, account_type, time_zone, active
		FROM people ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("people: %w", err)
	}
	defer rows.Close()
	var out []model.Person
	for rows.Next() {
		var p model.Person
		if err := rows.Scan(&p.ID, &p.AccountID, &p.Name, &p.Key, &p.DisplayName, &p.Email, &p.AccountType, &p.TimeZone, &p.Active); err != nil {
			return nil, fmt.Errorf("people: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("people: %w", err)
	}
	return out, nil
}

// Sprints returns every sprint, by id.
func (s *Store) Sprints(ctx context.Context) ([]model.Sprint, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, board_id, name, state, start_at, end_at, complete_at FROM sprints ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("sprints: %w", err)
	}
	defer rows.Close()
	var out []model.Sprint
	for rows.Next() {
		var sp model.Sprint
		if err := rows.Scan(&sp.ID, &sp.BoardID, &sp.Name, &sp.State, timeText(&sp.Start), timeText(&sp.End), timeText(&sp.Complete)); err != nil {
			return nil, fmt.Errorf("sprint %d: %w", sp.ID, err)
		}
		out = append(out, sp)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sprints: %w", err)
	}
	return out, nil
}
