// Package store owns roleload's SQLite database: the schema (embedded,
// numbered migrations under migrations/, each applied once in its own
// transaction), the upserts the collector commits a few batches to a
// transaction (BatchWriter) together with its watermark checkpoint, the
// WAL checkpoints it runs in the background (checkpoint.go), and the
// reads the rest of the app needs (LoadActivity, LoadTeamActivity,
// Status, LastRuns).
//
// Times are stored as UTC RFC 3339 text with milliseconds (fixed width, so
// text order is time order), converted only in timefmt.go. Lists (labels,
// sprint ids, mentions, links) are stored as JSON text.
//
// Counts in Status and everything LoadActivity and LoadTeamActivity return
// leave out issues that the census marked deleted, and their activity: the
// store keeps them (a deleted issue may come back), but nobody should
// analyse them.
//
// It imports only model (and the SQLite driver); it must not import
// collector, analysis, reports, config or any other roleload package.
package store
