package doctor

import "context"

// calendarChecks is where each calendar of the config's `calendars:` is
// checked (reachable, parses, has events in the window; SPEC §3.1).
//
// HOOK(calendars): the `calendars:` key is added to config by another
// change; until it is on this branch there is nothing to check. When it
// lands, add here per entry: load the feed as collect does (file or URL,
// url_env), fail when it cannot be read or parsed, warn when it has no
// occurrence in the analysed window.
func (d *run) calendarChecks(ctx context.Context, add func(Check)) {}
