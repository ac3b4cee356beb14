// Package model holds the plain data types that flow between the collector,
// the store, the analysis and the simulated Jira: issues, their activity
// (change histories, comments, worklogs), people and sprints.
//
// It owns no behaviour beyond small helpers on these values and must not
// import any other package of roleload.
package model
