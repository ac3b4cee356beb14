// Package reports renders the weekly report (SPEC §7.1) and the text of
// `roleload analyze`: a report model in, HTML, Markdown, JSON and plain text
// out, plus the archive folder that holds one week's files.
//
// Rendering is pure: no store, no SMTP, no clock (the caller passes the
// generation time). It imports analysis (and its signal table) and reports/charts only; mail
// imports reports to send a report, never the other way round.
//
// Jira text (summaries, display names, keys, team names) is untrusted and
// is escaped in every output: html/template for HTML, mdText for Markdown.
package reports
