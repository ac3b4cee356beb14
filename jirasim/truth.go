package jirasim

import "time"

// Truth is what really happened in a scenario, recorded by its generator,
// for accuracy tests of the analysis: the PM's true Jira-visible time per
// category over the window that ends at AsOf, every input request with its
// true open and answer time, and the verdict a correct analysis reaches.
type Truth struct {
	PM    string    // person ID
	AsOf  time.Time // last day of the analysis window (team time zone, midnight)
	Weeks int
	// Hours of the PM's real work per category in the window:
	// "story_writing", "discovery", "other".
	Hours            map[string]float64
	DiscoveryShare   float64
	InputRequests    []TrueRequest
	DaysWithRequests int
	Verdict          string // ok | watch | hire_po
}

// TrueRequest is one input request as it really happened.
type TrueRequest struct {
	IssueKey  string
	Requester string // person ID
	Rule      string // mention | question | waiting_status | assigned | flagged | input_label
	Opened    time.Time
	Answered  time.Time // zero: never answered
}
