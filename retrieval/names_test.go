package retrieval

import (
	"maps"
	"slices"
	"testing"
)

func TestQuestionNames(t *testing.T) {
	tests := []struct {
		question string
		want     []string
	}{
		{"What did Blinken say in Geneva?", []string{"blinken", "geneva"}},
		// Months and weekdays date; single letters say nothing.
		{"How many states had given a shot by June 10, 2021, per the U.S. officials?", nil},
		{"What did Psaki say on Monday about the G7?", []string{"psaki", "g7"}},
		// The first word is capitalised because it starts the question.
		{"Which states appointed coordinators?", nil},
	}
	for _, tt := range tests {
		if got := questionNames(tt.question); !slices.Equal(got, tt.want) {
			t.Errorf("questionNames(%q) = %q, want %q", tt.question, got, tt.want)
		}
	}
}

func TestNameForms(t *testing.T) {
	tests := []struct {
		name string
		want [][]string // among its forms
	}{
		{"polish", [][]string{{"poland"}}},
		{"swiss", [][]string{{"switzerland"}}},
		{"moscow", [][]string{{"russia"}, {"kremlin"}}},
		{"un", [][]string{{"unit", "nation"}}},
		{"g7", [][]string{{"g", "7"}}},
	}
	for _, tt := range tests {
		forms := nameForms[tt.name]
		for _, w := range tt.want {
			if !slices.ContainsFunc(forms, func(f []string) bool { return slices.Equal(f, w) }) {
				t.Errorf("forms of %q = %q, lack %q", tt.name, forms, w)
			}
		}
	}
	if _, ok := nameForms["united"]; ok {
		t.Error(`"united" alone stands for the United Nations`)
	}
}

func TestQuestionDates(t *testing.T) {
	tests := []struct {
		question     string
		months, days []string
	}{
		{"What did he say on June 10, 2021?", []string{"2021-06"}, []string{"2021-06-10"}},
		{"At the 10 June 2021 briefing?", []string{"2021-06"}, []string{"2021-06-10"}},
		{"When they met in Vienna in May 2023?", []string{"2023-05"}, nil},
		{"In August of 2022, and again on Sept. 3rd, 2022?", []string{"2022-08", "2022-09"}, []string{"2022-09-03"}},
		{"What did she say in June?", nil, nil}, // no year, no date
		{"Did they have 40 March 2021 events?", []string{"2021-03"}, nil},
		// In figures, as transcripts and Americans write them.
		{"What did Psaki say on 2021-08-26?", []string{"2021-08"}, []string{"2021-08-26"}},
		{"What was said in 2022-03 about gas?", []string{"2022-03"}, nil},
		{"What did Kirby say on 8/26/2021?", []string{"2021-08"}, []string{"2021-08-26"}},
		{"Was it 2021-13-01 or 40/40/2021?", nil, nil},
		{"Were 2021-2022 prices up?", nil, nil}, // a span of years
	}
	for _, tt := range tests {
		months, days := questionDates(tt.question)
		if got := slices.Sorted(maps.Keys(months)); !slices.Equal(got, tt.months) {
			t.Errorf("questionDates(%q) months = %q, want %q", tt.question, got, tt.months)
		}
		if got := slices.Sorted(maps.Keys(days)); !slices.Equal(got, tt.days) {
			t.Errorf("questionDates(%q) days = %q, want %q", tt.question, got, tt.days)
		}
	}
}

func TestOwnersOnly(t *testing.T) {
	tests := []struct {
		question string
		want     []string
	}{
		{"Did the White House expect Biden's April 2021 climate summit to be held in person?", []string{"biden"}},
		{"What proportion of troops are female, in Kirby's defense of the policy?", nil},
		{"How much aid had Washington committed, by Blinken's rough count?", nil},
		{"What did Biden say about Biden's own record?", nil},
		{"What did Biden say about the summit?", nil},
	}
	for _, tt := range tests {
		got := slices.Sorted(maps.Keys(ownersOnly(tt.question)))
		if !slices.Equal(got, tt.want) {
			t.Errorf("ownersOnly(%q) = %q, want %q", tt.question, got, tt.want)
		}
	}
}

