package store

import (
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// timeCol is a time column read and where its value goes.
type timeCol struct {
	dst *time.Time
	src sql.NullString
}

func parseTimes(cols ...timeCol) error {
	for _, c := range cols {
		t, err := parseTime(c.src)
		if err != nil {
			return err
		}
		*c.dst = t
	}
	return nil
}

// scanTimes parses pairs of (*time.Time, sql.NullString).
func scanTimes(pairs ...any) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		t, err := parseTime(pairs[i+1].(sql.NullString))
		if err != nil {
			return err
		}
		*pairs[i].(*time.Time) = t
	}
	return nil
}

// stringList decodes a stored list of strings. The common forms, "[]" and
// plain ASCII strings as jsonText writes them, are read by hand, the
// rest by encoding/json. Like encoding/json, "[]" is an empty, non-nil list.
func (l *activityLoader) stringList(text string) ([]string, error) {
	if text == "[]" {
		return []string{}, nil
	}
	if out, ok := l.plainStrings(text); ok {
		return out, nil
	}
	var out []string
	if err := json.Unmarshal([]byte(text), &out); err != nil {
		return nil, err
	}
	for i := range out {
		out[i] = l.intern(out[i])
	}
	return out, nil
}

// plainStrings reads ["a","b"] without escapes, spaces or non-ASCII.
func (l *activityLoader) plainStrings(text string) ([]string, bool) {
	if len(text) < 4 || text[0] != '[' || text[len(text)-1] != ']' {
		return nil, false
	}
	body := text[1 : len(text)-1]
	out := make([]string, 0, strings.Count(body, ",")+1)
	for part := range strings.SplitSeq(body, ",") {
		if len(part) < 2 || part[0] != '"' || part[len(part)-1] != '"' {
			return nil, false
		}
		v := part[1 : len(part)-1]
		for i := 0; i < len(v); i++ {
			if c := v[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
				return nil, false
			}
		}
		out = append(out, l.intern(v))
	}
	return out, true
}

// int64s decodes a stored list of ids, [1,2] by hand.
func int64s(text string) ([]int64, error) {
	if len(text) >= 2 && text[0] == '[' && text[len(text)-1] == ']' {
		body := text[1 : len(text)-1]
		out := make([]int64, 0, strings.Count(body, ",")+1)
		ok := body != ""
		for part := range strings.SplitSeq(body, ",") {
			n, err := strconv.ParseInt(part, 10, 64)
			if err != nil || part[0] == '+' || (len(part) > 1 && (part[0] == '0' || part[:2] == "-0")) {
				ok = false
				break
			}
			out = append(out, n)
		}
		if ok {
			return out, nil
		}
		if body == "" {
			return []int64{}, nil
		}
	}
	var out []int64
	if err := json.Unmarshal([]byte(text), &out); err != nil {
		return nil, err
	}
	return out, nil
}
