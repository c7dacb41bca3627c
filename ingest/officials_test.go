package ingest

import "testing"

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
