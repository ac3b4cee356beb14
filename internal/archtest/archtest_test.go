// Package archtest holds the tests of the whole code base's shape: which
// package may import which, and that the graph in the README is the real
// one.
package archtest

import (
	"flag"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/roleload/roleload/"

var update = flag.Bool("update", false, "rewrite the package graph in README.md")

// graph is every package of the module (by directory, relative to the
// root) and the module packages its non-test files import; third is the
// other modules' packages each imports (the standard library left out).
func graph(t *testing.T, root string) (g, third map[string][]string) {
	t.Helper()
	g, third = map[string][]string{}, map[string][]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); path != root && (strings.HasPrefix(n, ".") || n == "testdata" || n == "bin" || n == "demo-out") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir, _ := filepath.Rel(root, filepath.Dir(path))
		dir = filepath.ToSlash(dir)
		if _, ok := g[dir]; !ok {
			g[dir] = nil
		}
		for _, imp := range f.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			if rest, ok := strings.CutPrefix(p, module); ok && !slices.Contains(g[dir], rest) {
				g[dir] = append(g[dir], rest)
			} else if !ok && strings.Contains(strings.Split(p, "/")[0], ".") && !slices.Contains(third[dir], p) {
				third[dir] = append(third[dir], p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, imps := range g {
		slices.Sort(imps)
	}
	return g, third
}

// render is the graph as the README shows it: one line per package.
func render(g map[string][]string) string {
	var pkgs []string
	for p := range g {
		pkgs = append(pkgs, p)
	}
	slices.Sort(pkgs)
	var b strings.Builder
	for _, p := range pkgs {
		imps := strings.Join(g[p], ", ")
		if imps == "" {
			imps = "(nothing of roleload)"
		}
		fmt.Fprintf(&b, "%-28s -> %s\n", p, imps)
	}
	return b.String()
}

const (
	beginGraph = "<!-- package graph: go test ./internal/archtest -update rewrites it -->\n```\n"
	endGraph   = "```\n<!-- end package graph -->"
)

// TestReadmeGraphIsTheCode: the package graph in the README is the one
// the code has.
func TestReadmeGraphIsTheCode(t *testing.T) {
	root := filepath.Join("..", "..")
	g, _ := graph(t, root)
	want := render(g)
	path := filepath.Join(root, "README.md")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	i := strings.Index(readme, beginGraph)
	j := strings.Index(readme, endGraph)
	if i < 0 || j < i {
		t.Fatalf("README.md has no package graph between %q and %q", beginGraph, endGraph)
	}
	got := readme[i+len(beginGraph) : j]
	if got == want {
		return
	}
	if *update {
		if err := os.WriteFile(path, []byte(readme[:i+len(beginGraph)]+want+readme[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("the package graph in README.md is not the code's; run go test ./internal/archtest -update. The code's:\n%s", want)
}

// TestDependenciesPointOneWay: SPEC §2's direction, cmd -> features ->
// store -> model, as rules over the real graph, each with its reason.
// mayImport lists every package of ours a package may import directly.
func TestDependenciesPointOneWay(t *testing.T) {
	g, _ := graph(t, filepath.Join("..", ".."))
	rules := []struct {
		pkg       string
		mayImport []string
		why       string
	}{
		{"model", nil, "the shared types depend on nothing"},
		{"internal/clock", nil, "the clock depends on nothing"},
		{"internal/isoweek", nil, "ISO weeks are plain date arithmetic"},
		{"config", []string{"internal/clock"}, "config is read by the wiring and the collectors, so it reads no one"},
		{"store", []string{"model"}, "the store is plain SQL over the model, below everything else"},
		{"collector/jira", []string{"model"}, "the REST seam knows only Jira and the model"},
		{"collector", []string{"collector/jira", "config", "internal/clock", "model", "store"}, "collecting never analyses or reports"},
		{"analysis/signal", nil, "the signal table is a leaf every reader of signals can import"},
		{"analysis", []string{"analysis/signal", "model"}, "the analysis is pure and takes its own parameters: app maps the config onto them"},
		{"reports/charts", []string{"analysis", "analysis/signal"}, "rendering reads only the analysis result"},
		{"reports", []string{"analysis", "analysis/signal", "reports/charts"}, "rendering reads only the analysis result, never the store, mail or config"},
		{"alerts", []string{"analysis", "config", "store"}, "alert rules are pure; delivery evaluates, stores and sends (store for its Alert type only)"},
		{"delivery", []string{"alerts", "analysis", "config", "mail", "reports", "store"}, "delivery is given the analysis by its caller; it never imports the wiring"},
		{"jirasim/jql", nil, "the JQL parser knows neither the server nor the scenarios"},
		{"jirasim/scenario", []string{"model"}, "the ground truth is an independent oracle: it reads neither config nor the analysis"},
		{"jirasim", []string{"jirasim/jql", "jirasim/scenario", "model"}, "the simulated Jira is Jira: it knows nothing of roleload but the model"},
		{"internal/simenv", []string{"config", "jirasim", "jirasim/scenario", "model"}, "the simulator's config never needs the wiring"},
	}
	for _, r := range rules {
		imps, ok := g[r.pkg]
		if !ok {
			t.Errorf("rule for %s: no such package", r.pkg)
			continue
		}
		for _, imp := range imps {
			if !slices.Contains(r.mayImport, imp) {
				t.Errorf("%s imports %s: %s", r.pkg, imp, r.why)
			}
		}
	}
	for _, imp := range g["app"] {
		if imp == "jirasim" || strings.HasPrefix(imp, "jirasim/") {
			t.Errorf("app imports %s: the product's wiring does not depend on the simulator; internal/simenv and demo do", imp)
		}
	}
	for pkg, imps := range g {
		for _, imp := range imps {
			if strings.HasPrefix(imp, "cmd/") {
				t.Errorf("%s imports %s: nothing imports a command", pkg, imp)
			}
			if imp == "app" && !slices.Contains([]string{"cmd/roleload", "daemon", "dashboard", "demo", "monitor"}, pkg) {
				t.Errorf("%s imports app: app is the wiring the commands, the daemon, the dashboard, the demo and the monitor stand on (app/doc.go)", pkg)
			}
		}
	}
}

// TestThirdPartyStaysInItsPackage: each outside library is used by the
// one package that wraps it, so replacing it touches one place.
func TestThirdPartyStaysInItsPackage(t *testing.T) {
	_, third := graph(t, filepath.Join("..", ".."))
	home := map[string][]string{
		"github.com/mattn/go-sqlite3":         {"store"},
		"github.com/andygrunwald/go-jira":     {"collector/jira"},
		"github.com/wcharczuk/go-chart/v2":    {"reports/charts"},
		"github.com/golang/freetype":          {"reports/charts"},
		"github.com/emersion/go-ical":         {"calendar"},
		"github.com/wneessen/go-mail":         {"mail"},
		"github.com/prometheus/client_golang": {"monitor"},
		"github.com/chromedp/chromedp":        {"internal/browser", "reports/internal/screenshot"},
	}
	for pkg, imps := range third {
		for _, imp := range imps {
			for lib, pkgs := range home {
				if (imp == lib || strings.HasPrefix(imp, lib+"/")) && !slices.Contains(pkgs, pkg) {
					t.Errorf("%s imports %s, which only %v may use", pkg, imp, pkgs)
				}
			}
		}
	}
}
