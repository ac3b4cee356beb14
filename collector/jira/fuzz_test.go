package jira

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
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
		// Round trip: an account id written as a mention is found, once.
		id := strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == ':' {
				return r
			}
			return -1
		}, strings.ToLower(s))
		if id == "" || strings.Contains(id, ":") {
			return
		}
		text := "see [~accountid:" + id + "] and again [~accountid:" + id + "]"
		if got := Mentions(text, nil); len(got) != 1 || got[0] != id {
			t.Errorf("Mentions(%q) = %q, want [%q]", text, got, id)
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
		// Round trip: a body sent as a JSON string (Server/DC wiki text)
		// comes back exactly as written.
		quoted, _ := json.Marshal(s)
		var want string
		_ = json.Unmarshal(quoted, &want)
		if got, err := BodyText(quoted); err != nil || got != want {
			t.Errorf("BodyText(%s) = %q, %v; want %q", quoted, got, err, want)
		}
	})
}

func FuzzSprintString(f *testing.F) {
	f.Add("com.atlassian.greenhopper.service.sprint.Sprint@1[id=38,rapidViewId=1,state=CLOSED,name=A, B,startDate=<null>,endDate=2016-06-20T21:30:00.000+10:00]")
	f.Add("x[]")
	f.Add("[id=1,name==,]")
	f.Fuzz(func(t *testing.T, s string) {
		sp, err := ParseSprintString(s)
		if err != nil {
			return
		}
		if !strings.Contains(s, "id=") {
			t.Errorf("%q parsed without an id", s)
		}
		// Round trip: the sprint written back in Server/DC's form parses
		// to the same sprint (a name with both "," and "=" is ambiguous in
		// that form; a state is read in lower case).
		if strings.Contains(sp.Name, ",") && strings.Contains(sp.Name, "=") || strings.ContainsAny(sp.State, ",=[]") {
			return
		}
		date := func(v Time) string {
			if v.IsZero() {
				return "<null>"
			}
			return v.Format(time.RFC3339Nano)
		}
		out := fmt.Sprintf("com.atlassian.greenhopper.service.sprint.Sprint@1f[id=%d,rapidViewId=%d,state=%s,name=%s,startDate=%s,endDate=%s,completeDate=%s,sequence=%d]",
			sp.ID, sp.BoardID, strings.ToUpper(sp.State), sp.Name, date(sp.StartDate), date(sp.EndDate), date(sp.CompleteDate), sp.ID)
		back, err := ParseSprintString(out)
		if err != nil || back.ID != sp.ID || back.BoardID != sp.BoardID || back.State != sp.State || back.Name != sp.Name ||
			!back.StartDate.Equal(sp.StartDate.Time) || !back.EndDate.Equal(sp.EndDate.Time) || !back.CompleteDate.Equal(sp.CompleteDate.Time) {
			t.Errorf("%q parsed as %+v; written back as %q it parses as %+v, %v", s, sp, out, back, err)
		}
	})
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2020-06-18T08:51:38.596+0800", "2016-06-06T21:30:53.537+10:00", "2020-06-26T00:38:00.000Z", "2026-11-01", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var tm Time
		quoted, _ := json.Marshal(s)
		jerr := tm.UnmarshalJSON(quoted)
		v, err := ParseTime(s)
		if s == "" { // "" is JSON's "never", like null; ParseTime refuses it
			return
		}
		if (err == nil) != (jerr == nil) || err == nil && !tm.Equal(v) {
			t.Fatalf("ParseTime(%q) = %v, %v; UnmarshalJSON = %v, %v", s, v, err, tm.Time, jerr)
		}
		if err != nil {
			return
		}
		// Round trip: the instant, written the way Jira writes it (to the
		// millisecond) and as RFC 3339, reads back the same.
		for _, c := range []struct {
			layout string
			want   time.Time
		}{{"2006-01-02T15:04:05.000-0700", v.Truncate(time.Millisecond)}, {time.RFC3339Nano, v}} {
			out := v.Format(c.layout)
			if back, err := ParseTime(out); err != nil || !back.Equal(c.want) {
				t.Errorf("ParseTime(%q) = %v, %v; want %v (from %q)", out, back, err, c.want, s)
			}
		}
		if ms := v.UnixMilli(); ms >= 1e11 {
			var n Time
			if err := n.UnmarshalJSON([]byte(strconv.FormatInt(ms, 10))); err != nil || !n.Equal(v.Truncate(time.Millisecond)) {
				t.Errorf("epoch %d = %v, %v; want %v", ms, n.Time, err, v)
			}
		}
	})
}
