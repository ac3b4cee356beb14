package jirasim

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/roleload/roleload/jirasim/scenario"
	"github.com/roleload/roleload/model"
)

func (s *Server) myself(base string) (int, any) {
	if s.ds.APIUser == "" {
		return http.StatusUnauthorized, errorBody("You are not authenticated. Authentication required to perform this operation.")
	}
	u := *s.userStruct(base, s.ds.APIUser)
	u.Locale = "en_US"
	return http.StatusOK, u
}

// serverInfo tells clients the flavor (deploymentType) and Jira's clock,
// which the collector uses for its watermark instead of its own clock.
func (s *Server) serverInfo(base string) map[string]any {
	m := map[string]any{
		"baseUrl": base, "serverTime": s.jiraTime(s.now), "serverTitle": "Jira",
		"buildDate": "2026-10-01T00:00:00.000+0000", "scmInfo": "0123456789abcdef0123456789abcdef01234567",
	}
	if s.flavor == model.Server {
		m["version"], m["versionNumbers"], m["deploymentType"], m["buildNumber"] = "9.12.2", []int{9, 12, 2}, "Server", 9120002
	} else {
		m["version"], m["versionNumbers"], m["deploymentType"], m["buildNumber"] = "1001.0.0-SNAPSHOT", []int{1001, 0, 0}, "Cloud", 100275
	}
	return m
}

// userLookup is GET /user: ?accountId= on Cloud, ?key= or ?username= on
// Server/DC.
func (s *Server) userLookup(r *http.Request, base string) (int, any) {
	q := r.URL.Query()
	var id string
	if s.flavor == model.Cloud {
		acct := q.Get("accountId")
		if acct == "" {
			return http.StatusBadRequest, errorBody("The query parameter 'accountId' is required.")
		}
		for _, p := range s.ds.People {
			if p.AccountID == acct || p.ID == acct {
				id = p.ID
			}
		}
	} else {
		key, name := q.Get("key"), q.Get("username")
		if key == "" && name == "" {
			return http.StatusBadRequest, errorBody("Either the 'username' or the 'key' query parameters need to be provided")
		}
		for _, p := range s.ds.People {
			if key != "" && (p.Key == key || p.ID == key) || name != "" && p.Name == name {
				id = p.ID
			}
		}
	}
	if id == "" {
		return http.StatusNotFound, errorBody("The user does not exist.")
	}
	return http.StatusOK, s.user(base, id)
}

// boards is GET /rest/agile/1.0/board, filtered by projectKeyOrId.
func (s *Server) boards(r *http.Request, base string) (int, any) {
	startAt, n, err := pageParams(r, 50, 50)
	if err != nil {
		return badRequest(err)
	}
	want := r.URL.Query().Get("projectKeyOrId")
	var bs []scenario.Board
	for _, b := range s.ds.Boards {
		if want == "" || strings.EqualFold(b.ProjectKey, want) || s.projectID(b.ProjectKey) == want {
			bs = append(bs, b)
		}
	}
	lo, hi := window(len(bs), startAt, n)
	values := make([]any, 0, hi-lo)
	for _, b := range bs[lo:hi] {
		pr := s.project(base, b.ProjectKey)
		values = append(values, map[string]any{
			"id": b.ID, "self": base + "/rest/agile/1.0/board/" + strconv.FormatInt(b.ID, 10), "name": b.Name, "type": b.Type,
			"location": map[string]any{"projectId": atoi(pr["id"].(string)), "projectKey": b.ProjectKey, "projectName": pr["name"],
				"displayName": pr["name"].(string) + " (" + b.ProjectKey + ")", "projectTypeKey": pr["projectTypeKey"], "name": pr["name"]},
		})
	}
	return http.StatusOK, map[string]any{"maxResults": n, "startAt": startAt, "total": len(bs), "isLast": hi >= len(bs), "values": values}
}

func (s *Server) projectID(key string) string {
	for _, p := range s.ds.Projects {
		if p.Key == key {
			return p.ID
		}
	}
	return ""
}

// boardSprints is GET /rest/agile/1.0/board/{id}/sprint: isLast, no total,
// dates in UTC with Z, state as of the clock (optionally filtered).
func (s *Server) boardSprints(r *http.Request, base, boardID string) (int, any) {
	id, err := strconv.ParseInt(boardID, 10, 64)
	found := false
	for _, b := range s.ds.Boards {
		found = found || b.ID == id
	}
	if err != nil || !found {
		return http.StatusNotFound, errorBody("The requested board cannot be viewed because it either does not exist or you do not have permission to view it.")
	}
	startAt, n, err := pageParams(r, 50, 50)
	if err != nil {
		return badRequest(err)
	}
	states := map[string]bool{}
	for st := range strings.SplitSeq(r.URL.Query().Get("state"), ",") {
		if st = strings.TrimSpace(st); st != "" {
			states[st] = true
		}
	}
	var sps []model.Sprint
	for _, sp := range s.ds.Sprints {
		if sp.BoardID == id && (len(states) == 0 || states[s.sprintState(sp)]) {
			sps = append(sps, sp)
		}
	}
	lo, hi := window(len(sps), startAt, n)
	values := make([]any, 0, hi-lo)
	for _, sp := range sps[lo:hi] {
		values = append(values, s.sprintObject(base, sp))
	}
	return http.StatusOK, map[string]any{"maxResults": n, "startAt": startAt, "isLast": hi >= len(sps), "values": values}
}
