package collector

import (
	"context"
	"sync"
	"time"

	"github.com/roleload/roleload/store"
)

// commitPolicy says when the writer commits the group of pages it has
// written: once the group holds maxIssues issues, or has been open for
// maxWait. Every commit writes again each index page it touched, and one
// commit per page of 100 issues made the writer the slower side of a
// first sync: a quarter to a third more write time than groups of four
// pages (store's BenchmarkSaveSync, and BenchmarkCommitPolicy here). A
// killed run loses at most one group, which the next run fetches again
// from the checkpoint before it; maxWait bounds how long a stalled sync
// holds fetched data back.
type commitPolicy struct {
	maxIssues int
	maxWait   time.Duration
}

// groupCommits is the collector's policy: four pages of 100 issues.
func groupCommits() commitPolicy { return commitPolicy{maxIssues: 400, maxWait: time.Second} }

// full reports whether a group of issues issues must be committed now.
func (p commitPolicy) full(issues int) bool { return issues >= p.maxIssues }

// writer commits batches in order on its own goroutine, so that the next
// page is completed while this one is written. No batch waits in a queue:
// when the writer is the slower side (a large store), queued batches only
// added to the heap, not to the speed.
// After a failure it commits nothing more and reports the error.
type writer struct {
	st     *store.Store
	policy commitPolicy
	jobs   chan writeJob
	done   chan struct{}

	// Only the writer's goroutine uses these.
	open    *store.BatchWriter
	pending *store.SyncState // checkpoint of the last batch written

	mu        sync.Mutex
	err       error
	issues    int
	watermark time.Time
}

type writeJob struct {
	b  store.Batch
	cp *store.SyncState
}

// startWriter starts a writer with the collector's commitPolicy.
func startWriter(ctx context.Context, st *store.Store) *writer {
	return startWriterWith(ctx, st, groupCommits())
}

func startWriterWith(ctx context.Context, st *store.Store, policy commitPolicy) *writer {
	w := &writer{st: st, policy: policy, jobs: make(chan writeJob), done: make(chan struct{})}
	go w.loop(ctx)
	return w
}

func (w *writer) loop(ctx context.Context) {
	defer close(w.done)
	var due <-chan time.Time // when the open group must be committed
	for {
		select {
		case j, ok := <-w.jobs:
			if !ok {
				w.commit(ctx)
				return
			}
			if w.failed() != nil {
				continue
			}
			if err := ctx.Err(); err != nil {
				// Keep what is complete: the group holds whole pages
				// and the checkpoint that matches them.
				w.commit(ctx)
				w.fail(err)
				continue
			}
			if err := w.write(ctx, j); err != nil {
				w.fail(err) // rolls the group back: the next run fetches it again
				continue
			}
			if due == nil {
				due = time.After(w.policy.maxWait)
			}
			if w.policy.full(w.open.Issues()) {
				w.commit(ctx)
				due = nil
			}
		case <-due:
			w.commit(ctx)
			due = nil
		}
	}
}

func (w *writer) write(ctx context.Context, j writeJob) error {
	if w.open == nil {
		bw, err := w.st.BeginBatches(ctx)
		if err != nil {
			return err
		}
		w.open = bw
	}
	if err := w.open.Write(ctx, j.b); err != nil {
		return err
	}
	if j.cp != nil {
		w.pending = j.cp
	}
	return nil
}

// commit commits the open group, if any.
func (w *writer) commit(ctx context.Context) {
	bw, cp := w.open, w.pending
	w.open, w.pending = nil, nil
	if bw == nil {
		return
	}
	if w.failed() != nil {
		bw.Rollback()
		return
	}
	if err := bw.Commit(context.WithoutCancel(ctx), cp); err != nil {
		bw.Rollback()
		w.fail(err)
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.issues += bw.Issues()
	if cp != nil {
		w.watermark = cp.Watermark
	}
}

func (w *writer) fail(err error) {
	if w.open != nil {
		w.open.Rollback()
		w.open, w.pending = nil, nil
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err == nil {
		w.err = err
	}
}

func (w *writer) failed() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// save queues a batch; it returns the error of an earlier batch, if any.
func (w *writer) save(b store.Batch, cp *store.SyncState) error {
	if err := w.failed(); err != nil {
		return err
	}
	w.jobs <- writeJob{b: b, cp: cp}
	return nil
}

// close commits the open group and returns what was committed.
func (w *writer) close() (issues int, watermark time.Time, err error) {
	close(w.jobs)
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.issues, w.watermark, w.err
}
