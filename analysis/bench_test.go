package analysis

import (
	"runtime"
	"testing"
	"time"

	"github.com/roleload/roleload/internal/synthorg"
	"github.com/roleload/roleload/model"
)

// bigOrg is the benchmarks' shared organisation (internal/synthorg):
// 200 people over a year, 40,000 issues in ten projects, 1,000,000 events,
// in loc. Person p0 is the analysed team's PM; p1..p9 are other PMs.
func bigOrg(loc *time.Location) *synthorg.Org {
	return synthorg.New(synthorg.Options{Start: time.Date(2025, 11, 30, 8, 0, 0, 0, loc)})
}

// bigActivity is bigOrg in memory, and its number of events.
func bigActivity(tb testing.TB, loc *time.Location) (*model.Activity, int) {
	tb.Helper()
	org := bigOrg(loc)
	return org.Activity(), org.Events()
}

func BenchmarkAnalyze1M(b *testing.B) {
	loc := mustLoc(b, "Europe/Berlin")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	act, events := bigActivity(b, loc)
	runtime.GC()
	runtime.ReadMemStats(&after)
	team := testTeam(loc)
	team.ProductManagers = []string{"p0"}
	team.DeliveryProjects = []string{"P0"}
	in := Input{Activity: act, Team: team, Thresholds: SpecThresholds(), TimeModel: SpecTimeModel(),
		AsOf: time.Date(2026, 11, 27, 12, 0, 0, 0, loc), Weeks: 4, HistoryWeeks: 12}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Analyze(in); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(events), "events")
	// The input itself, for comparison with B/op (what the analysis adds).
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "input-MB")
}
