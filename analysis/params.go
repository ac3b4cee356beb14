package analysis

import (
	"fmt"
	"time"
)

// Team is one product team as the analysis reads it: every value already
// resolved (a *time.Location, not a zone name; hours since midnight, not
// "09:00-17:00"). The analysis fills no default: the caller (app, from
// the config, where the defaults live) passes them all, and Analyze
// refuses a team without a time zone, working hours or working days.
type Team struct {
	Name     string
	Location *time.Location
	// DayStart and DayEnd bound a working day, since midnight team time.
	DayStart, DayEnd time.Duration
	Weekdays         [7]bool         // working days, indexed by time.Weekday
	Holidays         map[string]bool // YYYY-MM-DD, team time

	ProductManagers, ProductOwners, Engineers []string // as Jira names people (SPEC §4)
	DeliveryProjects                          []string // project keys
	Discovery                                 Discovery
	// WaitingStatuses and InputLabels open input requests (SPEC §6.4);
	// ReadyStatuses are the stories ready for development (§6.5). An empty
	// list means none.
	WaitingStatuses, InputLabels, ReadyStatuses []string
	OffDayRequests                              OffDayPolicy
}

// Discovery lists what counts as discovery work (SPEC §6.2); an empty
// list means none.
type Discovery struct {
	Projects   []string
	IssueTypes []string
	Labels     []string
}

// OffDayPolicy says on which day an input request opened on a weekend or
// holiday counts for days_with_requests (SPEC §6.5). The zero value is no
// policy: Analyze refuses it.
type OffDayPolicy int

// Off-day policies.
const (
	// OffDayIgnore counts it on no day (SPEC §6.5 read literally: only
	// working days on which a request opened).
	OffDayIgnore OffDayPolicy = iota + 1
	// OffDayNextWorkingDay counts it on the next working day, when the PM meets it.
	OffDayNextWorkingDay
)

// TimeModel holds the constants of SPEC §6.3 (minutes unless said).
type TimeModel struct {
	CreateMinutes     float64
	TextEditMinutes   float64
	FieldEditMinutes  float64
	TransitionMinutes float64
	CommentMinutes    float64
	ComposeRate       float64 // characters a minute
	CapMinutes        float64
	IdleGap           time.Duration
}

// check refuses an input that leaves out a parameter the analysis needs:
// the analysis fills no default, so a zero here is a caller's mistake
// (the defaults live in config). The error names the team and the first
// parameter missing, as its field in Input.
func (in *Input) check() error {
	t, tm, th := &in.Team, &in.TimeModel, &in.Thresholds
	for _, p := range []struct {
		bad  bool
		what string
	}{
		{t.Location == nil, "Team.Location: no time zone"},
		{t.DayEnd <= t.DayStart, fmt.Sprintf("Team.DayStart %v and DayEnd %v: no working hours", t.DayStart, t.DayEnd)},
		{t.Weekdays == [7]bool{}, "Team.Weekdays: no working day"},
		{t.OffDayRequests != OffDayIgnore && t.OffDayRequests != OffDayNextWorkingDay,
			fmt.Sprintf("Team.OffDayRequests: no off-day-requests policy (%d)", t.OffDayRequests)},
		{in.Weeks < 1, fmt.Sprintf("Weeks %d: no window", in.Weeks)},
		{in.HistoryWeeks < 1, fmt.Sprintf("HistoryWeeks %d: no chart weeks", in.HistoryWeeks)},
		{tm.CreateMinutes <= 0, positive("TimeModel.CreateMinutes", tm.CreateMinutes)},
		{tm.TextEditMinutes <= 0, positive("TimeModel.TextEditMinutes", tm.TextEditMinutes)},
		{tm.FieldEditMinutes <= 0, positive("TimeModel.FieldEditMinutes", tm.FieldEditMinutes)},
		{tm.TransitionMinutes <= 0, positive("TimeModel.TransitionMinutes", tm.TransitionMinutes)},
		{tm.CommentMinutes <= 0, positive("TimeModel.CommentMinutes", tm.CommentMinutes)},
		{tm.ComposeRate <= 0, positive("TimeModel.ComposeRate", tm.ComposeRate)},
		{tm.CapMinutes <= 0, positive("TimeModel.CapMinutes", tm.CapMinutes)},
		{tm.IdleGap <= 0, positive("TimeModel.IdleGap", tm.IdleGap)},
		{th.SlowAnswers <= 0, positive("Thresholds.SlowAnswers", th.SlowAnswers)},
		{th.Unanswered <= 0, positive("Thresholds.Unanswered", th.Unanswered)},
		{th.UnansweredAfter <= 0, positive("Thresholds.UnansweredAfter", th.UnansweredAfter)},
		{th.POWorkHeavy <= 0, positive("Thresholds.POWorkHeavy", th.POWorkHeavy)},
		{th.ThinBacklog <= 0, positive("Thresholds.ThinBacklog", th.ThinBacklog)},
	} {
		if p.bad {
			return fmt.Errorf("team %s: %s: %w", t.Name, p.what, ErrIncomplete)
		}
	}
	return nil
}

func positive(field string, v any) string { return fmt.Sprintf("%s %v is not positive", field, v) }
