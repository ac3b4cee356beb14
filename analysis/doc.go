// Package analysis owns the analysis of SPEC §6: it turns a team's Jira
// activity (model.Activity) into events, classifies them as story writing,
// discovery or other work, estimates the PM's Jira-visible time, detects
// input requests from engineering, and derives the measures, signals and
// verdict of SPEC §6.5–§6.6 as a Result (SPEC §8.2).
//
// Analyze runs the analysis as a row of stages, each a function of plain
// values (the one before's output), each with its own table tests in
// stages_test.go:
//
//	newFrame       analyze.go    the window, the team's working calendar, the chart weeks
//	castPeople     analyze.go    who is PM, PO, engineer or bot
//	classifyIssues classify.go   §6.2 each issue's Class
//	collectEvents  collect.go    §6.1 events (eventReader in events.go), the PMs'/POs'
//	                             events for the time model, and per delivery issue
//	detectRequests requests.go   §6.4 input requests, and backlog.addStory (backlog.go)
//	findSources    unknown.go    §6.6 what the data can show: discovery source,
//	                             ready statuses, each person's calendars
//	timeModel      timemodel.go  §6.3 time per person, day, Category and Source
//	                             (calendars enter here: newCalendarSpans)
//	measure        measures.go   §6.5 measures: hours, requests (reqstats.go), coverage,
//	                             context, chart weeks (weekly.go)
//	judge          verdict.go    §6.6 signals and verdict, by the signal table
//	                             in analysis/signal
//
// It is pure: no I/O, no database, no network and no time.Now — the caller
// passes the as-of day (and optionally "now"). It imports only model and
// analysis/signal of roleload (its tests also read config, to check that
// the SPEC values they write out are config's defaults, and jirasim).
//
// It takes its own parameter types (params.go): Team (every value
// resolved: a *time.Location, hours since midnight, an OffDayPolicy),
// TimeModel and signal.Thresholds. It fills no default — config is their
// one home, app maps the config onto them — and Analyze refuses an Input
// that leaves one out with an error naming the team and the parameter
// (ErrIncomplete).
//
// Decisions where SPEC §6 is silent, each taken on the code it names:
//
//   - Window: Weeks×7 team-tz days ending with AsOf; nothing after the end
//     of AsOf (or Now, if earlier) is read, so a past window gives what the
//     tool said then. Issue fields (type, labels, parent) are today's.
//     Deleted issues are left out.
//   - Time (attribute): every minute of the spans' union goes to the
//     earliest-ending span that covers it; worklogs are cut out of the estimated
//     spans first, so they win where they overlap; an idle gap goes to the
//     span after it. after_hours_share counts all categories, "other" too.
//   - A history with a status item is a transition; if it also changes a
//     text field it is timed and classified as a text edit (authoring).
//     A PM's worklog on a delivery issue is authoring.
//   - Requests (trackRequests): answered by a PM's or PO's comment, edit or
//     transition on the issue — worklogs are bookkeeping, not answers.
//     Rule (b) reads the assignee at the comment's time (replayed from the
//     changelog); rule (d) ignores the assignee an issue was created with;
//     rule (f) needs a label that was not there before. Unanswered: open
//     more than unanswered_after working hours at the cutoff.
//   - days_with_requests: a request opened after hours on a working day
//     counts on that day; one opened on a weekend or holiday counts on no
//     day (SPEC §6.5 read literally), or on the next working day when the
//     team sets off_day_requests: next_working_day.
//   - Percentiles use the nearest rank: always an observed response time.
//   - Stories (isStory) are delivery issues of type Story; for a team
//     without that type, all but epics and sub-tasks. A sprint's pace is
//     every story resolved between its start and completion; sprints are
//     the team's when a delivery story names them; without closed sprints
//     in the last 12 weeks, two-week periods of those weeks.
//   - Several PMs: each is listed; the verdict reads their summed hours,
//     shares come from the sums, and the active-day coverage is the lowest
//     PM's. With a PO the verdict and coverage are the PO's. Result.Reliable
//     is also false when changelogs are incomplete.
//   - People: a configured PM or PO matching no one, or several people, is
//     an error; configured engineers and bots missing from the people list
//     keep their role if they later appear as authors.
//   - Calendars (Input.Calendars, SPEC §6.3): a calendar names its person
//     as teams[] does; one that names nobody or several people is left out.
//     Occurrences are cut at the cutoff. Overlapping calendar blocks count
//     once (earliest-ending wins, as for Jira spans); overlapping meetings
//     count once in meeting_hours. after_hours_share leaves meetings out
//     (they are not in hours). A calendar's part of the range is the
//     default estimate's (gaps before calendar blocks included).
//     Result.Timeline holds every PM's and PO's blocks in the window,
//     adjacent stretches of one category and source merged.
//   - Unknown signals (unknown.go, SPEC §6.6): a discovery issue counts
//     for the 26 weeks when it was created by the cutoff and not resolved
//     before them; several PMs are judged together (known if any has a
//     source or activity).
package analysis
