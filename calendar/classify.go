package calendar

import (
	"regexp"
	"strings"
	"time"

	"github.com/emersion/go-ical"
)

// DefaultRules are the rules of SPEC §4, used when calendar.rules is absent.
func DefaultRules() []Rule {
	return []Rule{
		{Match: regexp.MustCompile(`(?i)interview|user research|customer|usability|discovery`), Category: Discovery, Name: `match "interview|user research|customer|usability|discovery"`},
		{Match: regexp.MustCompile(`(?i)refinement|grooming|backlog|sprint planning|story`), Category: StoryWriting, Name: `match "refinement|grooming|backlog|sprint planning|story"`},
		{External: true, Category: Discovery, Name: "external"},
	}
}

// judge applies the drop rules of SPEC §5.1 to one VEVENT and classifies
// what is kept; reason is why it was dropped, "" when kept.
func (x *expander) judge(c *ical.Component, dur time.Duration) (Occurrence, string) {
	if strings.EqualFold(propValue(c, ical.PropStatus), "CANCELLED") {
		return Occurrence{}, "cancelled"
	}
	if strings.EqualFold(propValue(c, ical.PropTransparency), "TRANSPARENT") {
		return Occurrence{}, "free"
	}
	if dur > MaxDuration {
		return Occurrence{}, "longer_than_10h"
	}
	title := sanitize(propText(c, ical.PropSummary))
	o := Occurrence{Attendees: len(c.Props[ical.PropAttendee])}
	me := strings.ToLower(strings.TrimSpace(x.opt.Email))
	for _, a := range c.Props[ical.PropAttendee] {
		addr := address(a.Value)
		if me != "" && addr == me {
			if strings.EqualFold(a.Params.Get(ical.ParamParticipationStatus), "DECLINED") {
				return Occurrence{}, "declined"
			}
			continue
		}
		if x.isExternal(a, addr) {
			o.External = true
		}
	}
	if org := c.Props.Get(ical.PropOrganizer); org != nil {
		if addr := address(org.Value); addr != me && x.isExternal(*org, addr) {
			o.External = true
		}
	}
	o.Category, o.Rule = Other, ""
	for _, r := range x.opt.Rules {
		if (r.Match != nil && r.Match.MatchString(title)) || (r.Match == nil && r.External && o.External) {
			o.Category, o.Rule = r.Category, r.Name
			break
		}
	}
	if x.opt.KeepTitles {
		o.Title = title
	}
	return o, ""
}

// isExternal: an attendee whose domain is neither a company domain nor a
// subdomain of one; rooms and resources never count.
func (x *expander) isExternal(p ical.Prop, addr string) bool {
	switch strings.ToUpper(p.Params.Get(ical.ParamCalendarUserType)) {
	case "ROOM", "RESOURCE":
		return false
	}
	at := strings.LastIndexByte(addr, '@')
	if at < 0 {
		return false // no address to judge by
	}
	domain := addr[at+1:]
	if domain == "resource.calendar.google.com" || strings.HasSuffix(domain, ".resource.calendar.google.com") {
		return false
	}
	return !InDomains(domain, x.companyDomains())
}

func (x *expander) companyDomains() []string {
	if len(x.opt.CompanyDomains) > 0 {
		return x.opt.CompanyDomains
	}
	// Without company_domains, the person's own domain is the company's.
	if at := strings.LastIndexByte(x.opt.Email, '@'); at >= 0 {
		return []string{strings.ToLower(x.opt.Email[at+1:])}
	}
	return nil
}

// InDomains says whether domain is one of domains or a subdomain of one,
// case-insensitively.
func InDomains(domain string, domains []string) bool {
	domain = strings.ToLower(strings.TrimSuffix(domain, "."))
	for _, d := range domains {
		d = strings.ToLower(d)
		if domain == d || strings.HasSuffix(domain, "."+d) {
			return true
		}
	}
	return false
}

// address is the lower-case e-mail of a CAL-ADDRESS ("mailto:A@B.com").
func address(v string) string {
	v = strings.TrimSpace(v)
	if len(v) >= 7 && strings.EqualFold(v[:7], "mailto:") {
		v = v[7:]
	}
	return strings.ToLower(v)
}

func propValue(c *ical.Component, name string) string {
	if p := c.Props.Get(name); p != nil {
		return strings.TrimSpace(p.Value)
	}
	return ""
}

func regexpCompile(s string) *regexp.Regexp {
	re, err := regexp.Compile(s)
	if err != nil {
		return nil
	}
	return re
}
