package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roleload/roleload/model"
)

// TestReadmeFirstRealJira follows the README's "First real Jira" commands
// against the simulated Jira: its URL, account and token stand for the
// README's placeholders. Lines are run as they are, but for two things a
// script cannot do: the "# edit" line is done here (the team renamed),
// and analyze and report get the simulated data's last day and week,
// since the data does not move with today's date.
func TestReadmeFirstRealJira(t *testing.T) {
	text, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(text), "<!-- first-real-jira:begin -->")
	block, _, ok2 := strings.Cut(block, "<!-- first-real-jira:end -->")
	if !ok || !ok2 {
		t.Fatal("README.md has no first-real-jira section")
	}
	s := startSim(t, "demo", model.Cloud)
	t.Chdir(t.TempDir())
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	asOf := s.sim.Dataset.Truth.AsOf
	y, w := asOf.ISOWeek()
	week := fmt.Sprintf("%d-W%02d", y, w)
	var ran []string
	for line := range strings.Lines(block) {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "```"):
		case strings.HasPrefix(line, "export "):
			k, _, _ := strings.Cut(strings.TrimPrefix(line, "export "), "=")
			env[k] = s.sim.Token
		case strings.HasPrefix(line, "# edit roleload.yaml"):
			b, err := os.ReadFile("roleload.yaml")
			if err != nil {
				t.Fatal(err)
			}
			b = []byte(strings.Replace(string(b), "  - name: team ", "  - name: checkout ", 1))
			if err := os.WriteFile("roleload.yaml", b, 0o644); err != nil {
				t.Fatal(err)
			}
		case strings.HasPrefix(line, "roleload "):
			line = strings.NewReplacer("https://acme.atlassian.net", s.url, "me@acme.com", s.sim.Email).Replace(line)
			args := strings.Fields(line)[1:]
			switch args[0] {
			case "analyze":
				args = append(args, "--as-of", asOf.Format("2006-01-02"))
			case "report":
				args = append(args, "--week", week)
			}
			out, stderr, code := runCLI(t, getenv, args...)
			if code != 0 {
				t.Fatalf("README step %q: exit %d\n%s\n%s", line, code, out, stderr)
			}
			ran = append(ran, args[0])
			if args[0] == "analyze" && !strings.Contains(out, "HIRE A PRODUCT OWNER") {
				t.Errorf("analyze after the README's steps:\n%s", out)
			}
		default:
			t.Fatalf("README line the test does not know how to follow: %q", line)
		}
	}
	if strings.Join(ran, " ") != "init doctor collect analyze report" {
		t.Errorf("README steps run: %v", ran)
	}
	if _, err := os.Stat(filepath.Join("reports", "checkout", week, "report.html")); err != nil {
		t.Errorf("the report is not in the archive: %v", err)
	}
}
