package main

import (
	"encoding/json"
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
