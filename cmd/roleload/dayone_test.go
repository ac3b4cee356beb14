package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/roleload/roleload/model"
)

// TestInitGivesTheDemoVerdict: init against the simulated Jira, only the
// team name edited, then collect and analyze give the verdict the
// hand-written demo config gives; a second init without --force refuses.
func TestInitGivesTheDemoVerdict(t *testing.T) {
	for _, flavor := range []model.Flavor{model.Cloud, model.Server} {
		t.Run(string(flavor), func(t *testing.T) {
			// The written store path is ./roleload.db: run where it may go.
			t.Chdir(t.TempDir())
			s := startSim(t, "demo", flavor)
			asOf := s.sim.Dataset.Truth.AsOf.Format("2006-01-02")
			s.mustRun(t, "collect")
			want := verdictOf(t, s.mustRun(t, "analyze", "--team", "checkout", "--as-of", asOf, "--format", "json"))

			out := filepath.Join(t.TempDir(), "init.yaml")
			args := []string{"init", "--url", s.url, "--projects", "CHK,DISC", "--token-env", s.sim.TokenEnv, "--out", out}
			if flavor == model.Cloud {
				args = append(args, "--email", s.sim.Email)
			}
			if _, stderr, code := runCLI(t, s.getenv, args...); code != 0 {
				t.Fatalf("init: exit %d: %s", code, stderr)
			}
			text, _ := os.ReadFile(out)
			if _, stderr, code := runCLI(t, s.getenv, args...); code != exitUsage || !strings.Contains(stderr, "--force") {
				t.Errorf("second init without --force: exit %d %q, want 2 naming --force", code, stderr)
			}
			if again, _ := os.ReadFile(out); string(again) != string(text) {
				t.Error("second init without --force changed the file")
			}
			edited := strings.Replace(string(text), "  - name: team ", "  - name: checkout ", 1)
			if err := os.WriteFile(out, []byte(edited), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, stderr, code := runCLI(t, s.getenv, "collect", "--config", out); code != 0 {
				t.Fatalf("collect with the init config: exit %d: %s", code, stderr)
			}
			got, stderr, code := runCLI(t, s.getenv, "analyze", "--config", out, "--team", "checkout", "--as-of", asOf, "--format", "json")
			if code != 0 {
				t.Fatalf("analyze with the init config: exit %d: %s", code, stderr)
			}
			if v := verdictOf(t, got); v != want || v != s.sim.Dataset.Truth.Verdict {
				t.Errorf("verdict with the init config %s, with the demo config %s, truth %s", v, want, s.sim.Dataset.Truth.Verdict)
			}
		})
	}
}

func verdictOf(t *testing.T, js string) string {
	t.Helper()
	var r struct {
		Verdict struct{ Level string } `json:"verdict"`
	}
	if err := json.Unmarshal([]byte(js), &r); err != nil || r.Verdict.Level == "" {
		t.Fatalf("analysis json: %v\n%s", err, js)
	}
	return r.Verdict.Level
}

// TestReadOnlyCommandsNeedNoToken: a collected store is read with no
// token variable set; collect and report --send still refuse, naming the
// variable.
func TestReadOnlyCommandsNeedNoToken(t *testing.T) {
	s := startSim(t, "demo", model.Cloud)
	asOf := s.sim.Dataset.Truth.AsOf.Format("2006-01-02")
	s.mustRun(t, "collect")
	mail := "email:\n  host: 127.0.0.1\n  port: 2525\n  username: roleload\n  from: roleload@example.com\n  to: [lead@example.com]\n"
	f, err := os.OpenFile(s.config, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(mail)
	f.Close()
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"status", "--format", "json"}, 0, `"issues"`},
		{[]string{"analyze", "--team", "checkout", "--as-of", asOf}, 0, "checkout"},
		{[]string{"report", "--team", "checkout", "--week", "2026-W47", "--out", dir}, 0, "2026-W47"},
		{[]string{"chart", "time-split", "--team", "checkout", "--as-of", asOf, "--out", filepath.Join(dir, "c.svg")}, 0, "c.svg"},
		{[]string{"alerts", "--dry-run"}, 0, "stale-data"},
		{[]string{"collect"}, exitUsage, "ROLELOAD_SIM_TOKEN"},
		{[]string{"report", "--team", "checkout", "--week", "2026-W47", "--out", dir, "--send"}, exitUsage, "SMTP_PASSWORD"},
	} {
		out, stderr, code := runCLI(t, noEnv, append(tc.args, "--config", s.config)...)
		if code != tc.code || !strings.Contains(out+stderr, tc.want) {
			t.Errorf("%s with no token variables: exit %d (want %d), output %q %q, want it to contain %q",
				strings.Join(tc.args, " "), code, tc.code, out, stderr, tc.want)
		}
	}
	addr, stop := startServe(t, noEnv, "serve", "--config", s.config, "--addr", "127.0.0.1:0")
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("serve with no token: /healthz %d", resp.StatusCode)
	}
	if code := stop(); code != 0 {
		t.Errorf("serve exit %d after interrupt", code)
	}
}

