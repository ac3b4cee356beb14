package app

import (
	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/analysis/signal"
	"github.com/roleload/roleload/config"
)

// analysisParams maps the config onto the analysis's own parameter types:
// the one place where config meets analysis. config.Load has applied the
// defaults and resolved the team's time zone, hours and days; what it left
// out (a team built by hand) stays zero, and analysis.Analyze refuses it
// by name. Activity, calendars and the window are the caller's.
func analysisParams(cfg *config.Config, team *config.Team) analysis.Input {
	tm := cfg.TimeModel
	return analysis.Input{
		Team: analysis.Team{
			Name:     team.Name,
			Location: team.Location,
			DayStart: team.DayStart, DayEnd: team.DayEnd,
			Weekdays: team.Weekdays,
			Holidays: team.Holiday,

			ProductManagers:  team.ProductManagers,
			ProductOwners:    team.ProductOwners,
			Engineers:        team.Engineers,
			DeliveryProjects: team.DeliveryProjects,
			Discovery:        analysis.Discovery(team.Discovery),
			WaitingStatuses:  team.WaitingStatuses,
			InputLabels:      team.InputLabels,
			ReadyStatuses:    team.ReadyStatuses,
			OffDayRequests:   offDayPolicy[team.OffDayRequests],
		},
		Bots: cfg.Bots,
		// The same fields: the conversion stops compiling if they drift.
		Thresholds: signal.Thresholds(cfg.Thresholds),
		TimeModel: analysis.TimeModel{
			CreateMinutes:     tm.CreateMinutes,
			TextEditMinutes:   tm.TextEditMinutes,
			FieldEditMinutes:  tm.FieldEditMinutes,
			TransitionMinutes: tm.TransitionMinutes,
			CommentMinutes:    tm.CommentMinutes,
			ComposeRate:       tm.ComposeRate,
			CapMinutes:        tm.CapMinutes,
			IdleGap:           tm.IdleGap.D(),
		},
	}
}

// offDayPolicy reads teams[].off_day_requests (validated by config.Load;
// anything else maps to no policy, which the analysis refuses).
var offDayPolicy = map[string]analysis.OffDayPolicy{
	config.OffDayIgnore:         analysis.OffDayIgnore,
	config.OffDayNextWorkingDay: analysis.OffDayNextWorkingDay,
}
