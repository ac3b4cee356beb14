package analysis

import (
	"strings"

	"github.com/roleload/roleload/model"
)

// Class is an issue's class of SPEC §6.2.
type Class uint8

// Issue classes of SPEC §6.2.
const (
	classNone Class = iota // outside the team's work: a PM's event there is "other"
	classDelivery
	classDiscovery
)

// Category is a time category: the three story-writing subcategories, then
// discovery and other. story_writing is the sum of the first three.
type Category uint8

// Time categories (SPEC §6.2).
const (
	catAuthoring Category = iota
	catRefinement
	catAnswering
	catDiscovery
	catOther
	numCats
)

// lowerSet is a case-insensitive set of names from the config. Lookups
// never allocate: exact spellings hit the map, others are compared
// case-insensitively with the few names listed.
type lowerSet struct {
	exact map[string]bool
	names []string
}

func newLowerSet(lists ...[]string) lowerSet {
	s := lowerSet{exact: map[string]bool{}}
	for _, l := range lists {
		for _, n := range l {
			n = strings.TrimSpace(n)
			s.exact[n] = true
			s.names = append(s.names, n)
		}
	}
	return s
}

func (s lowerSet) has(name string) bool {
	if s.exact[name] {
		return true
	}
	for _, n := range s.names {
		if strings.EqualFold(n, name) {
			return true
		}
	}
	return false
}

// classifyIssues returns each issue's class. Discovery is inherited down
// the parent chain (epic -> story -> sub-task) whatever the child's project.
func classifyIssues(issues []model.Issue, t Team) []Class {
	delivery := newLowerSet(t.DeliveryProjects)
	discProjects := newLowerSet(t.Discovery.Projects)
	discTypes := newLowerSet(t.Discovery.IssueTypes)
	discLabels := newLowerSet(t.Discovery.Labels)
	byKey := make(map[string]int, len(issues))
	for i := range issues {
		byKey[issues[i].Key] = i
	}
	own := func(is *model.Issue) bool {
		if discProjects.has(is.ProjectKey) || is.ProjectType == "product_discovery" || discTypes.has(is.Type) {
			return true
		}
		for _, l := range is.Labels {
			if discLabels.has(l) {
				return true
			}
		}
		return false
	}
	const unknown, visiting = 0xFF, 0xFE
	class := make([]Class, len(issues))
	for i := range class {
		class[i] = unknown
	}
	var visit func(i int) Class
	visit = func(i int) Class {
		switch class[i] {
		case unknown:
		case visiting:
			return classNone // a parent cycle: stop, inherit nothing
		default:
			return class[i]
		}
		class[i] = visiting
		is := &issues[i]
		c := classNone
		if delivery.has(is.ProjectKey) {
			c = classDelivery
		}
		if own(is) {
			c = classDiscovery
		} else if p, ok := byKey[is.ParentKey]; ok && is.ParentKey != "" && visit(p) == classDiscovery {
			c = classDiscovery
		}
		class[i] = c
		return c
	}
	for i := range issues {
		visit(i)
	}
	return class
}

// isStory reports what the backlog and context figures count as a story:
// issues of type Story; a team that does not use that type (tasks only)
// gets every delivery issue but epics and sub-tasks, which would count the
// same work twice. Bugs are left out where stories exist: the PM does not
// prepare them, so they are neither ready backlog nor its pace.
func isStory(is *model.Issue, storyType bool) bool {
	t := strings.ToLower(is.Type)
	if storyType {
		return t == "story"
	}
	return t != "epic" && !strings.Contains(strings.ReplaceAll(t, "-", ""), "subtask")
}

// usesStoryType reports whether any delivery issue has the type Story.
func usesStoryType(issues []model.Issue, class []Class) bool {
	for i := range issues {
		if class[i] == classDelivery && strings.EqualFold(issues[i].Type, "story") {
			return true
		}
	}
	return false
}

// fieldKind is what a changelog item changed, as far as SPEC §6 cares.
type fieldKind uint8

// Field kinds of changelog items.
const (
	fieldOther fieldKind = iota
	fieldSummary
	fieldDescription
	fieldText // environment, acceptance criteria
	fieldStatus
	fieldAssignee
	fieldFlagged
	fieldLabels
)

type fieldKey struct{ name, id string }

// fieldKinds caches the kind of each (field name, field ID) pair: Server
// has no field IDs, so names are matched too, case-insensitively.
type fieldKinds map[fieldKey]fieldKind

func (fk fieldKinds) kind(it *model.HistoryItem) fieldKind {
	k := fieldKey{it.Field, it.FieldID}
	if v, ok := fk[k]; ok {
		return v
	}
	v := fieldKindOf(strings.ToLower(it.Field), strings.ToLower(it.FieldID))
	fk[k] = v
	return v
}

func fieldKindOf(name, id string) fieldKind {
	is := func(s string) bool { return name == s || id == s }
	switch {
	case is("summary"):
		return fieldSummary
	case is("description"):
		return fieldDescription
	case is("environment") || strings.Contains(name, "acceptance criteria"):
		return fieldText
	case is("status"):
		return fieldStatus
	case is("assignee"):
		return fieldAssignee
	case is("flagged"):
		return fieldFlagged
	case is("labels"):
		return fieldLabels
	}
	return fieldOther
}

func isTextField(k fieldKind) bool {
	return k == fieldSummary || k == fieldDescription || k == fieldText
}
