package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/store"
)

// syncPages is a first sync of n issues in pages of 100, shaped like the
// simulated "load" scenario after parsing (per issue on average: 1.7 KB
// of description, 1.5 KB of raw fields, 3.75 histories of 1.3 items, 1.5
// comments, 0.75 worklogs).
func syncPages(n int) []store.Batch {
	rng := rand.New(rand.NewPCG(1, 2))
	people := []string{"pm", "e1", "e2", "e3", "e4", "e5", "e6", "bot"}
	raw := []byte(`{"status":{"name":"In Progress","statusCategory":{"key":"indeterminate"}},"summary":"` +
		strings.Repeat("x", 1400) + `"}`)
	var pages []store.Batch
	var hid, cid, wid int
	for start := 0; start < n; start += 100 {
		var b store.Batch
		for i := start; i < min(start+100, n); i++ {
			t := time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute)
			id := fmt.Sprint(10000 + i)
			d := store.IssueData{Issue: model.Issue{ID: id, Key: fmt.Sprintf("CHK-%d", i+1), ProjectKey: "CHK",
				Type: "Story", Status: "In Progress", Summary: "Checkout total ignores voucher", Description: strings.Repeat("story text ", 155),
				DescriptionSize: 1705, Labels: []string{"web"}, ReporterID: "pm", CreatorID: "pm", AssigneeID: people[1+rng.IntN(6)],
				Created: t, Updated: t.Add(48 * time.Hour), SprintIDs: []int64{int64(1 + i%12)}}, Raw: raw}
			for h := rng.IntN(8); h > 0; h-- {
				hid++
				hist := model.History{ID: fmt.Sprint(hid), IssueID: id, AuthorID: people[rng.IntN(len(people))], Created: t.Add(time.Duration(hid%500) * time.Minute)}
				for k := 1 + rng.IntN(2); k > 0; k-- {
					hist.Items = append(hist.Items, model.HistoryItem{Field: "status", FieldType: "jira", FieldID: "status",
						From: "1", FromString: "To Do", To: "3", ToString: "In Progress"})
				}
				d.Histories = append(d.Histories, hist)
			}
			for c := rng.IntN(4); c > 0; c-- {
				cid++
				d.Comments = append(d.Comments, model.Comment{ID: fmt.Sprint(cid), IssueID: id, AuthorID: people[rng.IntN(len(people))],
					Created: t.Add(time.Hour), Updated: t.Add(time.Hour), Body: "[~accountid:pm] which voucher wins here?", BodySize: 41, Mentions: []string{"pm"}})
			}
			for w := rng.IntN(3) / 2 * (1 + rng.IntN(2)); w > 0; w-- {
				wid++
				d.Worklogs = append(d.Worklogs, model.Worklog{ID: fmt.Sprint(wid), IssueID: id, AuthorID: "pm", Started: t, Seconds: 1800, Created: t, Updated: t})
			}
			b.Issues = append(b.Issues, d)
		}
		pages = append(pages, b)
	}
	return pages
}

// BenchmarkSaveSync writes a first sync of 10,000 issues into a new store
// and closes it, with one transaction per page (as SaveBatch does) and
// with the collector's groups of four pages:
//
//	go test ./store -run '^$' -bench SaveSync -benchtime 3x
//
// The ratio of the two is why the collector groups pages.
func BenchmarkSaveSync(b *testing.B) {
	pages := syncPages(10000)
	for _, group := range []int{1, 4} {
		b.Run(fmt.Sprintf("pages_per_commit=%d", group), func(b *testing.B) {
			ctx := context.Background()
			for range b.N {
				b.StopTimer()
				st, err := store.Open(ctx, filepath.Join(b.TempDir(), "sync.db"))
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				writeSync(b, st, pages, group)
			}
			b.ReportMetric(float64(10000*b.N)/b.Elapsed().Seconds(), "issues/s")
		})
	}
}

// BenchmarkCheckpoints writes a first sync of 10,000 issues in the
// collector's groups of four pages twice in each round: into a store
// that checkpoints its WAL in the background (Open, checkpoint.go) and,
// as the baseline, into one that leaves it to SQLite's automatic
// checkpoint inside the commits. It reports both rates and the ratio of
// their times (background/SQLite; under 1 is what the checkpointer saves):
//
//	go test ./store -run '^$' -bench Checkpoints -benchtime 3x
func BenchmarkCheckpoints(b *testing.B) {
	pages := syncPages(10000)
	ctx := context.Background()
	write := func(open func(context.Context, string) (*store.Store, error)) time.Duration {
		st, err := open(ctx, filepath.Join(b.TempDir(), "sync.db"))
		if err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		writeSync(b, st, pages, 4)
		return time.Since(t0)
	}
	var background, sqlite time.Duration
	for b.Loop() {
		background += write(store.Open)
		sqlite += write(store.OpenWithSQLiteCheckpoints)
	}
	b.ReportMetric(float64(10000*b.N)/background.Seconds(), "issues/s")
	b.ReportMetric(float64(10000*b.N)/sqlite.Seconds(), "sqlite-checkpoint-issues/s")
	b.ReportMetric(background.Seconds()/sqlite.Seconds(), "time_ratio")
}

// writeSync writes pages into st, group pages a transaction, and closes
// it: closing checkpoints what is left of the WAL, part of a sync's time.
func writeSync(b *testing.B, st *store.Store, pages []store.Batch, group int) {
	ctx := context.Background()
	for i := 0; i < len(pages); i += group {
		bw, err := st.BeginBatches(ctx)
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range pages[i:min(i+group, len(pages))] {
			if err := bw.Write(ctx, p); err != nil {
				b.Fatal(err)
			}
		}
		if err := bw.Commit(ctx, nil); err != nil {
			b.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		b.Fatal(err)
	}
}
