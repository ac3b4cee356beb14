package setup

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// render writes the config: every value a guess from Jira, with the
// evidence as a comment the user can check.
func (f *findings) render(opts Options) string {
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	site := f.Site
	w("# roleload.yaml written by `roleload init` from %s on %s (Jira's clock).\n", comment(opts.URL), site.Clock.UTC().Format("2006-01-02 15:04 MST"))
	w("# Every list below is a guess from what Jira holds; the comments give the evidence.\n")
	w("# Check them, then run `roleload doctor`. Keys: config.example.yaml.\n\n")

	w("jira:\n  url: %q\n  flavor: %s   # serverInfo: %s\n", opts.URL, site.Flavor, map[string]string{"cloud": "Cloud", "server": "Server/Data Center"}[site.Flavor])
	if opts.Email != "" {
		w("  email: %q\n", opts.Email)
	}
	w("  token_env: %s   # the token is read from this variable, never from this file\n", opts.TokenEnv)
	keys := func(ps []Project) []string {
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = p.Key
		}
		return out
	}
	w("  projects: %s\n", list(append(keys(f.Delivery), keys(f.Discovery)...)))
	for _, p := range append(slices.Clone(f.Delivery), f.Discovery...) {
		w("  #   %s %s: projectTypeKey %s\n", p.Key, comment(p.Name), comment(p.ProjectTypeKey))
	}
	for _, p := range f.Others {
		w("  #   also visible, Product Discovery: %s %s (add it to projects and discovery.projects if it is this team's)\n", p.Key, comment(p.Name))
	}
	for _, m := range f.Fields {
		w("  # %s field: %s %s (the collector finds it by itself)\n", strings.ReplaceAll(m.Purpose, "_", " "), m.Field.ID, comment(m.Field.Name))
	}
	for _, l := range f.Boards {
		w("  # %s\n", comment(l))
	}
	w("store:\n  path: ./roleload.db\n\n")

	w("teams:\n  - name: team   # rename: roleload analyze --team NAME\n")
	w("    timezone: %s   # from %s\n", f.TimeZone, comment(f.TimeZoneFrom))
	w("    working_hours: \"09:00-17:00\"   # not in Jira: check\n")
	w("    working_days: [mon, tue, wed, thu, fri]\n    holidays: []   # not in Jira: add the team's public holidays\n")
	w("    # People by what they did in the %d weeks to %s (%d issues read):\n", peopleWeeks, site.Clock.UTC().Format("2006-01-02"), len(f.Sample.Issues))
	if f.Sample.Capped {
		w("    # (only the %d most recently created issues were read)\n", len(f.Sample.Issues))
	}
	w("    product_managers:   # who creates and refines stories, epics and ideas\n")
	if len(f.PMs) == 0 {
		w("      - \"\"   # nobody in Jira looks like a PM: name yours (accountId, username, e-mail or display name)\n")
	}
	for i, p := range f.PMs {
		prefix := "      - "
		if i > 0 {
			prefix = "      # - " // other candidates: a second PM, or a PO (then under product_owners)
		}
		w("%s%q   # %s: %s\n", prefix, personID(p), comment(p.User.DisplayName), comment(p.Evidence()))
	}
	w("    product_owners: []   # move a candidate here if the team already has a PO\n")
	w("    engineers:   # who is assigned and moves delivery work; [] means everyone else active in delivery_projects\n")
	if len(f.Engineers) == 0 {
		w("      []\n")
	}
	for _, p := range f.Engineers {
		w("      - %q   # %s: %s\n", personID(p), comment(p.User.DisplayName), comment(p.Evidence()))
	}
	w("    delivery_projects: %s\n", list(keys(f.Delivery)))
	w("    discovery:\n      projects: %s   # Product Discovery projects count as discovery anyway\n", list(keys(f.Discovery)))
	var types []string
	for _, t := range f.IssueTypes {
		if discTypeRe.MatchString(t) {
			types = append(types, t)
		}
	}
	// An empty list would mean "none" (SPEC §6.6): without a guess the
	// defaults stay in force instead.
	if len(types) > 0 {
		w("      issue_types: %s   # issue types of %s: %s\n", list(types), strings.Join(keys(f.Delivery), ", "), comment(strings.Join(f.IssueTypes, ", ")))
	} else {
		w("      # issue_types: none of %s's types (%s) looks like discovery: the defaults apply\n", strings.Join(keys(f.Delivery), ", "), comment(strings.Join(f.IssueTypes, ", ")))
	}
	var discLabels, inputLabels []string
	for _, l := range f.Labels {
		if discLblRe.MatchString(l.Name) {
			discLabels = append(discLabels, l.Name)
		}
		if inputLblRe.MatchString(l.Name) {
			inputLabels = append(inputLabels, l.Name)
		}
	}
	if len(discLabels) > 0 {
		w("      labels: %s   # used in the last %d days\n", list(discLabels), labelDays)
	} else {
		w("      # labels: none used in the last %d days looks like discovery: the defaults apply\n", labelDays)
	}
	w("    # statuses of %s: %s\n", strings.Join(keys(f.Delivery), ", "), comment(statusNames(f.Statuses)))
	w("    waiting_statuses: %s   # look like waiting for product input\n", list(f.Waiting))
	readyWhy := "look like ready for development"
	if f.ReadyFrom != "" {
		readyWhy = f.ReadyFrom
	}
	w("    ready_statuses: %s   # %s\n", list(f.Ready), comment(readyWhy))
	w("    input_labels: %s   # labels that ask product for input\n", list(inputLabels))
	w("    # labels used in the last %d days (issues): %s\n", labelDays, comment(labelCounts(f.Labels, 30)))
	w("\nbots:   # automation accounts: their events are ignored\n")
	if len(f.Bots) == 0 {
		w("  []\n")
	}
	for _, p := range f.Bots {
		w("  - %q   # %s (%s)\n", personID(p), comment(p.User.DisplayName), botWhy(p))
	}
	return b.String()
}

// personID is how the config names a person: the accountId on Cloud (a
// display name may be shared), the username on Server/DC.
func personID(p *Person) string {
	if p.User.AccountID == "" && p.User.Name != "" {
		return p.User.Name
	}
	return p.User.ID()
}

func botWhy(p *Person) string {
	if p.User.AccountType == "app" {
		return "Jira app account"
	}
	return "named like automation"
}

func statusNames(sts []Status) string {
	names := make([]string, len(sts))
	for i, s := range sts {
		names[i] = s.Name
	}
	return strings.Join(names, ", ")
}

func labelCounts(ls []Label, n int) string {
	if len(ls) == 0 {
		return "none"
	}
	var parts []string
	for _, l := range ls[:min(n, len(ls))] {
		parts = append(parts, fmt.Sprintf("%s (%d)", l.Name, l.Issues))
	}
	if len(ls) > n {
		parts = append(parts, fmt.Sprintf("and %d more", len(ls)-n))
	}
	return strings.Join(parts, ", ")
}

// list writes a YAML flow sequence of double-quoted strings.
func list(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// comment makes Jira text safe inside a YAML comment: one line, no
// control characters, bounded.
func comment(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 300 {
		s = string(r[:300]) + "…"
	}
	return s
}
