package store

import (
	"context"
	"database/sql"
	"fmt"
)

// storageOrder is how the loader reads the wanted issues and their
// activity. When they are at least half of the store (LoadActivity of
// every collected project, the usual case), whole tables are read in
// storage order, the issues NOT INDEXED, and the rows of other issues
// skipped in Go: one pass over the table's pages instead of one index
// look-up and one random table read per wanted row, and SQLite would
// otherwise pick the project index for the issues. Else the activity is
// read through its issue_id index. Either order is the query plan's own,
// with no sort step: issueSlots groups and sorts the rows in Go.
// Through the indexes, LoadActivity of a whole store took a tenth to a
// sixth longer (BenchmarkLoadActivityPlan/without=storage-order, 100,000
// and 1M events).
type storageOrder struct {
	scan   bool
	where  string // selects the wanted issues i
	args   []any  // where's parameters
	filter string // the wanted issues' ids, as a subquery
}

// chooseOrder counts the issues and the wanted ones (from an index when
// where reads only indexed columns) and picks the order; force, when
// set, is the choice instead (for BenchmarkLoadActivityPlan).
func chooseOrder(ctx context.Context, db *sql.DB, where string, args []any, force *bool) (o storageOrder, wanted int, err error) {
	var total int
	err = db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(`+where+`), 0) FROM issues i`, args...).Scan(&total, &wanted)
	if err != nil {
		return o, 0, fmt.Errorf("count issues: %w", err)
	}
	o = storageOrder{scan: wanted*2 >= total, where: where, args: args, filter: `SELECT i.id FROM issues i WHERE ` + where}
	if force != nil {
		o.scan = *force
	}
	return o, wanted, nil
}

// issues selects cols of the wanted issues i.
func (o storageOrder) issues(cols string) (string, []any) {
	q := `SELECT ` + cols + ` FROM issues i`
	if o.scan {
		q += ` NOT INDEXED`
	}
	return q + ` WHERE ` + o.where, o.args
}

// activity completes selectFrom (SELECT ... FROM one kind of activity)
// for the wanted issues, whose ids are in issueCol: every row in
// scanOrder when scanning (the caller skips other issues' rows), else
// those of the wanted issues in indexOrder.
func (o storageOrder) activity(selectFrom, issueCol, scanOrder, indexOrder string) (string, []any) {
	if o.scan {
		return selectFrom + ` ORDER BY ` + scanOrder, nil
	}
	return selectFrom + ` WHERE ` + issueCol + ` IN (` + o.filter + `) ORDER BY ` + indexOrder, o.args
}

// counts counts table's rows per issue, as issueSlots needs.
func (o storageOrder) counts(table string) (string, []any) {
	if o.scan {
		return `SELECT issue_id, count(*) FROM ` + table + ` GROUP BY issue_id`, nil
	}
	return `SELECT issue_id, count(*) FROM ` + table + ` WHERE issue_id IN (` + o.filter + `) GROUP BY issue_id`, o.args
}
