package main

import (
	"context"
	"errors"
	"time"

	"github.com/roleload/roleload/doctor"
)

// errDoctorFailed makes doctor exit 1 once its report is printed.
var errDoctorFailed = errors.New("a check failed (see above)")

func runDoctor(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "doctor")
	cfgPath := fs.String("config", "", "config file")
	format := fs.String("format", "text", "text or json")
	timeout := fs.Duration("timeout", time.Minute, "bound on the whole run; a check still running then is reported failed")
	if err := parseFormatted(fs, args, format); err != nil {
		return err
	}
	// A missing token is one of the checks, not a refusal.
	cfg, err := loadReadOnly(e, *cfgPath)
	if err != nil {
		return err
	}
	r := doctor.Run(ctx, doctor.Options{Config: cfg, Now: cfg.Clock(), Timeout: *timeout, StepTimeout: min(*timeout, 30*time.Second), Log: e.log})
	if *format == "json" {
		err = r.WriteJSON(e.stdout)
	} else {
		err = r.WriteText(e.stdout)
	}
	if err != nil {
		return err
	}
	if !r.OK {
		return errDoctorFailed
	}
	return nil
}
