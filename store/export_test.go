package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"

	"github.com/roleload/roleload/model"
)

// sqliteCheckpointsDriver is the driver of a store that leaves the WAL
// to SQLite's own automatic checkpoint at its default 1,000 pages.
const sqliteCheckpointsDriver = "sqlite3_roleload_sqlite_checkpoints"

func init() {
	sql.Register(sqliteCheckpointsDriver, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		_, err := c.Exec("PRAGMA wal_autocheckpoint = 1000", nil)
		return err
	}})
}

// OpenWithSQLiteCheckpoints opens a store whose WAL is checkpointed the
// SQLite way, inside the commits, for BenchmarkCheckpoints' baseline.
func OpenWithSQLiteCheckpoints(ctx context.Context, path string) (*Store, error) {
	return open(ctx, path, sqliteCheckpointsDriver, false)
}

// DB exposes the database to the package's tests.
func (s *Store) DB() *sql.DB { return s.db }

// SetCheckpointPolicy lowers the WAL size at which the background
// checkpointer restarts the WAL, and the time between its checkpoints, so
// that a test need not write 64 MiB. Call it before the first write.
func (s *Store) SetCheckpointPolicy(restartFrames int, interval time.Duration) {
	s.ckpt.restartFrames, s.ckpt.interval = restartFrames, interval
}

// LoadActivityWithout is LoadActivity with one of its tricks turned off,
// for BenchmarkLoadActivityPlan: "storage-order" (read through the
// indexes), "histories-alongside" (read histories after the rest);
// "" turns none off.
func (s *Store) LoadActivityWithout(ctx context.Context, projects []string, trick string) (*model.Activity, error) {
	var plan loadPlan
	switch trick {
	case "":
	case "storage-order":
		plan.order = new(bool)
	case "histories-alongside":
		plan.serialHistories = true
	default:
		return nil, fmt.Errorf("no trick %q", trick)
	}
	where := `i.deleted = 0 AND i.project_key IN (` + placeholders(len(projects)) + `)`
	return s.loadActivity(ctx, where, anySlice(projects), plan)
}
