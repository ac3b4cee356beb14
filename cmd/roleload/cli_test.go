package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/store"
)

func runCLI(t *testing.T, getenv func(string) string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb, getenv)
	return out.String(), errb.String(), code
}

func noEnv(string) string { return "" }

func writeConfig(t *testing.T, yaml string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "roleload.yaml")
	if err := os.WriteFile(p, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// oneLine checks the SPEC §3 promise: errors are one line that names what is wrong.
func oneLine(t *testing.T, stderr string, names ...string) {
	t.Helper()
	if strings.Count(strings.TrimRight(stderr, "\n"), "\n") != 0 || stderr == "" {
		t.Errorf("stderr is not one line: %q", stderr)
	}
	for _, n := range names {
		if !strings.Contains(stderr, n) {
			t.Errorf("stderr %q does not name %q", stderr, n)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	good := writeConfig(t, "teams: [{name: checkout, product_managers: [pm], delivery_projects: [CHK]}]\nstore: {path: "+filepath.Join(t.TempDir(), "x.db")+"}\n")
	cases := []struct {
		name  string
		args  []string
		names []string
	}{
		{"unknown command", []string{"frobnicate"}, []string{"frobnicate"}},
		{"unknown flag", []string{"status", "--colour"}, []string{"colour"}},
		{"analyze without team", []string{"analyze", "--config", good}, []string{"--team"}},
		{"unknown team", []string{"analyze", "--config", good, "--team", "sales"}, []string{"sales", "checkout"}},
		{"bad date", []string{"analyze", "--config", good, "--team", "checkout", "--as-of", "27/11/2026"}, []string{"--as-of"}},
		{"bad week", []string{"report", "--config", good, "--team", "checkout", "--week", "2026-47"}, []string{"--week"}},
		{"unknown metric", []string{"chart", "velocity", "--config", good, "--team", "checkout"}, []string{"velocity", "time-split"}},
		{"missing config", []string{"status", "--config", "/nonexistent/roleload.yaml"}, []string{"/nonexistent/roleload.yaml"}},
		{"status format", []string{"status", "--config", good, "--format", "xml"}, []string{"--format", "xml", "text or json"}},
		{"doctor format", []string{"doctor", "--config", good, "--format", "yaml"}, []string{"--format", "yaml", "text or json"}},
		{"analyze format", []string{"analyze", "--config", good, "--team", "checkout", "--format", "csv"}, []string{"--format", "csv", "text or json"}},
		{"unknown key", []string{"status", "--config", writeConfig(t, "stor: {path: x.db}\n")}, []string{"stor"}},
		{"missing token", []string{"collect", "--config", writeConfig(t, "jira: {url: \"http://127.0.0.1:1\", flavor: server, token_env: MY_TOKEN}\n")}, []string{"jira.token_env", "MY_TOKEN"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, stderr, code := runCLI(t, noEnv, tc.args...)
			if code != exitUsage {
				t.Fatalf("exit %d, want %d; stdout %q stderr %q", code, exitUsage, out, stderr)
			}
			oneLine(t, stderr, tc.names...)
		})
	}
}

func TestCollectFailuresExitOne(t *testing.T) {
	sim := startSim(t, "calm", model.Cloud)
	// A port nobody listens on: take one and close it.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	deadURL := "http://" + ln.Addr().String()
	ln.Close()
	broken := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, `{"errorMessages":["boom"]}`, http.StatusInternalServerError)
	}))
	defer broken.Close()

	cases := []struct {
		name, url, token string
		names            []string
	}{
		{"bad token", sim.url, "wrong", []string{"401"}},
		{"unreachable", deadURL, "t", []string{ln.Addr().String()}},
		{"500 forever", broken.URL, "t", []string{"500"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "r.db")
			cfg := writeConfig(t, "jira: {url: \""+tc.url+"\", flavor: cloud, email: a@b.c, token_env: TOK, projects: [CHK], max_retries: 1}\nstore: {path: "+db+"}\n")
			env := func(k string) string {
				if k == "TOK" {
					return tc.token
				}
				return ""
			}
			_, stderr, code := runCLI(t, env, "collect", "--config", cfg)
			if code != exitFailure {
				t.Fatalf("exit %d, want 1; stderr %q", code, stderr)
			}
			oneLine(t, stderr, tc.names...)
			// Nothing half-written: no issues, and the run is recorded as failed.
			out, _, code := runCLI(t, env, "status", "--config", cfg, "--format", "json")
			if code != 0 {
				t.Fatalf("status after failure: exit %d", code)
			}
			var st map[string]any
			if err := json.Unmarshal([]byte(out), &st); err != nil {
				t.Fatal(err)
			}
			if st["issues"].(float64) != 0 || st["last_sync"] != nil {
				t.Errorf("store after a failed first run: %v", st)
			}
		})
	}
}

