package signal

import (
	"fmt"
	"go/scanner"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/roleload/roleload/config"
)

// allowed are the files outside this table that may spell a signal's name
// in a string, and why.
var allowed = map[string]string{
	// An independent oracle: the simulator's own verdict of its ground
	// truth must not read the table it checks.
	"jirasim/scenario/oracle.go": "independent oracle",
	// The yaml tags of config.Thresholds are the keys the table names
	// (Def.Key); Go has no way to build a struct tag from a constant.
	"config/config.go": "yaml tags",
}

// measureWord are files where "unanswered" is not the signal: the English
// word for an open request in the evidence table, or the key of the §8.2
// measure input_requests.unanswered that the signal judges.
var measureWord = map[string]bool{"reports/evidence.go": true, "reports/text.go": true, "reports/measures.go": true}

// TestNamesWrittenOnce greps the repository's non-test Go code for the
// signals' names in string literals (and struct tags): the table is their
// one home.
func TestNamesWrittenOnce(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("repository root not found at %s: %v", root, err)
	}
	var pats []*regexp.Regexp
	for _, n := range Names() {
		p := `(^|[^A-Za-z0-9_])` + n + `($|[^A-Za-z0-9_])`
		if n == string(Unanswered) {
			// Also an English word: only the name alone or as a key counts.
			p = `^"(thresholds\.)?` + n + `"$`
		}
		pats = append(pats, regexp.MustCompile(p))
	}
	checked := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if rel == "analysis/signal/signal.go" || allowed[rel] != "" {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		checked++
		fset := token.NewFileSet()
		var s scanner.Scanner
		s.Init(fset.AddFile(rel, -1, len(src)), src, nil, 0)
		for {
			pos, tok, lit := s.Scan()
			if tok == token.EOF {
				break
			}
			if tok != token.STRING {
				continue
			}
			for i, p := range pats {
				if !p.MatchString(lit) {
					continue
				}
				name := Names()[i]
				if name == string(Unanswered) && measureWord[rel] {
					continue
				}
				t.Errorf("%s: the signal name %q is written outside the table (analysis/signal): %s", fset.Position(pos), name, lit)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 50 {
		t.Fatalf("only %d Go files checked: the walk missed the repository", checked)
	}
}

func TestTable(t *testing.T) {
	seen := map[Name]bool{}
	for _, d := range Defs {
		if seen[d.Name] || d.Label == "" || d.Key == "" || d.Threshold == nil || d.Threshold(configDefaults()) == 0 || d.Reason == nil || d.UnknownWhen == "" {
			t.Errorf("%s: duplicate or incomplete definition %+v", d.Name, d)
		}
		seen[d.Name] = true
		if got, ok := Lookup(string(d.Name)); !ok || got.Label != d.Label {
			t.Errorf("Lookup(%s) = %+v, %v", d.Name, got, ok)
		}
	}
	var canBeUnknown []Name
	for _, d := range Defs {
		if d.Why != nil {
			canBeUnknown = append(canBeUnknown, d.Name)
			if why := d.Why(Facts{Names: "Priya Shah", ReadyStatuses: []string{"Ready"}}); why == "" || strings.Contains(why, "\n") {
				t.Errorf("%s: why %q is not one line", d.Name, why)
			}
		}
	}
	// SPEC §6.6 names five signals that can be unknown.
	if want := []Name{SlowAnswers, POWorkHeavy, DiscoverySqueezed, AfterHours, ThinBacklog}; fmt.Sprint(canBeUnknown) != fmt.Sprint(want) {
		t.Errorf("signals that can be unknown: %v, want %v", canBeUnknown, want)
	}
	if len(Names()) != 7 {
		t.Errorf("SPEC §6.6 names 7 signals, the table %d", len(Names()))
	}
	tests := []struct {
		op   Op
		v, t float64
		want bool
	}{
		{AtLeast, 0.8, 0.8, true}, {AtLeast, 0.79, 0.8, false},
		{Above, 8, 8, false}, {Above, 8.1, 8, true},
		{Below, 0.2, 0.2, false}, {Below, 0.19, 0.2, true},
	}
	for _, tc := range tests {
		if got := tc.op.Trips(tc.v, tc.t); got != tc.want {
			t.Errorf("op %d: Trips(%v, %v) = %v, want %v", tc.op, tc.v, tc.t, got, tc.want)
		}
	}
	rel := []struct {
		active, unclassified float64
		complete, want       bool
	}{
		{0.5, 0.3, true, true}, {0.49, 0, true, false}, {1, 0.31, true, false}, {1, 0, false, false},
	}
	for _, tc := range rel {
		if got := SplitReliable(tc.active, tc.unclassified, tc.complete); got != tc.want {
			t.Errorf("SplitReliable(%v, %v, %v) = %v, want %v", tc.active, tc.unclassified, tc.complete, got, tc.want)
		}
	}
}

// configDefaults are config.Default's thresholds, converted as app does.
func configDefaults() Thresholds { return Thresholds(config.Default().Thresholds) }

// TestKeysReadTheirThreshold: each signal's Key, written under
// `thresholds:`, is the figure its Threshold reads; unset, the default.
func TestKeysReadTheirThreshold(t *testing.T) {
	d := func(n Name) Def {
		def, ok := Lookup(string(n))
		if !ok {
			t.Fatalf("no signal %s", n)
		}
		return def
	}
	for _, d := range Defs {
		var th config.Thresholds
		if err := yaml.Unmarshal([]byte(d.Key+": 7"), &th); err != nil {
			t.Fatalf("%s: %v", d.Key, err)
		}
		if got := d.Threshold(Thresholds(th)); got != 7 {
			t.Errorf("%s: key %q sets %v, want 7", d.Name, d.Key, got)
		}
	}
	want := map[Name]float64{DailyInputs: 0.8, SlowAnswers: 8, Unanswered: 3, POWorkHeavy: 12, DiscoverySqueezed: 0.2, AfterHours: 0.2, ThinBacklog: 1}
	for n, v := range want {
		if got := d(n).Threshold(configDefaults()); got != v {
			t.Errorf("default %s = %v, SPEC §6.6 says %v", n, got, v)
		}
	}
}
