package analysis

import "time"

// TimelineBlock is one stretch of a PM's or PO's attributed time.
type TimelineBlock struct {
	PersonID string
	Start    time.Time
	End      time.Time
	Category string   // "story_writing", "discovery" or "other"
	Source   string   // "jira" or "calendar"
	Issues   []string // the Jira keys behind the block (empty for calendar time)
}
