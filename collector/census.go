package collector

import (
	"context"
	"strings"
	"time"

	"github.com/roleload/roleload/collector/jira"
	"github.com/roleload/roleload/store"
)

const (
	sourceCensus = "census"
	// censusPage is asked for. Searches for keys and updated only get
	// Jira's largest pages: up to 5000 on Cloud's /search/jql, up to
	// jira.search.views.default.max (1000 by default) on Server/DC. Either
	// may return fewer, and we follow what it returns.
	censusPage = 5000
	// refetchChunk bounds the ids in one `id in (...)` query.
	refetchChunk = 50
)

// censusIfDue runs the census when CensusEvery has passed on Jira's clock
// since the last one (every run when it is zero).
func (r *runner) censusIfDue(ctx context.Context) error {
	if every := r.cfg.CensusEvery.D(); every > 0 {
		st, err := r.st.SyncState(ctx, sourceCensus)
		if err != nil {
			return err
		}
		if !st.Watermark.IsZero() && !r.serverTime.IsZero() && r.serverTime.Sub(st.Watermark) < every {
			return nil
		}
	}
	return r.census(ctx)
}

type seenIssue struct {
	key     string
	updated time.Time
}

// census lists every issue of the scope (keys and updated only) and
// reconciles the store: issues Jira no longer returns are marked deleted,
// moved ones re-keyed, and any issue newer in Jira than in the store (one
// a pass missed) is fetched again.
func (r *runner) census(ctx context.Context) error {
	seen := map[string]seenIssue{}
	jql := scopeJQL(r.cfg.Projects, r.cfg.JQL) + " ORDER BY created ASC"
	err := r.search(ctx, jql, []string{"updated"}, "", censusPage, func(issues []jira.Issue, _ bool) error {
		for _, is := range issues {
			var u struct {
				Updated jira.Time `json:"updated"`
			}
			if raw, ok := is.Fields["updated"]; ok {
				if err := u.Updated.UnmarshalJSON(raw); err != nil {
					return err
				}
			}
			seen[is.ID] = seenIssue{key: is.Key, updated: u.Updated.Time}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return r.reconcile(ctx, seen)
}

// reconcile compares the issues Jira returns (seen, by id) with the store,
// reading the store's issues one at a time; it removes from seen the ones
// the store holds.
func (r *runner) reconcile(ctx context.Context, seen map[string]seenIssue) error {
	n := len(seen)
	c := store.Census{Moved: map[string]string{}}
	var stale []string
	err := r.st.EachIssueRef(ctx, r.cfg.Projects, func(id string, ref store.IssueRef) error {
		s, ok := seen[id]
		switch {
		case !ok && !ref.Deleted:
			c.Deleted = append(c.Deleted, id)
		case ok && ref.Deleted:
			c.Restored = append(c.Restored, id)
		}
		if !ok {
			return nil
		}
		if s.key != "" && s.key != ref.Key {
			c.Moved[id] = s.key
		}
		if s.updated.Truncate(time.Millisecond).After(ref.Updated) {
			stale = append(stale, id)
		}
		delete(seen, id)
		return nil
	})
	if err != nil {
		return err
	}
	for id := range seen { // returned by Jira, not in the store
		stale = append(stale, id)
	}
	if err := r.refetch(ctx, stale); err != nil {
		return err
	}
	wm := r.serverTime
	c.Checkpoint = &store.SyncState{Source: sourceCensus, Watermark: wm, UpdatedAt: wm}
	if err := r.st.ApplyCensus(ctx, c); err != nil {
		return err
	}
	r.sum.Deleted += len(c.Deleted)
	if len(c.Deleted)+len(c.Moved)+len(stale) > 0 {
		r.log.Info("census", "seen", n, "deleted", len(c.Deleted), "restored", len(c.Restored), "moved", len(c.Moved), "refetched", len(stale))
	}
	return nil
}

// refetch fetches issues by id, with all their activity, and commits them
// (without touching the pass's watermark).
func (r *runner) refetch(ctx context.Context, ids []string) error {
	for len(ids) > 0 {
		n := min(len(ids), refetchChunk)
		jql := "id in (" + strings.Join(ids[:n], ", ") + ") ORDER BY created ASC"
		ids = ids[n:]
		err := r.search(ctx, jql, r.fields, "changelog", r.cfg.PageSize, func(issues []jira.Issue, _ bool) error {
			b, err := r.complete(ctx, issues)
			if err != nil {
				return err
			}
			if err := r.st.SaveBatch(ctx, b, nil); err != nil {
				return err
			}
			r.sum.Issues += len(b.Issues)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}
