package store

import "database/sql"

// DB exposes the database to the package's tests.
func (s *Store) DB() *sql.DB { return s.db }
