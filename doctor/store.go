package doctor

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/roleload/roleload/store"
)

// errNoStore: store.path names no file yet (nothing collected).
var errNoStore = errors.New("no store yet")

// store opens the store at store.path the first time a check asks for it
// and gives every later check the same one; Run closes it at the end. It
// returns errNoStore when the file does not exist: doctor never creates
// a store. People, calendar and store checks run one after another, so a
// single connection pool serves them all.
func (d *run) store(ctx context.Context) (*store.Store, error) {
	d.storeMu.Lock()
	defer d.storeMu.Unlock()
	if !d.stDone {
		d.stDone = true
		path := d.cfg.Store.Path
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			d.stErr = errNoStore
		} else {
			d.st, d.stErr = store.Open(ctx, path)
		}
	}
	return d.st, d.stErr
}

// closeStore closes the store if a check opened it.
func (d *run) closeStore() {
	d.storeMu.Lock()
	defer d.storeMu.Unlock()
	if d.st != nil {
		d.st.Close()
		d.st = nil
	}
}

// storeChecks: the last sync, failed syncs in a row, complete changelogs.
func (d *run) storeChecks(ctx context.Context, add func(Check)) {
	st, err := d.store(ctx)
	switch {
	case errors.Is(err, errNoStore):
		add(warn("store", "run roleload collect", "%s does not exist yet: nothing collected", d.cfg.Store.Path))
		return
	case err != nil:
		add(fail("store", "check store.path and the file's permissions", "%v", err))
		return
	}
	s, err := st.Status(ctx)
	if err != nil {
		add(fail("store", "check store.path; the file may be damaged", "%v", err))
		return
	}
	stale := d.cfg.Alerts.StaleAfter.D()
	now := d.opts.Now()
	switch {
	case s.LastSync == nil:
		add(warn("store last sync", "run roleload collect", "never synced"))
	case stale > 0 && now.Sub(*s.LastSync) > stale:
		add(fail("store last sync", "run roleload collect; if the daemon runs, read its log for why it stopped syncing",
			"last successful sync %s, %s ago: older than alerts.stale_after (%s)", s.LastSync.UTC().Format(time.RFC3339),
			age(now.Sub(*s.LastSync)), stale))
	default:
		add(ok("store last sync", "last successful sync %s (%s ago), %d issues", s.LastSync.UTC().Format(time.RFC3339), age(now.Sub(*s.LastSync)), s.Issues))
	}
	runs, err := st.LastRuns(ctx, max(d.cfg.Alerts.FailedSyncs, 1)+10)
	if err != nil {
		add(fail("store failed syncs", "check the store file", "%v", err))
		return
	}
	failed, lastErr := 0, ""
	for _, r := range runs {
		if r.Status == store.RunOK {
			break
		}
		if r.Status == store.RunFailed || r.Status == store.RunInterrupted {
			if failed == 0 {
				lastErr = r.Error
			}
			failed++
		}
	}
	switch {
	case failed == 0:
		add(ok("store failed syncs", "none since the last successful sync"))
	case failed >= d.cfg.Alerts.FailedSyncs:
		add(fail("store failed syncs", "fix the cause, then run roleload collect", "%d failed in a row (alerts.failed_syncs %d), last: %s",
			failed, d.cfg.Alerts.FailedSyncs, lastErr))
	default:
		add(warn("store failed syncs", "run roleload collect; it resumes where the failed run stopped", "%d failed since the last good one, last: %s", failed, lastErr))
	}
	n, err := st.IncompleteChangelogs(ctx)
	switch {
	case err != nil:
		add(fail("store changelogs", "check the store file", "%v", err))
	case n > 0:
		add(warn("store changelogs", "run roleload collect: it fetches the rest", "%d issues hold fewer histories than Jira reported", n))
	default:
		add(ok("store changelogs", "complete for all %d issues", s.Issues))
	}
}

func age(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < 2*time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 72*time.Hour:
		return fmt.Sprintf("%dh", int(d.Hours()))
	}
	return fmt.Sprintf("%dd", int(d.Hours()/24))
}
