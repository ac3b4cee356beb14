package analysis

import "github.com/roleload/roleload/analysis/signal"

// Result is the analysis of one team over one window: SPEC §8.2 key for
// key (the json tags are the contract). Fields tagged json:"-" carry detail
// for the text and HTML renderings that the JSON contract does not name.
type Result struct {
	Team                string        `json:"team"`
	AsOf                string        `json:"as_of"` // YYYY-MM-DD, team time zone
	Window              Window        `json:"window"`
	People              []PersonHours `json:"people"`
	InputRequests       InputRequests `json:"input_requests"`
	ReadyBacklogSprints *float64      `json:"ready_backlog_sprints"` // null: nothing resolved to divide by
	Coverage            Coverage      `json:"coverage"`
	Verdict             Verdict       `json:"verdict"`

	Context Context `json:"-"`
	// Weekly holds the same measures per ISO week, oldest first, for the
	// Input.HistoryWeeks weeks that end with the window's last week (the
	// last one ends at as_of), for charts and week-on-week deltas.
	Weekly []WeekMeasures `json:"-"`
	// Reliable is false when coverage says the time split is not to be
	// presented as fact (SPEC §6.5: below 50% coverage or above 30%
	// unclassified), and when changelogs are incomplete (edits are missing).
	Reliable bool `json:"-"`
	// Thresholds are those the verdict was judged by (Input.Thresholds),
	// for the sentences and chart lines told from the result.
	Thresholds signal.Thresholds `json:"-"`
	// Requests lists every input request of the window (evidence holds the worst).
	Requests []Request `json:"-"`
	// CalendarBlocks are the PMs'/POs' longest calendar occurrences in
	// the window (evidence of what Jira cannot see; none without calendars).
	CalendarBlocks []CalendarBlock `json:"-"`
	// Timeline is each PM's/PO's attributed time in the window, block by block (for the dashboard's person page).
	Timeline []TimelineBlock `json:"-"`
}

// Window is the analysed span, in the team's calendar.
type Window struct {
	From        string `json:"from"`
	To          string `json:"to"`
	WorkingDays int    `json:"working_days"`
}

// PersonHours is the time model's output for one PM or PO.
type PersonHours struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	Role       string     `json:"role"` // pm | po
	Hours      Hours      `json:"hours"`
	HoursRange HoursRange `json:"hours_range"`
	// HoursBySource splits Hours by where they were seen; meetings are
	// calendar "other" and nowhere else (SPEC §6.3).
	HoursBySource            HoursBySource `json:"hours_by_source"`
	MeetingHours             float64       `json:"meeting_hours"`
	DiscoveryShare           *float64      `json:"discovery_share"` // null when no story writing or discovery
	AfterHoursShare          *float64      `json:"after_hours_share"`
	StoryWritingHoursPerWeek float64       `json:"story_writing_hours_per_week"`

	// Coverage is this person's own (Result.Coverage is the verdict
	// subject's): a PM's split can be unreliable when the PO's is not.
	Coverage *Coverage `json:"-"`
}

// Hours per category and story-writing subcategory.
type Hours struct {
	StoryWriting float64 `json:"story_writing"`
	Discovery    float64 `json:"discovery"`
	Other        float64 `json:"other"`
	Authoring    float64 `json:"authoring"`
	Refinement   float64 `json:"refinement"`
	Answering    float64 `json:"answering"`
}

// HoursBySource is SPEC §8.2 hours_by_source.
type HoursBySource struct {
	Jira     SourceHours `json:"jira"`
	Calendar SourceHours `json:"calendar"`
}

// SourceHours are one source's hours per category.
type SourceHours struct {
	StoryWriting float64 `json:"story_writing"`
	Discovery    float64 `json:"discovery"`
	Other        float64 `json:"other"`
}

// HoursRange is the uncertainty range of SPEC §6.5.
type HoursRange struct {
	Low  SplitHours `json:"low"`
	High SplitHours `json:"high"`
}

// SplitHours is story writing and discovery hours only.
type SplitHours struct {
	StoryWriting float64 `json:"story_writing"`
	Discovery    float64 `json:"discovery"`
}

