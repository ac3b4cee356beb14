package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/roleload/roleload/analysis"
	jmodel "github.com/roleload/roleload/model"
)

// scrape fetches /metrics and parses it with Prometheus' own text parser.
func scrape(t *testing.T, addr string) map[string]*dto.MetricFamily {
	t.Helper()
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/metrics: %d", resp.StatusCode)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("/metrics does not parse: %v", err)
	}
	return fams
}

// value is the gauge of family name whose labels include want.
func value(fams map[string]*dto.MetricFamily, name string, want map[string]string) (float64, bool) {
	f := fams[name]
	if f == nil {
		return 0, false
	}
next:
	for _, m := range f.GetMetric() {
		for k, v := range want {
			found := false
			for _, l := range m.GetLabel() {
				found = found || l.GetName() == k && l.GetValue() == v
			}
			if !found {
				continue next
			}
		}
		return m.GetGauge().GetValue(), true
	}
	return 0, false
}

func healthz(t *testing.T, addr string) (int, map[string]any) {
	t.Helper()
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var h map[string]any
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, &h); err != nil {
		t.Fatalf("/healthz body %q: %v", b, err)
	}
	return resp.StatusCode, h
}

// TestMetricsEqualStatusAndAnalysis: what Prometheus scrapes from serve is
// what `status --format json` and `analyze --format json` say.
func TestMetricsEqualStatusAndAnalysis(t *testing.T) {
	s := startSim(t, "demo", jmodel.Cloud)
	s.mustRun(t, "collect")
	var st struct {
		Issues, Histories, Comments, Worklogs, People int
		LastSync                                      time.Time `json:"last_sync"`
		Calendars                                     []struct {
			Person                          string
			Occurrences, Problems, Failures int
		}
	}
	if err := json.Unmarshal([]byte(s.mustRun(t, "status", "--format", "json")), &st); err != nil {
		t.Fatal(err)
	}
	var r analysis.Result
	if err := json.Unmarshal([]byte(s.mustRun(t, "analyze", "--team", "checkout", "--format", "json")), &r); err != nil {
		t.Fatal(err)
	}
	addr, _ := startServe(t, noEnv, "serve", "--config", s.config, "--addr", "127.0.0.1:0")

	code, h := healthz(t, addr)
	if code != http.StatusOK || h["store"] != "ok" || h["last_sync"] != st.LastSync.UTC().Format(time.RFC3339Nano) {
		t.Errorf("/healthz %d %v, want 200, store ok, last_sync %s", code, h, st.LastSync.UTC().Format(time.RFC3339Nano))
	}
	if age, ok := h["age_seconds"].(float64); !ok || age < 0 || age > 120 {
		t.Errorf("/healthz age_seconds %v", h["age_seconds"])
	}

	fams := scrape(t, addr)
	for kind, want := range map[string]int{"issues": st.Issues, "histories": st.Histories, "comments": st.Comments, "worklogs": st.Worklogs, "people": st.People} {
		if v, ok := value(fams, "roleload_store_items", map[string]string{"kind": kind}); !ok || v != float64(want) {
			t.Errorf("roleload_store_items{kind=%q} = %v (%v), status says %d", kind, v, ok, want)
		}
	}
	if v, ok := value(fams, "roleload_last_successful_sync_timestamp_seconds", map[string]string{"source": "jira"}); !ok ||
		math.Abs(v-float64(st.LastSync.UnixMilli())/1000) > 0.001 {
		t.Errorf("last successful sync %v, status says %s", v, st.LastSync)
	}
	for _, name := range []string{"roleload_last_sync_duration_seconds", "roleload_last_sync_requests"} {
		if v, ok := value(fams, name, map[string]string{"source": "jira"}); !ok || v <= 0 {
			t.Errorf("%s = %v (%v), want > 0", name, v, ok)
		}
	}
	if len(st.Calendars) == 0 {
		t.Error("status lists no calendar feed: the simulator's config names the PM's")
	}
	for _, c := range st.Calendars {
		for name, want := range map[string]int{"roleload_calendar_occurrences": c.Occurrences, "roleload_calendar_problems": c.Problems,
			"roleload_calendar_failed_loads_in_a_row": c.Failures} {
			if v, ok := value(fams, name, map[string]string{"person": c.Person}); !ok || v != float64(want) {
				t.Errorf("%s{person=%q} = %v (%v), status says %d", name, c.Person, v, ok, want)
			}
		}
		if _, ok := value(fams, "roleload_calendar_last_good_load_timestamp_seconds", map[string]string{"person": c.Person}); !ok {
			t.Errorf("no last good load for the calendar of %s", c.Person)
		}
	}
	if v, ok := value(fams, "roleload_failed_syncs_in_a_row", nil); !ok || v != 0 {
		t.Errorf("failed syncs in a row %v (%v), want 0", v, ok)
	}
	levels := map[string]float64{"ok": 0, "watch": 1, "hire_po": 2}
	if v, ok := value(fams, "roleload_team_verdict_level", map[string]string{"team": "checkout"}); !ok || v != levels[r.Verdict.Level] {
		t.Errorf("verdict level %v, analysis says %s", v, r.Verdict.Level)
	}
	for _, sg := range r.Verdict.Signals {
		state := "ok"
		if !sg.Known {
			state = "unknown"
		} else if sg.Tripped {
			state = "tripped"
		}
		if v, ok := value(fams, "roleload_signal_state", map[string]string{"team": "checkout", "signal": sg.Name, "state": state}); !ok || v != 1 {
			t.Errorf("signal %s state %s: %v (%v)", sg.Name, state, v, ok)
		}
		v, ok := value(fams, "roleload_signal_value", map[string]string{"team": "checkout", "signal": sg.Name})
		if sg.Value == nil && ok || sg.Value != nil && (!ok || v != *sg.Value) {
			t.Errorf("signal %s value %v (%v), analysis says %v", sg.Name, v, ok, deref(sg.Value))
		}
	}
}

