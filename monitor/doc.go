// Package monitor serves what an operator watches (SPEC §7.5): /healthz
// (is the store readable, how old is the last good sync) and /metrics in
// the Prometheus text format (syncs, per-team verdict and signals), for
// `roleload serve` and for `roleload run` with schedule.http_addr.
//
// It reads the store and runs the analysis through app; it must not
// import cmd, daemon or dashboard.
package monitor
