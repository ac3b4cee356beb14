package jirasim

import (
	"slices"
	"strings"

	"github.com/roleload/roleload/model"
)

// customFields are the ids Jira gives the Jira Software fields; they
// differ between Cloud and Server/DC, which is why clients must look them
// up in /rest/api/2/field.
type customFields struct{ storyPoints, sprint, flagged, epicLink string }

func (s *Server) cf() customFields {
	if s.flavor == model.Server {
		return customFields{"customfield_10002", "customfield_10004", "customfield_10000", "customfield_10008"}
	}
	return customFields{"customfield_10016", "customfield_10020", "customfield_10021", "customfield_10014"}
}

// fieldList is /rest/api/2/field: the system fields roleload reads plus
// the agile custom fields, shaped like the real ones.
func (s *Server) fieldList() []map[string]any {
	sys := func(id, name, typ string) map[string]any {
		return map[string]any{
			"id": id, "key": id, "name": name, "custom": false, "orderable": true, "navigable": true,
			"searchable": true, "clauseNames": []string{id}, "schema": map[string]any{"type": typ, "system": id},
		}
	}
	custom := func(id, name, typ, plugin, items string) map[string]any {
		num := strings.TrimPrefix(id, "customfield_")
		schema := map[string]any{"type": typ, "custom": plugin, "customId": atoi(num)}
		if items != "" {
			schema["items"] = items
		}
		m := map[string]any{
			"id": id, "name": name, "custom": true, "orderable": true, "navigable": true, "searchable": true,
			"clauseNames": []string{"cf[" + num + "]", name}, "schema": schema,
		}
		if s.flavor == model.Cloud {
			m["key"], m["untranslatedName"] = id, name
		}
		return m
	}
	cf := s.cf()
	out := []map[string]any{
		sys("summary", "Summary", "string"), sys("description", "Description", "string"),
		sys("status", "Status", "status"), sys("issuetype", "Issue Type", "issuetype"),
		sys("project", "Project", "project"), sys("assignee", "Assignee", "user"),
		sys("reporter", "Reporter", "user"), sys("creator", "Creator", "user"),
		sys("created", "Created", "datetime"), sys("updated", "Updated", "datetime"),
		sys("resolutiondate", "Resolved", "datetime"), sys("resolution", "Resolution", "resolution"),
		sys("labels", "Labels", "array"), sys("components", "Component/s", "array"),
		sys("issuelinks", "Linked Issues", "array"), sys("priority", "Priority", "priority"),
		sys("comment", "Comment", "comments-page"), sys("worklog", "Log Work", "array"),
	}
	if s.flavor == model.Cloud {
		out = append(out, sys("parent", "Parent", "issuelink"),
			custom(cf.storyPoints, "Story point estimate", "number", "com.pyxis.greenhopper.jira:jsw-story-points", ""),
			custom(cf.sprint, "Sprint", "array", "com.pyxis.greenhopper.jira:gh-sprint", "json"))
	} else {
		out = append(out,
			custom(cf.storyPoints, "Story Points", "number", "com.atlassian.jira.plugin.system.customfieldtypes:float", ""),
			custom(cf.sprint, "Sprint", "array", "com.pyxis.greenhopper.jira:gh-sprint", "string"))
	}
	return append(out,
		custom(cf.flagged, "Flagged", "array", "com.atlassian.jira.plugin.system.customfieldtypes:multicheckboxes", "option"),
		custom(cf.epicLink, "Epic Link", "any", "com.pyxis.greenhopper.jira:gh-epic-link", ""))
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// fieldSet is a parsed `fields` parameter: `*all`, `*navigable`, names,
// and `-name` exclusions.
type fieldSet struct {
	all, navigable bool
	names, minus   map[string]bool
}

func parseFields(params []string, def string) fieldSet {
	fs := fieldSet{names: map[string]bool{}, minus: map[string]bool{}}
	var toks []string
	for _, p := range params {
		toks = append(toks, strings.Split(p, ",")...)
	}
	if len(slices.DeleteFunc(toks, func(t string) bool { return strings.TrimSpace(t) == "" })) == 0 {
		toks = strings.Split(def, ",")
	}
	positive := false
	for _, t := range toks {
		t = strings.TrimSpace(t)
		positive = positive || !strings.HasPrefix(t, "-")
		switch {
		case t == "*all":
			fs.all = true
		case t == "*navigable":
			fs.navigable = true
		case strings.HasPrefix(t, "-"):
			fs.minus[t[1:]] = true
		default:
			fs.names[t] = true
		}
	}
	// Only exclusions ("-description") mean the navigable fields minus those.
	fs.navigable = fs.navigable || !positive
	return fs
}

// want says whether field f is returned. comment and worklog are not
// navigable: default searches leave them out.
func (fs fieldSet) want(f string) bool {
	if fs.minus[f] {
		return false
	}
	return fs.all || fs.names[f] || (fs.navigable && f != "comment" && f != "worklog")
}

// onlyID is Cloud enhanced search's default: issues carry only their id.
func (fs fieldSet) onlyID() bool {
	if fs.all || fs.navigable {
		return false
	}
	for n := range fs.names {
		if n != "id" {
			return false
		}
	}
	return true
}
