package reports

import (
	"reflect"
	"testing"
	"time"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/analysis/signal"
	"github.com/roleload/roleload/config"
)

// specTeam is a UTC team named name with SPEC §4's defaults: Mon–Fri
// 09:00–17:00, the default waiting statuses, input labels, ready statuses
// and discovery issue types and labels, off-day requests ignored. The
// analysis fills no default, so the tests that run it give every one.
func specTeam(name string) analysis.Team {
	t := analysis.Team{
		Name: name, Location: time.UTC, DayStart: 9 * time.Hour, DayEnd: 17 * time.Hour,
		WaitingStatuses: []string{"Needs Info", "Needs Clarification", "Waiting for Product"},
		InputLabels:     []string{"needs-info", "needs-product"},
		ReadyStatuses:   []string{"Ready for Dev", "Selected for Development"},
		Discovery: analysis.Discovery{IssueTypes: []string{"Idea", "Research", "Experiment", "Opportunity"},
			Labels: []string{"discovery", "user-research"}},
		OffDayRequests: analysis.OffDayIgnore,
	}
	for d := time.Monday; d <= time.Friday; d++ {
		t.Weekdays[d] = true
	}
	return t
}

// specInput analyses team over the 4 weeks ending with asOf (12 chart
// weeks) with SPEC §6's default thresholds and time model.
func specInput(team analysis.Team, asOf time.Time) analysis.Input {
	return analysis.Input{
		Team: team, AsOf: asOf, Weeks: 4, HistoryWeeks: 12,
		Thresholds: specThresholds(),
		TimeModel: analysis.TimeModel{CreateMinutes: 5, TextEditMinutes: 3, FieldEditMinutes: 1, TransitionMinutes: 0.5, CommentMinutes: 2,
			ComposeRate: 40, CapMinutes: 45, IdleGap: 15 * time.Minute},
	}
}

// specThresholds are SPEC §6.6's default thresholds.
func specThresholds() signal.Thresholds {
	return signal.Thresholds{DailyInputs: 0.8, DailyInputsMinRequesters: 2, SlowAnswers: 8, Unanswered: 3, UnansweredAfter: 16,
		POWorkHeavy: 12, DiscoverySqueezed: 0.2, AfterHours: 0.2, ThinBacklog: 1.0, OverwhelmedMin: 2}
}

// TestSpecInputIsConfigDefaults: the values specInput writes out are the
// defaults a user gets from config.
func TestSpecInputIsConfigDefaults(t *testing.T) {
	d, in := config.Default(), specInput(specTeam("t"), time.Time{})
	if want := signal.Thresholds(d.Thresholds); in.Thresholds != want {
		t.Errorf("thresholds %+v, config.Default %+v", in.Thresholds, want)
	}
	want, got := reflect.ValueOf(d.TimeModel), reflect.ValueOf(in.TimeModel)
	for i := range want.NumField() {
		g := got.FieldByName(want.Type().Field(i).Name)
		if w := want.Field(i); !g.IsValid() || !w.CanConvert(g.Type()) || w.Convert(g.Type()).Interface() != g.Interface() {
			t.Errorf("time model %s: %v, config.Default %v", want.Type().Field(i).Name, g, w)
		}
	}
	ct := config.Team{}
	config.ApplyTeamDefaults(&ct)
	st := specTeam("t")
	if !reflect.DeepEqual([][]string{ct.WaitingStatuses, ct.InputLabels, ct.ReadyStatuses, ct.Discovery.IssueTypes, ct.Discovery.Labels},
		[][]string{st.WaitingStatuses, st.InputLabels, st.ReadyStatuses, st.Discovery.IssueTypes, st.Discovery.Labels}) {
		t.Errorf("team lists %+v, config's defaults %+v", st, ct)
	}
}
