package store

import (
	"database/sql"
	"time"
)

// DB exposes the database to the package's tests.
func (s *Store) DB() *sql.DB { return s.db }

// SetCheckpointPolicy lowers the WAL size at which the background
// checkpointer restarts the WAL, and the time between its checkpoints, so
// that a test need not write 64 MiB. Call it before the first write.
func (s *Store) SetCheckpointPolicy(restartFrames int, interval time.Duration) {
	s.ckpt.restartFrames, s.ckpt.interval = restartFrames, interval
}
