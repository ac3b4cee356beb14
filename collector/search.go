package collector

import (
	"context"
	"sync"

	"github.com/roleload/roleload/collector/jira"
	"github.com/roleload/roleload/model"
)

type page struct {
	issues []jira.Issue
	last   bool
	err    error
}

// search pages through a JQL result, calling fn once per page in order
// (last says it is the final one). The next page is fetched while fn
// stores the current one; at most two pages are held (the hand-over is
// unbuffered: a page waiting in a channel would be a third). Page sizes are
// whatever Jira returns, never assumed to be what was asked.
func (r *runner) search(ctx context.Context, jql string, fields []string, expand string, size int,
	fn func(issues []jira.Issue, last bool) error) error {
	ctx, cancel := context.WithCancel(ctx)
	pages := make(chan page)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(pages)
		r.fetchPages(ctx, jira.SearchQuery{JQL: jql, Fields: fields, Expand: expand, MaxResults: size}, pages)
	}()
	defer func() {
		cancel()
		for range pages {
		}
		wg.Wait()
	}()
	for p := range pages {
		if p.err != nil {
			return p.err
		}
		if err := fn(p.issues, p.last); err != nil {
			return err
		}
		if p.last {
			return nil
		}
	}
	return ctx.Err()
}

func (r *runner) fetchPages(ctx context.Context, q jira.SearchQuery, out chan<- page) {
	for {
		var sp *jira.SearchPage
		var err error
		if r.flavor == model.Cloud {
			sp, err = r.c.SearchCloud(ctx, q)
		} else {
			sp, err = r.c.SearchServer(ctx, q)
		}
		var p page
		switch {
		case err != nil:
			p.err = err
		case r.flavor == model.Cloud:
			p.last = sp.NextPageToken == "" || (sp.IsLast != nil && *sp.IsLast) || len(sp.Issues) == 0
			q.PageToken = sp.NextPageToken
		default:
			q.StartAt += len(sp.Issues)
			p.last = len(sp.Issues) == 0 || q.StartAt >= sp.Total
		}
		if sp != nil {
			p.issues = sp.Issues
		}
		select {
		case out <- p:
		case <-ctx.Done():
			return
		}
		if p.last || p.err != nil {
			return
		}
	}
}
