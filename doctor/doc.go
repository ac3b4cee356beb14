// Package doctor is `roleload doctor` (SPEC §3.1): every check of the
// config against the real Jira, the calendars, the mail relay and the
// store, each ok, warn or fail with one line of fix. Checks run with a
// bounded total time; one that runs out of time is reported failed.
//
// It imports config, collector/jira, setup and store; never analysis,
// reports or cmd.
package doctor
