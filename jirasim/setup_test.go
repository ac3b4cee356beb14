package jirasim

import (
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/roleload/roleload/jirasim/scenario"
	"github.com/roleload/roleload/model"
)

// TestSetupEndpoints: what `roleload init` and `doctor` read besides
// issues, on both flavors.
func TestSetupEndpoints(t *testing.T) {
	for _, flavor := range []model.Flavor{model.Cloud, model.Server} {
		t.Run(string(flavor), func(t *testing.T) {
			ds, err := scenario.Load("demo", scenario.Options{Seed: 1, Flavor: flavor})
			if err != nil {
				t.Fatal(err)
			}
			_, hs := startSim(t, ds, Options{Flavor: flavor, Email: testEmail, Token: testToken})
			var projects []struct{ Key, ProjectTypeKey string }
			if code := call(t, hs, flavor, "/rest/api/2/project", nil, &projects); code != http.StatusOK || len(projects) != 2 ||
				projects[1].Key != "DISC" || projects[1].ProjectTypeKey != "product_discovery" {
				t.Errorf("project list: %d %+v", code, projects)
			}
			var page struct {
				IsLast bool
				Values []struct{ Key string }
			}
			code := call(t, hs, flavor, "/rest/api/2/project/search", url.Values{"maxResults": {"1"}}, &page)
			if flavor == model.Cloud && (code != http.StatusOK || page.IsLast || len(page.Values) != 1) || flavor == model.Server && code != http.StatusNotFound {
				t.Errorf("project search page of 1: %d %+v", code, page)
			}
			if code := call(t, hs, flavor, "/rest/api/2/project/NOPE", nil, nil); code != http.StatusNotFound {
				t.Errorf("unknown project: %d, want 404", code)
			}
			var types []struct {
				Name     string
				Statuses []struct{ Name string }
			}
			if code := call(t, hs, flavor, "/rest/api/2/project/CHK/statuses", nil, &types); code != http.StatusOK {
				t.Fatalf("statuses: %d", code)
			}
			var names []string
			for _, ty := range types {
				for _, s := range ty.Statuses {
					names = append(names, s.Name)
				}
			}
			for _, want := range []string{"Needs Info", "Ready for Dev", "To Do", "Done"} {
				if !slices.Contains(names, want) {
					t.Errorf("CHK statuses %v lack %q", names, want)
				}
			}
			param := "query"
			if flavor == model.Server {
				param = "username"
			}
			var users []struct{ DisplayName string }
			if code := call(t, hs, flavor, "/rest/api/2/user/search", url.Values{param: {"mara"}}, &users); code != http.StatusOK ||
				len(users) != 1 || users[0].DisplayName != "Mara Klein" {
				t.Errorf("user search mara: %d %+v", code, users)
			}
			if code := call(t, hs, flavor, "/rest/api/2/user/search", nil, nil); code != http.StatusBadRequest {
				t.Errorf("user search without a term: %d, want 400", code)
			}
		})
	}
}
