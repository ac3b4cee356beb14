// Package jirasim is an in-process simulated Jira (Cloud or Server/Data
// Center) that serves a scenario.Dataset over the real REST API shapes, as
// of a movable clock. The collector's tests, the demo and `roleload sim`
// talk to it over HTTP exactly as they would to Jira, so it reproduces the
// quirks that make Jira hard to sync: Cloud's token-paged /search/jql
// without a total, changelogs truncated in search results, JQL dates read
// in the API user's time zone at minute resolution, moved and deleted
// issues, rate limits and broken responses.
//
// It owns the HTTP server: REST v2/v3 in the Cloud and Server flavours,
// search, issues with their changelogs, comments and worklogs, the agile
// boards and sprints, the setup lookups, mutations (move, delete, add a
// comment, history or worklog), the product people's calendar feeds at
// /calendars/{user}.ics, and fault injection (faults.go). It does not own
// what it serves: the scenarios, their ground truth and the calendar
// contents are package scenario's, and the JQL subset is package jql's.
//
// Dependencies point one way: jirasim imports scenario and jql, which
// never import jirasim (TestImports); scenario imports only model, jql
// nothing of roleload's.
package jirasim
