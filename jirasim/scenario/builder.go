package scenario

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/roleload/roleload/model"
)

// builder owns the issues of a dataset being generated. Every change goes
// through it, in time order per issue, so each history item's from-values
// are the issue's state just before: the server undoes them to rewind.
type builder struct {
	flavor                                        model.Flavor
	issues                                        []*model.Issue
	byKey                                         map[string]*model.Issue
	extra                                         map[string]*issueExtra // by issue ID: state Jira has but model.Issue does not
	hists                                         map[string][]model.History
	comments                                      map[string][]model.Comment
	worklogs                                      map[string][]model.Worklog
	names                                         map[string]string // person ID -> display name
	mention                                       map[string]string // person ID -> what a wiki mention holds
	keySeq                                        map[string]int
	nextIssue, nextHist, nextComment, nextWorklog int
}

type issueExtra struct {
	priority string
	rank     int
}

func newBuilder(flavor model.Flavor, people []model.Person) *builder {
	b := &builder{
		flavor: flavor, byKey: map[string]*model.Issue{}, extra: map[string]*issueExtra{},
		hists: map[string][]model.History{}, comments: map[string][]model.Comment{},
		worklogs: map[string][]model.Worklog{}, names: map[string]string{},
		mention: map[string]string{}, keySeq: map[string]int{},
		nextIssue: 10000, nextHist: 100000, nextComment: 10000, nextWorklog: 10000,
	}
	for _, p := range people {
		b.names[p.ID] = p.DisplayName
		// Server wiki markup mentions the username, Cloud the accountId.
		if flavor == model.Cloud {
			b.mention[p.ID] = "[~accountid:" + p.AccountID + "]"
		} else {
			b.mention[p.ID] = "[~" + p.Name + "]"
		}
	}
	return b
}

// statusID is the Jira ID of each workflow status the scenarios use.
func statusID(s string) string {
	switch s {
	case "To Do":
		return "10000"
	case "In Progress":
		return "3"
	case "In Review":
		return "10001"
	case "Done":
		return "10002"
	case "Ready for Dev":
		return "10003"
	case "Needs Info":
		return "10004"
	case "Parking lot":
		return "10010"
	case "Discovery":
		return "10011"
	}
	return "10012" // Ready for delivery
}

func statusCategory(s string) string {
	switch s {
	case "To Do", "Ready for Dev", "Parking lot":
		return "new"
	case "Done":
		return "done"
	}
	return "indeterminate"
}

func (b *builder) create(at time.Time, actor string, proj model.Project, typ, summary, desc string, parent string) *model.Issue {
	b.nextIssue++
	b.keySeq[proj.Key]++
	status := "To Do"
	if proj.Type == "product_discovery" {
		status = "Parking lot"
	}
	is := &model.Issue{
		ID: strconv.Itoa(b.nextIssue), Key: proj.Key + "-" + strconv.Itoa(b.keySeq[proj.Key]),
		ProjectKey: proj.Key, ProjectType: proj.Type, Type: typ,
		Status: status, StatusCategory: statusCategory(status),
		Summary: summary, Description: desc, DescriptionSize: utf8.RuneCountInString(desc),
		ReporterID: actor, CreatorID: actor, Created: at, Updated: at, ParentKey: parent,
	}
	b.issues = append(b.issues, is)
	b.byKey[is.Key] = is
	b.extra[is.ID] = &issueExtra{priority: "Medium", rank: b.nextIssue}
	return is
}

// change records one history of one or more items, already applied.
func (b *builder) change(is *model.Issue, at time.Time, actor string, items ...model.HistoryItem) {
	if len(items) == 0 {
		return
	}
	b.nextHist++
	b.hists[is.ID] = append(b.hists[is.ID], model.History{
		ID: strconv.Itoa(b.nextHist), IssueID: is.ID, AuthorID: actor, Created: at, Items: items,
	})
	b.touch(is, at)
}

func (b *builder) touch(is *model.Issue, at time.Time) {
	if at.After(is.Updated) {
		is.Updated = at
	}
}

// item builds a history item; FieldID is left empty on Server/DC, as
// Server's changelog has none.
func (b *builder) item(field, fieldType, fieldID, from, fromS, to, toS string) model.HistoryItem {
	if b.flavor != model.Cloud {
		fieldID = ""
	}
	return model.HistoryItem{Field: field, FieldType: fieldType, FieldID: fieldID,
		From: from, FromString: fromS, To: to, ToString: toS}
}

