// Package setup is `roleload init` (SPEC §3.1): it reads a Jira through the
// collector's own client (projects with their type, statuses, fields,
// boards and sprints, and the issues and changelogs of the last weeks) and
// writes a starter roleload.yaml whose every guess is a comment with its
// evidence. It also holds the Jira reads that `roleload doctor` shares.
//
// It imports collector/jira, config and model; never analysis, reports,
// store or cmd.
package setup