// InputRequests is SPEC §6.4/§6.5 over the window.
type InputRequests struct {
	Total             int        `json:"total"`
	DaysWithRequests  int        `json:"days_with_requests"`
	WorkingDays       int        `json:"working_days"`
	DailyShare        float64    `json:"daily_share"`
	PerDay            []DayCount `json:"per_day"` // every working day of the window
	Requesters        int        `json:"requesters"`
	TopRequesterShare float64    `json:"top_requester_share"`
	ResponseHoursP50  *float64   `json:"response_hours_p50"` // null when none answered
	ResponseHoursP90  *float64   `json:"response_hours_p90"`
	Unanswered        int        `json:"unanswered"`
}

// DayCount is requests opened on one working day.
type DayCount struct {
	Date  string `json:"date"`
	Count int    `json:"count"`
}

// Coverage says how far to trust the time split.
type Coverage struct {
	PMActiveDayShare   float64 `json:"pm_active_day_share"`
	UnclassifiedShare  float64 `json:"unclassified_share"`
	ChangelogsComplete bool    `json:"changelogs_complete"`
}

// Reliable reports whether the time split measured with this coverage can
// be presented as fact (SPEC §6.5: at least 50% of working days seen, at
// most 30% unclassified) and no edits are missing from it.
func (c Coverage) Reliable() bool {
	return signal.SplitReliable(c.PMActiveDayShare, c.UnclassifiedShare, c.ChangelogsComplete)
}

// Verdict is SPEC §6.6.
type Verdict struct {
	Level    string     `json:"level"` // ok | watch | hire_po
	Signals  []Signal   `json:"signals"`
	Evidence []Evidence `json:"evidence"`

	// Subject is "pm" or "po": whose load the verdict speaks of.
	Subject string   `json:"-"`
	Reasons []string `json:"-"` // one sentence per tripped signal, for the headline
	// Unknown counts the signals that could not be judged (Known false).
	Unknown int `json:"-"`
}

// Signal is one threshold check.
type Signal struct {
	Name      string   `json:"name"`
	Value     *float64 `json:"value"` // null when not measurable in the window
	Threshold float64  `json:"threshold"`
	Tripped   bool     `json:"tripped"`
	// Known is false when the data to judge the signal is missing (SPEC
	// §6.6): then Value is null, Tripped false and Why says why and how
	// to fix it.
	Known bool    `json:"known"`
	Why   *string `json:"why"` // null when known
}

// Evidence is one of the slowest or unanswered requests.
type Evidence struct {
	Issue         string   `json:"issue"`
	Opened        string   `json:"opened"`   // RFC 3339 in the team time zone
	Answered      *string  `json:"answered"` // null: unanswered
	ResponseHours *float64 `json:"response_hours"`

	Summary    string `json:"-"`
	Requester  string `json:"-"` // display name
	AnsweredBy string `json:"-"` // display name, empty when unanswered
	Rule       string `json:"-"` // which §6.4 rule opened it: mention, question, waiting_status, assigned, flagged, input_label
}

// Request is one input request (SPEC §6.4).
type Request struct {
	IssueKey      string
	Summary       string
	Rule          string
	RequesterID   string
	RequesterName string
	Opened        string // RFC 3339, team time zone
	Answered      string // empty when not answered
	AnsweredByID  string
	AnsweredBy    string
	ResponseHours *float64 // working hours; nil when not answered
	Unanswered    bool     // open longer than unanswered_after at the window's end
}

// Context is the background figures of SPEC §6.5.
type Context struct {
	EngineersPerPM            float64
	Engineers                 int
	StoriesCreatedByPMPerWeek float64
	StoriesResolvedPerWeek    float64
	ReadyStories              int
	SprintsUsed               bool // ready_backlog_sprints divided by sprints (else two-week periods)
}

// WeekMeasures is one ISO week's figures for charts and deltas.
type WeekMeasures struct {
	Week                string // 2026-W47
	Start               string // Monday, YYYY-MM-DD
	Hours               Hours  // the PM's (sum over PMs), Jira and calendar
	CalendarHours       Hours  // the calendar part of Hours
	MeetingHours        float64
	DiscoveryShare      *float64
	AfterHoursShare     *float64
	Requests            int
	DaysWithRequests    int
	WorkingDays         int
	ResponseHoursP50    *float64
	ResponseHoursP90    *float64
	ReadyBacklogSprints *float64 // at the week's end
}
