package scenario

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

	// The figures below are what the verdict rests on, measured on the
	// truth over the same window, so a test can explain a mismatch.

	// WindowFrom is the first day of the window (team time zone, midnight);
	// the window ends at the end of AsOf.
	WindowFrom  time.Time
	WorkingDays int
	// DailyShare is DaysWithRequests / WorkingDays.
	DailyShare float64
	Requesters int // distinct engineers who opened requests in the window
	// ResponseP50 is the median working hours from open to answer of the
	// requests opened in the window and answered by the end of AsOf.
	ResponseP50 float64
	// Unanswered counts requests opened in the window and still open at
	// the end of AsOf after more than 16 working hours. AnsweredLate counts
	// those answered, but only after more than 16 working hours (an
	// implementation reading "unanswered" as "open for 16 working hours at
	// some point" adds them).
	Unanswered   int
	AnsweredLate int
	// AfterHoursShare is the PM's task time outside working hours (evenings,
	// weekends, holidays) over all the PM's task time in the window.
	AfterHoursShare          float64
	StoryWritingHoursPerWeek float64
	// ReadyAtEnd is the number of delivery stories in a ready status at the
	// end of AsOf; StoriesResolvedPerSprint the stories resolved in the
	// window per two weeks. ReadyBacklogSprints is their ratio.
	ReadyAtEnd               int
	StoriesResolvedPerSprint float64
	ReadyBacklogSprints      float64
	// Signals names the §6.6 signals that trip on these figures.
	Signals []string

	// Habits are how the PM worked (pace, pauses, saves, drafts made
	// outside Jira, gaps between tasks): where they differ from SPEC §6.3's
	// assumptions, a correct analysis differs from the truth.
	Habits Habits

	// Spans are every task of the PM, inside the window or not, so tests
	// can measure other windows or days.
	Spans []TrueSpan
	// Decoys are events made to look like input requests that must not
	// count (a '?' only in a code block or URL, a bot, a mention of
	// someone else...), with why.
	Decoys []Decoy
}

// TrueRequest is one input request as it really happened.
type TrueRequest struct {
	IssueKey  string
	Requester string // person ID
	Rule      string // mention | question | waiting_status | assigned | flagged | input_label
	Opened    time.Time
	Answered  time.Time // zero: never answered
}

// TrueSpan is one stretch of the PM's real work: one task.
type TrueSpan struct {
	Start, End time.Time
	Category   string // story_writing | discovery | other
	Sub        string // authoring | refinement | answering | "" for discovery
	Task       string // what the PM was doing, for test messages
	IssueKey   string
}

// Decoy is an event that resembles an input request but is not one.
type Decoy struct {
	IssueKey string
	At       time.Time
	Why      string
}
