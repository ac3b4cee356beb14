package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/roleload/roleload/model"
)

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
