package jirasim

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/model"
)

type searchPage struct {
	Issues []struct {
		ID, Key   string
		Fields    map[string]any
		Changelog *struct {
			StartAt, MaxResults, Total int
			Histories                  []struct {
				ID, Created string
			}
		}
	}
	NextPageToken *string
	IsLast        *bool
	Total         *int
	StartAt       int
	MaxResults    int
	ErrorMessages []string
}

// cloudKeys pages /search/jql by nextPageToken and returns keys in order.
func cloudKeys(t *testing.T, hs *hsT, jql string, max int) []string {
	t.Helper()
	var keys []string
	token := ""
	for page := 0; ; page++ {
		q := url.Values{"jql": {jql}, "fields": {"key,updated"}, "maxResults": {strconv.Itoa(max)}}
		if token != "" {
			q.Set("nextPageToken", token)
		}
		var p searchPage
		if st := call(t, hs, model.Cloud, "/rest/api/2/search/jql", q, &p); st != 200 {
			t.Fatalf("page %d: status %d %v", page, st, p.ErrorMessages)
		}
		if p.Total != nil {
			t.Fatalf("Cloud enhanced search must not report total")
		}
		for _, is := range p.Issues {
			keys = append(keys, is.Key)
		}
		if p.IsLast == nil {
			t.Fatalf("isLast missing")
		}
		if *p.IsLast {
			if p.NextPageToken != nil {
				t.Fatalf("last page carries a nextPageToken")
			}
			return keys
		}
		token = *p.NextPageToken
	}
}

func serverKeys(t *testing.T, hs *hsT, jql string, max int) []string {
	t.Helper()
	var keys []string
	for startAt := 0; ; {
		q := url.Values{"jql": {jql}, "startAt": {strconv.Itoa(startAt)}, "maxResults": {strconv.Itoa(max)}}
		var p searchPage
		if st := call(t, hs, model.Server, "/rest/api/2/search", q, &p); st != 200 {
			t.Fatalf("startAt %d: status %d %v", startAt, st, p.ErrorMessages)
		}
		if p.Total == nil {
			t.Fatalf("Server search must report total")
		}
		for _, is := range p.Issues {
			keys = append(keys, is.Key)
		}
		startAt += len(p.Issues)
		if len(p.Issues) == 0 || startAt >= *p.Total {
			return keys
		}
	}
}

func assertEachOnce(t *testing.T, keys []string, want int) {
	t.Helper()
	seen := map[string]bool{}
	for _, k := range keys {
		if seen[k] {
			t.Errorf("key %s returned twice", k)
		}
		seen[k] = true
	}
	if len(seen) != want {
		t.Errorf("got %d distinct issues, want %d", len(seen), want)
	}
}

func TestSearchPagingReturnsEveryIssueOnce(t *testing.T) {
	const n = 257 // + AB2_X-7; FUT-1 is in the future
	tests := []struct {
		flavor model.Flavor
		max    int
	}{
		{model.Cloud, 50}, {model.Cloud, 1000}, {model.Cloud, 7},
		{model.Server, 50}, {model.Server, 1000}, {model.Server, 7},
	}
	for _, tc := range tests {
		t.Run(string(tc.flavor)+"/"+strconv.Itoa(tc.max), func(t *testing.T) {
			_, hs := startSim(t, tinyDataset(n), authOpts(tc.flavor))
			jql := "project in (ABC, AB2_X, FUT) ORDER BY created ASC"
			var keys []string
			if tc.flavor == model.Cloud {
				keys = cloudKeys(t, hs, jql, tc.max)
			} else {
				keys = serverKeys(t, hs, jql, tc.max)
			}
			assertEachOnce(t, keys, n+1)
		})
	}
}

func TestSearchCapsMaxResults(t *testing.T) {
	_, hs := startSim(t, tinyDataset(150), authOpts(model.Server))
	var p searchPage
	call(t, hs, model.Server, "/rest/api/2/search", url.Values{"maxResults": {"1000"}}, &p)
	if len(p.Issues) != 100 || p.MaxResults != 100 || *p.Total != 151 {
		t.Errorf("got %d issues, maxResults %d, total %d; want 100, 100, 151", len(p.Issues), p.MaxResults, *p.Total)
	}
	if _, ok := p.Issues[0].Fields["summary"]; !ok {
		t.Errorf("Server search default fields must be *navigable")
	}
	if _, ok := p.Issues[0].Fields["comment"]; ok {
		t.Errorf("comment is not navigable: not in default search fields")
	}
}

