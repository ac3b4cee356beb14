package config

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

var secrets = env(map[string]string{"JIRA_API_TOKEN": "t0ken", "SMTP_PASSWORD": "pw"})

func TestExampleConfigParses(t *testing.T) {
	c, err := Load("../config.example.yaml", secrets)
	if err != nil {
		t.Fatalf("config.example.yaml: %v", err)
	}
	team, ok := c.Team("checkout")
	if !ok {
		t.Fatal("team checkout missing")
	}
	if team.Location.String() != "Europe/Berlin" || team.DayStart != 9*time.Hour || team.DayEnd != 17*time.Hour {
		t.Errorf("calendar not parsed: %v %v %v", team.Location, team.DayStart, team.DayEnd)
	}
	if !team.Weekdays[time.Monday] || team.Weekdays[time.Sunday] || !team.Holiday["2026-12-25"] {
		t.Errorf("working days/holidays not parsed: %v %v", team.Weekdays, team.Holiday)
	}
	if c.Jira.Token != "t0ken" || c.Email.Password != "pw" {
		t.Errorf("secrets not read from the environment")
	}
	if c.Alerts.RepeatInterval.D() != 7*24*time.Hour || c.TimeModel.IdleGap.D() != 15*time.Minute {
		t.Errorf("durations: %v %v", c.Alerts.RepeatInterval.D(), c.TimeModel.IdleGap.D())
	}
	// The example documents the defaults: parsing it must not change them.
	d := Default()
	if c.Thresholds != d.Thresholds || c.TimeModel != d.TimeModel {
		t.Errorf("example differs from defaults:\n%+v\n%+v", c.Thresholds, d.Thresholds)
	}
}

func TestBadConfigs(t *testing.T) {
	base := `
jira: {url: "https://x.atlassian.net", email: a@b.c, flavor: cloud}
teams:
  - name: checkout
    timezone: Europe/Berlin
    product_managers: [pm]
    delivery_projects: [CHK]
`
	cases := []struct {
		name string
		yaml string
		env  map[string]string
		want []string // every problem must be named
	}{
		{"unknown key", base + "colour: blue\n", map[string]string{"JIRA_API_TOKEN": "x"}, []string{"colour"}},
		{"unknown nested key", strings.Replace(base, "flavor: cloud", "flavor: cloud, tokn_env: X", 1), map[string]string{"JIRA_API_TOKEN": "x"}, []string{"tokn_env"}},
		{"missing token", base, nil, []string{"jira.token_env", "JIRA_API_TOKEN"}},
		{"all problems at once", strings.Replace(strings.Replace(base, "Europe/Berlin", "Mars/Olympus", 1), "flavor: cloud", "flavor: onprem", 1) +
			"schedule: {collect: \"every day\"}\n", nil,
			[]string{"teams[0].timezone", "Mars/Olympus", "jira.flavor", "schedule.collect", "jira.token_env"}},
		{"wrong type", base + "thresholds: {unanswered: lots}\n", map[string]string{"JIRA_API_TOKEN": "x"}, []string{"lots"}},
		{"bad working hours", strings.Replace(base, "timezone: Europe/Berlin", "timezone: Europe/Berlin\n    working_hours: 17:00-09:00", 1), map[string]string{"JIRA_API_TOKEN": "x"}, []string{"teams[0].working_hours"}},
		{"bad share", base + "thresholds: {daily_inputs: 4}\n", map[string]string{"JIRA_API_TOKEN": "x"}, []string{"thresholds.daily_inputs"}},
		{"zero counts and minutes", base + "thresholds: {unanswered: 0}\ntime_model: {create_minutes: 0, idle_gap: 0s}\n", map[string]string{"JIRA_API_TOKEN": "x"},
			[]string{"thresholds.unanswered: 0 must be positive", "time_model.create_minutes: 0 must be positive", "time_model.idle_gap: 0 must be positive"}},
		{"alert for unknown team", base + "alerts: {rules: [{signal: verdict, team: sales}]}\n", map[string]string{"JIRA_API_TOKEN": "x"}, []string{"alerts.rules[0].team", "sales"}},
		{"bad duration", base + "alerts: {repeat_interval: soon}\n", map[string]string{"JIRA_API_TOKEN": "x"}, []string{"soon"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tc.yaml), "roleload.yaml", env(tc.env))
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("want *config.Error, got %v", err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "config roleload.yaml: ") || strings.Contains(msg, "\n") {
				t.Errorf("message must be one line naming the file: %q", msg)
			}
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q does not name %q", msg, w)
				}
			}
		})
	}
}

func TestSecretsNeverInErrors(t *testing.T) {
	y := "jira: {url: \"https://x\", token_env: TOK, flavor: bad}\n"
	_, err := Parse(strings.NewReader(y), "c.yaml", env(map[string]string{"TOK": "sup3rsecret"}))
	if err == nil || strings.Contains(err.Error(), "sup3rsecret") {
		t.Fatalf("want an error without the secret, got %v", err)
	}
}

func TestParseDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{"15m": 15 * time.Minute, "7d": 7 * 24 * time.Hour, "1h30m": 90 * time.Minute} {
		if got, err := ParseDuration(in); err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "7 days", "d", "1.5d"} {
		if _, err := ParseDuration(in); err == nil {
			t.Errorf("ParseDuration(%q): want an error", in)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("teams: [{name: a, product_managers: [x], delivery_projects: [A]}]")
	f.Add("jira: {url: 3}")
	f.Fuzz(func(t *testing.T, y string) {
		c, err := Parse(strings.NewReader(y), "f.yaml", secrets)
		if err == nil && c == nil {
			t.Fatal("nil config without error")
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Fatalf("multi-line error: %q", err)
		}
	})
}
