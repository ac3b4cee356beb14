package jira

import "strings"

// FieldMap holds the ids of the custom fields roleload reads; they differ
// per instance and are found through /rest/api/2/field.
type FieldMap struct {
	StoryPoints, Sprint, Flagged, EpicLink string
}

// IDs lists the mapped ids (for the search fields parameter).
func (m FieldMap) IDs() []string {
	var out []string
	for _, id := range []string{m.StoryPoints, m.Sprint, m.Flagged, m.EpicLink} {
		if id != "" {
			out = append(out, id)
		}
	}
	return out
}

// Mapping is one found field, by purpose (story_points, sprint, flagged,
// epic_link).
type Mapping struct {
	Purpose string
	Field   Field
}

// fieldRules find each purpose by schema.custom first, then by name (in
// order of preference: Cloud company-managed projects have both "Story
// Points" and "Story point estimate"; the latter is the one boards use).
var fieldRules = []struct {
	purpose string
	schemas []string
	names   []string
}{
	{"story_points", []string{"com.pyxis.greenhopper.jira:jsw-story-points"}, []string{"Story Points", "Story point estimate"}},
	{"sprint", []string{"com.pyxis.greenhopper.jira:gh-sprint"}, []string{"Sprint"}},
	{"flagged", nil, []string{"Flagged"}},
	{"epic_link", []string{"com.pyxis.greenhopper.jira:gh-epic-link"}, []string{"Epic Link"}},
}

// FindFields maps the custom fields roleload reads.
func FindFields(fields []Field) (FieldMap, []Mapping) {
	var fm FieldMap
	var found []Mapping
	for _, r := range fieldRules {
		f, ok := pickField(fields, r.schemas, r.names)
		if !ok {
			continue
		}
		found = append(found, Mapping{Purpose: r.purpose, Field: f})
		switch r.purpose {
		case "story_points":
			fm.StoryPoints = f.ID
		case "sprint":
			fm.Sprint = f.ID
		case "flagged":
			fm.Flagged = f.ID
		case "epic_link":
			fm.EpicLink = f.ID
		}
	}
	return fm, found
}

func pickField(fields []Field, schemas, names []string) (Field, bool) {
	for _, s := range schemas {
		for _, f := range fields {
			if f.Schema.Custom == s {
				return f, true
			}
		}
	}
	for _, n := range names {
		for _, f := range fields {
			if f.Custom && strings.EqualFold(f.Name, n) {
				return f, true
			}
		}
	}
	return Field{}, false
}
