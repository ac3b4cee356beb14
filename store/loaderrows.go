package store

import (
	"cmp"
	"context"
	"database/sql"
)

// loaderRows are the rows of one of the loader's queries, run under a
// context that cannot be cancelled while Next checks the caller's ctx
// itself every checkEvery rows. mattn/go-sqlite3 watches a cancellable
// context with a lock round trip on every row, which made LoadActivity
// take from a tenth to twice as long again, the more so the idler the
// machine (BenchmarkLoadActivityPlan/without=uncancellable-rows).
type loaderRows struct {
	*sql.Rows
	ctx context.Context
	n   int
	err error
}

// checkEvery is how many rows are read between checks of ctx.
const checkEvery = 4096

// query runs q on the loader's connection pool, with the rows checking
// l.ctx.
func (l *activityLoader) query(q string, args []any) (*loaderRows, error) {
	qctx := context.WithoutCancel(l.ctx)
	if l.plan.cancellableRows {
		qctx = l.ctx
	}
	rows, err := l.db.QueryContext(qctx, q, args...)
	if err != nil {
		return nil, err
	}
	return &loaderRows{Rows: rows, ctx: l.ctx}, nil
}

func (r *loaderRows) Next() bool {
	if r.n%checkEvery == 0 {
		if r.err = r.ctx.Err(); r.err != nil {
			return false
		}
	}
	r.n++
	return r.Rows.Next()
}

// Err is the error that ended Next, ctx's included.
func (r *loaderRows) Err() error { return cmp.Or(r.err, r.Rows.Err()) }
