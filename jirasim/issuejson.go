package jirasim

import (
	"slices"
	"strconv"

	"github.com/roleload/roleload/model"
)

// embedWorklogMax is Jira's fixed cap on worklogs embedded in an issue
// (fields.worklog.maxResults is always 20); the rest needs /worklog.
const embedWorklogMax = 20

// renderOpts says what one issue representation carries.
type renderOpts struct {
	fs           fieldSet
	changelog    bool
	changelogMax int  // 0: every history
	newestFirst  bool // Cloud embeds the newest histories first
	commentMax   int  // 0: every comment
}

func (s *Server) issueJSON(base string, iv *issueView, o renderOpts) map[string]any {
	m := map[string]any{"id": iv.ID}
	if o.fs.onlyID() && !o.changelog {
		return m
	}
	m["expand"] = "operations,versionedRepresentations,editmeta,changelog,renderedFields"
	m["self"] = base + "/rest/api/2/issue/" + iv.ID
	m["key"] = iv.Key
	if !o.fs.onlyID() {
		m["fields"] = s.fieldsJSON(base, iv, o)
	}
	if o.changelog {
		m["changelog"] = s.embeddedChangelog(base, iv, o)
	}
	return m
}

func (s *Server) embeddedChangelog(base string, iv *issueView, o renderOpts) map[string]any {
	hs := iv.hists
	if o.newestFirst {
		hs = slices.Clone(hs)
		slices.Reverse(hs)
	}
	if o.changelogMax > 0 && len(hs) > o.changelogMax {
		hs = hs[:o.changelogMax]
	}
	out := make([]historyJSON, 0, len(hs))
	for _, h := range hs {
		out = append(out, s.history(base, h))
	}
	return map[string]any{"startAt": 0, "maxResults": len(out), "total": len(iv.hists), "histories": out}
}

func (s *Server) fieldsJSON(base string, iv *issueView, o renderOpts) map[string]any {
	f := map[string]any{}
	set := func(name string, v func() any) {
		if o.fs.want(name) {
			f[name] = v()
		}
	}
	set("summary", func() any { return iv.Summary })
	set("description", func() any { return nullable(iv.Description) })
	set("status", func() any { return s.status(base, iv.Status, iv.StatusCategory) })
	set("issuetype", func() any { return s.issueType(base, iv.Type) })
	set("project", func() any { return s.project(base, iv.ProjectKey) })
	set("assignee", func() any { return s.user(base, iv.AssigneeID) })
	set("reporter", func() any { return s.user(base, iv.ReporterID) })
	set("creator", func() any { return s.user(base, iv.CreatorID) })
	set("created", func() any { return s.jiraTime(iv.Created) })
	set("updated", func() any { return s.jiraTime(iv.Updated) })
	set("resolutiondate", func() any { return s.jiraTime(iv.Resolved) })
	set("resolution", func() any {
		if iv.Resolved.IsZero() {
			return nil
		}
		return map[string]any{"self": base + "/rest/api/2/resolution/10000", "id": "10000", "name": "Done", "description": ""}
	})
	set("labels", func() any { return append([]string{}, iv.Labels...) })
	set("components", func() any {
		cs := []map[string]any{}
		for _, c := range iv.Components {
			id := stableID("component", c)
			cs = append(cs, map[string]any{"self": base + "/rest/api/2/component/" + id, "id": id, "name": c})
		}
		return cs
	})
	set("priority", func() any {
		return map[string]any{"self": base + "/rest/api/2/priority/3", "id": "3", "name": "Medium"}
	})
	set("issuelinks", func() any { return s.linksJSON(base, iv) })
	s.customJSON(base, iv, o, f)
	set("comment", func() any { return s.embeddedComments(base, iv, o.commentMax) })
	set("worklog", func() any {
		ws := iv.worklogs[:min(len(iv.worklogs), embedWorklogMax)]
		out := make([]map[string]any, 0, len(ws))
		for _, w := range ws {
			out = append(out, s.worklog(base, w))
		}
		return map[string]any{"startAt": 0, "maxResults": embedWorklogMax, "total": len(iv.worklogs), "worklogs": out}
	})
	return f
}

