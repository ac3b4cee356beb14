package jirasim

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"net/http"
	"strconv"
	"strings"

	"github.com/roleload/roleload/jirasim/jql"
)

// embedCommentMax caps comments embedded in search results, reported with
// the true total, so clients must page /comment for the rest.
const embedCommentMax = 20

type searchReq struct {
	jql                 string
	startAt, maxResults int
	fields              []string
	expand              string
	token               string
}

// readSearch reads GET query parameters or a POST JSON body.
func readSearch(r *http.Request) (searchReq, error) {
	if r.Method == http.MethodPost {
		var body struct {
			JQL           string          `json:"jql"`
			StartAt       int             `json:"startAt"`
			MaxResults    int             `json:"maxResults"`
			Fields        []string        `json:"fields"`
			Expand        json.RawMessage `json:"expand"`
			NextPageToken string          `json:"nextPageToken"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			return searchReq{}, errors.New("Invalid request payload. Refer to the REST API documentation and try again.")
		}
		sr := searchReq{jql: body.JQL, startAt: max(body.StartAt, 0), maxResults: body.MaxResults, fields: body.Fields, token: body.NextPageToken}
		var list []string
		if json.Unmarshal(body.Expand, &sr.expand) != nil && json.Unmarshal(body.Expand, &list) == nil {
			sr.expand = strings.Join(list, ",")
		}
		return sr, nil
	}
	q := r.URL.Query()
	sr := searchReq{jql: q.Get("jql"), fields: q["fields"], expand: strings.Join(q["expand"], ","), token: q.Get("nextPageToken")}
	var err error
	if sr.startAt, err = intParam(r, "startAt", 0); err != nil {
		return sr, err
	}
	sr.maxResults, err = intParam(r, "maxResults", 0)
	return sr, err
}

func hasExpand(expand, what string) bool {
	for e := range strings.SplitSeq(expand, ",") {
		if strings.TrimSpace(e) == what {
			return true
		}
	}
	return false
}

// searchCloud is the enhanced search: token paging, no total, and only
// issue ids unless fields are asked for.
func (s *Server) searchCloud(r *http.Request, base string) (int, any) {
	sr, err := readSearch(r)
	if err != nil {
		return badRequest(err)
	}
	res, err := s.query(sr.jql)
	if err != nil {
		return badRequest(err)
	}
	offset := 0
	if sr.token != "" {
		if offset, err = decodeToken(sr.token, sr.jql); err != nil {
			return badRequest(err)
		}
	}
	n := sr.maxResults
	if n <= 0 {
		n = 50
	}
	fs := parseFields(sr.fields, "id")
	lo, hi := window(len(res), offset, min(n, s.pageMax(fs, sr.expand)))
	o := renderOpts{fs: fs, changelog: hasExpand(sr.expand, "changelog"),
		changelogMax: s.opts.EmbedChangelogMax, newestFirst: true, commentMax: embedCommentMax}
	issues := make([]any, 0, hi-lo)
	for _, iv := range res[lo:hi] {
		issues = append(issues, s.issueJSON(base, iv, o))
	}
	out := map[string]any{"issues": issues, "isLast": hi >= len(res)}
	if hi < len(res) {
		out["nextPageToken"] = encodeToken(hi, sr.jql)
	}
	return http.StatusOK, out
}

// searchServer is Server/DC's offset-paged search with a total.
func (s *Server) searchServer(r *http.Request, base string) (int, any) {
	sr, err := readSearch(r)
	if err != nil {
		return badRequest(err)
	}
	res, err := s.query(sr.jql)
	if err != nil {
		return badRequest(err)
	}
	n := sr.maxResults
	if n <= 0 {
		n = 50
	}
	fs := parseFields(sr.fields, "*navigable")
	n = min(n, s.pageMax(fs, sr.expand))
	lo, hi := window(len(res), sr.startAt, n)
	o := renderOpts{fs: fs, changelog: hasExpand(sr.expand, "changelog"),
		changelogMax: s.opts.EmbedChangelogMax, commentMax: embedCommentMax}
	issues := make([]any, 0, hi-lo)
	for _, iv := range res[lo:hi] {
		issues = append(issues, s.issueJSON(base, iv, o))
	}
	return http.StatusOK, map[string]any{"expand": "schema,names", "startAt": sr.startAt, "maxResults": n, "total": len(res), "issues": issues}
}

// pageMax is the most issues one search page returns: many more when only
// ids, keys and updated are asked ("The greatest number of items returned
// per page is achieved when requesting id or key only").
func (s *Server) pageMax(fs fieldSet, expand string) int {
	if fs.all || fs.navigable || strings.TrimSpace(expand) != "" {
		return s.opts.SearchPageMax
	}
	for f := range fs.names {
		if f != "id" && f != "key" && f != "updated" {
			return s.opts.SearchPageMax
		}
	}
	return s.opts.KeysPageMax
}

// query runs JQL against the view at the clock, caching the ordered
// result so that paging through it costs O(page) per request.
func (s *Server) query(text string) ([]*issueView, error) {
	v := s.current()
	s.cacheMu.Lock()
	res, ok := v.queries[text]
	s.cacheMu.Unlock()
	if ok {
		return res, nil
	}
	q, err := jql.Parse(text)
	if err != nil {
		return nil, err
	}
	m, err := q.Compile(s.jqlEnv(v))
	if err != nil {
		return nil, err
	}
	res = []*issueView{}
	for _, iv := range v.issues {
		if m(iv) {
			res = append(res, iv)
		}
	}
	jql.Sort(q, res)
	s.cacheMu.Lock()
	if len(v.queries) >= 256 {
		clear(v.queries)
	}
	v.queries[text] = res
	s.cacheMu.Unlock()
	return res, nil
}

func (s *Server) jqlEnv(v *view) *jql.Env {
	env := &jql.Env{Loc: s.loc, Now: s.now, Projects: map[string]string{}}
	for _, p := range s.ds.Projects {
		for _, name := range []string{p.Key, p.Name, p.ID} {
			if name != "" {
				env.Projects[strings.ToUpper(name)] = p.Key
			}
		}
	}
	env.KeyToID = func(k string) (string, bool) {
		id, ok := s.keys[k]
		return id, ok && v.byID[id] != nil
	}
	return env
}

// Tokens are opaque to clients and tied to their query, as on Cloud.
func encodeToken(offset int, jql string) string {
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "%d:%08x", offset, crc32.ChecksumIEEE([]byte(jql))))
}

func decodeToken(tok, jql string) (int, error) {
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	off, sum, ok := strings.Cut(string(raw), ":")
	n, aerr := strconv.Atoi(off)
	if err != nil || !ok || aerr != nil || n < 0 || sum != fmt.Sprintf("%08x", crc32.ChecksumIEEE([]byte(jql))) {
		return 0, errors.New("The provided next page token is invalid or expired.")
	}
	return n, nil
}
