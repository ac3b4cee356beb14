package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ErrNotFound: the store holds no such thing (yet).
var ErrNotFound = errors.New("not found")

// Site is the Jira site as its /serverInfo last described it.
type Site struct {
	BaseURL    string
	Deployment string // Cloud | Server | DataCenter
	Version    string
	SeenAt     time.Time // Jira's clock
}

// SaveSite records what /serverInfo said.
func (s *Store) SaveSite(ctx context.Context, site Site) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO jira_site (id, base_url, deployment, version, seen_at) VALUES (1, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET base_url = excluded.base_url, deployment = excluded.deployment,
			version = excluded.version, seen_at = excluded.seen_at`,
		site.BaseURL, site.Deployment, site.Version, dbTime(site.SeenAt))
	if err != nil {
		return fmt.Errorf("save jira site: %w", err)
	}
	return nil
}

// Site returns what /serverInfo last said; ErrNotFound before any sync.
func (s *Store) Site(ctx context.Context) (Site, error) {
	var site Site
	var seen sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT base_url, deployment, version, seen_at FROM jira_site WHERE id = 1`).
		Scan(&site.BaseURL, &site.Deployment, &site.Version, &seen)
	if errors.Is(err, sql.ErrNoRows) {
		return site, ErrNotFound
	}
	if err != nil {
		return site, fmt.Errorf("jira site: %w", err)
	}
	if site.SeenAt, err = parseTime(seen); err != nil {
		return site, fmt.Errorf("jira site: %w", err)
	}
	return site, nil
}
