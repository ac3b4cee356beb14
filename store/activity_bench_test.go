package store_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/roleload/roleload/internal/synthorg"
	"github.com/roleload/roleload/store"
)

var (
	benchIssues = flag.Int("loadactivity.issues", 4000, "issues in BenchmarkLoadActivity's store (25 events each; 40000 is 1M events)")
	benchDB     = flag.String("loadactivity.db", "", "keep BenchmarkLoadActivity's store at this path and reuse it when it exists")
)

// BenchmarkLoadActivity loads a store shaped like the analysis package's
// 1M-event benchmark (12 histories, 8 comments, 4 worklogs per issue) and
// reports the heap the returned Activity holds.
func BenchmarkLoadActivity(b *testing.B) {
	ctx := context.Background()
	path := *benchDB
	if path == "" {
		path = filepath.Join(b.TempDir(), "bench.db")
	}
	if _, err := os.Stat(path); err != nil {
		saveBenchStore(b, path, *benchIssues)
	}
	st, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	projects := make([]string, 10)
	for p := range projects {
		projects[p] = fmt.Sprintf("P%d", p)
	}
	var held uint64
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		b.StartTimer()
		a, err := st.LoadActivity(ctx, projects)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&after)
		held = after.HeapAlloc - before.HeapAlloc
		runtime.KeepAlive(a)
		b.StartTimer()
	}
	b.ReportMetric(float64(held)/(1<<20), "held-MB")
}

// BenchmarkLoadActivityPlan loads BenchmarkLoadActivity's store with each
// of LoadActivity's tricks turned off in turn, to show what each saves:
//
//	go test ./store -run '^$' -bench LoadActivityPlan -benchtime 10x
//
// It uses BenchmarkLoadActivity's flags and store.
func BenchmarkLoadActivityPlan(b *testing.B) {
	ctx := context.Background()
	path := *benchDB
	if path == "" {
		path = filepath.Join(b.TempDir(), "bench.db")
	}
	if _, err := os.Stat(path); err != nil {
		saveBenchStore(b, path, *benchIssues)
	}
	st, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	projects := make([]string, 10)
	for p := range projects {
		projects[p] = fmt.Sprintf("P%d", p)
	}
	for _, trick := range []string{"", "storage-order", "histories-alongside"} {
		name := "all"
		if trick != "" {
			name = "without=" + trick
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := st.LoadActivityWithout(ctx, projects, trick); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// saveBenchStore writes the first n issues of the benchmarks' shared
// organisation (internal/synthorg) with their activity through SaveBatch.
func saveBenchStore(b *testing.B, path string, n int) {
	b.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if err := synthorg.New(synthorg.Options{Issues: n}).Save(ctx, st); err != nil {
		b.Fatal(err)
	}
}