// TestDaemonServesHealthz: `roleload run` with schedule.http_addr answers
// /healthz and /metrics while it runs its jobs.
func TestDaemonServesHealthz(t *testing.T) {
	s := startSim(t, "demo", jmodel.Cloud)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	f, err := os.OpenFile(s.config, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(f, "schedule:\n  collect: \"@every 1h\"\n  http_addr: %q\n", addr)
	f.Close()
	ctx, cancel := contextWithCancel()
	defer cancel()
	done := make(chan int, 1)
	errb := &lockedWriter{}
	go func() { done <- run(ctx, []string{"run", "--config", s.config}, io.Discard, errb, s.getenv) }()
	deadline := time.Now().Add(60 * time.Second)
	var code int
	var h map[string]any
	for time.Now().Before(deadline) {
		if resp, err := http.Get("http://" + addr + "/healthz"); err == nil {
			resp.Body.Close()
			if code, h = healthz(t, addr); code == http.StatusOK {
				break
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	if code != http.StatusOK || h["store"] != "ok" {
		t.Fatalf("/healthz of the daemon: %d %v; log:\n%s", code, h, errb.String())
	}
	if v, ok := value(scrape(t, addr), "roleload_store_items", map[string]string{"kind": "issues"}); !ok || v == 0 {
		t.Errorf("daemon /metrics: issues %v (%v)", v, ok)
	}
	cancel()
	select {
	case c := <-done:
		if c != 0 {
			t.Errorf("run exit %d; log:\n%s", c, errb.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("run did not stop")
	}
	if _, err := http.Get("http://" + addr + "/healthz"); err == nil {
		t.Error("/healthz still answers after the daemon stopped")
	}
}

func contextWithCancel() (context.Context, context.CancelFunc) {
	return context.WithCancel(context.Background())
}
