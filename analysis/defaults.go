package analysis

import (
	"fmt"
	"time"

	"github.com/roleload/roleload/config"
)

// teamDefaults fills what a hand-built team (tests, callers without
// config.Load) leaves out, with the defaults config.Load would apply.
func teamDefaults(t *config.Team) error {
	if t.Location == nil {
		loc, err := time.LoadLocation(t.Timezone) // "" is UTC
		if err != nil {
			return fmt.Errorf("team %s: time zone %q: %w", t.Name, t.Timezone, err)
		}
		t.Location = loc
	}
	if t.DayEnd <= t.DayStart {
		t.DayStart, t.DayEnd = 9*time.Hour, 17*time.Hour
	}
	if t.Weekdays == [7]bool{} {
		for d := time.Monday; d <= time.Friday; d++ {
			t.Weekdays[d] = true
		}
	}
	config.ApplyTeamDefaults(t)
	return nil
}

// thresholdDefaults gives an unset (all-zero) Thresholds config.Default's
// values, and fills single zero fields that cannot be meant (counts and
// hour limits); a zero share set on purpose is kept.
func thresholdDefaults(th config.Thresholds) config.Thresholds {
	d := config.Default().Thresholds
	if th == (config.Thresholds{}) {
		return d
	}
	pick := func(v *float64, def float64) {
		if *v == 0 {
			*v = def
		}
	}
	pick(&th.SlowAnswers, d.SlowAnswers)
	pick(&th.UnansweredAfter, d.UnansweredAfter)
	pick(&th.POWorkHeavy, d.POWorkHeavy)
	pick(&th.ThinBacklog, d.ThinBacklog)
	if th.Unanswered == 0 {
		th.Unanswered = d.Unanswered
	}
	return th
}

// timeModelDefaults replaces zero time-model constants with
// config.Default's: a zero duration or rate is never meant (config.Load
// refuses a zero compose rate or cap).
func timeModelDefaults(tm config.TimeModel) config.TimeModel {
	d := config.Default().TimeModel
	for _, p := range []struct{ v, def *float64 }{
		{&tm.CreateMinutes, &d.CreateMinutes}, {&tm.TextEditMinutes, &d.TextEditMinutes},
		{&tm.FieldEditMinutes, &d.FieldEditMinutes}, {&tm.TransitionMinutes, &d.TransitionMinutes},
		{&tm.CommentMinutes, &d.CommentMinutes}, {&tm.ComposeRate, &d.ComposeRate}, {&tm.CapMinutes, &d.CapMinutes},
	} {
		if *p.v == 0 {
			*p.v = *p.def
		}
	}
	if tm.IdleGap == 0 {
		tm.IdleGap = d.IdleGap
	}
	return tm
}
