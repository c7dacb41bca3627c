package ingest

import (
	"strings"
	"testing"

	"github.com/onrecord/onrecord/retrieval"
)

// TestRoleLabels: a label that names a role has no surname to look up in
// the header. The titles are of wh-press-briefings calls (2021-08-25,
// 2021-07-12, 2024-01-13).
func TestRoleLabels(t *testing.T) {
	tests := []struct {
		label, title, name, office string
	}{
		{"SENIOR ADMINISTRATION OFFICIAL", "Background Press Call by a Senior Administration Official on Cuba", "Senior Administration Official", ""},
		{"SENIOR ADMINISTRATION OFFICIAL", "Background Press Call by Senior Administration Officials on President Biden’s Official Working Visit with Prime Minister Bennett of the State of Israel", "Senior Administration Official", ""},
		{"SENIOR MILITARY OFFICIAL", "Background Press Call by Senior Administration Officials and Senior Military Official on Developments in the Middle East", "Senior Military Official", ""},
		{"WHITE HOUSE AIDE", "Press Gaggle by Press Secretary Karine Jean-Pierre", "White House Aide", ""},
		// The title's words after a name are not part of it (2022-08-08,
		// 2024-10-02).
		{"THE PRESIDENT", "Remarks by President Biden In Briefing on The Ongoing Response Efforts to the Flooding in Eastern Kentucky", "President Biden", ""},
		{"THE PRESIDENT", "Remarks by President Biden After Operational Briefing on the Hurricane Helene Response and Recovery Efforts", "President Biden", ""},
		// A person's label still finds the name and the office.
		{"SECRETARY BLINKEN", "Secretary Antony J. Blinken at a Press Availability", "Secretary Antony J. Blinken", "Secretary"},
	}
	for _, tt := range tests {
		if got := displayName(tt.label, tt.title); got != tt.name {
			t.Errorf("displayName(%q, %q) = %q, want %q", tt.label, tt.title, got, tt.name)
		}
		if got := office(tt.label, tt.title, nil); got != tt.office {
			t.Errorf("office(%q, %q) = %q, want %q", tt.label, tt.title, got, tt.office)
		}
	}
}

// TestCallAfterAnswer: a short turn that calls on the next reporter is the
// moderator at work only if it says little else; "That is the view of the
// Federal Reserve…" answers the question before it (Jen Psaki, April 13,
// 2022), whatever call ends it.
func TestCallAfterAnswer(t *testing.T) {
	tests := []struct {
		turn string
		want string
	}{
		{"That is the view of the Federal Reserve and outside economists, and they all continue to project it will come down this year.\n\nGo ahead.", retrieval.RoleOfficial},
		{"He did not. He made that decision himself.\n\nGo ahead.", retrieval.RoleOfficial},
		{"Thank you. Andrea Mitchell.", retrieval.RoleModerator},
		{"Okay. Go ahead, Zeke.", retrieval.RoleModerator},
		{"Let’s take a couple final questions. Yes.", retrieval.RoleModerator},
		{"Okay. We have to wrap up. Go ahead.", retrieval.RoleModerator},
	}
	for _, tt := range tests {
		doc := &Document{Format: "labelled", Turns: []Turn{
			{Label: "Q", Paragraphs: []string{"And then, last one, does the White House still view inflation as transitory?"}},
			{Label: "MS. PSAKI", Paragraphs: strings.Split(tt.turn, "\n\n")},
			{Label: "Q", Paragraphs: []string{"Is it the U.S. policy that genocide is being committed in Ukraine?"}},
			{Label: "MS. PSAKI", Paragraphs: []string{"Well, there is a legal process, as the President said yesterday, that will be undergone and will happen."}},
		}}
		assignRoles(doc)
		if got := doc.Turns[1].Role; got != tt.want {
			t.Errorf("%q: role %q, want %q", tt.turn, got, tt.want)
		}
	}
}
