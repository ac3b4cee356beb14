package jirasim

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/roleload/roleload/jirasim/scenario"
)

// serveCalendar answers /calendars/{user}.ics with the person's feed, as a
// secret iCal address does: no Jira login. It says whether it answered.
func (s *Server) serveCalendar(w http.ResponseWriter, r *http.Request) bool {
	user, ok := strings.CutPrefix(r.URL.Path, "/calendars/")
	if !ok {
		return false
	}
	user, ok = strings.CutSuffix(user, ".ics")
	if !ok || r.Method != http.MethodGet {
		http.NotFound(w, r)
		return true
	}
	s.mu.RLock()
	ds := s.ds
	s.mu.RUnlock()
	body := scenario.CalendarICS(ds, user) // nil: no such PM or PO
	if body == nil {
		http.NotFound(w, r)
		return true
	}
	etag := fmt.Sprintf(`"%x"`, fnvSum(body))
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return true
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	_, _ = w.Write(body)
	return true
}

func fnvSum(b []byte) uint64 {
	var h uint64 = 14695981039346656037
	for _, c := range b {
		h = (h ^ uint64(c)) * 1099511628211
	}
	return h
}
