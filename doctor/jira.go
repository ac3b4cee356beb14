package doctor

import (
	"context"
	"errors"
	"fmt"
	"github.com/roleload/roleload/analysis/signal"
	"slices"
	"strings"
	"time"

	"github.com/roleload/roleload/collector/jira"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/setup"
)

// jiraChecks: authentication, flavor, projects, then per team its
// statuses, labels, people and discovery source.
func (d *run) jiraChecks(ctx context.Context, add func(Check)) {
	j := d.cfg.Jira
	if j.URL == "" {
		add(warn("jira", "set jira.url, jira.token_env and jira.projects (roleload init writes them)", "no jira.url: nothing to collect"))
		return
	}
	if j.Token == "" {
		add(fail("jira auth", fmt.Sprintf("export %s=<API token or personal access token>", j.TokenEnv),
			"environment variable %s (jira.token_env) is not set", j.TokenEnv))
		return
	}
	email := j.Email
	if j.Flavor == "server" {
		email = "" // Server/DC: the token is a bearer personal access token
	}
	c, err := jira.New(jira.Config{URL: j.URL, Email: email, Token: j.Token, HTTPClient: d.opts.HTTPClient,
		Timeout: d.opts.StepTimeout, MaxRetries: 1, Logger: d.opts.Log})
	if err != nil {
		add(fail("jira auth", "check jira.url", "%v", err))
		return
	}
	site, err := setup.Connect(ctx, c)
	if err != nil {
		add(fail("jira auth", authFix(err, j), "%v", err))
		return
	}
	add(ok("jira auth", "authenticated as %s (%s) on %s", site.Me.DisplayName, site.Me.ID(), j.URL))
	switch {
	case j.Flavor == "":
		add(ok("jira flavor", "%s (detected from serverInfo)", site.Flavor))
	case j.Flavor != site.Flavor:
		add(fail("jira flavor", "set jira.flavor: "+site.Flavor+" (or leave it out to detect it)",
			"jira.flavor is %s but %s says it is %s", j.Flavor, j.URL, site.Flavor))
	default:
		add(ok("jira flavor", "%s, as serverInfo says", site.Flavor))
	}
	if site.Flavor == "cloud" && j.Email == "" {
		add(fail("jira auth", "set jira.email to the API token's account", "Jira Cloud needs jira.email for basic auth"))
	}
	visible := d.projectChecks(ctx, site, add)
	if ctx.Err() != nil {
		return
	}
	for i := range d.cfg.Teams {
		d.teamChecks(ctx, site, &d.cfg.Teams[i], visible, add)
	}
}

func authFix(err error, j config.Jira) string {
	var je *jira.Error
	if errors.As(err, &je) {
		switch je.Kind {
		case jira.KindAuth:
			if j.Flavor == "server" || j.Email == "" {
				return fmt.Sprintf("put a valid personal access token in $%s", j.TokenEnv)
			}
			return fmt.Sprintf("check jira.email (%s) and the API token in $%s", j.Email, j.TokenEnv)
		case jira.KindPermission:
			return "the token's account may not use the REST API: ask a Jira admin"
		case jira.KindNotFound:
			return "check jira.url: it should be the site's base URL"
		}
	}
	return "check jira.url and that Jira is reachable from this machine"
}