// TestStatusJSON checks the SPEC §8.1 contract key for key after a real collect.
func TestStatusJSON(t *testing.T) {
	s := startSim(t, "calm", model.Server)
	s.mustRun(t, "collect")
	out := s.mustRun(t, "status", "--format", "json")
	var st map[string]any
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatal(err)
	}
	// Every key of §8.1 with its type; more keys may follow (sources, deleted).
	for _, k := range []string{"issues", "histories", "comments", "worklogs", "people"} {
		if _, ok := st[k].(float64); !ok {
			t.Errorf("status %q = %v, want a number", k, st[k])
		}
	}
	if last, ok := st["last_sync"].(string); !ok || !strings.HasSuffix(last, "Z") {
		t.Errorf("last_sync = %v, want RFC 3339 UTC", st["last_sync"])
	}
	ds := s.sim.Server.Dataset()
	if int(st["issues"].(float64)) != len(ds.Issues) || st["flavor"] != "server" {
		t.Errorf("status = %v, want %d issues on server", st, len(ds.Issues))
	}
	text := s.mustRun(t, "status")
	if !strings.Contains(text, "issues") || !strings.Contains(text, "server") {
		t.Errorf("status text: %s", text)
	}
}

// TestAnalyzeRefusesToGuess: an empty store, a PM who never appears in
// Jira and a window without data give a clear line, never a zero-filled report.
func TestAnalyzeRefusesToGuess(t *testing.T) {
	empty := writeConfig(t, "teams: [{name: checkout, product_managers: [pm], delivery_projects: [CHK]}]\nstore: {path: "+filepath.Join(t.TempDir(), "x.db")+"}\n")
	out, stderr, code := runCLI(t, noEnv, "analyze", "--config", empty, "--team", "checkout")
	if code != exitFailure || out != "" {
		t.Errorf("empty store: exit %d, stdout %q", code, out)
	}
	oneLine(t, stderr, "roleload collect")

	s := startSim(t, "calm", model.Cloud)
	s.mustRun(t, "collect")
	yaml, _ := os.ReadFile(s.config)
	pm := s.sim.Dataset.Team.ProductManagers[0]
	if err := os.WriteFile(s.config, []byte(strings.Replace(string(yaml), pm, "Nobody Here", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, code = s.roleload(t, "analyze", "--team", "checkout", "--as-of", "2026-11-27")
	if code != exitFailure || out != "" {
		t.Errorf("unknown PM: exit %d, stdout %q", code, out)
	}
	oneLine(t, stderr, "Nobody Here")
	if err := os.WriteFile(s.config, yaml, 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, code = s.roleload(t, "analyze", "--team", "checkout", "--as-of", "2025-01-10")
	if code != exitFailure || out != "" {
		t.Errorf("window without data: exit %d, stdout %q", code, out)
	}
	oneLine(t, stderr, "2025-01-10", "no Jira activity")
}

// Two collects on one store never interleave: the second one says why it
// stops, exits 1 and leaves no trace, and runs once the first is done.
func TestCollectWhileAnotherRuns(t *testing.T) {
	s := startSim(t, "calm", model.Cloud)
	st, err := store.Open(context.Background(), filepath.Join(s.dir, "roleload.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	unlock, err := st.LockCollect() // the other collect
	if err != nil {
		t.Fatal(err)
	}
	_, stderr, code := s.roleload(t, "collect")
	if code != exitFailure {
		t.Fatalf("exit %d, want 1; stderr %q", code, stderr)
	}
	oneLine(t, stderr, "another roleload collect is running", "roleload.db.lock")
	runs, err := st.LastRuns(context.Background(), 5)
	if err != nil || len(runs) != 0 {
		t.Errorf("runs recorded by the refused collect: %+v, %v", runs, err)
	}
	unlock()
	s.mustRun(t, "collect")
}

// `roleload alerts --dry-run` shows each alert's state and the e-mail it
// would send; a rule that could never fire is refused with exit 2.
func TestAlertsCommand(t *testing.T) {
	s := startSim(t, "overloaded", model.Cloud)
	s.mustRun(t, "collect")
	base, err := os.ReadFile(s.config)
	if err != nil {
		t.Fatal(err)
	}
	write := func(rules string) {
		if err := os.WriteFile(s.config, append(append([]byte{}, base...), []byte("alerts:\n  rules:\n"+rules)...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("    - {team: checkout, signal: daily_inputs}\n")
	out := s.mustRun(t, "alerts", "--dry-run")
	for _, want := range []string{"daily_inputs checkout: firing", "e-mail: firing (not sent: dry run)", "stale-data *: inactive"} {
		if !strings.Contains(out, want) {
			t.Errorf("alerts --dry-run output lacks %q:\n%s", want, out)
		}
	}
	write("    - {team: checkout, signal: slow_answer}\n")
	_, stderr, code := s.roleload(t, "alerts", "--dry-run")
	if code != exitUsage {
		t.Fatalf("unknown signal: exit %d, want 2; stderr %q", code, stderr)
	}
	oneLine(t, stderr, "alerts.rules[0].signal", "slow_answer")
	if _, stderr, code := s.roleload(t, "run"); code != exitUsage || !strings.Contains(stderr, "slow_answer") {
		t.Errorf("run with a bad rule: exit %d, stderr %q; want 2 at start", code, stderr)
	}
	// Without --dry-run, alerts need somewhere to send them.
	write("    - {team: checkout, signal: daily_inputs}\n")
	if _, stderr, code := s.roleload(t, "alerts"); code != exitUsage || !strings.Contains(stderr, "email") {
		t.Errorf("alerts without email settings: exit %d, stderr %q; want 2 naming email", code, stderr)
	}
}
