package analysis

import (
	"testing"

	"github.com/roleload/roleload/model"
)

func TestClassifyIssues(t *testing.T) {
	issues := []model.Issue{
		{Key: "DISC-1", ProjectKey: "DISC", Type: "Idea"},
		{Key: "ABC-1", ProjectKey: "ABC", Type: "Story"},
		{Key: "ABC-2", ProjectKey: "ABC", Type: "Epic", Labels: []string{"Discovery"}},
		{Key: "ABC-3", ProjectKey: "ABC", Type: "Story", ParentKey: "ABC-2"},
		{Key: "ABC-4", ProjectKey: "ABC", Type: "Sub-task", ParentKey: "ABC-3"},
		{Key: "ABC-5", ProjectKey: "ABC", Type: "research"},
		{Key: "OTH-1", ProjectKey: "OTH", Type: "Story"},
		{Key: "JPD-1", ProjectKey: "JPD", ProjectType: "product_discovery", Type: "Task"},
		{Key: "OTH-2", ProjectKey: "OTH", Type: "Story", ParentKey: "ABC-2"},
		{Key: "ABC-6", ProjectKey: "ABC", Type: "Story", ParentKey: "ABC-7"},
		{Key: "ABC-7", ProjectKey: "ABC", Type: "Story", ParentKey: "ABC-6"}, // a cycle
		{Key: "ABC-8", ProjectKey: "ABC", Type: "Story", ParentKey: "ABC-1"},
	}
	want := map[string]Class{
		"DISC-1": classDiscovery, "ABC-1": classDelivery, "ABC-2": classDiscovery, "ABC-3": classDiscovery,
		"ABC-4": classDiscovery, "ABC-5": classDiscovery, "OTH-1": classNone, "JPD-1": classDiscovery,
		"OTH-2": classDiscovery, "ABC-6": classDelivery, "ABC-7": classDelivery, "ABC-8": classDelivery,
	}
	team := testTeam(nil)
	team.Discovery.IssueTypes = []string{"Idea", "Research"}
	team.Discovery.Labels = []string{"discovery"}
	got := classifyIssues(issues, team)
	for i, is := range issues {
		if got[i] != want[is.Key] {
			t.Errorf("%s: class %d, want %d", is.Key, got[i], want[is.Key])
		}
	}
}

func TestCategory(t *testing.T) {
	tests := []struct {
		cls  Class
		kind Kind
		text bool
		want Category
	}{
		{classDelivery, kindCreate, false, catAuthoring},
		{classDelivery, kindEdit, true, catAuthoring},
		{classDelivery, kindEdit, false, catRefinement},
		{classDelivery, kindTransition, false, catAnswering},
		{classDelivery, kindTransition, true, catAuthoring},
		{classDelivery, kindComment, false, catAnswering},
		{classDelivery, kindWorklog, false, catAuthoring},
		{classDiscovery, kindComment, false, catDiscovery},
		{classNone, kindCreate, false, catOther},
	}
	for _, tc := range tests {
		if got := category(tc.cls, tc.kind, tc.text); got != tc.want {
			t.Errorf("category(%d, %d, %v) = %d, want %d", tc.cls, tc.kind, tc.text, got, tc.want)
		}
	}
}

func TestFieldKinds(t *testing.T) {
	fk := fieldKinds{}
	tests := []struct {
		it   model.HistoryItem
		want fieldKind
	}{
		{model.HistoryItem{Field: "summary", FieldID: "summary"}, fieldSummary},
		{model.HistoryItem{Field: "Description"}, fieldDescription}, // Server: no field ID
		{model.HistoryItem{Field: "Acceptance criteria", FieldID: "customfield_10100"}, fieldText},
		{model.HistoryItem{Field: "status", FieldID: "status"}, fieldStatus},
		{model.HistoryItem{Field: "Rank"}, fieldOther},
		{model.HistoryItem{Field: "Story Points", FieldID: "customfield_10016"}, fieldOther},
		{model.HistoryItem{Field: "Labels"}, fieldLabels},
	}
	for _, tc := range tests {
		if got := fk.kind(&tc.it); got != tc.want {
			t.Errorf("%+v: kind %d, want %d", tc.it, got, tc.want)
		}
	}
}

func TestIsStory(t *testing.T) {
	for typ, want := range map[string]bool{"Story": true, "Bug": true, "Task": true, "Epic": false, "Sub-task": false, "Subtask": false} {
		if got := isStory(&model.Issue{Type: typ}, false); got != want {
			t.Errorf("isStory(%s) without the Story type = %v", typ, got)
		}
	}
	for typ, want := range map[string]bool{"story": true, "Bug": false, "Task": false, "Epic": false} {
		if got := isStory(&model.Issue{Type: typ}, true); got != want {
			t.Errorf("isStory(%s) = %v", typ, got)
		}
	}
}
