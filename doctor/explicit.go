package doctor

import (
	"os"

	"go.yaml.in/yaml/v3"
)

// written says which of a team's list keys the config file writes out;
// the others hold defaults, and a default that this Jira does not use is
// no mistake of the user's.
type written struct {
	waiting, ready, inputLabels, discLabels bool
}

// writtenKeys reads the config file again for the keys it sets itself.
func writtenKeys(path string) map[string]written {
	out := map[string]written{}
	data, err := os.ReadFile(path)
	if err != nil {
		return out
	}
	var raw struct {
		Teams []struct {
			Name            string    `yaml:"name"`
			WaitingStatuses yaml.Node `yaml:"waiting_statuses"`
			ReadyStatuses   yaml.Node `yaml:"ready_statuses"`
			InputLabels     yaml.Node `yaml:"input_labels"`
			Discovery       struct {
				Labels yaml.Node `yaml:"labels"`
			} `yaml:"discovery"`
		} `yaml:"teams"`
	}
	if yaml.Unmarshal(data, &raw) != nil {
		return out
	}
	for _, t := range raw.Teams {
		out[t.Name] = written{waiting: t.WaitingStatuses.Kind != 0, ready: t.ReadyStatuses.Kind != 0,
			inputLabels: t.InputLabels.Kind != 0, discLabels: t.Discovery.Labels.Kind != 0}
	}
	return out
}