func TestAskedFor(t *testing.T) {
	tests := []struct {
		question string
		want     bool
	}{
		{"What did the Swiss television reporter ask Blinken?", true},
		{"How did a reporter describe Britain's leadership?", true},
		{"Who asked about the no-fly zone?", true},
		{"What did Andrea Mitchell ask about NATO expansion?", true},
		{"What did the press secretary say when asked if Biden backs a union?", false},
		{"How did John Kirby answer when asked whether blocking the purchase signaled unreliability?", false},
		{"What did Biden say about the filibuster?", false},
		{"How did the White House COVID coordinator respond when a BuzzFeed reporter suggested it would slow the rollout?", false},
		{"What did the Sankei Newspaper reporter point out about Japan's position?", true},
	}
	for _, tt := range tests {
		if got := asksWhatWasAsked(tt.question); got != tt.want {
			t.Errorf("asksWhatWasAsked(%q) = %v, want %v", tt.question, got, tt.want)
		}
	}
}

func TestSourceText(t *testing.T) {
	tests := []struct {
		question, want string
	}{
		{"What proportion of troops are female, according to Kirby's defense of the policy?", "Kirby's defense of the policy"},
		{"How many planes did Ukraine's foreign minister say had been downed on the day Blinken crossed the border?", "Ukraine's foreign minister"},
		{"What did the press secretary say when asked if Biden backs a union?", "the press secretary"},
		{"How did Dmytro Kuleba characterize NATO's rejection of a no-fly zone?", "Dmytro Kuleba"},
		{"Where is the U.S. military airfield on Okinawa supposed to be moved?", "Where is the U.S. military airfield on Okinawa supposed to be moved?"},
	}
	for _, tt := range tests {
		if got := sourceText(tt.question); got != tt.want {
			t.Errorf("sourceText(%q) = %q, want %q", tt.question, got, tt.want)
		}
	}
}

// An anonymous official is known by what they are: "per the senior
// official" points at them.
func TestProfileOfAnonymousOfficial(t *testing.T) {
	prof := newProfile(&Passage{Speaker: "Senior State Department Official"})
	if prof.surname != "" || !slices.Contains(prof.office, "official") || !slices.Contains(prof.office, "state") {
		t.Errorf("profile = %+v, want no name and an office of state department official", prof)
	}
	prof = newProfile(&Passage{Speaker: "Secretary Marcia L. Fudge", SpeakerTitle: "Secretary of Housing and Urban Development"})
	if prof.surname != "fudge" || slices.Contains(prof.office, "fudge") {
		t.Errorf("profile = %+v, want surname fudge and the office's words", prof)
	}
}

func TestFormsOfPeoples(t *testing.T) {
	for name, place := range map[string]string{"louisianan": "louisiana", "texan": "texa", "floridian": "florida", "ohioan": "ohio", "iowan": "iowa"} {
		if !slices.ContainsFunc(formsOf(name), func(f []string) bool { return slices.Equal(f, tokens(place)) }) {
			t.Errorf("forms of %q = %q, lack %q", name, formsOf(name), place)
		}
	}
}

func TestQuotedPhrases(t *testing.T) {
	got := quotedPhrases(`Did the press secretary call them "Liberation Day" tariffs or say “transitory”?`)
	if len(got) != 1 || got[0].text != "Liberation Day" || !slices.Equal(got[0].terms, tokens("Liberation Day")) {
		t.Errorf("quotedPhrases = %+v, want the one phrase of two words", got)
	}
}

func TestAboutText(t *testing.T) {
	tests := []struct {
		question string
		speakers []string
		want     string
	}{
		{"What did Jen Psaki say in March 2021 about the May 1 deadline for withdrawing troops from Afghanistan?", []string{"jen", "psaki"},
			"What did say in about the May 1 deadline for withdrawing troops from"},
		{"How much cheaper would fuel be for drivers, according to the Energy Secretary?", nil,
			"How much cheaper would fuel be for drivers, according to ?"},
		{"What did a senior official say about methane?", nil, "What did say about methane?"},
		{"How much FEMA money did officials say Biden would announce at Brayton Point?", nil,
			"How much money did say would announce at"},
		// Nothing is left: the question is its own best text.
		{"What did the Secretary say?", nil, "What did the Secretary say?"},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			qa := &query{speakers: map[string]bool{}}
			for _, s := range tt.speakers {
				qa.speakers[s] = true
			}
			for _, n := range questionNames(tt.question) {
				if !qa.speakers[n] {
					qa.subjects = append(qa.subjects, n)
				}
			}
			if got := aboutText(qa, tt.question); got != tt.want {
				t.Errorf("aboutText = %q, want %q", got, tt.want)
			}
		})
	}
}
