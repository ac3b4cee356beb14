package doctor

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/roleload/roleload/collector/jira"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/setup"
)

// peopleChecks: each person the team names resolves to exactly one Jira
// user, who did something in the team's projects in the last 4 weeks.
func (d *run) peopleChecks(ctx context.Context, site *setup.Site, t *config.Team, sample *setup.Sample, add func(Check)) {
	last := map[string]time.Time{}
	names := map[string]bool{}
	seen := func(u *jira.User, at time.Time) {
		if u == nil || u.ID() == "" {
			return
		}
		names[u.DisplayName] = true
		if at.After(last[u.ID()]) {
			last[u.ID()] = at
		}
	}
	for _, is := range sample.Issues {
		seen(is.Creator, is.Created)
		seen(is.Assignee, time.Time{})
		for _, h := range is.Histories {
			seen(h.Author, h.Created.Time)
		}
	}
	// Comments and worklogs are not in the sample: the store has them
	// once something was collected.
	d.storeActivity(ctx, t, last)
	known := make([]string, 0, len(names))
	for n := range names {
		known = append(known, n)
	}
	slices.Sort(known)
	for _, role := range []struct {
		key string
		ids []string
	}{{"product_managers", t.ProductManagers}, {"product_owners", t.ProductOwners}, {"engineers", t.Engineers}} {
		for _, id := range role.ids {
			if ctx.Err() != nil {
				return
			}
			add(personCheck(ctx, site, fmt.Sprintf("team %s %s %q", t.Name, role.key, id), id, last, known))
		}
	}
}

func personCheck(ctx context.Context, site *setup.Site, name, ident string, last map[string]time.Time, known []string) Check {
	if strings.TrimSpace(ident) == "" {
		return fail(name, "name the person by accountId, username, e-mail or display name", "empty")
	}
	us, err := resolve(ctx, site, ident)
	if err != nil {
		return fail(name, "check that Jira is reachable, then run doctor again", "%v", err)
	}
	switch len(us) {
	case 0:
		fix := "use the accountId (Cloud) or username (Server/DC) from the person's Jira profile"
		if near := nearest(ident, known); len(near) > 0 {
			fix = "did you mean " + quoted(near) + "? else " + fix
		}
		return fail(name, fix, "matches no Jira user")
	case 1:
	default:
		var who []string
		for _, u := range us {
			who = append(who, fmt.Sprintf("%s (%s)", u.DisplayName, u.ID()))
		}
		return fail(name, "use the accountId (Cloud) or username (Server/DC) of the one you mean",
			"matches %d Jira users: %s", len(us), strings.Join(who, ", "))
	}
	u := us[0]
	at, ok := last[u.ID()]
	if !ok || at.Before(site.Clock.Add(-sinceActive)) {
		return warn(name, "check that this is the right person and that they work in the team's projects",
			"%s (%s): no activity in the team's projects in the last 4 weeks", u.DisplayName, u.ID())
	}
	return Check{Name: name, Status: OK, Detail: fmt.Sprintf("%s (%s), last active %s", u.DisplayName, u.ID(), at.UTC().Format("2006-01-02"))}
}

// resolve finds the users an identifier names: by accountId, user key or
// username first, else by a search on display name and e-mail, keeping
// exact matches only.
func resolve(ctx context.Context, site *setup.Site, ident string) ([]jira.User, error) {
	u, err := site.UserByID(ctx, ident)
	if err == nil && u.ID() != "" {
		return []jira.User{*u}, nil
	}
	var je *jira.Error
	if err != nil && !(errors.As(err, &je) && (je.Kind == jira.KindNotFound || je.Kind == jira.KindBadRequest)) {
		return nil, err
	}
	found, err := site.SearchUsers(ctx, ident)
	if err != nil {
		return nil, err
	}
	var out []jira.User
	for _, f := range found {
		if strings.EqualFold(f.DisplayName, ident) || strings.EqualFold(f.EmailAddress, ident) || strings.EqualFold(f.Name, ident) {
			out = append(out, f)
		}
	}
	return out, nil
}

// storeActivity adds to last the latest stored event of each person the
// team names who resolves to a stored person (by any identifier), when
// the store exists.
func (d *run) storeActivity(ctx context.Context, t *config.Team, last map[string]time.Time) {
	st, err := d.store(ctx)
	if err != nil {
		return // the store checks report it
	}
	people, err := st.People(ctx)
	if err != nil {
		return
	}
	var ids []string
	for _, p := range people {
		for _, id := range slices.Concat(t.ProductManagers, t.ProductOwners, t.Engineers) {
			if p.Names(id) {
				ids = append(ids, p.ID)
			}
		}
	}
	seen, err := st.LastActive(ctx, ids)
	if err != nil {
		return
	}
	for id, at := range seen {
		if at.After(last[id]) {
			last[id] = at
		}
	}
}
