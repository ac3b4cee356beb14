// Package app wires the features together for the CLI (and later the daemon
// and the dashboard): load from the store, analyse, render, send. It holds
// no logic of its own beyond choosing windows and weeks.
//
// It may import every feature package and the store; nothing imports app
// but cmd.
package app
