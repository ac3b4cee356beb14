package collector

import (
	"strconv"
	"strings"
	"time"
)

// jqlLayout is how JQL writes a moment: minute resolution, in the Jira
// user's time zone.
const jqlLayout = "2006/01/02 15:04"

// jqlTime writes t for a `>=` clause in loc, rounded down to the minute.
// Around a DST fall-back the same wall clock names two instants and we
// cannot know which one Jira picks: step back until every reading of the
// text is at or before t, so nothing is skipped.
func jqlTime(t time.Time, loc *time.Location) string {
	for c := t; ; c = c.Add(-30 * time.Minute) {
		s := c.In(loc).Format(jqlLayout)
		if !latestReading(s, loc).After(t) {
			return s
		}
	}
}

func latestReading(s string, loc *time.Location) time.Time {
	a, err := time.ParseInLocation(jqlLayout, s, loc)
	if err != nil {
		return time.Time{}
	}
	latest := a
	for _, d := range []time.Duration{-time.Hour, time.Hour} {
		if b := a.Add(d); b.In(loc).Format(jqlLayout) == s && b.After(latest) {
			latest = b
		}
	}
	return latest
}

// scopeJQL is the configured scope: the projects, and the extra filter.
func scopeJQL(projects []string, extra string) string {
	quoted := make([]string, len(projects))
	for i, p := range projects {
		quoted[i] = strconv.Quote(p)
	}
	q := "project in (" + strings.Join(quoted, ", ") + ")"
	if strings.TrimSpace(extra) != "" {
		q += " AND (" + extra + ")"
	}
	return q
}

// passJQL asks for the scope updated since from (minus nothing: the
// caller subtracted the overlap), created since cursor when resuming, in
// a stable order so that issues updated during the run do not jump pages.
func passJQL(scope string, from, cursor time.Time, loc *time.Location) string {
	q := scope
	if !from.IsZero() {
		q += ` AND updated >= "` + jqlTime(from, loc) + `"`
	}
	if !cursor.IsZero() {
		q += ` AND created >= "` + jqlTime(cursor, loc) + `"`
	}
	return q + " ORDER BY created ASC"
}
