package collector

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/store"
)

func pageOf(ids ...int) store.Batch {
	var b store.Batch
	for _, id := range ids {
		t := time.Date(2026, 11, 2, 9, 0, id, 0, time.UTC)
		b.Issues = append(b.Issues, store.IssueData{Issue: model.Issue{
			ID: fmt.Sprint(10000 + id), Key: fmt.Sprintf("ABC-%d", id), ProjectKey: "ABC", Created: t, Updated: t}})
	}
	return b
}

func checkpointAt(id int) *store.SyncState {
	return &store.SyncState{Source: sourceIssues, Cursor: fmt.Sprint(id), UpdatedAt: time.Date(2026, 11, 2, 9, 0, id, 0, time.UTC)}
}

func storedIssues(t *testing.T, st *store.Store) int {
	t.Helper()
	s, err := st.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s.Issues
}

// A group is committed after groupCommits().maxWait even when no page follows (Jira
// slow, or retrying): a stalled sync does not hold fetched data back.
func TestWriterCommitsAStalledGroup(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "db.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	w := startWriter(ctx, st)
	if err := w.save(pageOf(1, 2), checkpointAt(2)); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(groupCommits().maxWait + 5*time.Second)
	for storedIssues(t, st) != 2 {
		if time.Now().After(deadline) {
			t.Fatalf("after %v, %d issues committed, want 2", groupCommits().maxWait+5*time.Second, storedIssues(t, st))
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := w.save(pageOf(3), checkpointAt(3)); err != nil {
		t.Fatal(err)
	}
	n, _, err := w.close()
	if err != nil || n != 3 || storedIssues(t, st) != 3 {
		t.Errorf("close: %d issues, %v; stored %d; want 3", n, err, storedIssues(t, st))
	}
	cp, err := st.SyncState(ctx, sourceIssues)
	if err != nil || cp.Cursor != "3" {
		t.Errorf("checkpoint %+v, %v: want the last page's", cp, err)
	}
}

// A cancelled sync keeps the whole pages it wrote, with their
// checkpoint, and stores nothing after.
func TestWriterKeepsCompletePagesOnCancel(t *testing.T) {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "db.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx, cancel := context.WithCancel(context.Background())
	w := startWriter(ctx, st)
	for i := 1; i <= 3; i++ {
		if err := w.save(pageOf(i), checkpointAt(i)); err != nil {
			t.Fatal(err)
		}
	}
	cancel()
	w.save(pageOf(4), checkpointAt(4))
	w.save(pageOf(5), checkpointAt(5))
	n, _, err := w.close()
	if !errors.Is(err, context.Canceled) {
		t.Errorf("close error %v, want context.Canceled", err)
	}
	// Page 3 may have been taken just before or just after the cancel.
	if n < 2 || n > 3 || storedIssues(t, st) != n {
		t.Errorf("%d committed, %d stored: want the 2 or 3 pages before the cancel", n, storedIssues(t, st))
	}
	cp, err := st.SyncState(context.Background(), sourceIssues)
	if err != nil || cp.Cursor != fmt.Sprint(n) {
		t.Errorf("checkpoint %+v, %v: want page %d's", cp, err, n)
	}
}

// A page that cannot be stored fails the sync with an error naming the
// issue, and its group is rolled back with its checkpoint: the next run
// fetches the group again.
func TestWriterFailsOnABadPage(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "db.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	w := startWriter(ctx, st)
	if err := w.save(pageOf(1), checkpointAt(1)); err != nil {
		t.Fatal(err)
	}
	bad := pageOf(2)
	bad.Issues[0].Issue.ID = ""
	w.save(bad, checkpointAt(2))
	w.save(pageOf(3), checkpointAt(3))
	n, _, err := w.close()
	if err == nil || !strings.Contains(err.Error(), "ABC-2") {
		t.Errorf("close error %v, want one naming ABC-2", err)
	}
	if n != 0 || storedIssues(t, st) != 0 {
		t.Errorf("%d committed, %d stored: want the failed group rolled back", n, storedIssues(t, st))
	}
	if cp, err := st.SyncState(ctx, sourceIssues); err != nil || cp.Cursor != "" {
		t.Errorf("checkpoint %+v, %v: want none", cp, err)
	}
}

// The policy decides the commits: a group is committed as soon as it
// holds maxIssues issues, and not before close while it holds fewer. It
// runs in a synctest bubble, so "the writer has handled the page" is
// synctest.Wait (every goroutine blocked), not a sleep, and its hour of
// maxWait never passes.
func TestWriterCommitsFullGroups(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		st, err := store.Open(ctx, filepath.Join(t.TempDir(), "db.sqlite"))
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		w := startWriterWith(ctx, st, commitPolicy{maxIssues: 3, maxWait: time.Hour})
		for _, p := range []store.Batch{pageOf(1, 2), pageOf(3)} {
			if err := w.save(p, nil); err != nil {
				t.Fatal(err)
			}
		}
		synctest.Wait()
		if n := storedIssues(t, st); n != 3 {
			t.Fatalf("%d issues committed, want the full group of 3", n)
		}
		if err := w.save(pageOf(4, 5), nil); err != nil {
			t.Fatal(err)
		}
		synctest.Wait()
		if n := storedIssues(t, st); n != 3 {
			t.Errorf("%d issues committed with a group of 2 open, want 3", n)
		}
		if n, _, err := w.close(); err != nil || n != 5 || storedIssues(t, st) != 5 {
			t.Errorf("close: %d issues, %v; stored %d; want 5", n, err, storedIssues(t, st))
		}
	})
}

// BenchmarkCommitPolicy writes a first sync of 10,000 small issues in
// pages of 100 through the writer, committing every page and with the
// collector's policy, and closes the store (which checkpoints the WAL):
//
//	go test ./collector -run '^$' -bench CommitPolicy -benchtime 3x
func BenchmarkCommitPolicy(b *testing.B) {
	var pages []store.Batch
	for start := 1; start <= 10000; start += 100 {
		ids := make([]int, 100)
		for i := range ids {
			ids[i] = start + i
		}
		pages = append(pages, pageOf(ids...))
	}
	for _, p := range []struct {
		name   string
		policy commitPolicy
	}{{"every_page", commitPolicy{maxIssues: 1, maxWait: time.Second}}, {"groupCommits", groupCommits()}} {
		b.Run(p.name, func(b *testing.B) {
			ctx := context.Background()
			for range b.N {
				b.StopTimer()
				st, err := store.Open(ctx, filepath.Join(b.TempDir(), "db.sqlite"))
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				w := startWriterWith(ctx, st, p.policy)
				for i, page := range pages {
					if err := w.save(page, checkpointAt(i)); err != nil {
						b.Fatal(err)
					}
				}
				if _, _, err := w.close(); err != nil {
					b.Fatal(err)
				}
				if err := st.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(10000*b.N)/b.Elapsed().Seconds(), "issues/s")
		})
	}
}
