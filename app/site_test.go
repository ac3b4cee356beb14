package app

import (
	"context"
	"testing"

	"github.com/roleload/roleload/config"
)

// TestSiteURL: issue links point at the site, also when jira.url is the
// API gateway of scoped tokens (the site then comes from /serverInfo as
// the collector saw it).
func TestSiteURL(t *testing.T) {
	ctx := context.Background()
	cfg, st := simStore(t, "calm")
	gateway := func(site string) *config.Config {
		c := *cfg
		c.Jira.URL = "https://api.atlassian.com/ex/jira/11223344-a1b2-3b33-c444-def123456789"
		c.Jira.SiteURL = site
		return &c
	}
	if got := SiteURL(ctx, st, gateway("")); got != "" {
		t.Errorf("gateway before any sync: %q, want no links", got)
	}
	collect(t, cfg, st)
	for _, tc := range []struct {
		name string
		cfg  *config.Config
		want string
	}{
		{"jira.url", cfg, cfg.Jira.URL},
		{"gateway: serverInfo baseUrl", gateway(""), cfg.Jira.URL},
		{"site_url wins", gateway("https://acme.atlassian.net/"), "https://acme.atlassian.net"},
	} {
		if got := SiteURL(ctx, st, tc.cfg); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
