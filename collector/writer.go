package collector

import (
	"context"
	"sync"
	"time"

	"github.com/roleload/roleload/store"
)

// writer commits batches in order on its own goroutine, so that the next
// page is completed while this one is written. No batch waits in a queue:
// when the writer is the slower side (a large store), queued batches only
// added to the heap, not to the speed.
// After a failure it commits nothing more and reports the error.
type writer struct {
	jobs chan writeJob
	done chan struct{}

	mu        sync.Mutex
	err       error
	issues    int
	watermark time.Time
}

type writeJob struct {
	b  store.Batch
	cp *store.SyncState
}

func startWriter(ctx context.Context, st *store.Store) *writer {
	w := &writer{jobs: make(chan writeJob), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		for j := range w.jobs {
			if w.failed() != nil {
				continue
			}
			err := st.SaveBatch(ctx, j.b, j.cp)
			w.mu.Lock()
			if err != nil {
				w.err = err
			} else {
				w.issues += len(j.b.Issues)
				if j.cp != nil {
					w.watermark = j.cp.Watermark
				}
			}
			w.mu.Unlock()
		}
	}()
	return w
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

// close waits for the queued batches and returns what was committed.
func (w *writer) close() (issues int, watermark time.Time, err error) {
	close(w.jobs)
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.issues, w.watermark, w.err
}
