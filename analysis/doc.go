// Package analysis owns the analysis of SPEC §6: it turns a team's Jira
// activity (model.Activity) into events, classifies them as story writing,
// discovery or other work, estimates the PM's Jira-visible time, detects
// input requests from engineering, and derives the measures, signals and
// verdict of SPEC §6.5–§6.6 as a Result (SPEC §8.2).
//
// It is pure: no I/O, no database, no network and no time.Now — the caller
// passes the as-of day (and optionally "now"). It imports only model and
// config of roleload.
//
// Decisions where SPEC §6 is silent are documented on the code that takes
// them and summarised here:
//
//   - Every counted minute of a person's time goes to the earliest-ending
//     span that ends at or after it (work done before an event is work for
//     that event); worklogs are cut out of the event spans first, so they
//     win where they overlap; an idle gap goes to the span after it.
//   - A history with a status item is a transition; if it also changes a
//     text field it is timed and classified as a text edit (authoring).
//   - A PM's worklog on a delivery issue counts as authoring.
//   - Requests are answered by a PM's or PO's comment, edit or transition
//     on the issue; worklogs are bookkeeping and do not answer.
//   - A request opened on a non-working day counts on the next working day
//     (days_with_requests); one opened after hours on a working day counts
//     on that day.
//   - Percentiles use the nearest-rank method.
//   - "Stories" for the backlog and context are delivery issues of type
//     Story; for a team without that type, all but epics and sub-tasks.
//   - A sprint's pace is every delivery story resolved between its start
//     and completion; sprints are the team's when a delivery story names
//     them; without closed sprints, two-week periods of the last 12 weeks.
//   - Several PMs: hours are summed, shares are computed on the sums, and
//     the active-day coverage is the lowest of the PMs' shares.
package analysis
