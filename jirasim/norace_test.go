//go:build !race

package jirasim

const raceEnabled = false
