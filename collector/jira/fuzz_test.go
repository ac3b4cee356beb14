package jira

import (
	"encoding/json"
	"strings"
	"testing"
)

func FuzzMentions(f *testing.F) {
	for _, s := range []string{"hi [~accountid:5e97] and [~jdoe]?", "[~", "[~accountid:]", "[~a][~a][~accountid:a]", "{code}[~x]{code}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, id := range Mentions(s, nil) {
			if id == "" || !strings.Contains(s, id) {
				t.Errorf("mention %q not in %q", id, s)
			}
		}
	})
}

func FuzzBodyText(f *testing.F) {
	for _, s := range []string{`"wiki *bold* [~x]"`, `null`, `{"type":"doc","content":[{"type":"paragraph","content":[{"type":"mention","attrs":{"id":"abc"}}]}]}`, `{"type":"doc","content":[{}]}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text, err := BodyText(json.RawMessage(s))
		if err == nil && !json.Valid([]byte(s)) && strings.TrimSpace(s) != "" {
			t.Errorf("invalid JSON %q accepted as %q", s, text)
		}
	})
}

func FuzzSprintString(f *testing.F) {
	f.Add("com.atlassian.greenhopper.service.sprint.Sprint@1[id=38,rapidViewId=1,state=CLOSED,name=A, B,startDate=<null>,endDate=2016-06-20T21:30:00.000+10:00]")
	f.Add("x[]")
	f.Add("[id=1,name==,]")
	f.Fuzz(func(t *testing.T, s string) {
		if _, err := ParseSprintString(s); err == nil && !strings.Contains(s, "id=") {
			t.Errorf("%q parsed without an id", s)
		}
	})
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2020-06-18T08:51:38.596+0800", "2016-06-06T21:30:53.537+10:00", "2020-06-26T00:38:00.000Z", "2026-11-01", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var tm Time
		_ = tm.UnmarshalJSON([]byte(`"` + s + `"`))
		_, _ = ParseTime(s)
	})
}
