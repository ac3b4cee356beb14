// Package jirasim is an in-process simulated Jira (Cloud or Server/Data
// Center) that serves a Dataset over the real REST API shapes, as of a
// movable clock. The collector's tests, the demo and `roleload sim` talk to
// it over HTTP exactly as they would to Jira, so it reproduces the quirks
// that make Jira hard to sync: Cloud's token-paged /search/jql without a
// total, changelogs truncated in search results, JQL dates read in the API
// user's time zone at minute resolution, moved and deleted issues, rate
// limits and broken responses.
//
// It owns: the HTTP server (server*.go), the JQL subset (jql*.go), fault
// injection (faults*.go) and the scenario generators (scenario*.go,
// truth.go). It imports nothing of roleload's but model.
package jirasim
