package scenario

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/roleload/roleload/model"
)

// team is who the scenario is about, by role.
type team struct {
	people    []model.Person
	pm        string
	engineers []string
	bot       string
	apiUser   string
}

var engineerNames = []string{
	"Lena Hoffmann", "Jonas Becker", "Aylin Yilmaz", "Mateusz Nowak",
	"Sofia Rossi", "Tobias Wagner", "Priya Raman",
}

// newTeam makes the people. Cloud IDs are 24-hex accountIds; Server IDs
// are user keys, "JIRAUSER1xxxx" for users created after Jira 8 and the
// username for older ones, so a mention ([~username]) differs from the ID.
func newTeam(r *rand.Rand, flavor model.Flavor, engineers int) team {
	var t team
	add := func(display, tz string, app bool, serverKeyIsName bool) string {
		p := model.Person{DisplayName: display, TimeZone: tz, Active: true}
		login := loginName(display)
		p.Email = login + "@checkout.example.com"
		if flavor == model.Cloud {
			p.AccountID = hexID(r)
			p.ID = p.AccountID
			p.AccountType = "atlassian"
			if app {
				p.AccountType = "app"
				p.Email = ""
			}
		} else {
			p.Name = login
			p.Key = fmt.Sprintf("JIRAUSER%d", 10100+len(t.people))
			if serverKeyIsName {
				p.Key = login
			}
			p.ID = p.Key
		}
		t.people = append(t.people, p)
		return p.ID
	}
	t.pm = add("Mara Klein", teamTZ, false, true)
	for i := range engineers {
		t.engineers = append(t.engineers, add(engineerNames[i], teamTZ, false, i%3 == 0))
	}
	t.bot = add("Automation for Jira", "UTC", true, true)
	// The API token's user sits in New York on purpose: JQL dates are read
	// in the API user's time zone, not the team's.
	t.apiUser = add("Roleload Sync", "America/New_York", false, false)
	return t
}

func loginName(display string) string {
	f := strings.Fields(strings.ToLower(display))
	if len(f) == 1 {
		return f[0]
	}
	if f[0] == "automation" {
		return "automation"
	}
	return f[0][:1] + f[len(f)-1]
}

func hexID(r *rand.Rand) string {
	const digits = "0123456789abcdef"
	var sb strings.Builder
	sb.WriteString("5")
	for range 23 {
		sb.WriteByte(digits[r.IntN(16)])
	}
	return sb.String()
}
