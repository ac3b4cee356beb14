package jirasim

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/roleload/roleload/model"
)

// route answers one authenticated request with a status and a JSON body.
func (s *Server) route(r *http.Request) (int, any) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	base := s.base(r)
	p := strings.TrimSuffix(r.URL.Path, "/")
	get := r.Method == http.MethodGet
	switch {
	case p == "/rest/api/2/search/jql" || p == "/rest/api/3/search/jql":
		if s.flavor == model.Server {
			return notFound()
		}
		if !get && r.Method != http.MethodPost {
			return methodNotAllowed()
		}
		return s.searchCloud(r, base)
	case p == "/rest/api/2/search":
		if s.flavor == model.Cloud {
			// Atlassian removed the offset-paged search on Cloud (CHANGE-2046).
			return http.StatusGone, errorBody("The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046")
		}
		if !get && r.Method != http.MethodPost {
			return methodNotAllowed()
		}
		return s.searchServer(r, base)
	case !get:
		return methodNotAllowed()
	case p == "/rest/api/2/field":
		return http.StatusOK, s.fieldList()
	case p == "/rest/api/2/myself":
		return s.myself(base)
	case p == "/rest/api/2/serverInfo":
		return http.StatusOK, s.serverInfo(base)
	case p == "/rest/api/2/user":
		return s.userLookup(r, base)
	case p == "/rest/api/2/project":
		return s.projectList(base)
	case p == "/rest/api/2/project/search":
		return s.projectSearch(r, base)
	case strings.HasPrefix(p, "/rest/api/2/project/"):
		return s.projectRoutes(base, strings.TrimPrefix(p, "/rest/api/2/project/"))
	case p == "/rest/api/2/user/search":
		return s.userSearch(r, base)
	case p == "/rest/agile/1.0/board":
		return s.boards(r, base)
	case strings.HasPrefix(p, "/rest/agile/1.0/board/") && strings.HasSuffix(p, "/sprint"):
		return s.boardSprints(r, base, strings.TrimSuffix(strings.TrimPrefix(p, "/rest/agile/1.0/board/"), "/sprint"))
	case strings.HasPrefix(p, "/rest/api/2/issue/"):
		return s.issueRoutes(r, base, strings.TrimPrefix(p, "/rest/api/2/issue/"))
	}
	return notFound()
}

func (s *Server) issueRoutes(r *http.Request, base, rest string) (int, any) {
	keyOrID, sub, _ := strings.Cut(rest, "/")
	iv := s.lookup(keyOrID)
	if iv == nil {
		return http.StatusNotFound, errorBody("Issue does not exist or you do not have permission to see it.")
	}
	switch sub {
	case "":
		return s.getIssue(r, base, iv)
	case "changelog":
		if s.flavor == model.Server {
			// Server/DC has no changelog endpoint: ?expand=changelog on the issue instead.
			return notFound()
		}
		return s.changelogPage(r, base, iv)
	case "comment":
		return s.commentPage(r, base, iv)
	case "worklog":
		return s.worklogPage(r, base, iv)
	}
	return notFound()
}

// lookup finds a visible issue by id, current key, or a key it had before
// a move (Jira keeps resolving old keys).
func (s *Server) lookup(keyOrID string) *issueView {
	v := s.current()
	if iv := v.byID[keyOrID]; iv != nil {
		return iv
	}
	id, ok := s.keys[keyOrID]
	if !ok {
		id, ok = s.keys[strings.ToUpper(keyOrID)]
	}
	if !ok {
		return nil
	}
	return v.byID[id]
}

func (s *Server) base(r *http.Request) string {
	if s.opts.BaseURL != "" {
		return strings.TrimSuffix(s.opts.BaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func notFound() (int, any) {
	return http.StatusNotFound, errorBody("The requested resource could not be found.")
}

func methodNotAllowed() (int, any) {
	return http.StatusMethodNotAllowed, errorBody("Method Not Allowed")
}

// intParam reads a non-negative integer query parameter; absent: def.
func intParam(r *http.Request, name string, def int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, errors.New("The value '" + v + "' is invalid for the parameter '" + name + "'.")
	}
	return max(n, 0), nil
}

// pageParams reads startAt and maxResults, capping maxResults at limit
// the way Jira silently lowers it.
func pageParams(r *http.Request, def, limit int) (startAt, maxResults int, err error) {
	if startAt, err = intParam(r, "startAt", 0); err != nil {
		return 0, 0, err
	}
	if maxResults, err = intParam(r, "maxResults", def); err != nil {
		return 0, 0, err
	}
	if maxResults <= 0 {
		maxResults = def
	}
	return startAt, min(maxResults, limit), nil
}

func badRequest(err error) (int, any) {
	return http.StatusBadRequest, errorBody(err.Error())
}

// window returns the [startAt, startAt+n) slice bounds within total.
func window(total, startAt, n int) (int, int) {
	lo := min(startAt, total)
	return lo, min(lo+n, total)
}
