// Package jql is the JQL subset the simulated Jira answers: clauses on
// project, key, id, created and updated; AND, OR, NOT and parentheses;
// ORDER BY. It is parsed properly so that clients get Jira's 400 messages
// (*Error), not silent matches.
//
// It owns the parser (Parse), the evaluator (Query.Compile, against an
// Env: the API user's zone, the clock, the projects and keys that exist)
// and the ordering of results (Sort, CompareIDs, CompareKeys). It reads an
// issue only through the small Issue interface and imports nothing of
// roleload's, so it knows neither the server nor the scenarios; it is
// fuzzed (FuzzParseJQL).
package jql
