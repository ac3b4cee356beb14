package scenario

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/roleload/roleload/model"
)

// orgTeam is one team of the "org" scenario: a single-team scenario
// generated on its own, then given its own projects, people and IDs.
type orgTeam struct {
	name, key, profile string
	pm                 string // the PM's display name
}

// orgTeams are the organisation's teams. The profiles give different
// verdicts (overloaded: hire_po, coping: watch, calm: ok); the simulation
// decides the exact figures.
var orgTeams = []orgTeam{
	{"payments", "PAY", "overloaded", "Mara Klein"},
	{"search", "SRCH", "coping", "Jan Vogel"},
	{"onboarding", "ONB", "calm", "Eva Brandt"},
	{"checkout", "CHK", "overloaded", "Nils Krüger"},
	{"mobile", "MOB", "calm", "Ida Sommer"},
	{"billing", "BIL", "coping", "Omar Haddad"},
	{"growth", "GRO", "overloaded", "Clara Weiss"},
	{"platform", "PLT", "calm", "Paul Richter"},
}

var orgFirst = []string{"Anna", "Ben", "Carla", "David", "Elif", "Finn", "Greta", "Hugo", "Ines", "Jakob", "Kira", "Luca"}
var orgLast = []string{"Arnold", "Bauer", "Conrad", "Dietz", "Engel", "Fuchs", "Graf", "Horn", "Jung", "Kraus", "Lang", "Maier"}

// organisation is the "org" scenario: eight teams of one Jira, each with
// its delivery and discovery project, PM and engineers; one bot and one
// API user for all. ds.Teams lists the teams, ds.Team is the first.
func organisation(opts Options) (*Dataset, error) {
	org := &Dataset{Name: "org", Histories: map[string][]model.History{}, Comments: map[string][]model.Comment{}, Worklogs: map[string][]model.Worklog{}}
	var bot, api string
	for i, ot := range orgTeams {
		o := opts
		o.Seed = opts.Seed*100 + int64(i)
		ds, err := Load(ot.profile, o)
		if err != nil {
			return nil, fmt.Errorf("scenario org: team %s: %w", ot.name, err)
		}
		m := newOrgMap(i, ot, ds, opts.Flavor)
		if i == 0 {
			bot, api = m.person[ds.Team.Bots[0]], m.person[ds.APIUser]
			org.APIUser, org.Start, org.End = api, ds.Start, ds.End
		} else {
			m.person[ds.Team.Bots[0]], m.person[ds.APIUser] = bot, api
		}
		m.apply(ds, org)
	}
	org.Team = org.Teams[0]
	return org, nil
}

// orgMap renames one team's dataset into the organisation.
type orgMap struct {
	i       int
	t       orgTeam
	flavor  model.Flavor
	person  map[string]string // old ID -> new ID
	name    map[string]string // old display name -> new
	mention [][2]string       // old -> new mention markup (Server: by username)
	people  []model.Person    // the team's own, renamed
}

func newOrgMap(i int, ot orgTeam, ds *Dataset, flavor model.Flavor) *orgMap {
	m := &orgMap{i: i, t: ot, flavor: flavor, person: map[string]string{}, name: map[string]string{}}
	n := 0
	for _, p := range ds.People {
		m.person[p.ID] = p.ID
		if p.ID == ds.APIUser || p.AccountType == "app" || p.ID == ds.Team.Bots[0] {
			if i == 0 {
				m.people = append(m.people, p)
			}
			continue
		}
		q := p
		if p.ID == ds.Team.ProductManagers[0] {
			q.DisplayName = ot.pm
		} else {
			// (k%12, (k%12+k/12)%12) differs for every k < 144: unique names.
			k := i*7 + n
			q.DisplayName = orgFirst[k%12] + " " + orgLast[(k%12+k/12)%12]
			n++
		}
		login := strings.ToLower(strings.ReplaceAll(loginName(q.DisplayName), "ü", "ue")) + strconv.Itoa(i)
		q.Email = login + "@" + ot.name + ".example.com"
		if flavor != model.Cloud {
			if p.Key == p.Name {
				q.Key = login
			} else {
				q.Key = fmt.Sprintf("JIRAUSER%d", 20000+i*100+len(m.people))
			}
			q.ID = q.Key
			m.mention = append(m.mention, [2]string{"[~" + p.Name + "]", "[~" + login + "]"})
			q.Name = login
		}
		m.person[p.ID] = q.ID
		m.name[p.DisplayName] = q.DisplayName
		m.people = append(m.people, q)
	}
	return m
}

func (m *orgMap) id(s string) string {
	n, err := strconv.Atoi(s)
	if err != nil {
		return s
	}
	return strconv.Itoa(n + (m.i+1)*1_000_000)
}

