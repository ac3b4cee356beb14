package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roleload/roleload/model"
)

// collect loads the PM's calendar (one line), and status shows it in text
// and JSON; the second collect gets a 304 and keeps the occurrences.
func TestCollectAndStatusShowCalendars(t *testing.T) {
	s := startSim(t, "demo", model.Cloud)
	out := s.mustRun(t, "collect")
	if !strings.Contains(out, "calendar "+s.sim.Dataset.Team.ProductManagers[0]) || !strings.Contains(out, "occurrences, 0 problems") {
		t.Fatalf("collect printed no calendar line:\n%s", out)
	}
	out = s.mustRun(t, "collect")
	if !strings.Contains(out, "not modified") {
		t.Errorf("second collect: want a 304:\n%s", out)
	}
	text := s.mustRun(t, "status")
	if !strings.Contains(text, "calendar   ") || !strings.Contains(text, "last good ") {
		t.Errorf("status text has no calendar line:\n%s", text)
	}
	var js map[string]any
	if err := json.Unmarshal([]byte(s.mustRun(t, "status", "--format", "json")), &js); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"issues", "histories", "comments", "worklogs", "people", "last_sync", "flavor", "calendars"} {
		if _, ok := js[k]; !ok {
			t.Errorf("status json lacks %q", k)
		}
	}
	cals, _ := js["calendars"].([]any)
	if len(cals) != 1 {
		t.Fatalf("calendars: %v", js["calendars"])
	}
	c := cals[0].(map[string]any)
	if c["occurrences"].(float64) < 100 || c["last_good"] == nil || c["problems"].(float64) != 0 {
		t.Errorf("calendar status %v", c)
	}
}

// A secret address from url_env never shows: not in collect's or status's
// output, not in the logs, not in the store file.
func TestSecretCalendarURLNeverShown(t *testing.T) {
	const token = "private-5e3c7a9d1b2f4e6a8c0d"
	s := startSim(t, "demo", model.Cloud)
	pm := s.sim.Dataset.Team.ProductManagers[0]
	yaml, err := os.ReadFile(s.config)
	if err != nil {
		t.Fatal(err)
	}
	// Swap the public ics line for a url_env whose value holds the token.
	lines := strings.Split(string(yaml), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "    ics: ") {
			lines[i] = "    url_env: PM_ICS_URL"
		}
	}
	if err := os.WriteFile(s.config, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	secret := s.url + "/calendars/" + pm + ".ics?key=" + token
	getenv := func(k string) string {
		if k == "PM_ICS_URL" {
			return secret
		}
		return s.getenv(k)
	}
	var all strings.Builder
	for _, args := range [][]string{{"collect"}, {"collect"}, {"status"}, {"status", "--format", "json"}} {
		var out, errb bytes.Buffer
		code := run(context.Background(), append(args, "--config", s.config), &out, &errb, getenv)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errb.String())
		}
		all.WriteString(out.String() + errb.String())
	}
	if !strings.Contains(all.String(), "($PM_ICS_URL)") {
		t.Errorf("output does not name the feed by its variable:\n%s", all.String())
	}
	// A dead secret address: the error names the person and the variable.
	var out, errb bytes.Buffer
	dead := func(k string) string {
		if k == "PM_ICS_URL" {
			return s.url + "/calendars/nobody-" + token + ".ics"
		}
		return s.getenv(k)
	}
	run(context.Background(), []string{"collect", "--config", s.config}, &out, &errb, dead)
	all.WriteString(out.String() + errb.String())
	if !strings.Contains(out.String(), "failed") {
		t.Errorf("dead address not reported:\n%s", out.String())
	}
	for _, suffix := range []string{"", "-wal"} {
		if b, err := os.ReadFile(filepath.Join(s.dir, "roleload.db") + suffix); err == nil {
			all.Write(b)
		}
	}
	if strings.Contains(all.String(), token) {
		t.Error("the secret address shows in an output, a log or the store")
	}
}
