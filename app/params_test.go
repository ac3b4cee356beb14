package app

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/config"
)

// fullTeam sets every key of a team, none to its default.
const fullTeam = `
bots: [deploy-bot]
teams:
  - name: checkout
    timezone: Europe/Berlin
    working_hours: "08:30-16:45"
    working_days: [mon, tue, wed, thu, sun]
    holidays: ["2026-12-24"]
    product_managers: [pm]
    product_owners: [po]
    engineers: [e1]
    delivery_projects: [ABC]
    discovery: {projects: [DISC], issue_types: [Spike], labels: [explore]}
    waiting_statuses: [Blocked]
    input_labels: [ask-pm]
    ready_statuses: [Groomed]
    off_day_requests: next_working_day
`

// TestAnalysisParamsMapEveryField: config.Default's thresholds and time
// model and a team that sets every key reach the analysis field by field.
// It reflects over every field, so a field added on either side and not
// mapped fails here.
func TestAnalysisParamsMapEveryField(t *testing.T) {
	cfg, err := config.Parse(strings.NewReader(fullTeam), "full.yaml", func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	team := &cfg.Teams[0]
	in := analysisParams(cfg, team)

	sameFields(t, "thresholds", reflect.ValueOf(config.Default().Thresholds), reflect.ValueOf(in.Thresholds))
	sameFields(t, "time model", reflect.ValueOf(config.Default().TimeModel), reflect.ValueOf(in.TimeModel))

	// The team's raw forms (a zone name, "09:00-17:00", day names, dates)
	// reach the analysis resolved, by config.Load, into these fields.
	resolved := map[string]string{"Timezone": "Location", "WorkingHours": "DayStart", "WorkingDays": "Weekdays", "Holidays": "Holidays", "Holiday": "Holidays"}
	ct, at := reflect.ValueOf(*team), reflect.ValueOf(in.Team)
	for i := range ct.NumField() {
		name := ct.Type().Field(i).Name
		if r, ok := resolved[name]; ok {
			if !at.FieldByName(r).IsValid() {
				t.Errorf("team %s: analysis.Team has no %s", name, r)
			}
			continue
		}
		a := at.FieldByName(name)
		switch {
		case !a.IsValid():
			t.Errorf("team %s: analysis.Team has no such field, and it is not mapped", name)
		case name == "OffDayRequests":
			if a.Interface() != analysis.OffDayNextWorkingDay {
				t.Errorf("team off_day_requests %q became %v", team.OffDayRequests, a)
			}
		case !reflect.DeepEqual(ct.Field(i).Convert(a.Type()).Interface(), a.Interface()):
			t.Errorf("team %s: config %v, analysis %v", name, ct.Field(i), a)
		}
	}
	for i := range at.NumField() {
		if at.Field(i).IsZero() {
			t.Errorf("analysis.Team.%s is zero for a team that sets every key: not mapped", at.Type().Field(i).Name)
		}
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	wantDays := [7]bool{time.Sunday: true, time.Monday: true, time.Tuesday: true, time.Wednesday: true, time.Thursday: true}
	if got := in.Team; got.Location.String() != berlin.String() || got.DayStart != 8*time.Hour+30*time.Minute || got.DayEnd != 16*time.Hour+45*time.Minute ||
		got.Weekdays != wantDays || !reflect.DeepEqual(got.Holidays, map[string]bool{"2026-12-24": true}) {
		t.Errorf("resolved team %+v: want Europe/Berlin, 08:30-16:45, Sun-Thu, 2026-12-24", got)
	}

	// Input: the parameters come from the config; the rest is the caller's.
	callers := map[string]bool{"Activity": true, "Calendars": true, "AsOf": true, "Now": true, "Weeks": true, "HistoryWeeks": true}
	iv := reflect.ValueOf(in)
	for i := range iv.NumField() {
		name := iv.Type().Field(i).Name
		if set := !iv.Field(i).IsZero(); set == callers[name] {
			t.Errorf("analysis.Input.%s: set by analysisParams %v, the caller's %v", name, set, callers[name])
		}
	}
	if !reflect.DeepEqual(in.Bots, []string{"deploy-bot"}) {
		t.Errorf("bots %v", in.Bots)
	}
}

// sameFields checks that every field of from has a field of the same name
// in to holding the same value (converted: config.Duration to
// time.Duration), and that to has no other field.
func sameFields(t *testing.T, what string, from, to reflect.Value) {
	t.Helper()
	if from.NumField() != to.NumField() {
		t.Errorf("%s: config has %d fields, the analysis %d", what, from.NumField(), to.NumField())
	}
	for i := range from.NumField() {
		name := from.Type().Field(i).Name
		g := to.FieldByName(name)
		if !g.IsValid() {
			t.Errorf("%s: %s is not mapped", what, name)
			continue
		}
		if f := from.Field(i); f.IsZero() || !f.CanConvert(g.Type()) || f.Convert(g.Type()).Interface() != g.Interface() {
			t.Errorf("%s: %s is %v in config.Default, %v in the analysis", what, name, f, g)
		}
	}
}
