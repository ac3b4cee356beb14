package analysis

import (
	"cmp"
	"slices"
	"time"
)

// CalendarBlock is one of the largest calendar occurrences of a PM or PO
// in the window: evidence of the time Jira cannot see (SPEC §6.3).
type CalendarBlock struct {
	PersonID, Person string
	Start, End       time.Time // team time zone
	Category         string    // discovery | story_writing | other (a meeting)
	Title            string    // "" when calendar.keep_titles is false
}

// maxCalendarBlocks is how many blocks the report lists.
const maxCalendarBlocks = 5

// largestCalendarBlocks are the product people's longest occurrences in
// the window, longest first (earliest first among equals).
func largestCalendarBlocks(cals map[int32][]CalendarOccurrence, c *cast, f *frame) []CalendarBlock {
	var out []CalendarBlock
	for _, p := range c.product() {
		for _, o := range cals[p] {
			if o.End.UnixNano() <= f.winStart || o.Start.UnixNano() >= f.cutoff {
				continue
			}
			person := c.pp.list[p]
			out = append(out, CalendarBlock{PersonID: person.ID, Person: person.DisplayName, Start: o.Start.In(f.cal.loc),
				End: o.End.In(f.cal.loc), Category: o.Category, Title: o.Title})
		}
	}
	slices.SortStableFunc(out, func(a, b CalendarBlock) int {
		if d := cmp.Compare(b.End.Sub(b.Start), a.End.Sub(a.Start)); d != 0 {
			return d
		}
		return a.Start.Compare(b.Start)
	})
	return out[:min(len(out), maxCalendarBlocks)]
}
