package answer

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/onrecord/onrecord/retrieval"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// TestShownGolden records what people see for a model that mixes faithful,
// invented and misattributed sentences: the answer alone (Text) and merged
// above the extractive quotes (Merge).
func TestShownGolden(t *testing.T) {
	ps := samplePassages(t)
	content := sentencesJSON(
		sent("Blinken said any Russian military move across Ukraine’s border would be “met with swift, severe, and a united response from the United States and our partners and allies.”", "", "P1"),
		sent("He said Russia has amassed 100,000 troops on Ukraine’s border, including forces deployed to Belarus.", "", "P3"),
		sent("Asked by Andrea Mitchell, the Secretary said “we’re not proceeding on the basis of emotion.”", "", "P3"),
		sent("Blinken said “we will invade”.", "we will invade", "P5"),
		sent("Andrea Mitchell said “we stand firmly with Ukraine.”", "we stand firmly with Ukraine", "P1"),
		sent("Blinken said that in the past year about $650 million in security assistance went to Ukraine.", "", "P4"),
		sent("Blinken said the United States committed $650 million to Ukraine.", "", "P4"), // "United States" is not in P4
	)
	a := serve(t, &fakeModel{respond: says(content)}, Config{})
	r, err := a.Answer(context.Background(), "What did Blinken say Russia would face?", withInjection(ps, 4))
	if err != nil {
		t.Fatal(err)
	}
	asked := func(s string) *string { return &s }
	extractive := retrieval.Answer{Question: "What did Blinken say Russia would face?", Quotes: []retrieval.Quote{
		{Text: "It will be met with swift, severe, and a united response from the United States and our partners and allies.", Speaker: blinken, PassageID: "p-opening"},
		{Text: "First, we’re not proceeding on the basis of emotion.", Speaker: blinken, AskedBy: asked("Andrea Mitchell"), PassageID: "p-mitchell-a"},
	}}
	merged, err := json.MarshalIndent(Merge(extractive, r), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got := "dropped: " + strconv.Itoa(r.Dropped) + "\n\n=== Text\n" + r.Text() + "\n\n=== Merge\n" + string(merged) + "\n"
	path := filepath.Join("testdata", "shown.golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./answer -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("shown answer differs from %s (run with -update if intended):\n%s", path, got)
	}
}
