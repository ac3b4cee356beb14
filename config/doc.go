// Package config loads and validates roleload.yaml (SPEC §4): strict YAML,
// every problem reported at once, secrets only through the environment
// variables the file names. A loaded Config is immutable.
//
// It must not import any other package of roleload except model.
package config
