package retrieval

import (
	"slices"
	"strings"
	"testing"
)

func TestHoldsAnswerFor(t *testing.T) {
	tests := []struct {
		question, sentence string
		want               bool
	}{
		{"How many people could it move off the streets?", "We can get as many as 130,000 people off the streets.", true},
		// A count, though money buys it: "130,000" answers, not "$5 billion".
		{"How many people could the rescue money move off the streets?", "We can get as many as 130,000 people off the streets.", true},
		{"How many votes should end it, 60 or a simple majority?", "It takes 60 votes now.", false},
		{"How many votes should end it, 60 or a simple majority?", "If we could end it with 51, we would have no problem.", true},
		{"How many troops are there?", "Someone asked me that.", false}, // "one" inside a word
		// A multiple answers "by how much" (Dr. Walensky, February 2021);
		// the three weeks are the question's own number.
		{"By how much had the CDC stepped up sequencing over three weeks?", "So over the last three weeks or so, we’ve increased our sequencing about tenfold.", true},
		{"By how much had the CDC stepped up sequencing over three weeks?", "We have stepped up sequencing over the last three weeks.", false},
		{"By how much had testing grown?", "Testing has doubled since March.", true},
		{"How many troops are there?", "One in five members of the military are women.", true},
		{"How much money went to cancer surgery?", "ARPA-H is announcing up to $150 million.", true},
		{"Was it $150 million in funding?", "It was $150 million.", false},
		// A rise or fall in a price is answered by a share too (Jen Psaki,
		// November 2021), a sum by money alone.
		{"How much had the price of unfinished gasoline fallen over the month?", "But in the last month, the price of unfinished gasoline is down more than 5 percent, while gas prices at the pump are up 3 percent in that same period.", true},
		{"How much had the price of unfinished gasoline fallen over the month?", "The gap is well above the pre-pandemic average.", false},
		{"How much money went to cancer surgery?", "Spending grew 5 percent.", false},
		// A count is not a span of time nor a year, unless the question
		// asks for one (Secretary Blinken, August 2022).
		{"How big a U.S. delegation was assigned to the month-long conference?", "We have about 60 people on our team who will be here every single day.", true},
		{"How big a U.S. delegation was assigned to the month-long conference?", "This has now been in force for 50 years.", false},
		{"How big a U.S. delegation was assigned to the month-long conference?", "He is here on day one of the conference.", false},
		{"How many troops were sent?", "They were first sent in 2019.", false},
		{"How old was the treaty?", "This has now been in force for 50 years.", true},
		{"How many days did the conference last?", "It ran for 30 days.", true},
		// A place the question does not name (Mitch Landrieu, January
		// 2022; Jen Psaki, April 2022).
		{"Which states had already picked infrastructure coordinators?", "Already, states like Delaware and New Mexico have appointed them.", true},
		{"Which states had already picked infrastructure coordinators?", "We have asked states to appoint infrastructure coordinators.", false},
		{"Where was Trevor Reed taken after he was wounded in Ukraine?", "Trevor has been evacuated to Germany, where he is receiving medical care.", true},
		{"Where was Trevor Reed taken after he was wounded in Ukraine?", "He was wounded fighting in Ukraine.", false},
		{"Where does the President stand on the filibuster?", "He said so in Georgia.", false}, // a position, not a place
		// A measure (Jake Sullivan, September 2022).
		{"How deep underwater did the sabotage of the Nord Stream pipelines take place?", "It took place in the neighborhood of 70 to 80 meters underwater.", true},
		{"How deep underwater did the sabotage of the Nord Stream pipelines take place?", "This is obviously an act of sabotage.", false},
		{"When will the pledge be unveiled?", "Before the summit on Earth Day.", true},
		{"When will the pledge be unveiled?", "On day one, the President rejoined the accord.", false},
		{"How long is the workplace policy?", "And that policy, which is about a six-page document, was the process.", true},
		{"How long did they meet in Vienna?", "They had more than eight hours of meetings over two days.", true},
		{"How long did they meet in Vienna?", "They met in Vienna with 40 officials.", false},
		{"What did she say about the pledge?", "Before the summit on Earth Day.", false}, // asks for no kind
		// "When" after a clause that sets the scene (a senior official,
		// April 2024), but not "when asked".
		{"Before their April 2024 phone call, when had Biden and Xi last spoken by phone?", "I will note just for folks’ awareness, the last call between the two leaders was July 2022.", true},
		{"What did Kirby say, when asked about the call?", "The last call between the two leaders was July 2022.", false},
		// Real sentences of a July 2024 briefing (John Kirby on the F-22s).
		{"Why had a squadron of F-22 fighters been sent to the Middle East?", "Adding that squadron in the region is for those larger defensive purposes that I talked about.", true},
		{"Why had a squadron of F-22 fighters been sent to the Middle East?", "The F-22 is a superior aircraft at a whole heck of a lot of things.", false},
	}
	for _, tt := range tests {
		t.Run(tt.question+" / "+tt.sentence, func(t *testing.T) {
			lower := strings.ToLower(tt.question)
			qa := &query{wants: questionWants(tt.question), lower: lower, timeAsked: timeQuestionRE.MatchString(lower)}
			if got := holdsAnswerFor(qa, tt.sentence); got != tt.want {
				t.Errorf("holdsAnswerFor = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestHasWord(t *testing.T) {
	tests := []struct {
		text, w string
		want    bool
	}{
		{"with 60 votes", "60", true},
		{"with 600 votes", "60", false},
		{"someone said one thing", "one", true},
		{"someone said", "one", false},
		{"", "one", false},
		{"$150 million", "$150", true},
	}
	for _, tt := range tests {
		if got := hasWord(tt.text, tt.w); got != tt.want {
			t.Errorf("hasWord(%q, %q) = %v, want %v", tt.text, tt.w, got, tt.want)
		}
	}
}

// Anonymous speakers have no name a question could call them by: "per the
// White House infrastructure czar" names no Mr. House.
func TestNameTokensSkipsAnonymousLabels(t *testing.T) {
	tests := []struct {
		speaker string
		want    []string
	}{
		{"White House Official", nil},
		{"Senior Administration Official", nil},
		{"Secretary Marcia L. Fudge", []string{"marcia", "fudge"}},
		{"Mitch Landrieu", []string{"mitch", "landrieu"}},
	}
	for _, tt := range tests {
		if got := nameTokens(tt.speaker); !slices.Equal(got, tt.want) {
			t.Errorf("nameTokens(%q) = %q, want %q", tt.speaker, got, tt.want)
		}
	}
}

func TestSelfIntro(t *testing.T) {
	tests := []struct {
		sentence string
		want     bool
	}{
		{"Laurent Burkhalter, Swiss Television RTS.", true},
		{"My name is Sugimoto of Sankei Newspaper.", true},
		{"Thank you. Jeff Mason with Reuters.", true},
		{"Japan is the only G7 country that has not imposed sanctions on China.", false},
		{"What do you think the Kremlin wants through this current situation?", false},
		{"Ukraine, of course, is a sovereign country.", false},
		{"Mr. Secretary, thank you.", false},
	}
	for _, tt := range tests {
		if got := selfIntroRE.MatchString(tt.sentence); got != tt.want {
			t.Errorf("selfIntroRE.MatchString(%q) = %v, want %v", tt.sentence, got, tt.want)
		}
	}
}

func TestFiller(t *testing.T) {
	tests := []struct {
		sentence string
		want     bool
	}{
		{"Oh, I’m sorry, I – (inaudible) to address that.", true},
		{"Thanks, Ben.", true},
		{"(Laughter.)", true},
		{"Sure, the repairs cost four million dollars.", true}, // kept when it holds the question's words
		{"So on Iran, I have to say that Russia shares our sense of urgency.", false},
		{"Thankfully, the bridge reopened.", false},
	}
	for _, tt := range tests {
		if got := fillerRE.MatchString(tt.sentence); got != tt.want {
			t.Errorf("fillerRE.MatchString(%q) = %v, want %v", tt.sentence, got, tt.want)
		}
	}
}
