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
// LoadActivity (activity.go) is what `roleload analyze` waits for. Each
// kind of activity is read by a short function, a SELECT and a Scan into
// the model type; what makes it fast is called by name, each in its own
// file with the benchmark that measures it: storageOrder (whole tables
// in storage order, NOT INDEXED), issueSlots (rows grouped per issue
// without an SQL sort), interner (one copy of repeated strings), timeText
// (times scanned from their text), stringList and int64s (stored lists
// without encoding/json), chunks (history items in few arrays) and
// histories read on a second connection (loadHistoriesAlongside).
// BenchmarkLoadActivityPlan turns each load-level trick off in turn. (The
// queries used to run under a context that cannot be cancelled, with
// ctx checked every 4096 rows: go-sqlite3 v1.14.53 watches a context
// with context.AfterFunc, and the load was no slower without the trick,
// so it is gone.) On the write side, BatchWriter
// commits several pages at once (collector/writer.go's commitPolicy
// decides how many; BenchmarkSaveSync) and checkpoint.go moves SQLite's
// WAL checkpoints out of the commits.
//
// Adding a column, say to comments (tried: a text column "visibility",
// four files, eight lines): a new migration under migrations/ (ALTER
// TABLE comments ADD COLUMN ...); the field in model.Comment; in
// issuewriter.go the comment INSERT (its column list and VALUES, the SET
// and both sides of the WHERE ... IS NOT of its upsert) and the line that
// executes it; in activity.go the SELECT list of comments() and its
// rows.Scan. Nothing else: the counts, the grouping, the ordering and
// the concurrency do not name columns. Scan a time with timeText(&c.X),
// intern a string that repeats on many rows with c.X = l.strs.String(c.X),
// decode a list with stringList. To test it, give it values in
// activity_test.go's awkwardStore and read it in loadActivityReference:
// TestLoadActivityUnchanged then holds both read orders to them.
//
// It imports only model (and the SQLite driver); it must not import
// collector, analysis, reports, config or any other roleload package.
package store
