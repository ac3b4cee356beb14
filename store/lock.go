package store

import "errors"

// ErrCollectRunning is returned by LockCollect while another collect
// holds the store.
var ErrCollectRunning = errors.New("another roleload collect is running on this store")

// LockCollect takes the store's collect lock, an advisory lock on a file
// beside the database, so that two collects (cron overlapping a long
// first sync, a daemon and a hand-run) never interleave their passes and
// censuses. The system releases it when the process ends, killed or not;
// unlock releases it earlier.
func (s *Store) LockCollect() (unlock func(), err error) {
	return lockFile(s.path+".lock", ErrCollectRunning)
}
