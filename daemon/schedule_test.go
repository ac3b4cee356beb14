package daemon

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/roleload/roleload/config"
)

// The crons on a fake clock (testing/synctest: time moves only when every
// goroutine waits, so 56 hours pass at once and exactly): collect on start
// and every hour, a tick that comes while the collect before it still
// runs is skipped, not queued; the weekly report fires on Monday 08:00 in
// the schedule's time zone; SIGTERM waits for the job in flight.
func TestScheduleTicks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		t0 := time.Now() // 2000-01-01 00:00 UTC, a Saturday, in the bubble
		cfg := &config.Config{Schedule: config.Schedule{Collect: "@every 1h", Report: "0 8 * * MON", Alerts: config.AfterCollect,
			Timezone: "Europe/Berlin"}}
		var logs syncLog
		d, err := newDaemon(Options{Config: cfg, Log: slog.New(slog.NewTextHandler(&logs, nil))})
		if err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		var collects, reports []time.Duration
		d.collectJob.fn = func(context.Context) error {
			mu.Lock()
			collects = append(collects, time.Since(t0))
			n := len(collects)
			mu.Unlock()
			work := time.Minute // committing its pages: SIGTERM does not cut it short
			if n == 2 {
				work = 90 * time.Minute // still running at the next tick
			}
			time.Sleep(work)
			return nil
		}
		d.reportJob.fn = func(context.Context) error {
			mu.Lock()
			defer mu.Unlock()
			reports = append(reports, time.Since(t0))
			return nil
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- d.run(ctx) }()
		time.Sleep(56*time.Hour + 30*time.Second) // the 56h collect is in flight
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		stopped := time.Since(t0)

		want := []time.Duration{0, time.Hour} // on start, then hourly; the 2h tick is skipped
		for h := 3; h <= 56; h++ {
			want = append(want, time.Duration(h)*time.Hour)
		}
		mu.Lock()
		defer mu.Unlock()
		if !slices.Equal(collects, want) {
			t.Errorf("collects at %v,\nwant %v", collects, want)
		}
		if n := strings.Count(logs.String(), "this run is skipped"); n != 1 {
			t.Errorf("%d skipped runs logged, want 1 (the 2h tick)", n)
		}
		// Monday 2000-01-03 08:00 in Berlin is 07:00 UTC, 55h after the start.
		if !slices.Equal(reports, []time.Duration{55 * time.Hour}) {
			t.Errorf("reports at %v, want once at 55h", reports)
		}
		if want := 56*time.Hour + time.Minute; stopped != want {
			t.Errorf("Run returned at %v, want %v: when the collect in flight ended", stopped, want)
		}
	})
}