func (s *Server) embeddedComments(base string, iv *issueView, max int) map[string]any {
	cs := iv.comments
	if max > 0 && len(cs) > max {
		cs = cs[:max]
	}
	out := make([]map[string]any, 0, len(cs))
	for _, c := range cs {
		out = append(out, s.comment(base, c))
	}
	m := map[string]any{"comments": out, "maxResults": len(out), "total": len(iv.comments), "startAt": 0}
	if s.flavor == model.Cloud {
		m["self"] = base + "/rest/api/2/issue/" + iv.ID + "/comment"
	}
	return m
}

// customJSON fills the agile custom fields and the parent. Cloud shows the
// parent (epic or not) in fields.parent; Server/DC shows an epic only in
// the Epic Link custom field, as the epic's key.
func (s *Server) customJSON(base string, iv *issueView, o renderOpts, f map[string]any) {
	cf := s.cf()
	if o.fs.want(cf.storyPoints) {
		var v any
		if iv.StoryPoints != nil {
			v = *iv.StoryPoints
		}
		f[cf.storyPoints] = v
	}
	if o.fs.want(cf.sprint) {
		var v any
		if len(iv.SprintIDs) > 0 {
			var objs []any
			for _, id := range iv.SprintIDs {
				sp, ok := s.sprints[id]
				if !ok {
					sp = model.Sprint{ID: id, Name: "Sprint " + strconv.FormatInt(id, 10)}
				}
				if s.flavor == model.Server {
					objs = append(objs, s.sprintString(sp))
				} else {
					objs = append(objs, s.sprintObject(base, sp))
				}
			}
			v = objs
		}
		f[cf.sprint] = v
	}
	if o.fs.want(cf.flagged) {
		var v any
		if iv.Flagged {
			v = []map[string]any{{"self": base + "/rest/api/2/customFieldOption/10019", "value": "Impediment", "id": "10019"}}
		}
		f[cf.flagged] = v
	}
	parent, parentIsEpic := s.parentOf(iv)
	if o.fs.want(cf.epicLink) {
		var v any
		if parentIsEpic {
			v = iv.ParentKey
		}
		f[cf.epicLink] = v
	}
	if o.fs.want("parent") && iv.ParentKey != "" && (s.flavor == model.Cloud || !parentIsEpic) {
		p := map[string]any{"key": iv.ParentKey, "self": base + "/rest/api/2/issue/" + parent.ID, "id": parent.ID}
		p["fields"] = map[string]any{"summary": parent.Summary, "status": s.status(base, parent.Status, parent.StatusCategory),
			"issuetype": s.issueType(base, parent.Type)}
		f["parent"] = p
	}
}

func (s *Server) parentOf(iv *issueView) (model.Issue, bool) {
	if iv.ParentKey == "" {
		return model.Issue{}, false
	}
	if i, ok := s.idx[s.keys[iv.ParentKey]]; ok {
		p := s.ds.Issues[i]
		return p, p.Type == "Epic"
	}
	return model.Issue{Key: iv.ParentKey, Type: "Epic"}, true
}

func (s *Server) linksJSON(base string, iv *issueView) []map[string]any {
	out := []map[string]any{}
	for n, l := range iv.Links {
		other := map[string]any{"key": l.OtherKey}
		if i, ok := s.idx[s.keys[l.OtherKey]]; ok {
			o := s.ds.Issues[i]
			other["id"], other["self"] = o.ID, base+"/rest/api/2/issue/"+o.ID
			other["fields"] = map[string]any{"summary": o.Summary, "status": s.status(base, o.Status, o.StatusCategory)}
		}
		id := stableID("link", iv.ID+"/"+strconv.Itoa(n))
		m := map[string]any{"id": id, "self": base + "/rest/api/2/issueLink/" + id,
			"type": map[string]any{"id": stableID("linktype", l.Type), "name": l.Type, "inward": "is " + l.Type + " by", "outward": l.Type}}
		if l.Direction == "inward" {
			m["inwardIssue"] = other
		} else {
			m["outwardIssue"] = other
		}
		out = append(out, m)
	}
	return out
}
