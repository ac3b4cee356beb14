// Package collector copies a team's Jira issues and their complete
// activity into the store (SPEC §5): flavor detection, custom field
// mapping, the incremental pass with its watermark and mid-run
// checkpoints, the completion of truncated changelogs, comments and
// worklogs, sprints from the agile API, and the census that marks issues
// Jira no longer returns as deleted. Every run is recorded in sync_runs.
//
// The REST seam is the subpackage collector/jira. collector imports
// config, model, store and collector/jira; it must not import analysis,
// reports, alerts, app or cmd.
package collector
