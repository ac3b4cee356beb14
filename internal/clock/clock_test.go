package clock

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestWallFollowsSkew(t *testing.T) {
	t.Setenv(SkewEnv, "8760h")
	if got := Wall(); got.Sub(time.Now()) < 8759*time.Hour {
		t.Fatalf("Wall() = %v with %s=8760h: not a year ahead", got, SkewEnv)
	}
	t.Setenv(SkewEnv, "not a duration")
	if d := Wall().Sub(time.Now()); d > time.Minute || d < -time.Minute {
		t.Fatalf("a bad %s moved the clock by %v", SkewEnv, d)
	}
}

func TestFixedAndOr(t *testing.T) {
	at := time.Date(2026, 11, 27, 17, 0, 0, 0, time.UTC)
	if got := Or(Fixed(at))(); !got.Equal(at) {
		t.Fatalf("Or(Fixed(%v))() = %v", at, got)
	}
	if Or(nil)().IsZero() {
		t.Fatal("Or(nil) is not the wall clock")
	}
}

// TestNoDirectWallClock keeps "time is an input" true: product code reads
// the date only through this package (or a clock it was given). A read
// that only measures a duration is marked "wallclock:duration".
func TestNoDirectWallClock(t *testing.T) {
	root := filepath.Join("..", "..")
	var bad []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || filepath.Base(path) == "clock.go" {
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for n := 1; sc.Scan(); n++ {
			line := sc.Text()
			if strings.Contains(line, "time.Now()") && !strings.Contains(line, "wallclock:duration") {
				bad = append(bad, path+":"+strconv.Itoa(n)+": "+strings.TrimSpace(line))
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bad {
		t.Errorf("reads the wall clock directly (take a clock, or mark a duration with wallclock:duration): %s", b)
	}
}