// projectChecks looks up every project the config names and returns the
// visible ones by key.
func (d *run) projectChecks(ctx context.Context, site *setup.Site, add func(Check)) map[string]setup.Project {
	visible := map[string]setup.Project{}
	var keys []string
	collected := map[string]bool{}
	for _, k := range d.cfg.Jira.Projects {
		keys, collected[k] = append(keys, k), true
	}
	for _, t := range d.cfg.Teams {
		for _, k := range append(slices.Clone(t.DeliveryProjects), t.Discovery.Projects...) {
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	for _, k := range keys {
		p, err := site.Project(ctx, k)
		name := "project " + k
		var je *jira.Error
		switch {
		case errors.As(err, &je) && je.Kind == jira.KindNotFound:
			fix := "check the key, or give " + site.Me.DisplayName + " permission to browse it"
			if all, err := site.Projects(ctx); err == nil {
				var ks []string
				for _, p := range all {
					ks = append(ks, p.Key)
				}
				if near := nearest(k, ks); len(near) > 0 {
					fix = "did you mean " + quoted(near) + "? else " + fix
				}
			}
			add(fail(name, fix, "not visible to %s", site.Me.DisplayName))
		case err != nil:
			add(fail(name, "check that Jira is reachable, then run doctor again", "%v", err))
		case !collected[k]:
			visible[k] = p
			add(warn(name, "add "+k+" to jira.projects", "visible (%s) but not in jira.projects: it is not collected", p.ProjectTypeKey))
		default:
			visible[k] = p
			add(ok(name, "visible, %s (%s)", p.Name, p.ProjectTypeKey))
		}
	}
	return visible
}

// teamChecks checks one team's statuses, labels, people and discovery
// source against what its projects hold.
func (d *run) teamChecks(ctx context.Context, site *setup.Site, t *config.Team, visible map[string]setup.Project, add func(Check)) {
	w := writtenKeys(d.cfg.Path)[t.Name]
	var statuses []string
	var delivery []string
	for _, k := range t.DeliveryProjects {
		if _, ok := visible[k]; !ok {
			continue
		}
		delivery = append(delivery, k)
		sts, _, err := site.ProjectStatuses(ctx, k)
		if err != nil {
			add(fail("team "+t.Name+" statuses", "check that Jira is reachable, then run doctor again", "%v", err))
			return
		}
		for _, s := range sts {
			if !slices.Contains(statuses, s.Name) {
				statuses = append(statuses, s.Name)
			}
		}
	}
	if len(delivery) == 0 {
		add(fail("team "+t.Name, "fix the project checks above", "none of its delivery_projects is visible"))
		return
	}
	where := strings.Join(delivery, ", ")
	add(nameCheck("team "+t.Name+" waiting_statuses", "status", t.WaitingStatuses, statuses, w.waiting, where))
	add(nameCheck("team "+t.Name+" ready_statuses", "status", t.ReadyStatuses, statuses, w.ready, where))

	projects := append(slices.Clone(delivery), t.Discovery.Projects...)
	projects = slices.DeleteFunc(projects, func(k string) bool { _, ok := visible[k]; return !ok })
	since := site.Clock.AddDate(0, 0, -90)
	sample, err := site.FetchSample(ctx, projects, since, 2000)
	if err != nil {
		add(fail("team "+t.Name+" labels", "check that Jira is reachable, then run doctor again", "%v", err))
		return
	}
	var labels []string
	for _, l := range setup.Labels(sample, since) {
		labels = append(labels, l.Name)
	}
	in := "issues of " + strings.Join(projects, ", ") + " updated in the last 90 days"
	add(nameCheck("team "+t.Name+" input_labels", "label", t.InputLabels, labels, w.inputLabels, in))
	add(nameCheck("team "+t.Name+" discovery.labels", "label", t.Discovery.Labels, labels, w.discLabels, in))
	d.peopleChecks(ctx, site, t, sample, add)
	add(discoveryCheck(t, sample, visible))
}

// nameCheck says whether each configured status or label exists. A name
// the user wrote that does not exist fails (a status, or a label with a
// near existing one: a misspelling); a default that does not exist is
// only reported.
func nameCheck(name, kind string, want, have []string, explicit bool, where string) Check {
	var missing, found []string
	var fixes []string
	misspelt := false
	for _, s := range want {
		if slices.Contains(have, s) {
			found = append(found, s)
			continue
		}
		missing = append(missing, s)
		if near := nearest(s, have); len(near) > 0 {
			misspelt = true
			fixes = append(fixes, fmt.Sprintf("%q: did you mean %s?", s, quoted(near)))
		} else {
			fixes = append(fixes, fmt.Sprintf("%q: nothing near;", s))
		}
	}
	switch {
	case len(missing) == 0 && len(want) == 0:
		return ok(name, "none configured")
	case len(missing) == 0:
		return ok(name, "%s: all found in %s", quoted(found), where)
	case !explicit && len(found) > 0:
		return ok(name, "defaults: %s found; %s not used in %s", quoted(found), quoted(missing), where)
	case !explicit && kind != "status":
		// An unused default label costs nothing: discovery and requests
		// are seen other ways too.
		return ok(name, "defaults: %s not used in %s", quoted(missing), where)
	case !explicit:
		return warn(name, fmt.Sprintf("set it to the %s %s uses for this (%s)", plural(kind), where, preview(have)),
			"none of the defaults (%s) is a %s in %s", quoted(missing), kind, where)
	}
	fix := strings.Join(fixes, " ")
	if strings.HasSuffix(fix, ";") || strings.Contains(fix, "nothing near;") {
		fix = strings.TrimSuffix(fix, ";") + fmt.Sprintf("; the %s of %s: %s", plural(kind), where, preview(have))
	}
	if kind == "status" || misspelt {
		return fail(name, fix, "%s: no such %s in %s", quoted(missing), kind, where)
	}
	return warn(name, fix, "%s: not seen on %s", quoted(missing), where)
}

func preview(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	if len(names) > 12 {
		return quoted(names[:12]) + ", …"
	}
	return quoted(names)
}

// discoveryCheck: the team has a discovery source (§6.6) when some issue
// of the sample is discovery by its project, type or label (or, later, a
// calendar has loaded).
func discoveryCheck(t *config.Team, sample *setup.Sample, visible map[string]setup.Project) Check {
	name := "team " + t.Name + " discovery"
	for _, is := range sample.Issues {
		p := visible[is.Project]
		if slices.Contains(t.Discovery.Projects, is.Project) || p.Discovery() || slices.Contains(t.Discovery.IssueTypes, is.Type) ||
			slices.ContainsFunc(is.Labels, func(l string) bool { return slices.Contains(t.Discovery.Labels, l) }) {
			return ok(name, "discovery work is visible (e.g. %s)", is.Key)
		}
	}
	return warn(name, "list the team's Product Discovery project under discovery.projects, or its discovery issue types or labels",
		"no discovery issue in the last 90 days: %s will be unknown", signal.DiscoverySqueezed)
}

// sinceActive is how far back a person must have done something (§3.1).
const sinceActive = 28 * 24 * time.Hour

func plural(kind string) string {
	if kind == "status" {
		return "statuses"
	}
	return kind + "s"
}
