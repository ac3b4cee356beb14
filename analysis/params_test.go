package analysis_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/analysis/signal"
	"github.com/roleload/roleload/config"
)

// TestSpecParamsAreConfigDefaults: the SPEC §4/§6 values the analysis
// tests give by hand (SpecThresholds, SpecTimeModel, SpecTeam) are the
// defaults a user gets from config, the one home of the defaults: the
// tests judge what the product judges.
func TestSpecParamsAreConfigDefaults(t *testing.T) {
	d := config.Default()
	if got, want := analysis.SpecThresholds(), signal.Thresholds(d.Thresholds); got != want {
		t.Errorf("SpecThresholds %+v, config.Default %+v", got, want)
	}
	want, got := reflect.ValueOf(d.TimeModel), reflect.ValueOf(analysis.SpecTimeModel())
	if want.NumField() != got.NumField() {
		t.Errorf("config.TimeModel has %d fields, analysis.TimeModel %d", want.NumField(), got.NumField())
	}
	for i := range want.NumField() {
		name := want.Type().Field(i).Name
		g := got.FieldByName(name)
		if !g.IsValid() {
			t.Errorf("analysis.TimeModel has no %s", name)
			continue
		}
		if w := want.Field(i); !w.CanConvert(g.Type()) || w.Convert(g.Type()).Interface() != g.Interface() {
			t.Errorf("TimeModel.%s: SpecTimeModel %v, config.Default %v", name, g, w)
		}
	}

	cfg, err := config.Parse(strings.NewReader("teams:\n  - name: t\n    product_managers: [pm]\n    delivery_projects: [ABC]\n"), "defaults.yaml", func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	ct, st := cfg.Teams[0], analysis.SpecTeam("t", time.UTC)
	for _, c := range []struct {
		what      string
		cfg, spec any
	}{
		{"time zone", ct.Location.String(), st.Location.String()},
		{"day start", ct.DayStart, st.DayStart},
		{"day end", ct.DayEnd, st.DayEnd},
		{"working days", ct.Weekdays, st.Weekdays},
		{"holidays", len(ct.Holiday), len(st.Holidays)},
		{"off-day requests ignored", ct.OffDayRequests == config.OffDayIgnore, st.OffDayRequests == analysis.OffDayIgnore},
	} {
		if !reflect.DeepEqual(c.cfg, c.spec) {
			t.Errorf("%s: SpecTeam %v, config %v", c.what, c.spec, c.cfg)
		}
	}
	for _, l := range []struct {
		what      string
		cfg, spec []string
	}{
		{"waiting statuses", ct.WaitingStatuses, st.WaitingStatuses},
		{"input labels", ct.InputLabels, st.InputLabels},
		{"ready statuses", ct.ReadyStatuses, st.ReadyStatuses},
		{"discovery issue types", ct.Discovery.IssueTypes, st.Discovery.IssueTypes},
		{"discovery labels", ct.Discovery.Labels, st.Discovery.Labels},
	} {
		if !slices.Equal(l.cfg, l.spec) {
			t.Errorf("%s: SpecTeam %q, config %q", l.what, l.spec, l.cfg)
		}
	}
}