func TestSearchEndpointsPerFlavor(t *testing.T) {
	tests := []struct {
		flavor model.Flavor
		path   string
		want   int
	}{
		{model.Cloud, "/rest/api/2/search", 410},
		{model.Cloud, "/rest/api/2/search/jql", 200},
		{model.Server, "/rest/api/2/search/jql", 404},
		{model.Server, "/rest/api/2/search", 200},
		{model.Server, "/rest/api/2/issue/ABC-1/changelog", 404},
		{model.Cloud, "/rest/api/2/issue/ABC-1/changelog", 200},
	}
	for _, tc := range tests {
		t.Run(string(tc.flavor)+tc.path, func(t *testing.T) {
			_, hs := startSim(t, tinyDataset(3), authOpts(tc.flavor))
			var body searchPage
			if st := call(t, hs, tc.flavor, tc.path, nil, &body); st != tc.want {
				t.Errorf("status %d, want %d", st, tc.want)
			}
			if tc.want >= 400 && len(body.ErrorMessages) == 0 {
				t.Errorf("error without errorMessages")
			}
		})
	}
}

func TestCloudSearchDefaultsToIDs(t *testing.T) {
	_, hs := startSim(t, tinyDataset(3), authOpts(model.Cloud))
	var p searchPage
	call(t, hs, model.Cloud, "/rest/api/2/search/jql", url.Values{"jql": {"project = ABC"}}, &p)
	if len(p.Issues) != 3 || p.Issues[0].ID == "" || p.Issues[0].Key != "" || p.Issues[0].Fields != nil {
		t.Errorf("default enhanced search should return ids only, got %+v", p.Issues)
	}
}

func TestCloudTokenIsTiedToQuery(t *testing.T) {
	_, hs := startSim(t, tinyDataset(10), authOpts(model.Cloud))
	var p searchPage
	call(t, hs, model.Cloud, "/rest/api/2/search/jql", url.Values{"jql": {"project = ABC"}, "maxResults": {"2"}}, &p)
	q := url.Values{"jql": {"project = AB2_X"}, "nextPageToken": {*p.NextPageToken}}
	if st := call(t, hs, model.Cloud, "/rest/api/2/search/jql", q, &p); st != 400 {
		t.Errorf("token reused with another query: status %d, want 400", st)
	}
}

