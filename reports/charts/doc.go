// Package charts draws the report's charts (SPEC §7.2) as PNG or SVG bytes.
//
// It is the only package that knows go-chart: everything else asks for a
// metric by name and gets bytes back, so the charting library can be
// swapped here alone. go-chart's own chart types start bar axes at the data
// minimum, only stack to 100% and refuse fewer than two points, so the
// charts are laid out here and drawn with go-chart's renderers (its PNG
// rasteriser, its SVG writer and its bundled Roboto font).
//
// Pure: no I/O, no clock. Imports analysis (for the data) and go-chart only.
package charts
