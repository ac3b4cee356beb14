package analysis

import (
	"time"

	"github.com/roleload/roleload/model"
)

// TimelineBlock is one stretch of a person's attributed time.
type TimelineBlock struct {
	PersonID string
	Start    time.Time
	End      time.Time
	Category string   // "story_writing", "discovery" or "other" (with Source "calendar": a meeting, outside the split)
	Source   string   // "jira" or "calendar"
	Issues   []string // the Jira keys behind the block (empty for calendar time)
}

// block is a TimelineBlock as the time model builds it.
type block struct {
	s, e   int64
	cat    string
	src    Source
	issues []int32
}

// topCategory names a category as SPEC §8.2 does: the story-writing
// subcategories are story_writing.
func topCategory(c Category) string {
	switch c {
	case catDiscovery:
		return "discovery"
	case catOther:
		return "other"
	}
	return "story_writing"
}

// addBlock adds the stretch sg, from s on, to the timeline, merging it
// into the block before when it continues it in category and source.
func (pt *personTime) addBlock(sg span, s int64) {
	cat := topCategory(sg.cat)
	if n := len(pt.blocks); n > 0 {
		if b := &pt.blocks[n-1]; b.e == s && b.cat == cat && b.src == sg.src {
			b.e = sg.e
			b.addIssue(sg.issue)
			return
		}
	}
	b := block{s: s, e: sg.e, cat: cat, src: sg.src}
	b.addIssue(sg.issue)
	pt.blocks = append(pt.blocks, b)
}

func (b *block) addIssue(i int32) {
	if i < 0 {
		return
	}
	for _, x := range b.issues {
		if x == i {
			return
		}
	}
	b.issues = append(b.issues, i)
}

// timeline is the product people's blocks, person by person, in time order.
func timeline(f *frame, c *cast, pts map[int32]*personTime, issues []model.Issue) []TimelineBlock {
	out := []TimelineBlock{}
	for _, p := range c.product() {
		for _, b := range pts[p].blocks {
			tb := TimelineBlock{PersonID: c.pp.list[p].ID, Start: time.Unix(0, b.s).In(f.cal.loc), End: time.Unix(0, b.e).In(f.cal.loc),
				Category: b.cat, Source: sourceNames[b.src], Issues: []string{}}
			for _, i := range b.issues {
				tb.Issues = append(tb.Issues, issues[i].Key)
			}
			out = append(out, tb)
		}
	}
	return out
}
