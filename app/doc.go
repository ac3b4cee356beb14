// Package app wires the features together for the CLI, the daemon, the
// dashboard and the monitor, and is only that wiring:
//
//   - params.go: the one place where config meets the analysis
//     (analysisParams maps config.Team, Thresholds and TimeModel onto the
//     analysis's own types; the defaults live in config only);
//   - analyze.go: what a team's analysis reads from the store (LoadActivity:
//     its projects, Product Discovery projects, what its PMs/POs touched,
//     their loaded calendars) and the window (Analyze, AnalyzeActivity;
//     AnalyzeNow, the analysis the alert rules are evaluated on);
//   - report.go: the one report entry point, BuildReport(ReportRequest),
//     and where issue links point (SiteURL);
//   - chart.go: one chart over a window, for `roleload chart`.
//
// The at-least-once delivery of alert and report e-mails is package
// delivery's. It does not import app: cmd/roleload and daemon hand it the
// analysis (AnalyzeNow).
//
// It does not depend on the simulated Jira: internal/simenv (jirasim with
// a config that fits it) and demo (`roleload demo`) stand on app, not in
// it.
//
// The weeks it names are internal/isoweek's. It chooses windows (ReportWeeks,
// ChartWeeks, AnalyzeNow's); the rules themselves live in analysis, alerts
// and reports.
//
// It may import every feature package and the store; it is imported by
// cmd/roleload, daemon, dashboard, demo and monitor (and by doctor's and
// delivery's tests), never by a feature package (analysis, reports,
// alerts, delivery, collector, calendar, store, mail).
package app
