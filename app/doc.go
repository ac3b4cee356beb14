// Package app wires the features together for the CLI, the daemon, the
// dashboard and the monitor: load from the store (Jira activity and the
// team's calendars), analyse, render, send, and the alert evaluation with
// its at-least-once delivery. It also holds the simulator's config (Sim)
// and the demo. It chooses windows and weeks; the rules themselves live in
// analysis, alerts and reports.
//
// It may import every feature package and the store; it is imported by
// cmd, daemon, dashboard and monitor, never by a feature package
// (analysis, reports, alerts, collector, calendar, store).
package app
