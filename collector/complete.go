package collector

import (
	"context"
	"errors"
	"fmt"

	"github.com/roleload/roleload/collector/jira"
	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/store"
)

// activityPage is what we ask for when paging comments, worklogs and
// changelogs; Jira may return fewer, and we follow what it returns.
const activityPage = 100

// complete turns a page of issues into a batch: each issue with its whole
// changelog, all comments and all worklogs, and the people and sprints
// they mention.
func (r *runner) complete(ctx context.Context, issues []jira.Issue) (store.Batch, error) {
	var b store.Batch
	people := map[string]model.Person{}
	sprints := map[int64]model.Sprint{}
	meet := func(u *jira.User) {
		if id := u.ID(); id != "" {
			p := u.Person()
			if old, ok := people[id]; ok && p.Email == "" {
				p.Email = old.Email
			}
			people[id] = p
			if u.Name != "" {
				r.byName[u.Name] = id
			}
		}
	}
	for i := range issues {
		is := &issues[i]
		d, users, sps, err := r.issue(ctx, is)
		if err != nil {
			return b, err
		}
		for _, u := range users {
			meet(u)
		}
		for _, sp := range sps {
			sprints[sp.ID] = sp.Model(0)
		}
		b.Issues = append(b.Issues, d)
	}
	for _, p := range people {
		b.People = append(b.People, p)
	}
	for _, sp := range sprints {
		b.Sprints = append(b.Sprints, sp)
	}
	return b, nil
}

func (r *runner) issue(ctx context.Context, is *jira.Issue) (store.IssueData, []*jira.User, []jira.Sprint, error) {
	p, err := jira.ParseIssue(is, r.fm)
	if err != nil {
		return store.IssueData{}, nil, nil, err
	}
	d := store.IssueData{Issue: p.Issue, Raw: p.Raw}
	users := p.People
	hs, total, err := r.histories(ctx, is)
	if err != nil {
		return d, nil, nil, fmt.Errorf("changelog of %s: %w", is.Key, err)
	}
	d.Issue.ChangelogTotal = total
	for i := range hs {
		d.Histories = append(d.Histories, hs[i].Model(is.ID))
		users = append(users, hs[i].Author)
	}
	cs, err := r.comments(ctx, is.ID, p.Comments)
	if err != nil {
		return d, nil, nil, fmt.Errorf("comments of %s: %w", is.Key, err)
	}
	for i := range cs {
		c, err := cs[i].Model(is.ID, func(name string) string { return r.userKey(ctx, name) })
		if err != nil {
			return d, nil, nil, fmt.Errorf("issue %s: %w", is.Key, err)
		}
		d.Comments = append(d.Comments, c)
		users = append(users, cs[i].Author)
	}
	ws, err := r.worklogs(ctx, is.ID, p.Worklogs)
	if err != nil {
		return d, nil, nil, fmt.Errorf("worklogs of %s: %w", is.Key, err)
	}
	for i := range ws {
		d.Worklogs = append(d.Worklogs, ws[i].Model(is.ID))
		users = append(users, ws[i].Author)
	}
	r.sum.Histories += len(d.Histories)
	r.sum.Comments += len(d.Comments)
	r.sum.Worklogs += len(d.Worklogs)
	return d, users, p.Sprints, nil
}

// userKey maps a Server/DC user name met in a [~name] mention to the
// user's key, asking Jira once for names not met yet.
func (r *runner) userKey(ctx context.Context, name string) string {
	if r.flavor != model.Server {
		return name
	}
	if k, ok := r.byName[name]; ok {
		return k
	}
	u, err := r.c.User(ctx, name)
	var je *jira.Error
	switch {
	case err == nil && u.ID() != "":
		r.byName[name] = u.ID()
	case err == nil || errors.As(err, &je) && !je.Retryable():
		r.byName[name] = name // unknown user: keep the name
	default:
		r.log.Warn("user lookup failed", "name", name, "err", err)
		return name
	}
	return r.byName[name]
}
