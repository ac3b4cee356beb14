package app

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roleload/roleload/collector"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/store"
)

// TestSiteURL: issue links point at the site, also when jira.url is the
// API gateway of scoped tokens (the site then comes from /serverInfo as
// the collector saw it).
func TestSiteURL(t *testing.T) {
	ctx := context.Background()
	sim, err := NewSim("calm", model.Cloud, 1)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(sim.Server)
	defer hs.Close()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cfg, err := config.Parse(strings.NewReader(sim.ConfigYAML(hs.URL, "unused.db")), "t.yaml", sim.Getenv(func(string) string { return "" }))
	if err != nil {
		t.Fatal(err)
	}
	gateway := func(site string) *config.Config {
		c := *cfg
		c.Jira.URL = "https://api.atlassian.com/ex/jira/11223344-a1b2-3b33-c444-def123456789"
		c.Jira.SiteURL = site
		return &c
	}
	if got := SiteURL(ctx, st, gateway("")); got != "" {
		t.Errorf("gateway before any sync: %q, want no links", got)
	}
	if _, err := collector.Run(ctx, st, collector.Options{Jira: cfg.Jira}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		cfg  *config.Config
		want string
	}{
		{"jira.url", cfg, hs.URL},
		{"gateway: serverInfo baseUrl", gateway(""), hs.URL},
		{"site_url wins", gateway("https://acme.atlassian.net/"), "https://acme.atlassian.net"},
	} {
		if got := SiteURL(ctx, st, tc.cfg); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
