package jira

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// ParseSprintField reads the Sprint custom field: objects on Cloud,
// strings "com.atlassian.greenhopper.service.sprint.Sprint@..[id=38,...]"
// on Server/DC, null when in no sprint.
func ParseSprintField(raw json.RawMessage) ([]Sprint, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var items []json.RawMessage
	if raw[0] == '[' {
		if err := json.Unmarshal(raw, &items); err != nil {
			return nil, fmt.Errorf("sprint field: %w", err)
		}
	} else {
		items = []json.RawMessage{raw}
	}
	var out []Sprint
	for _, it := range items {
		it = bytes.TrimSpace(it)
		var sp Sprint
		switch {
		case len(it) == 0 || string(it) == "null":
			continue
		case it[0] == '"':
			var s string
			if err := json.Unmarshal(it, &s); err != nil {
				return nil, fmt.Errorf("sprint field: %w", err)
			}
			var err error
			if sp, err = ParseSprintString(s); err != nil {
				return nil, err
			}
		case it[0] == '{':
			if err := json.Unmarshal(it, &sp); err != nil {
				return nil, fmt.Errorf("sprint field: %w", err)
			}
		default:
			id, err := strconv.ParseInt(string(it), 10, 64)
			if err != nil {
				return nil, fmt.Errorf("sprint field: %q: %w", it, err)
			}
			sp.ID = id
		}
		out = append(out, sp)
	}
	return out, nil
}

// ParseSprintString parses Server/DC's Java toString of a sprint. Values
// may contain commas (names): a fragment that does not start "key=" is
// the continuation of the previous value.
func ParseSprintString(s string) (Sprint, error) {
	var sp Sprint
	open, end := strings.IndexByte(s, '['), strings.LastIndexByte(s, ']')
	if open < 0 || end < open {
		return sp, fmt.Errorf("sprint %q: no [fields]", s)
	}
	kv := map[string]string{}
	last := ""
	for _, part := range strings.Split(s[open+1:end], ",") {
		k, v, ok := strings.Cut(part, "=")
		if ok && isWord(k) {
			kv[k], last = v, k
		} else if last != "" {
			kv[last] += "," + part
		}
	}
	id, err := strconv.ParseInt(kv["id"], 10, 64)
	if err != nil {
		return sp, fmt.Errorf("sprint %q: id: %w", s, err)
	}
	sp.ID, sp.Name, sp.State = id, kv["name"], strings.ToLower(kv["state"])
	sp.BoardID, _ = strconv.ParseInt(kv["rapidViewId"], 10, 64)
	for k, dst := range map[string]*Time{"startDate": &sp.StartDate, "endDate": &sp.EndDate, "completeDate": &sp.CompleteDate} {
		if v := kv[k]; v != "" && v != "<null>" {
			t, err := ParseTime(v)
			if err != nil {
				return sp, fmt.Errorf("sprint %d %s: %w", id, k, err)
			}
			dst.Time = t
		}
	}
	return sp, nil
}

func isWord(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

// SprintIDList parses the sprint id lists of changelog items ("38, 40").
func SprintIDList(s string) ([]int64, error) {
	var out []int64
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("sprint id list %q: %w", s, err)
		}
		out = append(out, id)
	}
	return out, nil
}
