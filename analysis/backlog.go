package analysis

import (
	"slices"
	"strings"
	"time"

	"github.com/roleload/roleload/model"
)

// throughputSpan is how far back ready_backlog_sprints looks for the
// team's pace: "the last ~12 weeks" of closed sprints or resolutions.
const throughputSpan = int64(12 * 7 * 24 * time.Hour)

const twoWeeks = int64(14 * 24 * time.Hour)

// backlog collects what ready_backlog_sprints needs, at the end of every
// chart week (the last of which ends at the cutoff: the window's value).
type backlog struct {
	checkpoints  []int64 // end of each chart week, capped at the cutoff
	ready        []int   // ready stories at each checkpoint
	resolved     []int64 // resolution moments of delivery stories
	firstCreated int64   // earliest delivery story, to not divide by periods before the team existed
	sprints      map[int64]*model.Sprint
	sprintUsed   map[int64]bool // referenced by a delivery story: the team's sprints
	readySet     lowerSet       // the team's ready statuses
	// resolvedInWindow counts delivery stories resolved in the window.
	resolvedInWindow int
}

// newBacklog prepares the replay of the frame's chart weeks.
func newBacklog(f *frame, sprints []model.Sprint) *backlog {
	b := &backlog{readySet: newLowerSet(f.team.ReadyStatuses)}
	for _, d := range f.weekDays {
		end := f.cutoff
		if d+7 < len(f.cal.days) {
			end = min(end, f.cal.days[d+7].start)
		}
		b.checkpoints = append(b.checkpoints, end)
	}
	b.ready = make([]int, len(b.checkpoints))
	b.firstCreated = f.cutoff
	b.sprints = make(map[int64]*model.Sprint, len(sprints))
	for i := range sprints {
		b.sprints[sprints[i].ID] = &sprints[i]
	}
	b.sprintUsed = map[int64]bool{}
	return b
}

// addStory records a delivery story's resolution, sprints and, at each
// checkpoint, whether it sat in a ready status (replayed from its
// changelog hs, so past weeks see past statuses).
func (b *backlog) addStory(is *model.Issue, hs []model.History, fields fieldKinds, cutoff, winStart int64) {
	created := is.Created.UnixNano()
	b.firstCreated = min(b.firstCreated, created)
	res := is.Resolved.UnixNano()
	if !is.Resolved.IsZero() && res <= cutoff {
		b.resolved = append(b.resolved, res)
		if res >= winStart {
			b.resolvedInWindow++
		}
	}
	for _, id := range is.SprintIDs {
		b.sprintUsed[id] = true
	}
	status, h := initialStatus(is, hs, fields), 0
	for w, t := range b.checkpoints {
		for ; h < len(hs) && hs[h].Created.UnixNano() <= t; h++ {
			for k := range hs[h].Items {
				if it := &hs[h].Items[k]; fields.kind(it) == fieldStatus {
					status = it.ToString
				}
			}
		}
		if created <= t && b.readySet.has(status) {
			b.ready[w]++
		}
	}
}

func initialStatus(is *model.Issue, hs []model.History, fields fieldKinds) string {
	for _, h := range hs {
		for k := range h.Items {
			if it := &h.Items[k]; fields.kind(it) == fieldStatus {
				return it.FromString
			}
		}
	}
	return is.Status
}

func sprintEnd(s *model.Sprint) time.Time {
	if !s.Complete.IsZero() {
		return s.Complete
	}
	return s.End
}

// readySprints is ready / mean stories resolved per sprint, over the team's
// sprints closed in the 12 weeks before t; without sprints, per two-week
// period over those 12 weeks (or since the first story, if later). nil when
// nothing was resolved to divide by. A sprint's throughput is every
// delivery story resolved between its start and completion, in the sprint
// or not: bugs fixed outside the sprint and stories whose sprint field was
// cleared are delivered work too.
func (b *backlog) readySprints(ready int, t int64) (*float64, bool) {
	if !slices.IsSorted(b.resolved) {
		slices.Sort(b.resolved)
	}
	n, sum := 0, 0
	for id := range b.sprintUsed {
		s := b.sprints[id]
		if s == nil || !strings.EqualFold(s.State, "closed") {
			continue
		}
		if end := sprintEnd(s).UnixNano(); end <= t && end > t-throughputSpan {
			n++
			sum += countBetween(b.resolved, s.Start.UnixNano(), end)
		}
	}
	if n > 0 {
		if sum == 0 {
			return nil, true
		}
		v := float64(ready) / (float64(sum) / float64(n))
		return &v, true
	}
	from := max(t-throughputSpan, b.firstCreated)
	resolved := countBetween(b.resolved, from+1, t)
	if resolved == 0 {
		return nil, false
	}
	periods := max(1, float64(t-from)/float64(twoWeeks))
	v := float64(ready) / (float64(resolved) / periods)
	return &v, false
}

// countBetween counts the sorted moments in [from, to].
func countBetween(sorted []int64, from, to int64) int {
	lo, _ := slices.BinarySearch(sorted, from)
	hi, _ := slices.BinarySearch(sorted, to+1)
	return max(0, hi-lo)
}
