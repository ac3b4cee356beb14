package config

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestCalendarConfig(t *testing.T) {
	const base = "store: {path: x.db}\n"
	cases := []struct {
		name  string
		yaml  string
		env   map[string]string
		want  []string // problems named; none: must load
		check func(t *testing.T, c *Config)
	}{
		{name: "relative ics is relative to the config's folder", yaml: base + `
calendars:
  - {person: "Priya Shah", email: priya@example.com, ics: ./calendars/priya.ics}
calendar: {company_domains: [Example.COM]}
`, check: func(t *testing.T, c *Config) {
			if f := c.Calendars[0]; f.File != filepath.Join("/etc/roleload", "calendars/priya.ics") || f.URL != "" {
				t.Errorf("file %q url %q", f.File, f.URL)
			}
			if c.Calendar.CompanyDomains[0] != "example.com" || !c.Calendar.KeepTitles || len(c.Calendar.Rules) != 3 {
				t.Errorf("settings %+v: want lower-cased domain, keep_titles and the 3 default rules", c.Calendar)
			}
			if !c.Calendar.Rules[0].Re.MatchString("Customer INTERVIEW") {
				t.Error("default rule is not case-insensitive")
			}
		}},
		{name: "secret url from env", yaml: base + "calendars: [{person: P, url_env: P_ICS}]\n", env: map[string]string{"P_ICS": "https://calendar.google.com/calendar/ical/p%40x/private-abc/basic.ics"},
			check: func(t *testing.T, c *Config) {
				if f := c.Calendars[0]; !f.Secret() || f.Label() != "$P_ICS" || !strings.Contains(f.URL, "private-abc") {
					t.Errorf("%+v", f)
				}
			}},
		{name: "keep_titles false and own rules", yaml: base + "calendar: {keep_titles: false, rules: [{match: 'demo', category: other}]}\n",
			check: func(t *testing.T, c *Config) {
				if c.Calendar.KeepTitles || len(c.Calendar.Rules) != 1 {
					t.Errorf("%+v", c.Calendar)
				}
			}},
		{name: "unset env var names the variable", yaml: base + "calendars: [{person: P, url_env: P_ICS}]\n", want: []string{"calendars[0].url_env", "P_ICS is not set"}},
		{name: "env var not a URL, value not shown", yaml: base + "calendars: [{person: P, url_env: P_ICS}]\n", env: map[string]string{"P_ICS": "s3cr3t-value"},
			want: []string{"P_ICS does not hold an http(s) URL"}},
		{name: "both ics and url_env", yaml: base + "calendars: [{person: P, ics: a.ics, url_env: P_ICS}]\n", env: map[string]string{"P_ICS": "https://x.example/a"}, want: []string{"calendars[0]: set ics or url_env, not both"}},
		{name: "no person", yaml: base + "calendars: [{ics: a.ics}]\n", want: []string{"calendars[0].person"}},
		{name: "bad category and regex", yaml: base + "calendar: {rules: [{match: '(', category: meetings}]}\n", want: []string{"calendar.rules[0].category", "calendar.rules[0].match"}},
		{name: "rule with neither", yaml: base + "calendar: {rules: [{category: other}]}\n", want: []string{"calendar.rules[0]: set match"}},
		{name: "unknown key", yaml: base + "calendar: {keep_title: true}\n", want: []string{"keep_title"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := Parse(strings.NewReader(c.yaml), "/etc/roleload/roleload.yaml", env(c.env))
			if len(c.want) == 0 {
				if err != nil {
					t.Fatal(err)
				}
				c.check(t, cfg)
				return
			}
			if err == nil {
				t.Fatal("loaded, want refused")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not name %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "s3cr3t") {
				t.Errorf("error shows the secret: %v", err)
			}
		})
	}
}