func (b *builder) setStatus(is *model.Issue, at time.Time, to string) []model.HistoryItem {
	items := []model.HistoryItem{b.item("status", "jira", "status",
		statusID(is.Status), is.Status, statusID(to), to)}
	if to == "Done" && is.Resolved.IsZero() {
		items = append(items, b.item("resolution", "jira", "resolution", "", "", "10000", "Done"))
		is.Resolved = at
	} else if to != "Done" && !is.Resolved.IsZero() {
		items = append(items, b.item("resolution", "jira", "resolution", "10000", "Done", "", ""))
		is.Resolved = time.Time{}
	}
	is.Status, is.StatusCategory = to, statusCategory(to)
	return items
}

func (b *builder) setAssignee(is *model.Issue, to string) model.HistoryItem {
	it := b.item("assignee", "jira", "assignee", is.AssigneeID, b.names[is.AssigneeID], to, b.names[to])
	is.AssigneeID = to
	return it
}

func (b *builder) setSummary(is *model.Issue, to string) model.HistoryItem {
	it := b.item("summary", "jira", "summary", "", is.Summary, "", to)
	is.Summary = to
	return it
}

func (b *builder) setDescription(is *model.Issue, to string) model.HistoryItem {
	it := b.item("description", "jira", "description", "", is.Description, "", to)
	is.Description, is.DescriptionSize = to, utf8.RuneCountInString(to)
	return it
}

func (b *builder) setLabels(is *model.Issue, to []string) model.HistoryItem {
	to = slices.Clone(to)
	slices.Sort(to)
	it := b.item("labels", "jira", "labels", "", strings.Join(is.Labels, " "), "", strings.Join(to, " "))
	is.Labels = to
	return it
}

func (b *builder) addLabel(is *model.Issue, l string) model.HistoryItem {
	return b.setLabels(is, append(slices.Clone(is.Labels), l))
}

func (b *builder) removeLabel(is *model.Issue, l string) model.HistoryItem {
	return b.setLabels(is, slices.DeleteFunc(slices.Clone(is.Labels), func(s string) bool { return s == l }))
}

func (b *builder) setPoints(is *model.Issue, p float64) model.HistoryItem {
	from := ""
	if is.StoryPoints != nil {
		from = strconv.FormatFloat(*is.StoryPoints, 'f', -1, 64)
	}
	to := strconv.FormatFloat(p, 'f', -1, 64)
	is.StoryPoints = &p
	return b.item("Story Points", "custom", "customfield_10016", "", from, "", to)
}

func (b *builder) setSprint(is *model.Issue, to []int64, names map[int64]string) model.HistoryItem {
	list := func(ids []int64) (string, string) {
		var a, n []string
		for _, id := range ids {
			a = append(a, strconv.FormatInt(id, 10))
			n = append(n, names[id])
		}
		return strings.Join(a, ","), strings.Join(n, ",")
	}
	from, fromS := list(is.SprintIDs)
	toID, toS := list(to)
	is.SprintIDs = slices.Clone(to)
	return b.item("Sprint", "custom", "customfield_10020", from, fromS, toID, toS)
}

func (b *builder) setFlag(is *model.Issue, on bool) model.HistoryItem {
	is.Flagged = on
	if on {
		return b.item("Flagged", "custom", "customfield_10021", "", "", "[10019]", "Impediment")
	}
	return b.item("Flagged", "custom", "customfield_10021", "[10019]", "Impediment", "", "")
}

var priorities = []string{"Highest", "High", "Medium", "Low", "Lowest"}

func (b *builder) setPriority(is *model.Issue, to string) model.HistoryItem {
	x := b.extra[is.ID]
	id := func(p string) string { return strconv.Itoa(slices.Index(priorities, p) + 1) }
	it := b.item("priority", "jira", "priority", id(x.priority), x.priority, id(to), to)
	x.priority = to
	return it
}

func (b *builder) rank(is *model.Issue, higher bool) model.HistoryItem {
	s := "Ranked lower"
	if higher {
		s = "Ranked higher"
	}
	return b.item("Rank", "custom", "customfield_10019", "", "", "", s)
}

func (b *builder) comment(is *model.Issue, at time.Time, author, body string, mentions ...string) {
	b.nextComment++
	b.comments[is.ID] = append(b.comments[is.ID], model.Comment{
		ID: strconv.Itoa(b.nextComment), IssueID: is.ID, AuthorID: author, Created: at, Updated: at,
		Body: body, BodySize: utf8.RuneCountInString(body), Mentions: mentions,
	})
	b.touch(is, at)
}

// worklog logs a span that ended before it was logged, as people do at the
// end of a day.
func (b *builder) worklog(is *model.Issue, author string, started time.Time, seconds int, logged time.Time) {
	b.nextWorklog++
	b.worklogs[is.ID] = append(b.worklogs[is.ID], model.Worklog{
		ID: strconv.Itoa(b.nextWorklog), IssueID: is.ID, AuthorID: author,
		Started: started, Seconds: seconds, Created: logged, Updated: logged,
	})
	b.touch(is, logged)
}
