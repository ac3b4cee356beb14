package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/store"
)

// bulkyBatch is n issues from id on with large descriptions, so that
// each batch writes dozens of WAL pages.
func bulkyBatch(id, n int) store.Batch {
	var b store.Batch
	for i := range n {
		key := fmt.Sprintf("BULK-%d", id+i)
		b.Issues = append(b.Issues, store.IssueData{Issue: model.Issue{
			ID: fmt.Sprint(id + i), Key: key, ProjectKey: "BULK", Summary: key,
			Description: strings.Repeat("story text ", 800), Created: t0, Updated: t0,
		}})
	}
	return b
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// walFrames is the number of frames in the WAL, as a passive checkpoint
// (which neither waits nor restarts the WAL) reports it.
func walFrames(t *testing.T, st *store.Store) int {
	t.Helper()
	var busy, frames, done int
	must(t, st.DB().QueryRow(`PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &frames, &done))
	return frames
}

// The store copies committed pages into the database file on its own,
// without a commit crossing SQLite's threshold and without Close.
func TestBackgroundCheckpointFillsTheDatabaseFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "db.sqlite")
	st := open(t, path)
	var pages int
	must(t, st.DB().QueryRow(`PRAGMA wal_autocheckpoint`).Scan(&pages))
	if pages < 10000 {
		t.Fatalf("wal_autocheckpoint = %d: SQLite would checkpoint inside commits", pages)
	}
	before := fileSize(t, path)
	for i := range 5 {
		must(t, st.SaveBatch(ctx, bulkyBatch(1000+i*10, 10), nil))
	}
	// 50 issues of about 9 KB: some 450 KB must reach the file.
	deadline := time.Now().Add(10 * time.Second)
	for fileSize(t, path) < before+400<<10 {
		if time.Now().After(deadline) {
			t.Fatalf("database file still %d bytes (was %d): nothing checkpointed", fileSize(t, path), before)
		}
		time.Sleep(20 * time.Millisecond)
	}
	n, err := st.Status(ctx)
	must(t, err)
	if n.Issues != 50 {
		t.Errorf("%d issues, want 50", n.Issues)
	}
}

// Under a writer that never pauses (a first sync, where the next batch is
// always ready), the WAL stays bounded instead of holding every page
// written since the store was opened.
func TestBackgroundCheckpointBoundsTheWAL(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "db.sqlite")
	st := open(t, path)
	st.SetCheckpointPolicy(64, 5*time.Millisecond)
	// Without restarts the WAL holds every page written, more than the
	// database itself; with them it stops growing while the database
	// does. How soon that shows depends on how much CPU the checkpointer
	// gets (a loaded CI machine), hence writing until it does, up to a
	// bound far beyond what a working checkpointer needs.
	const maxBatches = 2000 // 20,000 issues of about 9 KB: some 180 MB
	batches := 0
	for batches < maxBatches {
		must(t, st.SaveBatch(ctx, bulkyBatch(1000+batches*10, 10), nil))
		batches++
		if batches > 50 && fileSize(t, path+"-wal") < fileSize(t, path)/2 {
			break
		}
	}
	if batches == maxBatches {
		t.Errorf("WAL of %d bytes beside a database of %d after %d batches: not restarted while written",
			fileSize(t, path+"-wal"), fileSize(t, path), batches)
	}
	must(t, st.Close())
	st = open(t, path)
	n, err := st.Status(ctx)
	must(t, err)
	if n.Issues != batches*10 {
		t.Errorf("%d issues after reopening, want %d", n.Issues, batches*10)
	}
}
