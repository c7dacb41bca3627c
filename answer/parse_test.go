package answer

import (
	"fmt"
	"testing"
)

func TestParse(t *testing.T) {
	one := `{"sentences":[{"text":"T","passages":["P1"],"quote":"Q"}]}`
	tests := []struct {
		name    string
		content string
		want    string // fmt of the drafts; "" means an error
	}{
		{"plain", one, "[{T [P1] [Q]}]"},
		{"fenced", "```json\n" + one + "\n```", "[{T [P1] [Q]}]"},
		{"chatter around", "Here you go:\n" + one + "\nHope this helps!", "[{T [P1] [Q]}]"},
		{"think block first", "<think>I should write {\"x\":1} maybe</think>" + one, "[{T [P1] [Q]}]"},
		{"unclosed think block", one + "<think>and more", "[{T [P1] [Q]}]"},
		{"braces in prose before", "The {best} answer [1] is: " + one, "[{T [P1] [Q]}]"},
		{"nested under answer", `{"answer":` + one + `}`, "[{T [P1] [Q]}]"},
		{"bare array", `[{"text":"T","passages":["P1"],"quote":""}]`, "[{T [P1] []}]"},
		{"aliases and case", `{"Sentences":[{"Sentence":"T","citations":[1,"P2"],"quotation":null}]}`, "[{T [1 P2] []}]"},
		{"one string of ids", `{"sentences":[{"text":"T","passages":"P1, P2"}]}`, "[{T [P1, P2] []}]"},
		{"quote list", `{"sentences":[{"text":"T","passages":["P1"],"quote":["a","","b"]}]}`, "[{T [P1] [a b]}]"},
		{"quote field saying there is none", `{"sentences":[{"text":"T","passages":["P1"],"quote":"empty"},{"text":"U","passages":["P1"],"quote":"N/A"},{"text":"V","passages":["P1"],"quote":"(none)"}]}`, "[{T [P1] []} {U [P1] []} {V [P1] []}]"},
		{"no sentences", `{"sentences":[]}`, "[]"},
		{"null sentences", `{"sentences":null}`, "[]"},
		{"prose", "Blinken said Russia would face a swift response.", ""},
		{"truncated", `{"sentences":[{"text":"T","passages":["P1"`, ""},
		{"other object", `{"answer":"Blinken said so."}`, ""},
		{"sentence not an object", `{"sentences":["Blinken said so."]}`, ""},
		{"text not a string", `{"sentences":[{"text":{"a":1},"passages":["P1"]}]}`, ""},
		{"empty array", `[]`, ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			drafts, err := parse(tt.content)
			if tt.want == "" {
				if err == nil {
					t.Errorf("got %v, want an error", drafts)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if drafts == nil {
				drafts = []draft{}
			}
			if got := fmt.Sprint(drafts); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestSplitCitations(t *testing.T) {
	tests := []struct {
		ids  []string
		want string
	}{
		{[]string{"P1"}, "[P1]"},
		{[]string{"P1, P2", "P3"}, "[P1 P2 P3]"},
		{[]string{"P1 and P3"}, "[P1 P3]"},
		{[]string{"[P1][P2]"}, "[P1 P2]"},
		{[]string{"Passage 2; passage 3"}, "[Passage 2 passage 3]"},
		{[]string{" ", ""}, "[]"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.ids), func(t *testing.T) {
			got := splitCitations(tt.ids)
			if fmt.Sprint(got) != tt.want && !(len(got) == 0 && tt.want == "[]") {
				t.Errorf("got %q, want %s", got, tt.want)
			}
		})
	}
}

func TestPassageIndex(t *testing.T) {
	tests := []struct {
		id   string
		want int // -1: not a passage
	}{
		{"P1", 0}, {"p3", 2}, {"[P2]", 1}, {"2", 1}, {"Passage 3", 2}, {" P1 ", 0},
		{"P0", -1}, {"P4", -1}, {"P", -1}, {"Q1", -1}, {"p-opening", -1}, {"", -1},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			got, ok := passageIndex(tt.id, 3)
			if !ok {
				got = -1
			}
			if got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}
