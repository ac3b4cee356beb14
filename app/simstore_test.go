package app

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/roleload/roleload/collector"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/internal/simenv"
	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/store"
)

// simStore serves a scenario over real HTTP and opens an empty store for
// it, with the config that points at both; all are closed when tb ends.
func simStore(tb testing.TB, scenario string) (*config.Config, *store.Store) {
	tb.Helper()
	sim, err := simenv.New(scenario, model.Cloud, 1)
	if err != nil {
		tb.Fatal(err)
	}
	hs := httptest.NewServer(sim.Server)
	tb.Cleanup(hs.Close)
	db := filepath.Join(tb.TempDir(), "r.db")
	cfg, err := sim.Config(hs.URL, db, "test.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return cfg, st
}

// collect runs one sync of cfg into st.
func collect(tb testing.TB, cfg *config.Config, st *store.Store) {
	tb.Helper()
	if _, err := collector.Run(context.Background(), st, collector.Options{Jira: cfg.Jira, Now: cfg.Clock()}); err != nil {
		tb.Fatal(err)
	}
}
