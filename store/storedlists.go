package store

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/roleload/roleload/model"
)

// Lists (labels, components, mentions, sprint ids) are stored as JSON
// text. The forms jsonText writes for them, "[]", plain ASCII strings and
// plain integers, are read here by hand, the rest by encoding/json, with
// the same results (FuzzStoredLists), in a seventh of encoding/json's time
// and a tenth of its allocations (BenchmarkStoredLists).

// jsonText is v as JSON text, an empty or nil list as "[]". The common
// lists (labels, ids) are written without reflection.
func jsonText(v any) string {
	switch l := v.(type) {
	case []string:
		if s, ok := plainStrings(l); ok {
			return s
		}
	case []int64:
		b := append(make([]byte, 0, 2+12*len(l)), '[')
		for i, n := range l {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, n, 10)
		}
		return string(append(b, ']'))
	}
	b, err := json.Marshal(v)
	if err != nil || string(b) == "null" {
		return "[]"
	}
	return string(b)
}

// plainStrings writes l as a JSON array when no element needs escaping.
func plainStrings(l []string) (string, bool) {
	n := 2
	for _, s := range l {
		for i := 0; i < len(s); i++ {
			if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return "", false
			}
		}
		n += len(s) + 3
	}
	b := append(make([]byte, 0, n), '[')
	for i, s := range l {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(append(append(b, '"'), s...), '"')
	}
	return string(append(b, ']')), true
}

// stringList decodes a stored list of strings, each shared through in.
// Like encoding/json, "[]" is an empty, non-nil list.
func stringList(text string, in interner) ([]string, error) {
	if text == "[]" {
		return []string{}, nil
	}
	if out, ok := plainStringList(text, in); ok {
		return out, nil
	}
	var out []string
	if err := json.Unmarshal([]byte(text), &out); err != nil {
		return nil, err
	}
	for i := range out {
		out[i] = in.String(out[i])
	}
	return out, nil
}

// plainStringList reads ["a","b"] without escapes, spaces or non-ASCII.
func plainStringList(text string, in interner) ([]string, bool) {
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
		out = append(out, in.String(v))
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

// issueLinks decodes a stored list of links; "[]", most issues', without
// encoding/json.
func issueLinks(text string) ([]model.IssueLink, error) {
	if text == "[]" {
		return []model.IssueLink{}, nil
	}
	var out []model.IssueLink
	err := json.Unmarshal([]byte(text), &out)
	return out, err
}
