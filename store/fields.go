package store

import (
	"context"
	"fmt"
)

// Field is a Jira custom field the collector reads, by what it means to
// roleload: story_points, sprint, flagged, epic_link.
type Field struct {
	Purpose string
	ID      string // e.g. customfield_10016
	Name    string
	Schema  string // schema.custom, e.g. com.pyxis.greenhopper.jira:gh-sprint
}

// SaveFields replaces the field mapping.
func (s *Store) SaveFields(ctx context.Context, fs []Field) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save fields: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM fields`); err != nil {
		return fmt.Errorf("save fields: %w", err)
	}
	for _, f := range fs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO fields (purpose, field_id, name, schema) VALUES (?, ?, ?, ?)`, f.Purpose, f.ID, f.Name, f.Schema); err != nil {
			return fmt.Errorf("save field %s: %w", f.Purpose, err)
		}
	}
	return tx.Commit()
}

// Fields returns the field mapping.
func (s *Store) Fields(ctx context.Context) ([]Field, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT purpose, field_id, name, schema FROM fields ORDER BY purpose`)
	if err != nil {
		return nil, fmt.Errorf("fields: %w", err)
	}
	defer rows.Close()
	var out []Field
	for rows.Next() {
		var f Field
		if err := rows.Scan(&f.Purpose, &f.ID, &f.Name, &f.Schema); err != nil {
			return nil, fmt.Errorf("fields: %w", err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("fields: %w", err)
	}
	return out, nil
}
