package demo_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/demo"
	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/store"
)

// The demo loads the PM's simulated calendar next to Jira, and the config
// it writes names the feed.
func TestDemoLoadsCalendars(t *testing.T) {
	dir := t.TempDir()
	res, err := demo.Run(context.Background(), demo.Options{Out: dir, Flavor: model.Cloud, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Calendars) != 1 || res.Calendars[0].Status != store.CalendarOK || res.Calendars[0].Occurrences < 100 || res.Calendars[0].Problems != 0 {
		t.Fatalf("calendars: %+v", res.Calendars)
	}
	yaml, err := os.ReadFile(res.Config)
	if err != nil || !strings.Contains(string(yaml), "calendars:\n  - person:") || !strings.Contains(string(yaml), "/calendars/") {
		t.Fatalf("config has no calendars block:\n%s", yaml)
	}
	st, err := store.Open(context.Background(), res.DB)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	end := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	cals, err := st.Calendars(context.Background(), end.AddDate(0, 0, -28), end)
	if err != nil || len(cals) != 1 || !cals[0].Loaded || len(cals[0].Occurrences) == 0 {
		t.Fatalf("store calendars: %+v %v", cals, err)
	}
	cats := map[string]int{}
	for _, o := range cals[0].Occurrences {
		cats[o.Category]++
	}
	if cats["discovery"] == 0 || cats["story_writing"] == 0 || cats["other"] == 0 {
		t.Errorf("categories %v: want all three", cats)
	}
}

// TestDemoSyncIsDatedOnItsClock: the demo's config reads "now" from the
// simulator's clock (now:), so its sync must be recorded on that clock
// too; on the wall clock, `status` and the stale-data alert would read a
// sync days in the future (a negative age).
func TestDemoSyncIsDatedOnItsClock(t *testing.T) {
	ctx := context.Background()
	res, err := demo.Run(ctx, demo.Options{Out: t.TempDir(), Flavor: model.Server, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.LoadOffline(res.Config, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, res.DB)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := st.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The config's clock starts at now: and runs on, so the sync is
	// within the seconds the demo took of it, not days away.
	now := cfg.Clock()()
	if s.LastSync == nil || s.LastSync.Sub(now).Abs() > time.Minute {
		t.Errorf("last sync %v, want the config's clock, about %v", s.LastSync, now)
	}
}