// lockedWriter lets a test read what a running command printed so far.
type lockedWriter struct {
	mu sync.Mutex
	b  strings.Builder
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *lockedWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// startServe runs a serving command (serve) until stop, and returns the
// address it printed.
func startServe(t *testing.T, getenv func(string) string, args ...string) (string, func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	errb := &lockedWriter{}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, args, pw, errb, getenv)
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	addr := ""
	for sc.Scan() {
		if a, ok := strings.CutPrefix(sc.Text(), "dashboard at http://"); ok {
			addr, _, _ = strings.Cut(a, "/")
			break
		}
	}
	go io.Copy(io.Discard, pr)
	if addr == "" {
		cancel()
		t.Fatalf("%s printed no address; stderr %s", strings.Join(args, " "), errb.String())
	}
	var once sync.Once
	code := 0
	stop := func() int {
		once.Do(func() {
			cancel()
			select {
			case code = <-done:
			case <-time.After(10 * time.Second):
				t.Error("serve did not stop within 10s of the interrupt")
			}
		})
		return code
	}
	t.Cleanup(func() { stop() })
	return addr, stop
}

// TestDemoNextStepsRunAsPrinted: from the folder the demo ran in, the
// commands it prints work as printed, with no token set.
func TestDemoNextStepsRunAsPrinted(t *testing.T) {
	t.Chdir(t.TempDir())
	out, stderr, code := runCLI(t, noEnv, "demo", "--out", "./demo-out")
	if code != 0 {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	var steps []string
	for line := range strings.Lines(out) {
		line, _, _ = strings.Cut(line, "#")
		line = strings.TrimSpace(strings.TrimPrefix(line, "next:"))
		if strings.HasPrefix(line, "roleload ") {
			steps = append(steps, line)
		}
	}
	if len(steps) != 2 {
		t.Fatalf("want 2 next steps in:\n%s", out)
	}
	// analyze runs to the end; serve must start (then is interrupted).
	args := strings.Fields(steps[0])[1:]
	if got, stderr, code := runCLI(t, noEnv, args...); code != 0 || !strings.Contains(got, "HIRE A PRODUCT OWNER") {
		t.Errorf("%s: exit %d %s %s", steps[0], code, got, stderr)
	}
	args = append(strings.Fields(steps[1])[1:], "--addr", "127.0.0.1:0")
	_, stop := startServe(t, noEnv, args...)
	if code := stop(); code != 0 {
		t.Errorf("%s: exit %d", steps[1], code)
	}
}

func TestSelfPath(t *testing.T) {
	for _, tc := range []struct{ argv0, want string }{
		{"./bin/roleload", "./bin/roleload"}, {"bin/roleload", "./bin/roleload"}, {"/usr/local/bin/roleload", "/usr/local/bin/roleload"},
		{"roleload", "roleload"}, {"/tmp/go-build1/roleload.test", "roleload"}, {"./my dir/roleload", "roleload"},
	} {
		if got := selfPath(tc.argv0); got != tc.want {
			t.Errorf("selfPath(%q) = %q, want %q", tc.argv0, got, tc.want)
		}
	}
}

// TestDoctorJSONAndExitCode: a misspelled status fails doctor (exit 1) and
// its JSON has exactly the documented keys.
func TestDoctorJSONAndExitCode(t *testing.T) {
	s := startSim(t, "demo", model.Cloud)
	s.mustRun(t, "collect")
	b, _ := os.ReadFile(s.config)
	bad := strings.Replace(string(b), "  - name: checkout\n", "  - name: checkout\n    waiting_statuses: [\"Needs info\"]\n", 1)
	if err := os.WriteFile(s.config, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := s.roleload(t, "doctor", "--format", "json")
	if code != exitFailure {
		t.Errorf("doctor with a misspelled status: exit %d, want 1; %s", code, stderr)
	}
	var r struct {
		OK     bool `json:"ok"`
		Checks []struct {
			Name   string `json:"name"`
			Status string `json:"status"`
			Detail string `json:"detail"`
			Fix    string `json:"fix"`
		} `json:"checks"`
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("doctor json: %v\n%s", err, out)
	}
	failed := 0
	for _, c := range r.Checks {
		if c.Status != "ok" && c.Status != "warn" && c.Status != "fail" {
			t.Errorf("check %s: status %q", c.Name, c.Status)
		}
		if c.Status == "fail" {
			failed++
			if c.Name != "team checkout waiting_statuses" || !strings.Contains(c.Fix, `did you mean "Needs Info"?`) {
				t.Errorf("failed check %+v, want waiting_statuses suggesting \"Needs Info\"", c)
			}
		}
	}
	if r.OK || failed != 1 {
		t.Errorf("ok=%v with %d failed checks, want false and 1", r.OK, failed)
	}
}
