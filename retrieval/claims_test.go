package retrieval

import "testing"

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
