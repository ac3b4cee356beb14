package jirasim

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/roleload/roleload/model"
)

// getIssue is GET /issue/{keyOrId}: all fields by default. With
// expand=changelog Cloud embeds only the 100 newest histories (the rest is
// on /changelog); Server/DC embeds the whole changelog, oldest first.
func (s *Server) getIssue(r *http.Request, base string, iv *issueView) (int, any) {
	q := r.URL.Query()
	o := renderOpts{fs: parseFields(q["fields"], "*all"), changelog: hasExpand(q.Get("expand"), "changelog")}
	if s.flavor == model.Cloud {
		o.changelogMax, o.newestFirst = s.opts.EmbedChangelogMax, true
	}
	return http.StatusOK, s.issueJSON(base, iv, o)
}

// changelogPage is Cloud's GET /issue/{keyOrId}/changelog: a PageBean,
// oldest first.
func (s *Server) changelogPage(r *http.Request, base string, iv *issueView) (int, any) {
	startAt, n, err := pageParams(r, 100, s.opts.ChangelogPageMax)
	if err != nil {
		return badRequest(err)
	}
	lo, hi := window(len(iv.hists), startAt, n)
	values := make([]any, 0, hi-lo)
	for _, h := range iv.hists[lo:hi] {
		values = append(values, s.history(base, h))
	}
	self := func(at int) string {
		return base + "/rest/api/2/issue/" + url.PathEscape(iv.Key) + "/changelog?maxResults=" + strconv.Itoa(n) + "&startAt=" + strconv.Itoa(at)
	}
	out := map[string]any{
		"self": self(startAt), "maxResults": n, "startAt": startAt,
		"total": len(iv.hists), "isLast": hi >= len(iv.hists), "values": values,
	}
	if hi < len(iv.hists) {
		out["nextPage"] = self(hi)
	}
	return http.StatusOK, out
}

// commentPage is GET /issue/{keyOrId}/comment, oldest first unless
// orderBy=-created.
func (s *Server) commentPage(r *http.Request, base string, iv *issueView) (int, any) {
	startAt, n, err := pageParams(r, s.opts.CommentPageMax, s.opts.CommentPageMax)
	if err != nil {
		return badRequest(err)
	}
	cs := iv.comments
	switch ob := r.URL.Query().Get("orderBy"); ob {
	case "", "created", "+created":
	case "-created":
		cs = slices.Clone(cs)
		slices.Reverse(cs)
	default:
		return http.StatusBadRequest, errorBody("Invalid orderBy value '" + ob + "'. Valid values are 'created', '-created' and '+created'.")
	}
	lo, hi := window(len(cs), startAt, n)
	out := make([]any, 0, hi-lo)
	for _, c := range cs[lo:hi] {
		out = append(out, s.comment(base, c))
	}
	return http.StatusOK, map[string]any{"startAt": startAt, "maxResults": n, "total": len(cs), "comments": out}
}

// worklogPage is GET /issue/{keyOrId}/worklog.
func (s *Server) worklogPage(r *http.Request, base string, iv *issueView) (int, any) {
	startAt, n, err := pageParams(r, s.opts.WorklogPageMax, s.opts.WorklogPageMax)
	if err != nil {
		return badRequest(err)
	}
	lo, hi := window(len(iv.worklogs), startAt, n)
	out := make([]any, 0, hi-lo)
	for _, w := range iv.worklogs[lo:hi] {
		out = append(out, s.worklog(base, w))
	}
	return http.StatusOK, map[string]any{"startAt": startAt, "maxResults": n, "total": len(iv.worklogs), "worklogs": out}
}
