package jql

import (
	"cmp"
	"strconv"
	"strings"
)

// ProjectOf is the project part of an issue key: everything before the
// last '-' (keys like AB2_X-17 are legal).
func ProjectOf(key string) string {
	if i := strings.LastIndexByte(key, '-'); i > 0 {
		return key[:i]
	}
	return key
}

// KeyNumber is the number part of an issue key: 17 in AB2_X-17.
func KeyNumber(key string) int64 {
	n, _ := strconv.ParseInt(key[strings.LastIndexByte(key, '-')+1:], 10, 64)
	return n
}

// CompareIDs orders Jira's numeric string IDs numerically.
func CompareIDs(a, b string) int {
	return cmp.Or(cmp.Compare(len(a), len(b)), strings.Compare(a, b))
}

// CompareKeys orders keys the way Jira does: by project, then by number.
func CompareKeys(a, b string) int {
	return cmp.Or(strings.Compare(ProjectOf(a), ProjectOf(b)), cmp.Compare(KeyNumber(a), KeyNumber(b)))
}
