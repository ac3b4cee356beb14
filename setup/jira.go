package setup

import (
	"context"
	"fmt"
	"github.com/roleload/roleload/internal/clock"
	"net/url"
	"strings"
	"time"

	"github.com/roleload/roleload/collector/jira"
)

// Site is what a Jira says about itself before any issue is read.
type Site struct {
	Client *jira.Client
	Flavor string    // cloud | server
	Clock  time.Time // Jira's clock (serverInfo.serverTime): "the last 12 weeks" end there
	Me     *jira.Myself
}

// Connect reads serverInfo (anonymous: flavor and clock) and /myself (the
// token works, and as whom).
func Connect(ctx context.Context, c *jira.Client) (*Site, error) {
	si, err := c.ServerInfo(ctx)
	if err != nil {
		return nil, fmt.Errorf("jira serverInfo: %w", err)
	}
	s := &Site{Client: c, Flavor: FlavorOf(si.DeploymentType), Clock: si.ServerTime.Time}
	if s.Clock.IsZero() {
		s.Clock = clock.Wall() // only when Jira does not say (old Server versions)
	}
	if s.Me, err = c.Myself(ctx); err != nil {
		return nil, fmt.Errorf("jira /myself: %w", err)
	}
	return s, nil
}

// FlavorOf maps serverInfo.deploymentType to the config's flavor.
func FlavorOf(deploymentType string) string {
	if strings.EqualFold(deploymentType, "Cloud") {
		return "cloud"
	}
	return "server"
}

// Project is one project of the project list.
type Project struct {
	ID             string `json:"id"`
	Key            string `json:"key"`
	Name           string `json:"name"`
	ProjectTypeKey string `json:"projectTypeKey"`
}

// Discovery says whether it is a Jira Product Discovery project.
func (p Project) Discovery() bool { return p.ProjectTypeKey == "product_discovery" }

// Projects lists every project the token can see: Cloud's paged
// /project/search, Server/DC's /project.
func (s *Site) Projects(ctx context.Context) ([]Project, error) {
	if s.Flavor != "cloud" {
		var ps []Project
		if err := s.Client.Get(ctx, "rest/api/2/project", nil, &ps); err != nil {
			return nil, fmt.Errorf("jira project list: %w", err)
		}
		return ps, nil
	}
	var out []Project
	for startAt := 0; ; {
		var page struct {
			IsLast bool      `json:"isLast"`
			Values []Project `json:"values"`
		}
		q := url.Values{"startAt": {fmt.Sprint(startAt)}, "maxResults": {"50"}}
		if err := s.Client.Get(ctx, "rest/api/2/project/search", q, &page); err != nil {
			return nil, fmt.Errorf("jira project list: %w", err)
		}
		out = append(out, page.Values...)
		startAt += len(page.Values)
		if page.IsLast || len(page.Values) == 0 || startAt > 10000 {
			return out, nil
		}
	}
}

// Project fetches one project; a project the token cannot see is a
// *jira.Error of KindNotFound.
func (s *Site) Project(ctx context.Context, key string) (Project, error) {
	var p Project
	err := s.Client.Get(ctx, "rest/api/2/project/"+url.PathEscape(key), nil, &p)
	return p, err
}

// Status is one status of a project's workflows.
type Status struct {
	Name     string
	Category string // new | indeterminate | done
}

// ProjectStatuses returns a project's statuses (over all its issue types,
// each once, in Jira's order) and its issue type names.
func (s *Site) ProjectStatuses(ctx context.Context, key string) ([]Status, []string, error) {
	var types []struct {
		Name     string `json:"name"`
		Statuses []struct {
			Name           string `json:"name"`
			StatusCategory struct {
				Key string `json:"key"`
			} `json:"statusCategory"`
		} `json:"statuses"`
	}
	if err := s.Client.Get(ctx, "rest/api/2/project/"+url.PathEscape(key)+"/statuses", nil, &types); err != nil {
		return nil, nil, fmt.Errorf("jira statuses of %s: %w", key, err)
	}
	var out []Status
	var names []string
	seen := map[string]bool{}
	for _, t := range types {
		names = append(names, t.Name)
		for _, st := range t.Statuses {
			if !seen[st.Name] {
				seen[st.Name] = true
				out = append(out, Status{Name: st.Name, Category: st.StatusCategory.Key})
			}
		}
	}
	return out, names, nil
}

// SearchUsers finds users by a name, e-mail or (Server/DC) username.
func (s *Site) SearchUsers(ctx context.Context, term string) ([]jira.User, error) {
	q := url.Values{"query": {term}, "maxResults": {"50"}}
	if s.Flavor != "cloud" {
		q = url.Values{"username": {term}, "maxResults": {"50"}}
	}
	var us []jira.User
	if err := s.Client.Get(ctx, "rest/api/2/user/search", q, &us); err != nil {
		return nil, fmt.Errorf("jira user search %q: %w", term, err)
	}
	return us, nil
}

// UserByID looks up an accountId (Cloud) or a user key or username
// (Server/DC); a user that does not exist is a KindNotFound error.
func (s *Site) UserByID(ctx context.Context, id string) (*jira.User, error) {
	q := url.Values{"accountId": {id}}
	if s.Flavor != "cloud" {
		q = url.Values{"key": {id}}
	}
	var u jira.User
	if err := s.Client.Get(ctx, "rest/api/2/user", q, &u); err != nil {
		if s.Flavor == "cloud" {
			return nil, err
		}
		if err2 := s.Client.Get(ctx, "rest/api/2/user", url.Values{"username": {id}}, &u); err2 != nil {
			return nil, err
		}
	}
	return &u, nil
}
