package monitor_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/monitor"
	"github.com/roleload/roleload/store"
)

// TestHealthz: 200 while the last good sync is fresh, 503 once it is older
// than alerts.stale_after, when there is none, or when the store cannot
// be read.
func TestHealthz(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	synced := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	now := synced
	noAnalysis := func(context.Context, *config.Team, time.Time, time.Time) (*analysis.Result, error) { return nil, nil }
	m := monitor.New(monitor.Options{Config: cfg, Store: st, Now: func() time.Time { return now }, Analyze: noAnalysis})
	hs := httptest.NewServer(monitor.Wrap(http.NotFoundHandler(), m))
	defer hs.Close()
	get := func() (int, monitor.Health) {
		resp, err := http.Get(hs.URL + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var h monitor.Health
		if err := json.NewDecoder(resp.Body).Decode(&h); err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, h
	}
	if code, h := get(); code != http.StatusServiceUnavailable || h.LastSync != nil {
		t.Errorf("never synced: %d %+v, want 503", code, h)
	}
	id, err := st.StartRun(ctx, synced.Add(-time.Minute), "cloud")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.FinishRun(ctx, store.SyncRun{ID: id, Finished: synced, Status: store.RunOK, Flavor: "cloud"}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		after time.Duration
		code  int
	}{{time.Hour, http.StatusOK}, {48 * time.Hour, http.StatusOK}, {48*time.Hour + time.Second, http.StatusServiceUnavailable}} {
		now = synced.Add(tc.after)
		code, h := get()
		if code != tc.code || h.Store != "ok" || h.LastSync == nil || !h.LastSync.Equal(synced) || *h.AgeSeconds != tc.after.Seconds() {
			t.Errorf("%s after the sync: %d %+v, want %d with age %v", tc.after, code, h, tc.code, tc.after.Seconds())
		}
	}
	now = synced
	st.Close()
	if code, h := get(); code != http.StatusServiceUnavailable || !strings.HasPrefix(h.Store, "unreadable") {
		t.Errorf("closed store: %d %+v, want 503 unreadable", code, h)
	}
	resp, err := http.Get(hs.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("/metrics with an unreadable store: %d, want 200 with roleload_store_up 0", resp.StatusCode)
	}
}
