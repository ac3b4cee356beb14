package store_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/model"
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

// saveBenchStore writes n issues with their activity through SaveBatch.
func saveBenchStore(b *testing.B, path string, n int) {
	b.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	start := time.Date(2025, 11, 30, 7, 0, 0, 0, time.UTC)
	body := strings.Repeat("Looks good, but what about the empty state? ", 5)
	desc := strings.Repeat("As a shopper I want to pay with one click. ", 10)
	statuses := []string{"To Do", "Ready for Dev", "In Progress", "Needs Info", "Done"}
	var batch store.Batch
	for p := range 200 {
		batch.People = append(batch.People, model.Person{ID: fmt.Sprintf("p%d", p), DisplayName: fmt.Sprintf("Person %d", p), Active: true})
	}
	// A small LCG keeps the store the same from run to run.
	seed := uint64(1)
	rnd := func(n int) int {
		seed = seed*6364136223846793005 + 1442695040888963407
		return int((seed >> 33) % uint64(n))
	}
	author := func(proj int) string { return fmt.Sprintf("p%d", 10+proj*19+rnd(19)) }
	for i := range n {
		proj := i % 10
		id := fmt.Sprint(100000 + i)
		created := start.Add(time.Duration(rnd(360*24*3600)) * time.Second).Add(time.Duration(rnd(1000)) * time.Millisecond)
		is := model.Issue{ID: id, Key: fmt.Sprintf("P%d-%d", proj, i), ProjectKey: fmt.Sprintf("P%d", proj), Type: "Story",
			Status: statuses[rnd(len(statuses))], Summary: "Pay with one click", Description: desc, DescriptionSize: len(desc),
			CreatorID: author(proj), ReporterID: fmt.Sprintf("p%d", proj), Created: created, SprintIDs: []int64{int64(proj)},
			ChangelogTotal: 12}
		if i%7 == 0 {
			is.Labels = []string{"discovery"}
		}
		d := store.IssueData{Issue: is}
		at := created
		for k := range 12 {
			at = at.Add(time.Duration(rnd(8*3600)) * time.Second)
			items := []model.HistoryItem{{Field: "status", FieldType: "jira", FieldID: "status", From: fmt.Sprint(k % 5), FromString: statuses[k%5],
				To: fmt.Sprint((k + 1) % 5), ToString: statuses[(k+1)%5]}}
			if k%3 == 0 {
				items = []model.HistoryItem{{Field: "description", FieldType: "jira", FieldID: "description", FromString: desc[:200], ToString: desc},
					{Field: "Rank", FieldType: "custom"}}
			}
			d.Histories = append(d.Histories, model.History{ID: fmt.Sprintf("%s-h%d", id, k), IssueID: id, AuthorID: author(proj), Created: at, Items: items})
		}
		at = created
		for k := range 8 {
			at = at.Add(time.Duration(rnd(8*3600)) * time.Second)
			c := model.Comment{ID: fmt.Sprintf("%s-c%d", id, k), IssueID: id, AuthorID: author(proj), Created: at, Body: body, BodySize: len(body)}
			if k%4 == 0 {
				c.Mentions = []string{fmt.Sprintf("p%d", proj)}
			}
			d.Comments = append(d.Comments, c)
		}
		for k := range 4 {
			s := created.Add(time.Duration(k) * 24 * time.Hour)
			d.Worklogs = append(d.Worklogs, model.Worklog{ID: fmt.Sprintf("%s-w%d", id, k), IssueID: id, AuthorID: author(proj),
				Started: s, Seconds: 1800 + rnd(7200), Created: s.Add(3 * time.Hour)})
		}
		batch.Issues = append(batch.Issues, d)
		if len(batch.Issues) == 1000 || i == n-1 {
			if err := st.SaveBatch(ctx, batch, nil); err != nil {
				b.Fatal(err)
			}
			batch = store.Batch{}
		}
	}
	var sprints []model.Sprint
	for p := range 10 {
		for s := range 26 {
			at := start.Add(time.Duration(s) * 14 * 24 * time.Hour)
			sprints = append(sprints, model.Sprint{ID: int64(p*100 + s), State: "closed", Start: at, End: at.Add(14 * 24 * time.Hour)})
		}
	}
	if err := st.SaveSprints(ctx, sprints); err != nil {
		b.Fatal(err)
	}
}
