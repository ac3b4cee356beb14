package store

import (
	"context"
	"database/sql"
	"log/slog"
	"strconv"
	"sync"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// The WAL is checkpointed by the store's own goroutine, not by SQLite in
// the committing connection.
//
// SQLite's automatic checkpoint runs inside the COMMIT of whichever write
// crosses its threshold (1,000 pages), and that commit then waits for the
// copy and two fsyncs. Measured on a first sync of 10,000 issues, commits
// were 40% of the writer's time, and the collector took 1.40x the time of
// fetching alone; with the checkpoints moved aside, 1.21–1.28x (grouped
// commits, collector/writer.go, took the rest). BenchmarkCheckpoints
// measures the store's write path both ways: writing those 10,000 issues
// in the collector's groups and closing took 0.84–1.01 of the time it
// takes with SQLite's own checkpoints, median 0.90 (2026-12-04, five runs
// of 3 on a shared 2-core machine): on the store's path alone the saving
// is near this machine's noise; the collector's measurement above is
// where it shows.
//
// A passive checkpoint never blocks the writer: it copies only committed
// frames and skips those a reader still needs. SQLite starts the WAL anew
// only when a write begins with every frame copied, which a writer that
// never pauses (a first sync) does not allow, and a RESTART checkpoint
// waits for the write lock by polling, which such a writer never leaves
// free long enough. So once the WAL has grown past walRestartFrames, the
// checkpointer holds batches back (gate) for a second passive checkpoint
// of the few frames written meanwhile, and the next batch restarts it.

// driverName is the SQLite driver with roleload's per-connection set-up:
// mattn/go-sqlite3 has no DSN parameter for wal_autocheckpoint, so it is
// set by a connect hook.
const driverName = "sqlite3_roleload"

const (
	// autoCheckpointPages is SQLite's own threshold, kept only as a
	// bound should the background checkpoints fail: far above
	// walRestartFrames, so that it never fires while they work.
	autoCheckpointPages = 65536
	// walRestartFrames (64 MiB of 4 KiB pages) is the WAL size past which
	// the checkpointer restarts the WAL; walSizeLimit then truncates the
	// file to that size, so that a long-running daemon does not keep the
	// largest WAL it ever needed.
	walRestartFrames = 16384
	walSizeLimit     = walRestartFrames * 4096
	// checkpointInterval is the least time between two background
	// checkpoints: a burst of writes is checkpointed a few times a
	// second, not once per batch (each checkpoint costs an fsync).
	checkpointInterval = 500 * time.Millisecond
)

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		_, err := c.Exec("PRAGMA wal_autocheckpoint = "+strconv.Itoa(autoCheckpointPages)+
			"; PRAGMA journal_size_limit = "+strconv.Itoa(walSizeLimit), nil)
		return err
	}})
}

// checkpointer runs the background checkpoints of one Store.
type checkpointer struct {
	// gate is held by a BatchWriter for its transaction, and by the
	// checkpointer to catch up with every frame between two of them.
	gate sync.Mutex

	db            *sql.DB
	restartFrames int           // walRestartFrames but in tests
	interval      time.Duration // checkpointInterval but in tests
	kick          chan struct{}
	stop          chan struct{}
	stopOnce      sync.Once
	done          sync.WaitGroup
}

// startCheckpointer starts the background checkpoints of db; without
// background, the checkpointer only serialises batches (its gate) and
// SQLite checkpoints in the committing connection, as it would by itself.
func startCheckpointer(db *sql.DB, background bool) *checkpointer {
	c := &checkpointer{db: db, restartFrames: walRestartFrames, interval: checkpointInterval, kick: make(chan struct{}, 1), stop: make(chan struct{})}
	if background {
		c.done.Add(1)
		go c.loop()
	}
	return c
}

// wrote tells the checkpointer that a transaction committed; it never
// blocks.
func (c *checkpointer) wrote() {
	select {
	case c.kick <- struct{}{}:
	default:
	}
}

func (c *checkpointer) loop() {
	defer c.done.Done()
	for {
		select {
		case <-c.stop:
			return
		case <-c.kick:
		}
		c.checkpoint()
		select {
		case <-c.stop:
			return
		case <-time.After(c.interval):
		}
	}
}

// checkpoint copies what it can without waiting and, when the WAL has
// grown too long, lets no batch begin until all of it is copied, so that
// the next one starts the WAL from its beginning.
func (c *checkpointer) checkpoint() {
	frames, err := c.run()
	if err == nil && frames > c.restartFrames && c.takeGate() {
		_, err = c.run()
		c.gate.Unlock()
	}
	if err != nil {
		// Not fatal: SQLite's own checkpoint still bounds the WAL, and
		// the last connection to close checkpoints all of it.
		slog.Debug("store: background checkpoint", "err", err)
	}
}

// takeGate waits for the open BatchWriter, if any, to end, unless the
// store is closing (its owner may be the one waiting for Close).
func (c *checkpointer) takeGate() bool {
	for !c.gate.TryLock() {
		select {
		case <-c.stop:
			return false
		case <-time.After(5 * time.Millisecond):
		}
	}
	return true
}

// run runs one passive checkpoint and returns the WAL's size in frames.
func (c *checkpointer) run() (frames int, err error) {
	var busy, done int
	err = c.db.QueryRowContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &frames, &done)
	return frames, err
}

// close stops the checkpointer; it may be called more than once.
func (c *checkpointer) close() {
	c.stopOnce.Do(func() { close(c.stop) })
	c.done.Wait()
}