func (m *orgMap) key(k string) string {
	switch {
	case strings.HasPrefix(k, "CHK"):
		return m.t.key + strings.TrimPrefix(k, "CHK")
	case strings.HasPrefix(k, "DISC"):
		return m.t.key + "D" + strings.TrimPrefix(k, "DISC")
	}
	return k
}

func (m *orgMap) who(id string) string {
	if n, ok := m.person[id]; ok {
		return n
	}
	return id
}

func (m *orgMap) sprint(id int64) int64 { return id + int64(m.i+1)*1000 }

func (m *orgMap) apply(ds *Dataset, org *Dataset) {
	title := strings.ToUpper(m.t.name[:1]) + m.t.name[1:]
	for j, p := range ds.Projects {
		p.ID = strconv.Itoa(20000 + m.i*10 + j)
		p.Key = m.key(p.Key)
		p.Name = strings.Replace(p.Name, "Checkout", title, 1)
		org.Projects = append(org.Projects, p)
	}
	org.People = append(org.People, m.people...)
	for _, is := range ds.Issues {
		is.ID, is.Key, is.ProjectKey, is.ParentKey = m.id(is.ID), m.key(is.Key), m.key(is.ProjectKey), m.key(is.ParentKey)
		is.ReporterID, is.CreatorID, is.AssigneeID = m.who(is.ReporterID), m.who(is.CreatorID), m.who(is.AssigneeID)
		for j := range is.SprintIDs {
			is.SprintIDs[j] = m.sprint(is.SprintIDs[j])
		}
		org.Issues = append(org.Issues, is)
	}
	for id, hs := range ds.Histories {
		for j := range hs {
			h := &hs[j]
			h.ID, h.IssueID, h.AuthorID = m.id(h.ID), m.id(h.IssueID), m.who(h.AuthorID)
			for k := range h.Items {
				m.item(&h.Items[k])
			}
		}
		org.Histories[m.id(id)] = hs
	}
	for id, cs := range ds.Comments {
		for j := range cs {
			c := &cs[j]
			c.ID, c.IssueID, c.AuthorID = m.id(c.ID), m.id(c.IssueID), m.who(c.AuthorID)
			for k := range c.Mentions {
				c.Mentions[k] = m.who(c.Mentions[k])
			}
			for _, r := range m.mention {
				c.Body = strings.ReplaceAll(c.Body, r[0], r[1])
			}
			c.BodySize = len([]rune(c.Body))
		}
		org.Comments[m.id(id)] = cs
	}
	for id, ws := range ds.Worklogs {
		for j := range ws {
			w := &ws[j]
			w.ID, w.IssueID, w.AuthorID = m.id(w.ID), m.id(w.IssueID), m.who(w.AuthorID)
		}
		org.Worklogs[m.id(id)] = ws
	}
	board := int64(m.i + 1)
	for _, s := range ds.Sprints {
		s.ID, s.BoardID, s.Name = m.sprint(s.ID), board, strings.Replace(s.Name, "CHK", m.t.key, 1)
		org.Sprints = append(org.Sprints, s)
	}
	org.Boards = append(org.Boards, Board{ID: board, Name: m.t.key + " board", ProjectKey: m.t.key, Type: "scrum"})
	org.Start = minTime(org.Start, ds.Start)
	spec := ds.Team
	spec.Name = m.t.name
	spec.ProductManagers = []string{m.who(spec.ProductManagers[0])}
	spec.Engineers = nil
	for _, e := range ds.Team.Engineers {
		spec.Engineers = append(spec.Engineers, m.who(e))
	}
	spec.Bots = []string{m.who(ds.Team.Bots[0])}
	spec.DeliveryProjects = []string{m.t.key}
	spec.DiscoveryProjects = []string{m.t.key + "D"}
	org.Teams = append(org.Teams, spec)
}

// item renames what a history item says of people, issues and sprints.
func (m *orgMap) item(it *model.HistoryItem) {
	switch it.Field {
	case "assignee":
		it.From, it.To = m.who(it.From), m.who(it.To)
		if n, ok := m.name[it.FromString]; ok {
			it.FromString = n
		}
		if n, ok := m.name[it.ToString]; ok {
			it.ToString = n
		}
	case "Sprint":
		it.From, it.To = m.sprintList(it.From), m.sprintList(it.To)
		it.FromString = strings.ReplaceAll(it.FromString, "CHK Sprint", m.t.key+" Sprint")
		it.ToString = strings.ReplaceAll(it.ToString, "CHK Sprint", m.t.key+" Sprint")
	}
}

func (m *orgMap) sprintList(s string) string {
	if s == "" {
		return s
	}
	parts := strings.Split(s, ",")
	for i, p := range parts {
		if n, err := strconv.ParseInt(p, 10, 64); err == nil {
			parts[i] = strconv.FormatInt(m.sprint(n), 10)
		}
	}
	return strings.Join(parts, ",")
}
