package scenario_test

import (
	"testing"

	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/jirasim/scenario"
)

// The ground truth keeps its own copy of the default thresholds (an
// independent oracle); this is where the two copies are held equal.
func TestOracleThresholdsAreTheDefaults(t *testing.T) {
	d := config.Default().Thresholds
	o := scenario.Oracle
	for _, c := range []struct {
		name         string
		oracle, dflt float64
	}{
		{"daily_inputs", o.DailyInputs, d.DailyInputs},
		{"daily_inputs_min_requesters", float64(o.DailyInputsMinRequesters), float64(d.DailyInputsMinRequesters)},
		{"slow_answers", o.SlowAnswers, d.SlowAnswers},
		{"unanswered", float64(o.Unanswered), float64(d.Unanswered)},
		{"po_work_heavy", o.POWorkHeavy, d.POWorkHeavy},
		{"discovery_squeezed", o.DiscoverySqueezed, d.DiscoverySqueezed},
		{"after_hours", o.AfterHours, d.AfterHours},
		{"thin_backlog", o.ThinBacklog, d.ThinBacklog},
		{"overwhelmed_min", float64(o.OverwhelmedMin), float64(d.OverwhelmedMin)},
	} {
		if c.oracle != c.dflt {
			t.Errorf("%s: the ground truth judges at %v, config.Default() at %v", c.name, c.oracle, c.dflt)
		}
	}
}
