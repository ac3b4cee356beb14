package doctor

import (
	"context"
	"fmt"
	"time"

	"github.com/roleload/roleload/calendar"
)

// calendarChecks checks each calendar of the config's `calendars:`
// (SPEC §3.1): reachable, parses, has events in the last 4 weeks. The
// feed is loaded as collect loads it, and nothing is stored; a secret
// URL (url_env) is never shown, only the variable's name.
func (d *run) calendarChecks(ctx context.Context, add func(Check)) {
	// The 4 weeks end at Jira's clock when the store has synced (as the
	// collect's window does, SPEC §5.1), else now.
	end := d.opts.Now()
	if jiraClock := d.storeClock(ctx); !jiraClock.IsZero() {
		end = jiraClock
	}
	from, to := end.Add(-sinceActive), end
	for _, f := range d.cfg.Calendars {
		name := fmt.Sprintf("calendar %s (%s)", f.Person, f.Label())
		feed, err := calendar.Probe(ctx, f, d.cfg.Calendar, &calendar.Fetcher{MaxRetries: 1}, from, to)
		switch {
		case err != nil:
			add(fail(name, "check the file or address (Google: \"secret address in iCal format\"; Outlook: the published ICS link)", "%v", err))
		case len(feed.Occurrences) == 0:
			add(warn(name, "check that this is the person's own work calendar and that its events are not all private, free or declined",
				"reachable and parses (%d events), but no meeting in the last 4 weeks", feed.Events))
		case feed.Problems > 0:
			add(warn(name, "the feed has lines roleload could not read; the rest is used",
				"%d meetings in the last 4 weeks, %d problems", len(feed.Occurrences), feed.Problems))
		default:
			add(ok(name, "%d meetings in the last 4 weeks", len(feed.Occurrences)))
		}
	}
}

// storeClock is Jira's clock at the last sync, zero without a store.
func (d *run) storeClock(ctx context.Context) time.Time {
	st, err := d.store(ctx)
	if err != nil {
		return time.Time{}
	}
	t, _ := st.CalendarClock(ctx)
	return t
}
