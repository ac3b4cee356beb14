package jira

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Time is a Jira timestamp. Jira writes "2020-06-18T08:51:38.596+0800"
// (offset without colon, which go-jira's and RFC 3339 parsers reject),
// the agile API "...Z" or "+10:00", some endpoints epoch milliseconds, and
// null for never.
type Time struct{ time.Time }

var timeLayouts = []string{
	"2006-01-02T15:04:05.000-0700",
	"2006-01-02T15:04:05-0700",
	"2006-01-02T15:04:05.999999999Z07:00",
	"2006-01-02T15:04:05Z07:00",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05",
	"2006-01-02",
}

// ParseTime parses any of the textual forms Jira uses.
func ParseTime(s string) (time.Time, error) {
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("unknown jira time format %q", s)
}

// UnmarshalJSON accepts a string, an epoch number or null. Numbers are
// milliseconds, except small ones: Atlassian's own changelog bulk-fetch
// example writes seconds (1492070429), which as milliseconds is 1970.
func (t *Time) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" || string(b) == `""` {
		t.Time = time.Time{}
		return nil
	}
	if b[0] != '"' {
		ms, err := strconv.ParseInt(string(b), 10, 64)
		if err != nil {
			return fmt.Errorf("jira time %s: %w", b, err)
		}
		if ms < 1e11 {
			ms *= 1000
		}
		t.Time = time.UnixMilli(ms).UTC()
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseTime(s)
	if err != nil {
		return err
	}
	t.Time = v
	return nil
}

// Text is a JSON value read as text: strings as is, numbers in their
// JSON form, null as empty. Changelog from/to values are all of these.
type Text string

// UnmarshalJSON accepts a string, number, boolean or null.
func (x *Text) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*x = ""
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*x = Text(s)
	default:
		*x = Text(b)
	}
	return nil
}
