package jira

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestAppendWithoutLinks(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"self":"http://x/rest/api/2/issue/1","id":"1"}`, `{"id":"1"}`},
		{`{"id":"1","self":"http://x"}`, `{"id":"1"}`},
		{`{"self":"a","iconUrl":"b","avatarUrls":{"16x16":"c"}}`, `{}`},
		{`{"status":{"iconUrl":"i","name":"To Do","statusCategory":{"self":"s","key":"new"}}}`,
			`{"status":{"name":"To Do","statusCategory":{"key":"new"}}}`},
		{`[{"self":"a","name":"x"},{"name":"y","avatarUrls":{}}]`, `[{"name":"x"},{"name":"y"}]`},
		// Only member names are links; the same words as values stay.
		{`{"summary":"self","labels":["iconUrl","self"]}`, `{"summary":"self","labels":["iconUrl","self"]}`},
		// Escapes inside strings, and a quoted quote before a brace.
		{`{"summary":"a \"self\": } ]","self":"x"}`, `{"summary":"a \"self\": } ]"}`},
		{` { "a" : [ 1 , true , null , -2.5e3 ] , "self" : { } } `, `{"a":[1,true,null,-2.5e3]}`},
		{`{"\u0073elf":"x","a":1}`, `{"a":1}`},
		{`null`, `null`},
		{`"text"`, `"text"`},
		{`42`, `42`},
		{`[]`, `[]`},
		// Not valid JSON: kept as it came rather than lost.
		{`{"self":`, `{"self":`},
		{`{"a":1]`, `{"a":1]`},
	} {
		if got := string(appendWithoutLinks([]byte("P"), []byte(tc.in))); got != "P"+tc.want {
			t.Errorf("appendWithoutLinks(%s) = %s, want P%s", tc.in, got, tc.want)
		}
	}
}

// FuzzAppendWithoutLinks checks, on any valid JSON, that the result is
// valid JSON equal to the input decoded with link members deleted.
func FuzzAppendWithoutLinks(f *testing.F) {
	for _, s := range []string{`{"self":"a","b":[{"iconUrl":1,"c":"d"}]}`, `[1,"x",{"avatarUrls":{"1":2}}]`, `{"a\"self":1}`, `"\u0073elf"`, `{"\u0073elf":1,"x":2}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var want any
		if json.Unmarshal([]byte(in), &want) != nil {
			return
		}
		got := appendWithoutLinks(nil, []byte(in))
		var back any
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("appendWithoutLinks(%q) = %q: not JSON: %v", in, got, err)
		}
		if want = withoutLinks(want); !reflect.DeepEqual(back, want) {
			t.Fatalf("appendWithoutLinks(%q) = %q, want %v", in, got, want)
		}
	})
}

func withoutLinks(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if linkMembers[k] {
				delete(v, k)
			} else {
				v[k] = withoutLinks(x)
			}
		}
	case []any:
		for i := range v {
			v[i] = withoutLinks(v[i])
		}
	}
	return v
}
