package main

import (
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/delivery"
)

// loadReadOnly loads the config of a command that only reads the store:
// no Jira token or SMTP password variable needs to be set (SPEC §3), so a
// store copied to another machine can be analysed there.
func loadReadOnly(e *env, flagValue string) (*config.Config, error) {
	return config.LoadOffline(configPath(flagValue, e.getenv), e.getenv)
}

// loadConfigFor loads the config read-only, or with every secret required
// when the command will talk to Jira or SMTP (readOnly false).
func loadConfigFor(e *env, flagValue string, readOnly bool) (*config.Config, error) {
	if readOnly {
		return loadReadOnly(e, flagValue)
	}
	return loadConfig(e, flagValue)
}

// checkSend refuses to send mail with a config loaded read-only whose
// SMTP password variable is unset, then checks the e-mail settings.
func checkSend(cfg *config.Config) error {
	if err := cfg.RequireMailPassword(); err != nil {
		return err
	}
	return delivery.CheckMail(cfg)
}
