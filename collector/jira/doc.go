// Package jira is roleload's REST seam over Jira Cloud and Server/DC: one
// Client (go-jira for transport and auth, our own response types because
// go-jira's drop the totals of embedded lists and reject some of Jira's
// time formats), bounded retries with Retry-After and backoff, typed
// errors that say whether they are worth retrying, and the parsing of
// Jira's JSON into model values (times, users, ADF and wiki bodies,
// mentions, sprint fields).
//
// It imports model and go-jira only; it must not import store, config,
// collector or any analysis package.
package jira
