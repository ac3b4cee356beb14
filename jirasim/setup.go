package jirasim

import (
	"net/http"
	"slices"
	"strings"

	"github.com/roleload/roleload/model"
)

// What `roleload init` and `roleload doctor` read besides issues: the
// project list with projectTypeKey, each project's statuses per issue
// type, and user search.

// projectList is GET /rest/api/2/project: every visible project, unpaged
// (Server/DC and Cloud; Cloud also has the paged /project/search).
func (s *Server) projectList(base string) (int, any) {
	out := make([]any, 0, len(s.ds.Projects))
	for _, p := range s.ds.Projects {
		out = append(out, s.project(base, p.Key))
	}
	return http.StatusOK, out
}

// projectSearch is Cloud's GET /rest/api/2/project/search: paged, isLast.
func (s *Server) projectSearch(r *http.Request, base string) (int, any) {
	if s.flavor == model.Server {
		return notFound()
	}
	startAt, n, err := pageParams(r, 50, 50)
	if err != nil {
		return badRequest(err)
	}
	lo, hi := window(len(s.ds.Projects), startAt, n)
	values := make([]any, 0, hi-lo)
	for _, p := range s.ds.Projects[lo:hi] {
		values = append(values, s.project(base, p.Key))
	}
	return http.StatusOK, map[string]any{"self": base + "/rest/api/2/project/search", "maxResults": n, "startAt": startAt,
		"total": len(s.ds.Projects), "isLast": hi >= len(s.ds.Projects), "values": values}
}

// projectRoutes is /rest/api/2/project/{key} and /project/{key}/statuses.
func (s *Server) projectRoutes(base, rest string) (int, any) {
	key, sub, _ := strings.Cut(rest, "/")
	var proj *model.Project
	for i := range s.ds.Projects {
		if strings.EqualFold(s.ds.Projects[i].Key, key) || s.ds.Projects[i].ID == key {
			proj = &s.ds.Projects[i]
		}
	}
	if proj == nil {
		return http.StatusNotFound, errorBody("No project could be found with key '" + key + "'.")
	}
	switch sub {
	case "":
		return http.StatusOK, s.project(base, proj.Key)
	case "statuses":
		return http.StatusOK, s.projectStatuses(base, proj.Key)
	}
	return notFound()
}

// projectStatuses lists, per issue type used in the project, the statuses
// its issues have been in (the simulator's stand-in for the workflow).
func (s *Server) projectStatuses(base, key string) []any {
	byType := map[string][]string{}
	for _, is := range s.ds.Issues {
		if is.ProjectKey != key {
			continue
		}
		names := append(byType[is.Type], is.Status)
		for _, h := range s.ds.Histories[is.ID] {
			for _, it := range h.Items {
				if it.Field == "status" {
					names = append(names, it.FromString, it.ToString)
				}
			}
		}
		byType[is.Type] = names
	}
	types := make([]string, 0, len(byType))
	for t := range byType {
		types = append(types, t)
	}
	slices.Sort(types)
	out := make([]any, 0, len(types))
	for _, t := range types {
		names := slices.Compact(slices.Sorted(slices.Values(slices.DeleteFunc(byType[t], func(n string) bool { return n == "" }))))
		sts := make([]any, 0, len(names))
		for _, n := range names {
			sts = append(sts, s.status(base, n, s.statusCategory(n)))
		}
		it := s.issueType(base, t)
		out = append(out, map[string]any{"self": it["self"], "id": it["id"], "name": t, "subtask": it["subtask"], "statuses": sts})
	}
	return out
}

// userSearch is GET /rest/api/2/user/search: Cloud matches ?query= against
// display name and e-mail (prefix of a word, case-insensitive); Server/DC
// matches ?username= against username, display name and e-mail.
func (s *Server) userSearch(r *http.Request, base string) (int, any) {
	q := r.URL.Query()
	term := q.Get("query")
	if s.flavor == model.Server {
		term = q.Get("username")
	}
	if term == "" {
		if s.flavor == model.Server {
			return http.StatusBadRequest, errorBody("The username query parameter was not provided")
		}
		return http.StatusBadRequest, errorBody("One of 'query' or 'accountId' query parameters must be provided.")
	}
	term = strings.ToLower(term)
	out := []any{}
	for _, p := range s.ds.People {
		fields := []string{p.DisplayName, p.Email}
		if s.flavor == model.Server {
			fields = append(fields, p.Name)
		}
		if matchesUser(term, fields) {
			out = append(out, s.user(base, p.ID))
		}
	}
	return http.StatusOK, out
}

func matchesUser(term string, fields []string) bool {
	for _, f := range fields {
		f = strings.ToLower(f)
		if strings.HasPrefix(f, term) {
			return true
		}
		for w := range strings.FieldsSeq(f) {
			if strings.HasPrefix(w, term) {
				return true
			}
		}
	}
	return false
}
