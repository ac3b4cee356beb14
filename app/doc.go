// Package app wires the features together for the CLI, the daemon, the
// dashboard and the monitor:
//
//   - params.go: the one place where config meets the analysis
//     (analysisParams maps config.Team, Thresholds and TimeModel onto the
//     analysis's own types; the defaults live in config only);
//   - analyze.go: what a team's analysis reads from the store (LoadActivity:
//     its projects, Product Discovery projects, what its PMs/POs touched,
//     their loaded calendars) and the window (Analyze, AnalyzeActivity);
//   - report.go: the one report entry point, BuildReport(ReportRequest),
//     and where issue links point (SiteURL);
//   - chart.go: one chart over a window, for `roleload chart`.
//
// It also holds what is more than wiring, each for a reason:
//
//   - alerts.go, send.go: the at-least-once delivery of alerts and report
//     e-mails (SPEC §7.3/§7.4): record the intent in the store, send with
//     mail, record the send, resend what is owed; and the alert e-mail's
//     text. alerts.Step is pure and mail knows no store, so the sequence
//     that needs the analysis, the store and SMTP together lives here.
//
// It does not depend on the simulated Jira: internal/simenv (jirasim with
// a config that fits it) and demo (`roleload demo`) stand on app, not in
// it.
//
// The weeks it names are internal/isoweek's. It chooses windows (ReportWeeks,
// ChartWeeks); the rules themselves live in analysis, alerts and reports.
//
// It may import every feature package and the store; it is imported by
// cmd/roleload, daemon, dashboard, demo and monitor (and by doctor's tests),
// never by a feature package (analysis, reports, alerts, collector,
// calendar, store, mail).
package app
