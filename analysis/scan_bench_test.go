package analysis

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/roleload/roleload/internal/synthorg"
	"github.com/roleload/roleload/store"
)

// BenchmarkAnalyzeVsScan1M puts the analysis of 1,000,000 events next to
// its baseline measured in the same run: a plain SQL scan of the same
// events out of the SQLite store (the least any analysis must do), and
// the store's LoadActivity (what `roleload analyze` does before it).
// It reports the ratio analysis/scan (target < 3) and the peak heap.
func BenchmarkAnalyzeVsScan1M(b *testing.B) {
	loc := mustLoc(b, "Europe/Berlin")
	act, events := bigActivity(b, loc)
	// ROLELOAD_BENCH_DB keeps the store, to measure `roleload analyze` on it
	// (team P0, PM p0, as of 2026-11-27) with /usr/bin/time -v.
	path := os.Getenv("ROLELOAD_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "bench.db")
	}
	if _, err := os.Stat(path); err != nil {
		saveOrg(b, path, bigOrg(loc))
	}

	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	team := testTeam(loc)
	team.ProductManagers = []string{"p0"}
	team.DeliveryProjects = []string{"P0"}
	in := Input{Activity: act, Team: team, Thresholds: SpecThresholds(), TimeModel: SpecTimeModel(),
		AsOf: time.Date(2026, 11, 27, 12, 0, 0, 0, loc), Weeks: 4, HistoryWeeks: 12}

	var scan, analyze time.Duration
	var peak uint64
	b.ResetTimer()
	for b.Loop() {
		t0 := time.Now()
		n := scanEvents(b, db)
		scan += time.Since(t0)
		if n < events {
			b.Fatalf("scan saw %d rows, want at least %d events", n, events)
		}
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		t0 = time.Now()
		if _, err := Analyze(in); err != nil {
			b.Fatal(err)
		}
		analyze += time.Since(t0)
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		// TotalAlloc bounds what the analysis can have held at once.
		peak = max(peak, after.TotalAlloc-before.TotalAlloc)
	}
	b.StopTimer()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	t0 := time.Now()
	if _, err := st.LoadActivity(context.Background(), []string{"P0", "P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9"}); err != nil {
		b.Fatal(err)
	}
	load := time.Since(t0)

	iters := float64(b.N)
	b.ReportMetric(float64(events), "events")
	b.ReportMetric(analyze.Seconds()*1000/iters, "analyze-ms")
	b.ReportMetric(scan.Seconds()*1000/iters, "scan-ms")
	b.ReportMetric(analyze.Seconds()/scan.Seconds(), "analyze/scan")
	b.ReportMetric(load.Seconds()*1000, "load-activity-ms")
	b.ReportMetric(float64(peak)/(1<<20), "analyze-alloc-MB")
}

// scanEvents reads every event's time, author, issue and size: the rows
// an analysis cannot avoid reading.
func scanEvents(b *testing.B, db *sql.DB) int {
	rows, err := db.Query(`
		SELECT created, creator_id, id, description_size FROM issues
		UNION ALL SELECT h.created, h.author_id, h.issue_id, length(i.to_string)
		          FROM histories h JOIN history_items i ON i.history_id = h.id
		UNION ALL SELECT created, author_id, issue_id, body_size FROM comments
		UNION ALL SELECT started, author_id, issue_id, seconds FROM worklogs`)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	n := 0
	var at, author, issue string
	var size int
	for rows.Next() {
		if err := rows.Scan(&at, &author, &issue, &size); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	return n
}

// saveOrg stores the organisation through the store's own batch writer.
func saveOrg(b *testing.B, path string, org *synthorg.Org) {
	ctx := context.Background()
	st, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if err := org.Save(ctx, st); err != nil {
		b.Fatal(err)
	}
}
