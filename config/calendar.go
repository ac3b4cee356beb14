package config

import (
	"fmt"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
)

// CalendarFeed is one entry of calendars: (SPEC §4, §5.1): a PM's or PO's
// iCalendar feed, from a file, an https URL, or a secret URL held in an
// environment variable.
type CalendarFeed struct {
	Person string `yaml:"person"`
	Email  string `yaml:"email"`
	ICS    string `yaml:"ics"`
	URLEnv string `yaml:"url_env"`

	// Filled by Load: the file to read (relative ics resolved against the
	// config file's folder), or the URL to fetch. URL may be a secret
	// (from URLEnv): never log, store or show it.
	File string `yaml:"-"`
	URL  string `yaml:"-"`
}

// Secret says whether the feed's URL is a credential.
func (f CalendarFeed) Secret() bool { return f.URLEnv != "" }

// Label names the feed where it is shown: the file, the public URL, or
// the environment variable of a secret URL (never its value).
func (f CalendarFeed) Label() string {
	switch {
	case f.URLEnv != "":
		return "$" + f.URLEnv
	case f.File != "":
		return f.File
	}
	return f.ICS
}

// CalendarSettings is calendar: (SPEC §4).
type CalendarSettings struct {
	CompanyDomains []string       `yaml:"company_domains"`
	KeepTitles     bool           `yaml:"keep_titles"`
	Rules          []CalendarRule `yaml:"rules"`
}

// CalendarRule is one classification rule; the first that matches wins.
type CalendarRule struct {
	Match    string `yaml:"match"`
	External bool   `yaml:"external"`
	Category string `yaml:"category"`

	Re *regexp.Regexp `yaml:"-"` // Match compiled case-insensitively, filled by Load
}

// DefaultCalendarRules are the rules of SPEC §4.
func DefaultCalendarRules() []CalendarRule {
	return []CalendarRule{
		{Match: "interview|user research|customer|usability|discovery", Category: "discovery"},
		{Match: "refinement|grooming|backlog|sprint planning|story", Category: "story_writing"},
		{External: true, Category: "discovery"},
	}
}

func (c *Config) validateCalendars(getenv func(string) string) []string {
	var p []string
	add := func(format string, a ...any) { p = append(p, fmt.Sprintf(format, a...)) }
	dir := "."
	if c.Path != "" {
		dir = filepath.Dir(c.Path)
	}
	people := map[string]bool{}
	for i := range c.Calendars {
		f := &c.Calendars[i]
		key := fmt.Sprintf("calendars[%d]", i)
		if strings.TrimSpace(f.Person) == "" {
			add("%s.person: must name a product manager or owner", key)
		} else if people[strings.ToLower(f.Person)] {
			add("%s.person: %q has two calendars", key, f.Person)
		}
		people[strings.ToLower(f.Person)] = true
		if f.Email != "" && !strings.Contains(f.Email, "@") {
			add("%s.email: %q is not an e-mail address", key, f.Email)
		}
		switch {
		case f.ICS != "" && f.URLEnv != "":
			add("%s: set ics or url_env, not both", key)
		case f.URLEnv != "":
			f.URL = strings.TrimSpace(getenv(f.URLEnv))
			if f.URL == "" {
				add("%s.url_env: environment variable %s is not set", key, f.URLEnv)
			} else if u, err := url.Parse(f.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				// The value is a secret: name the variable, never the value.
				add("%s.url_env: environment variable %s does not hold an http(s) URL", key, f.URLEnv)
			}
		case f.ICS == "":
			add("%s.ics: set a file or https URL (or url_env)", key)
		case strings.HasPrefix(f.ICS, "https://") || strings.HasPrefix(f.ICS, "http://"):
			f.URL = f.ICS
		case strings.Contains(f.ICS, "://"):
			add("%s.ics: %q is neither a file nor an http(s) URL", key, f.ICS)
		default:
			f.File = f.ICS
			if !filepath.IsAbs(f.File) {
				f.File = filepath.Join(dir, f.File)
			}
		}
	}
	s := &c.Calendar
	for i, d := range s.CompanyDomains {
		d = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(d, "@")))
		if d == "" || strings.ContainsAny(d, "@/ ") {
			add("calendar.company_domains[%d]: %q is not a domain", i, s.CompanyDomains[i])
		}
		s.CompanyDomains[i] = d
	}
	if s.Rules == nil {
		s.Rules = DefaultCalendarRules()
	}
	for i := range s.Rules {
		r := &s.Rules[i]
		key := fmt.Sprintf("calendar.rules[%d]", i)
		switch r.Category {
		case "discovery", "story_writing", "other":
		default:
			add("%s.category: %q is not discovery, story_writing or other", key, r.Category)
		}
		switch {
		case r.Match != "" && r.External:
			add("%s: set match or external, not both", key)
		case r.Match != "":
			re, err := regexp.Compile("(?i)" + r.Match)
			if err != nil {
				add("%s.match: bad regular expression %q: %v", key, r.Match, err)
			}
			r.Re = re
		case !r.External:
			add("%s: set match (a regular expression on the title) or external: true", key)
		}
	}
	return p
}
