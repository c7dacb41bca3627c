package retrieval

import (
	"context"
	"slices"
	"strings"
	"testing"
)

func TestClaimOf(t *testing.T) {
	for _, c := range []struct{ question, source, claim string }{
		{"Did Jen Psaki say the moon landing was faked?", "Jen Psaki", "the moon landing was faked"},
		{"Did Kirby ever claim that Russia was running out of shells?", "Kirby", "Russia was running out of shells"},
		{"Has the press secretary told reporters that gas prices fell for 30 days?", "the press secretary", "gas prices fell for 30 days"},
		{"Is it true that Karine Jean-Pierre called the law unconstitutional?", "Karine Jean-Pierre", "the law unconstitutional"},
		{"Did Jake Sullivan really warn that an invasion could begin any day?", "Jake Sullivan", "an invasion could begin any day"},
		{"So did the White House deny the report?", "the White House", "the report"},
		{"Did Dr. Fauci say the country could approach normality by the fall?", "Dr. Fauci", "the country could approach normality by the fall"},
		{"Did the Transportation Secretary say more than $100 million of cargo moves daily?", "the Transportation Secretary", "more than $100 million of cargo moves daily"},
		{"Did the U.S. ambassador say the vote was unanimous?", "the U.S. ambassador", "the vote was unanimous"},
		{"Did Psaki say more about the cat?", "", ""},
		{"Did the Secretary of State say Russia would invade?", "the Secretary of State", "Russia would invade"},
		{"Did the State Department say the embassy would close?", "the State Department", "the embassy would close"},
		{"Did the Secretary of Homeland Security state that the border is closed?", "the Secretary of Homeland Security", "the border is closed"},
		{"Did she say the cat would be named Willow?", "her", "the cat would be named Willow"},
		{"Who said the moon landing was faked?", "anyone", "the moon landing was faked"},
		{"Who first called the strike a mistake?", "anyone", "the strike a mistake"},
		{"Who said what about the strike?", "", ""},
		{"Who said it?", "anyone", "it"},
		// Asking what was said, not checking it.
		{"Did Psaki say when the bill would pass?", "", ""},
		{"Did officials say anything about the floods?", "", ""},
		{"Did the President say whether he would run?", "", ""},
		{"Did the press secretary say?", "", ""},
		// No verb of saying: a plain yes-or-no question.
		{"Did Dr. Fauci see any sign that the virus was mutating?", "", ""},
		{"What did Psaki say about the cat?", "", ""},
		{"Has NATO's defense spending increased because of Russia?", "", ""},
	} {
		source, claim, ok := claimOf(c.question)
		if ok != (c.claim != "") || source != c.source || claim != c.claim {
			t.Errorf("claimOf(%q) = %q, %q, %v; want %q, %q", c.question, source, claim, ok, c.source, c.claim)
		}
	}
}

// Of two passages that make a claim, the one that says more of it answers,
// though it ranks lower.
func TestMakesClaimPrefersMore(t *testing.T) {
	texts := []string{
		"The cat will be named Willow, and she will arrive soon.",
		"The cat will be named Willow, after a tree, and she will arrive in January.",
	}
	s := searcherOverTexts(t, "Jen Psaki", withOtherBusiness(texts, 12))
	qa, err := s.analyse(context.Background(), "Did Psaki say the cat would be named Willow and arrive in January?")
	if err != nil {
		t.Fatal(err)
	}
	less, more := s.claimShare(qa, 0), s.claimShare(qa, 1)
	if less < minClaimShare || more < less+claimShareMargin {
		t.Fatalf("claim shares %.2f and %.2f: the test needs both to make the claim, the second by more", less, more)
	}
	if got := s.makesClaim(qa, []candidate{{passage: 0}, {passage: 1}}); got != 1 {
		t.Errorf("makesClaim = %d, want 1, the passage that says more of the claim", got)
	}
}

// A claim's word is found in the forms the stemmer keeps apart.
func TestWordForms(t *testing.T) {
	for term, want := range map[string]string{
		"invade":      "invad", // "invading", "invaded"
		"invad":       "invade",
		"negotiation": "negotiat",
		"negotiate":   "negotiation",
		"negotiat":    "negotiation",
	} {
		if got := wordForms(term); !slices.Contains(got, stem(want)) && !slices.Contains(got, want) {
			t.Errorf("wordForms(%q) = %q, want it to hold %q", term, got, want)
		}
	}
	texts := withOtherBusiness([]string{"Russia invaded Ukraine in 2014, seizing Crimea."}, 12)
	s := searcherOverTexts(t, "Secretary Antony J. Blinken", texts)
	qa, err := s.analyse(context.Background(), "Did Blinken say Russia would invade Ukraine?")
	if err != nil {
		t.Fatal(err)
	}
	if got := s.claimShare(qa, 0); got < 1 {
		t.Errorf("claimShare = %.2f, want 1: \"invaded\" is a form of \"invade\"", got)
	}
}

// FuzzClaimOf: any question parses without panic, and a claim found is
// the question's own words.
func FuzzClaimOf(f *testing.F) {
	for _, q := range []string{"Did Jen Psaki say the moon landing was faked?", "Who said more than 9,000 permits?", "Is it true that she called it a hoax?", "Did Dr. Fauci say", "did  the U.S. say that"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, question string) {
		source, claim, ok := claimOf(question)
		if !ok {
			return
		}
		if claim == "" || !strings.Contains(question, claim) {
			t.Errorf("claimOf(%q): claim %q is not the question's words", question, claim)
		}
		if source == "" {
			t.Errorf("claimOf(%q): no source", question)
		}
	})
}

// A figure in words is a figure: "five years" is not made by "ten years",
// and "10 years" is made by "ten years".
func TestClaimFiguresInWords(t *testing.T) {
	s := searcherOverTexts(t, "Administrator Michael S. Regan", withOtherBusiness([]string{"Every lead pipe in the country will have to be replaced within ten years."}, 12))
	for question, makes := range map[string]bool{
		"Did Regan say every lead pipe would be replaced within five years?": false,
		"Did Regan say every lead pipe would be replaced within 10 years?":   true,
		"Did Regan say every lead pipe would be replaced within ten years?":  true,
	} {
		qa, err := s.analyse(context.Background(), question)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.claimShare(qa, 0) >= minClaimShare; got != makes {
			t.Errorf("%q: makes the claim %v, want %v", question, got, makes)
		}
	}
}
