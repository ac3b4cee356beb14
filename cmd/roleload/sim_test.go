package main

import (
	"bufio"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSimServesAConfigThatCollects: `roleload sim` prints a config for the
// simulated Jira it serves, and `roleload collect` with that config works.
func TestSimServesAConfigThatCollects(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"sim", "--addr", "127.0.0.1:0", "--scenario", "calm", "--flavor", "server"}, pw, io.Discard, noEnv)
		pw.Close()
	}()
	var yaml strings.Builder
	token := ""
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, "# export ROLELOAD_SIM_TOKEN="); ok {
			token = v
		}
		yaml.WriteString(line + "\n")
		if strings.HasPrefix(line, "bots:") { // the last line of the printed config
			break
		}
	}
	go io.Copy(io.Discard, pr)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "roleload.yaml")
	text := strings.Replace(yaml.String(), "path: ./roleload.db", "path: "+filepath.Join(dir, "r.db"), 1)
	if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	env := func(k string) string {
		if k == "ROLELOAD_SIM_TOKEN" {
			return token
		}
		return ""
	}
	out, stderr, code := runCLI(t, env, "collect", "--config", cfg)
	if code != 0 || !strings.Contains(out, "collected") {
		t.Fatalf("collect against roleload sim: exit %d %s %s\nconfig:\n%s", code, out, stderr, text)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("sim exit %d after interrupt, want 0", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("sim did not stop on interrupt")
	}
}
