package scenario

// Oracle holds SPEC §6.6's default thresholds written out again, on
// purpose: the ground truth is an independent oracle of the analysis, so
// it does not read them from config or the signal table (a mistake there
// would then pass unnoticed). TestOracleThresholdsAreTheDefaults checks
// they equal config.Default().
var Oracle = struct {
	DailyInputs                    float64
	DailyInputsMinRequesters       int
	SlowAnswers                    float64
	Unanswered                     int
	POWorkHeavy, DiscoverySqueezed float64
	AfterHours, ThinBacklog        float64
	OverwhelmedMin                 int
}{DailyInputs: 0.8, DailyInputsMinRequesters: 2, SlowAnswers: 8, Unanswered: 3, POWorkHeavy: 12, DiscoverySqueezed: 0.2,
	AfterHours: 0.2, ThinBacklog: 1.0, OverwhelmedMin: 2}

// verdictOf applies SPEC §6.6 with its default thresholds (Oracle).
func verdictOf(tr *Truth) ([]string, string) {
	o := Oracle
	var sig []string
	daily := tr.DailyShare >= o.DailyInputs && tr.Requesters >= o.DailyInputsMinRequesters
	if daily {
		sig = append(sig, "daily_inputs")
	}
	others := map[string]bool{
		"slow_answers":       tr.ResponseP50 > o.SlowAnswers,
		"unanswered":         tr.Unanswered >= o.Unanswered,
		"po_work_heavy":      tr.StoryWritingHoursPerWeek >= o.POWorkHeavy,
		"discovery_squeezed": tr.DiscoveryShare < o.DiscoverySqueezed,
		"after_hours":        tr.AfterHoursShare > o.AfterHours,
		"thin_backlog":       tr.ReadyBacklogSprints < o.ThinBacklog,
	}
	n := 0
	for _, name := range []string{"slow_answers", "unanswered", "po_work_heavy", "discovery_squeezed", "after_hours", "thin_backlog"} {
		if others[name] {
			sig = append(sig, name)
			n++
		}
	}
	switch {
	case daily && n >= o.OverwhelmedMin:
		return sig, "hire_po"
	case daily:
		return sig, "watch"
	}
	return sig, "ok"
}
