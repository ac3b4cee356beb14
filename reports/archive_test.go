package reports

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteArchive(t *testing.T) {
	root := t.TempDir()
	r := fixedReport(true)
	dir, err := WriteArchive(root, r)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(root, "checkout", "2026-W47"); dir != want {
		t.Fatalf("dir = %s, want %s", dir, want)
	}
	for _, name := range []string{"report.html", "report.md", "report.json", "charts/time-split.png", "charts/time-split.svg", "charts/after-hours.png"} {
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.Size() == 0 {
			t.Errorf("%s missing or empty: %v", name, err)
		}
	}
	html, _ := os.ReadFile(filepath.Join(dir, "report.html"))
	for _, c := range r.Charts {
		if !strings.Contains(string(html), `src="`+c.File+`"`) {
			t.Errorf("report.html does not show %s", c.File)
		}
	}

	// Re-running the week replaces the folder: a stray file goes, and no
	// temporary folder is left behind.
	stray := filepath.Join(dir, "stray.txt")
	os.WriteFile(stray, []byte("old"), 0o644)
	if _, err := WriteArchive(root, r); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stray); !os.IsNotExist(err) {
		t.Error("re-run kept a file of the old report")
	}
	entries, _ := os.ReadDir(filepath.Join(root, "checkout"))
	if len(entries) != 1 || entries[0].Name() != "2026-W47" {
		t.Errorf("team folder holds %v, want only 2026-W47", entries)
	}
}

func TestWriteArchiveRefusesBadInput(t *testing.T) {
	root := t.TempDir()
	r := goldenReport()
	r.Week = "../../etc"
	if _, err := WriteArchive(root, r); err == nil {
		t.Error("a week that is not an ISO week must be refused")
	}
	r.Week, r.Team = "2026-W47", "../../evil/team"
	dir, err := WriteArchive(root, r)
	if err != nil {
		t.Fatal(err)
	}
	if rel, _ := filepath.Rel(root, dir); strings.HasPrefix(rel, "..") || strings.Count(rel, string(filepath.Separator)) != 1 {
		t.Errorf("team name escaped the root: %s", dir)
	}
}

func TestSafeName(t *testing.T) {
	tests := map[string]string{
		"checkout": "checkout", "Team A/B": "Team-A-B", "..": "team", "../x": "-x", "": "team", "é": "-",
	}
	for in, want := range tests {
		if got := SafeName(in); got != want {
			t.Errorf("SafeName(%q) = %q, want %q", in, got, want)
		}
	}
}