func TestSearchOrderAndFieldsAsOfNow(t *testing.T) {
	sim, hs := startSim(t, tinyDataset(5), authOpts(model.Cloud))
	keys := cloudKeys(t, hs, "project = ABC ORDER BY created DESC", 2)
	if want := []string{"ABC-5", "ABC-4", "ABC-3", "ABC-2", "ABC-1"}; !equal(keys, want) {
		t.Errorf("ORDER BY created DESC = %v, want %v", keys, want)
	}
	keys = cloudKeys(t, hs, "project = ABC ORDER BY updated DESC, key ASC", 100)
	if keys[0] != "ABC-2" {
		t.Errorf("ORDER BY updated DESC starts with %s, want ABC-2 (updated Nov 10)", keys[0])
	}
	// Before ABC-2's status change, it must be shown as it was then.
	sim.SetNow(time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC))
	var p searchPage
	call(t, hs, model.Cloud, "/rest/api/2/search/jql", url.Values{"jql": {"key = ABC-2"}, "fields": {"status,assignee,updated"}}, &p)
	f := p.Issues[0].Fields
	if st := f["status"].(map[string]any); st["name"] != "To Do" || st["statusCategory"].(map[string]any)["key"] != "new" {
		t.Errorf("status as of Nov 9 = %v, want To Do/new", st)
	}
	if f["assignee"] != nil {
		t.Errorf("assignee as of Nov 9 = %v, want null", f["assignee"])
	}
	up, _ := time.Parse(jiraTimeLayout, f["updated"].(string))
	if !up.Equal(tStart.Add(2 * time.Hour)) {
		t.Errorf("updated as of Nov 9 = %v, want its created", up)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestFieldsParameter(t *testing.T) {
	tests := []struct {
		fields    []string
		has, lack []string
	}{
		{[]string{"-description"}, []string{"summary", "status"}, []string{"description", "comment"}},
		{[]string{"*all,-comment"}, []string{"worklog", "summary"}, []string{"comment"}},
		{[]string{"summary", "status"}, []string{"summary", "status"}, []string{"assignee"}},
		{[]string{"key"}, nil, []string{"summary"}},
	}
	_, hs := startSim(t, tinyDataset(2), authOpts(model.Cloud))
	for _, tc := range tests {
		t.Run(strings.Join(tc.fields, "&"), func(t *testing.T) {
			var p searchPage
			call(t, hs, model.Cloud, "/rest/api/2/search/jql", url.Values{"jql": {"key = ABC-1"}, "fields": tc.fields}, &p)
			if p.Issues[0].Key != "ABC-1" {
				t.Errorf("key missing")
			}
			for _, f := range tc.has {
				if _, ok := p.Issues[0].Fields[f]; !ok {
					t.Errorf("%s missing", f)
				}
			}
			for _, f := range tc.lack {
				if _, ok := p.Issues[0].Fields[f]; ok {
					t.Errorf("%s present", f)
				}
			}
		})
	}
}

func TestEmbedChangelogMaxOption(t *testing.T) {
	// Atlassian's enhanced-search notes have mentioned smaller embedded
	// changelogs (40): collectors must rely on total, whatever the cap.
	_, hs := startSim(t, tinyDataset(2), Options{Flavor: model.Cloud, EmbedChangelogMax: 40})
	var p searchPage
	call(t, hs, model.Cloud, "/rest/api/2/search/jql", url.Values{"jql": {"key = ABC-1"}, "expand": {"changelog"}}, &p)
	if cl := p.Issues[0].Changelog; cl == nil || len(cl.Histories) != 40 || cl.Total != 130 {
		t.Errorf("changelog = %+v", cl)
	}
}

func TestServerInfoIsAnonymous(t *testing.T) {
	_, hs := startSim(t, tinyDataset(2), authOpts(model.Cloud))
	for path, want := range map[string]int{"/rest/api/2/serverInfo": 200, "/rest/api/2/myself": 401} {
		resp, err := hs.Client().Get(hs.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("anonymous %s: %d, want %d", path, resp.StatusCode, want)
		}
	}
}

// A search for ids, keys and updated only is paged as Jira pages it: up to
// 5000 on Cloud, 1000 on Server/DC; anything more is capped at
// SearchPageMax.
func TestKeysOnlySearchHasLargePages(t *testing.T) {
	tests := []struct {
		name   string
		flavor model.Flavor
		opts   Options
		q      url.Values
		want   int
	}{
		{"cloud keys", model.Cloud, Options{}, url.Values{"fields": {"key,updated"}}, 1201},
		{"cloud ids", model.Cloud, Options{}, url.Values{}, 1201},
		{"cloud summary", model.Cloud, Options{}, url.Values{"fields": {"key,summary"}}, 100},
		{"cloud changelog", model.Cloud, Options{}, url.Values{"fields": {"updated"}, "expand": {"changelog"}}, 100},
		{"cloud option", model.Cloud, Options{KeysPageMax: 7}, url.Values{"fields": {"updated"}}, 7},
		{"server keys", model.Server, Options{}, url.Values{"fields": {"updated"}}, 1000},
		{"server navigable", model.Server, Options{}, url.Values{}, 100},
		{"server option", model.Server, Options{KeysPageMax: 3000}, url.Values{"fields": {"id,key"}}, 1201},
	}
	ds := tinyDataset(1200)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := tc.opts
			o.Flavor, o.Email, o.Token = tc.flavor, testEmail, testToken
			if tc.flavor == model.Server {
				o.Email = ""
			}
			_, hs := startSim(t, ds, o)
			path := "/rest/api/2/search/jql"
			if tc.flavor == model.Server {
				path = "/rest/api/2/search"
			}
			tc.q.Set("jql", "project in (ABC, AB2_X) ORDER BY created ASC")
			tc.q.Set("maxResults", "5000")
			var p searchPage
			if st := call(t, hs, tc.flavor, path, tc.q, &p); st != 200 {
				t.Fatalf("status %d %v", st, p.ErrorMessages)
			}
			if len(p.Issues) != tc.want {
				t.Errorf("page of %d issues, want %d", len(p.Issues), tc.want)
			}
			if tc.flavor == model.Server && p.MaxResults < len(p.Issues) {
				t.Errorf("maxResults %d below the %d issues returned", p.MaxResults, len(p.Issues))
			}
		})
	}
}
