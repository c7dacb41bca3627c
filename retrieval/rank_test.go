package retrieval_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/onrecord/onrecord/embedding"
	"github.com/onrecord/onrecord/ingest"
	"github.com/onrecord/onrecord/retrieval"
)

// searcherOver builds a store and searcher over transcripts given as text,
// keyed by file name.
func searcherOver(t *testing.T, files map[string]string) *retrieval.Searcher {
	t.Helper()
	ctx := context.Background()
	st, err := retrieval.Open(ctx, t.TempDir(), embedding.NewGloVe())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for name, text := range files {
		doc, err := ingest.Parse(name, []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		tr, ps := ingest.Passages(doc)
		if err := st.Add(ctx, tr, ps); err != nil {
			t.Fatal(err)
		}
	}
	return retrieval.NewSearcher(st)
}

// climateBriefing is made up: an official's opening statement that uses
// the question's words, and the answer, in other words, to the reporter's
// question that uses them too.
const climateBriefing = `Press Briefing by Press Secretary Jen Psaki and National Climate Advisor Gina McCarthy

MS. PSAKI:  Good afternoon.  Today we are joined by our National Climate Advisor, Gina McCarthy, to talk about the work ahead.

ADMINISTRATOR MCCARTHY:  Thanks, Jen.  It is great to be here.  On day one, the President rejoined the Paris accord.  Cutting emissions is at the heart of what we do, and the new pledge will show the world that America is back.  We are working with every agency on clean energy, on good union jobs, and on the resilience of our communities.

MS. PSAKI:  Go ahead, Jeff.

Q    Thank you.  When do you expect the new emissions-cutting pledge under the Paris accord to be unveiled?  And how ambitious will it be?

ADMINISTRATOR MCCARTHY:  Well, the President sets the timing.  We want to make sure that the target is ready before the leaders' summit on Earth Day, and we are looking at every sector of the economy to get there.

MS. PSAKI:  Go ahead, Kristen.

Q    Can you say more about the jobs that come with clean energy?

ADMINISTRATOR MCCARTHY:  Sure.  Clean energy jobs are good-paying union jobs, in every part of the country, building the grid and the cars of the future.
`

func TestAskAnswerFoundThroughItsQuestion(t *testing.T) {
	s := searcherOver(t, map[string]string{"2021-01-27-climate.txt": climateBriefing})
	ans, err := s.Ask(context.Background(), retrieval.Query{Question: "When did Gina McCarthy expect the new emissions-cutting pledge under the Paris accord to be unveiled?"})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Abstained || len(ans.Quotes) == 0 {
		t.Fatalf("abstained: %q", ans.Answer)
	}
	got := ans.Quotes[0]
	if want := "before the leaders' summit on Earth Day"; !strings.Contains(got.Text, want) {
		t.Errorf("top quote %q lacks %q", got.Text, want)
	}
	if !strings.Contains(got.Speaker, "McCarthy") || !strings.Contains(got.Question, "unveiled") {
		t.Errorf("top quote by %q answering %q, want McCarthy's answer to the pledge question", got.Speaker, got.Question)
	}
}

// TestAskMonthNamed: the same words were said over and over in August;
// the question asks what was said in March, once, in other words. The
// March passage must compete however many August ones outscore it on
// words alone: it is searched for among the month's passages.
func TestAskMonthNamed(t *testing.T) {
	var august strings.Builder
	august.WriteString("Press Briefing by Press Secretary Jen Psaki\n\n")
	for i := 0; i < 220; i++ {
		fmt.Fprintf(&august, "Q    Question %d: what about the troops in Afghanistan and the deadline?\n\n", i)
		fmt.Fprintf(&august, "MS. PSAKI:  On Afghanistan, the President decided to bring our troops home by the deadline, number %d.\n\n", i)
	}
	const march = `Press Briefing by Press Secretary Jen Psaki

Q    With the May 1st deadline looming, when can we expect to hear from the President about the timing on withdrawal from Afghanistan?

MS. PSAKI:  It's a good question.  As the President said last week, it's tough meeting that May 1st timeline, and he is consulting with our partners before he decides.
`
	s := searcherOver(t, map[string]string{
		"2021-08-10-psaki.txt": august.String(),
		"2021-03-24-psaki.txt": march,
	})
	ans, err := s.Ask(context.Background(), retrieval.Query{Question: "What did Jen Psaki say in March 2021 about the May 1 deadline for withdrawing troops from Afghanistan?"})
	if err != nil {
		t.Fatal(err)
	}
	// The made-up August briefing repeats the same words in every
	// passage, so they say little about which passage answers; what
	// counts here is that the March answer is offered at all.
	offered := append(ans.Quotes, ans.Closest...)
	for _, q := range offered {
		if q.Date == "2021-03-24" && strings.Contains(q.Text, "tough meeting that May 1st timeline") {
			return
		}
	}
	t.Errorf("the March answer is not among the %d passages offered: %+v", len(offered), offered)
}

// TestAskLongAnswerPart: a long answer is split into passages; the one
// that answers the question is the part that holds its words, and it is
// found through the question even when it says little of it alone.
func TestAskLongAnswerPart(t *testing.T) {
	filler := strings.Repeat("We have been working with our partners and allies every single day, and we will continue to do that in the weeks ahead. ", 8)
	text := "Press Briefing by Secretary Antony Blinken\n\n" +
		"Q    Secretary, how worried are you about Russia-occupied nuclear plants in Ukraine like Zaporizhzhia, and what can be done to keep them safe?\n\n" +
		"SECRETARY BLINKEN:  Let me step back for a second.  " + filler + "\n\n" + filler + "\n\n" +
		"On that, Russia is using it as the equivalent of a human shield, but a nuclear shield, firing from around it, and that is the height of irresponsibility.\n\n" +
		"Q    And on Taiwan?\n\nSECRETARY BLINKEN:  The Speaker will make her own decisions about travel, and we have been clear about our policy, which has not changed at all.\n"
	s := searcherOver(t, map[string]string{"2022-08-01-blinken.txt": text})
	ans, err := s.Ask(context.Background(), retrieval.Query{Question: "How worried was Blinken about Russia-occupied nuclear plants in Ukraine like Zaporizhzhia?"})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Abstained || len(ans.Quotes) == 0 {
		t.Fatalf("abstained: %q", ans.Answer)
	}
	if got := ans.Quotes[0].Text; !strings.Contains(got, "nuclear shield") {
		t.Errorf("top quote %q, want the part about the nuclear shield", got)
	}
}

// kulebaAnswer is real (Dmytro Kuleba, March 5, 2022): its first sentence
// answers the reporter's question, but alone it says too little to quote.
const kulebaAnswer = `Secretary Antony J. Blinken And Ukrainian Foreign Minister Dmytro Kuleba At a Joint Press Availability

QUESTION: Sir, are you still calling for a no-fly zone?

FOREIGN MINISTER KULEBA: Yes, yes, and we will continue to call. I understand – I hear the messages. I heard was the NATO secretary general said yesterday after the meeting of the Allies. I regret – I think it’s a sign of weakness by – of NATO.
`

func TestAskExcerptNotTooBare(t *testing.T) {
	s := searcherOver(t, map[string]string{"2022-03-05-kuleba.txt": kulebaAnswer})
	got := topQuote(t, s, "Is Kuleba still calling for a no-fly zone?")
	if !strings.HasPrefix(got, "Yes, yes, and we will continue to call.") || len(strings.Fields(got)) < 20 {
		t.Errorf("excerpt = %q, want the answer's first sentence widened to at least 20 words", got)
	}
}

// TestAskExcerptKeepsPremise: a quote that opens by drawing a conclusion
// ("So, if they want to remember me, …") takes the sentence it draws it
// from. The answer is real (Dr. Anthony Fauci, November 22, 2022).
func TestAskExcerptKeepsPremise(t *testing.T) {
	const fauci = `Press Briefing by Press Secretary Karine Jean-Pierre and Chief Medical Advisor Dr. Anthony Fauci

Q    This is your last appearance at the podium. What do you want Americans to remember about your service in government?

DR. FAUCI:  Well, I think what I’ve accomplished in my 54 years at the NIH and my 38 years as the Director of NIAID — although COVID is really, really very important, it is a fragment of the total 40 years that I’ve been doing it. So I’ll let other people judge the value or not of my accomplishments.

But what I would like people to remember about what I’ve done is that every day for all of those years, I’ve given it everything that I have and I’ve never left anything on the field. So, if they want to remember me, whether they judge rightly or wrongly what I’ve done, I gave it all I got for many decades.
`
	s := searcherOver(t, map[string]string{"2022-11-22-fauci.txt": fauci})
	got := topQuote(t, s, "Did Fauci say he gave it all he got, whether judged rightly or wrongly?")
	if !strings.Contains(got, "never left anything on the field") || !strings.Contains(got, "So, if they want to remember me") {
		t.Errorf("excerpt = %q, want the conclusion with the sentence it draws on", got)
	}
}

// TestAskExcerptPremiseInFullWindow: the premise is kept even when the
// quote already has its most sentences; the last of them, not the best,
// makes room. "So let me say congratulations to Japan as well on that feat"
// needs the feat. The remarks are real (President Biden, April 16, 2021).
func TestAskExcerptPremiseInFullWindow(t *testing.T) {
	const biden = `Remarks by President Biden and Prime Minister Suga of Japan at Press Conference

PRESIDENT BIDEN:  And, Yoshi, I know how proud you are of — the people of Japan are in — you’ve got a Japanese boy coming over here, and guess what?  He won the Masters.  He won the Masters.  He won the Green Jacket.  And Matsuyama was the first Japanese player to take home that Green Jacket at the Masters Tournament this week.  So let me say congratulations to Japan as well on that feat.

Mr. Prime Minister, thank you for making the trip.  I look forward to all that Japan and United States will accomplish together in the coming years.  It was a great honor having you as the first head of state in my administration.

The floor is yours.
`
	s := searcherOver(t, map[string]string{"2021-04-16-biden-suga.md": biden, "climate.md": climateBriefing})
	got := topQuote(t, s, "Which Japanese sporting achievement did Biden congratulate Japan on during Prime Minister Suga's visit?")
	if !strings.Contains(got, "Matsuyama was the first Japanese player") || !strings.Contains(got, "congratulations to Japan") {
		t.Errorf("excerpt = %q, want the congratulations with the feat they are for", got)
	}
}

// TestAskExcerptNoGreeting: a greeting is no premise (Jake Sullivan, March
// 12, 2021).
func TestAskExcerptNoGreeting(t *testing.T) {
	const sullivan = `Press Briefing by Press Secretary Jen Psaki and National Security Advisor Jake Sullivan

MR. SULLIVAN:  Good to see everybody today. So, as Jen said, this morning the President hosted the first ever Quad Summit — the first time that this group gathered at the leaders’ level. And it was an important day for the President and for the United States.
`
	s := searcherOver(t, map[string]string{"2021-03-12-sullivan.txt": sullivan})
	got := topQuote(t, s, "What did Jake Sullivan say was a first about the Quad leaders' summit?")
	if !strings.HasPrefix(got, "… So, as Jen said") {
		t.Errorf("excerpt = %q, want it to open at “So, as Jen said”", got)
	}
}

// topQuote asks s the question and returns the text of the top quote.
func topQuote(t *testing.T, s *retrieval.Searcher, question string) string {
	t.Helper()
	a, err := s.Ask(context.Background(), retrieval.Query{Question: question, K: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Quotes) == 0 {
		t.Fatalf("no quote for %q: %+v", question, a)
	}
	return a.Quotes[0].Text
}

// TestAskCutOffLast: an answer cut off before it said anything ranks below
// one that says something. The turns are real (Karine Jean-Pierre, January
// 8 and June 4, 2024).
func TestAskCutOffLast(t *testing.T) {
	s := searcherOver(t, map[string]string{
		"2024-01-08-gaggle.txt": `Press Gaggle by Press Secretary Karine Jean-Pierre En Route Charleston, SC

Q    Karine, quickly on the — on the border talks. Are there any plans for the President to host Johnson at the White House to discuss the border?

MS. JEAN-PIERRE:  So — and you’re talking about just between the President and — and the —

Q    Between the President and the Speaker.
`,
		"2024-06-04-gaggle.txt": `Press Gaggle by Press Secretary Karine Jean-Pierre En Route Paris, France

Q    Karine, on the border. Border numbers have been trending low this month compared to previous months. So, why do the proclamation now?

MS. JEAN-PIERRE:  It’s still unacceptable. The border — what we’re seeing is still unacceptable. And so, the President decided to take action.
`,
	})
	if got := topQuote(t, s, "What did Karine Jean-Pierre say about the border talks with the President?"); !strings.Contains(got, "still unacceptable") {
		t.Errorf("top quote %q, want the answer that says something", got)
	}
}

// TestAskWhenAsked: "… when asked X" wants the answer given to X, not the
// answer that talks most of X's subject. President Biden's press
// conference of March 25, 2021 has two answers on the filibuster; the one
// about 60 votes or 51 answers Seung Min Kim's question.
func TestAskWhenAsked(t *testing.T) {
	text, err := os.ReadFile("../ingest/testdata/labelled/wh_2021-03-25-remarks-biden-in-press-conference.md")
	if err != nil {
		t.Fatal(err)
	}
	s := searcherOver(t, map[string]string{"wh_2021-03-25-remarks-biden-in-press-conference.md": string(text)})
	if got := topQuote(t, s, "What did Biden say about breaking the filibuster when asked whether it should take 60 votes?"); !strings.Contains(got, "If we could end it with 51") {
		t.Errorf("top quote %q, want the answer to the question about 60 votes or 51", got)
	}
}

// TestAskAskingBackIsNoAnswer: an official asking back what the question
// is about has not answered it yet; the answer comes once the reporter
// says (Karine Jean-Pierre, July 17, 2023).
func TestAskAskingBackIsNoAnswer(t *testing.T) {
	s := searcherOver(t, map[string]string{"2023-07-17-briefing.txt": `Press Briefing by Press Secretary Karine Jean-Pierre

Q    Yeah, thanks, Karine.  So the Penn Wharton Budget Model recalculated costs based on the new rules for the student loan forgiveness.  The model now says that those rules will cost an additional $475 billion over the next 10 years.

I’m just wondering when the President will — will unveil a plan that actually reduces spending.

MS. JEAN-PIERRE:  So, look, just a couple of things because — as it relates to — and you’re talking about the student loan?

Q    The student loan forgiv- — the new rules that —

MS. JEAN-PIERRE:  Yeah.  Yeah.

Q    Yeah, from the Department of Ed.

MS. JEAN-PIERRE:  So, look, the Department of Education, they estimated this particular piece to cost about $156 billion over the next decade.  And the reason why we were able to do this, the reason why we believe this is being done in a responsible way — and let’s not forget we can afford to give middle-class Americans, middle-class families, a little bit of breathing room.
`})
	if got := topQuote(t, s, "What did Karine Jean-Pierre say the new student loan rules would cost?"); !strings.Contains(got, "$156 billion") {
		t.Errorf("top quote %q, want the answer given once the reporter said what they asked about", got)
	}
}

// TestAskShortAnswer: an answer of one short sentence is found through the
// question it answers, as a long one is; thanks are not an answer. Made up,
// after the 16 March 2021 gaggle aboard Air Force One.
func TestAskShortAnswer(t *testing.T) {
	s := searcherOver(t, map[string]string{"2021-03-16-gaggle.txt": `Press Gaggle by Press Secretary Jen Psaki Aboard Air Force One

MS. PSAKI:  Good afternoon.  The President is on his way to Pennsylvania to talk about the rescue plan, and later this week he will travel to Atlanta.

Q    And you mentioned some of the diplomatic efforts happening this week.  There is a beginning to in-person diplomacy.  Any sense yet on whether the climate summit next month can happen in person?

MS. PSAKI:  Our expectation is that it will be remote.

Q    On the vaccines, will the President visit a vaccination site this week in person?

MS. PSAKI:  Thank you, Steve.

Q    Is that a yes?

MS. PSAKI:  He will visit a vaccination site in Pennsylvania and meet the volunteers there, and we will have more on the climate summit and the leaders who will take part in it next week.
`})
	ans, err := s.Ask(context.Background(), retrieval.Query{Question: "Would the climate summit be held in person, according to Psaki?"})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Abstained || len(ans.Quotes) == 0 {
		t.Fatalf("abstained: %q", ans.Answer)
	}
	if got := ans.Quotes[0]; got.Text != "Our expectation is that it will be remote." || !strings.Contains(got.Question, "climate summit") {
		t.Errorf("top quote %q answering %q, want the short answer to the climate summit question", got.Text, got.Question)
	}
	for _, q := range ans.Quotes {
		if strings.HasPrefix(q.Text, "Thank you") {
			t.Errorf("quote %q: thanks are no answer", q.Text)
		}
	}
}

// TestAskPressSecretary: "according to the press secretary" prefers the
// press secretary to the day's guest when both speak to the question.
// Made up, in the shape of a briefing with a cabinet guest.
func TestAskPressSecretary(t *testing.T) {
	s := searcherOver(t, map[string]string{"2022-04-01-briefing.md": `Press Briefing by Press Secretary Jen Psaki and Secretary of Energy Jennifer Granholm

SECRETARY GRANHOLM:  Gas prices have fallen for three weeks; gas prices fell again this week.

Q    How long have gas prices been falling?

MS. PSAKI:  Gas prices have fallen for two weeks now, and we expect them to keep falling.

Q    Will the President travel to Ohio next week?

MS. PSAKI:  I don't have any travel to preview for you today; we will have more on his schedule soon.

Q    Is there an update on the Supreme Court nomination hearings?

MS. PSAKI:  The Senate Judiciary Committee will set its own calendar, and the nominee is meeting senators this week.
`})
	a, err := s.Ask(context.Background(), retrieval.Query{Question: "For how many weeks had gas prices fallen, according to the press secretary?", K: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Quotes) == 0 || a.Quotes[0].Speaker != "Jen Psaki" {
		t.Errorf("quotes %+v, want Jen Psaki's first (%+v)", a.Quotes, a)
	}
}

// TestAskPrincipalDeputy: "the principal deputy press secretary" is one
// person at a time, and their words are wanted however many more of the
// question's words the press secretary said. Made up, in the shape of the
// February 2023 briefings.
func TestAskPrincipalDeputy(t *testing.T) {
	s := searcherOver(t, map[string]string{
		"2023-02-28-gaggle.md": `Press Gaggle by Principal Deputy Press Secretary Olivia Dalton

Q    On the Energy Department report on the lab leak, is the White House concerned?

MS. DALTON:  There is not a consensus in the intelligence community on this, and the review goes on.

Q    Will the President travel next week?

MS. DALTON:  I don't have any travel to preview for you today.
`,
		"2023-02-27-briefing.md": `Press Briefing by Press Secretary Karine Jean-Pierre

Q    What does the White House make of the Energy Department lab leak report?

MS. JEAN-PIERRE:  That report is one for the Energy Department to speak to.
`,
	})
	a, err := s.Ask(context.Background(), retrieval.Query{Question: "What did the principal deputy press secretary say about the Energy Department's lab leak report?", K: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Quotes) == 0 || a.Quotes[0].Speaker != "Olivia Dalton" {
		t.Errorf("quotes %+v, want Olivia Dalton's first (%+v)", a.Quotes, a)
	}
}

// TestAskDeclinesLast: an answer that declines to answer ("I don't have
// anything in addition…") is found through its question as well as the
// answer that says something, but comes after it. Made up, after the
// 28 February 2023 gaggle.
func TestAskDeclinesLast(t *testing.T) {
	s := searcherOver(t, map[string]string{"2023-02-28-gaggle.md": `Press Gaggle by Principal Deputy Press Secretary Olivia Dalton

Q    Will the President sign a TikTok ban?

MS. DALTON:  I don't have anything in addition to what I just shared with your colleague.

Q    And on the TikTok ban, what are the concerns?

MS. DALTON:  So, we've been clear about our concerns about apps like TikTok, and we support the legislation moving through Congress.

Q    Will the President travel next week?

MS. DALTON:  I don't have any travel to preview for you today; we will have more on his schedule soon.
`})
	a, err := s.Ask(context.Background(), retrieval.Query{Question: "What did Olivia Dalton say about a TikTok ban?"})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Quotes) < 2 || !strings.Contains(a.Quotes[0].Text, "our concerns about apps like TikTok") {
		t.Errorf("quotes %+v, want the answer that says something first", a.Quotes)
	}
}

// TestAskHandOff: the coordinator hands a question to Dr. Fauci ("Dr.
// Fauci? Long COVID treatments."); Fauci's answer is the answer to it, and
// the hand-off, which names him, is not what he said. Made up, after the
// 2 February 2022 COVID-19 briefing.
func TestAskHandOff(t *testing.T) {
	s := searcherOver(t, map[string]string{"2022-02-02-covid.md": `Press Briefing by White House COVID-19 Response Team and Public Health Officials

Q    Thanks so much.  Thinking about long COVID treatment, can you tell me the latest on research into treatments?

MR. ZIENTS:  Dr. Fauci?  Long COVID treatments.

DR. FAUCI:  We don't have enough information yet on how many people will have these lingering symptoms, and the research program is enrolling patients now.

Q    And on testing, when will the free tests arrive?

MR. ZIENTS:  The free tests are shipping now, and most households will have theirs within a week or so.
`})
	a, err := s.Ask(context.Background(), retrieval.Query{Question: "What has Dr. Fauci said about long COVID?", K: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Quotes) == 0 || a.Quotes[0].Speaker != "Dr. Fauci" || !strings.Contains(a.Quotes[0].Question, "long COVID") {
		t.Errorf("quotes %+v, want Dr. Fauci's answer to the long COVID question first", a.Quotes)
	}
	for _, q := range a.Quotes {
		if strings.Contains(q.Text, "Dr. Fauci?") {
			t.Errorf("quote %q: a hand-off is not what he said", q.Text)
		}
	}
}

// TestAskHandOffByName: "Let's start with Dr. Fauci on the variant…" names
// him and the question's words, but it is the coordinator's, and not an
// answer; asked what Dr. Fauci said, the reply says when none of the
// quotes is his ("Dr." does not end the question's source). Made up, in the
// shape of the 19 March 2021 COVID-19 briefing.
func TestAskHandOffByName(t *testing.T) {
	s := searcherOver(t, map[string]string{"2021-03-19-covid.md": `Press Briefing by White House COVID-19 Response Team and Public Health Officials

Q    What are the concerns with the variant in school-aged children?

MR. ZIENTS:  Let's start with Dr. Fauci on the variant in kids and then over to you, Dr. Walensky.

DR. FAUCI:  The data so far show the variant spreads more easily among children, but we have not seen more severe disease in them.

Q    When will the free tests arrive?

MR. ZIENTS:  The free tests are shipping now, and most households will have theirs within a week or so.
`})
	a, err := s.Ask(context.Background(), retrieval.Query{Question: "What did Dr. Fauci say about the variant in school-aged children?", K: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Quotes) == 0 || a.Quotes[0].Speaker != "Dr. Fauci" {
		t.Errorf("quotes %+v, want Dr. Fauci's answer first", a.Quotes)
	}
	a, err = s.Ask(context.Background(), retrieval.Query{Question: "What did Dr. Fauci say about the free tests?", K: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Quotes) == 0 || a.Quotes[0].Speaker == "Dr. Fauci" || a.Unquoted != "Dr. Fauci" {
		t.Errorf("quotes %+v, unquoted %q: want the coordinator's words, said not to be Dr. Fauci's", a.Quotes, a.Unquoted)
	}
}

// TestAskUnquoted: asked what Biden said, the transcripts answer with the
// press secretary's words, and the answer says they are not his. Made up,
// in the shape of the June 2021 gaggle.
func TestAskUnquoted(t *testing.T) {
	s := searcherOver(t, map[string]string{
		"2021-06-09-gaggle.md": `Press Gaggle by Press Secretary Jen Psaki En Route Suffolk, England

Q    A couple of weeks ago, the President agreed that President Putin is a killer. Will that make the summit harder?

MS. PSAKI:  The President has known President Putin for a long time, and, as Secretary Blinken said, he will be straightforward with him at the summit in Geneva.
`,
		"2021-03-31-remarks.md": `Remarks by President Biden on the American Jobs Plan

THE PRESIDENT:  We are going to rebuild our roads and bridges, and we are going to put people to work doing it.
`,
	})
	for question, want := range map[string]string{
		"What did Biden say about Putin being a killer?":   "President Biden",
		"What did Psaki say about Putin being a killer?":   "",
		"What did Biden say about rebuilding the bridges?": "",
		// No one who speaks in the transcripts goes by the name: the
		// quotes are others' words about him.
		"What did Blinken say about Putin being a killer?": "Blinken",
	} {
		a, err := s.Ask(context.Background(), retrieval.Query{Question: question, K: 1})
		if err != nil {
			t.Fatal(err)
		}
		if a.Abstained || a.Unquoted != want {
			t.Errorf("%q: abstained %v, unquoted %q, want %q", question, a.Abstained, a.Unquoted, want)
		}
	}
}

// TestAskNamedSpeakerFirst: asked what Psaki said, her answer leads, though
// a reporter's question to Kirby holds the question's words better and his
// answer is found through it. Kirby's exchange is real (April 6, 2023);
// Psaki's is cut down from hers of January 24, 2022; the rest is made up.
func TestAskNamedSpeakerFirst(t *testing.T) {
	filler := "\n\nQ    Will the President travel this week?\n\nMS. PSAKI:  I don't have any travel to preview for you today.\n\n" +
		"Q    Is there an update on the nominee?\n\nMS. PSAKI:  The Senate will set its own calendar, and the nominee is meeting senators.\n"
	s := searcherOver(t, map[string]string{
		"2023-04-06-kirby.md": `Press Briefing by Press Secretary Karine Jean-Pierre and NSC Coordinator for Strategic Communications John Kirby

Q    Thanks.  In February of 2022, the Pentagon — about the Pentagon — pardon me, Abbey Gate bombing — gave a very detailed, minute-by-minute account — very graphic nature of what happened.  Why not do something more like that about this?  That was very public.  Why not give more details about what had happened leading up to Afghanistan, as well as the withdrawal, as well as all the chaos that happened?

MR. KIRBY:  You’re talking about an event on a single day that the military investigated and reviewed the investigation of.  And, yes, they made — they made public not everything about that investigation but as much as they possibly could.  That’s different than taking a look at a withdrawal that took place over two weeks and involved multiple agencies.
` + strings.ReplaceAll(filler, "MS. PSAKI", "MS. JEAN-PIERRE"),
		"2022-01-24-psaki.md": `Press Briefing by Press Secretary Jen Psaki

Q    How does the United States respond to the Russian propaganda that it is an unreliable ally?

MS. PSAKI:  It has not, in our experience.  We — the President ended a 20-year war in Afghanistan.
` + filler,
	})
	a, err := s.Ask(context.Background(), retrieval.Query{Question: "What did Psaki say about the chaos of the Afghanistan withdrawal?", K: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Quotes) == 0 || a.Quotes[0].Speaker != "Jen Psaki" {
		t.Errorf("quotes %+v, want Jen Psaki's first", a.Quotes)
	}
}

// TestAskYesNo: a yes-or-no question is answered by "It's a no.", found
// through the reporter's question, though the answer repeats none of its
// words (Karine Jean-Pierre, July 2, 2024; the other exchanges are made up).
func TestAskYesNo(t *testing.T) {
	s := searcherOver(t, map[string]string{"2024-07-02-briefing.md": `Press Briefing by Press Secretary Karine Jean-Pierre

Q    I’m going to ask something delicate, and you — you may not like it; the president may not like to hear, if he’s watching.  But I think the American people need to get a yes or no answer on this.

Does President Biden, at 81 years old, have Alzheimer’s, any form of dementia, or degenerative illness that would cause these sorts of lapses?  And it’s a yes or no question.

MS. JEAN-PIERRE:  I have an answer for you.  Are you ready for it?

Q    Yes.

MS. JEAN-PIERRE:  It’s a no.  And I hope you’re asking the other guy the same exact question.

Q    Will the President travel to Wisconsin this week?

MS. JEAN-PIERRE:  He will be in Madison on Friday, and we will have more on the trip soon.

Q    Is there an update on the dementia research funding in the budget?

MS. JEAN-PIERRE:  The budget invests in research on dementia and Alzheimer’s, and the Secretary can speak to the details.
`})
	if got := topQuote(t, s, "Did the press secretary say Biden has dementia?"); !strings.Contains(got, "It’s a no.") {
		t.Errorf("top quote %q, want “It’s a no.”", got)
	}
}

// TestAskNamesNothing: "Where?" names nothing to look for, and says so
// rather than offer whatever comes first; a speaker alone is something.
func TestAskNamesNothing(t *testing.T) {
	s := searcherOver(t, map[string]string{"2022-04-01-briefing.md": `Press Briefing by Press Secretary Jen Psaki

Q    Will the President travel this week?

MS. PSAKI:  I don't have any travel to preview for you today; we will have more on his schedule soon.
`})
	for question, abstains := range map[string]bool{"Where?": true, "Did?": true, "And then, when asked?": true, "What did Psaki say?": false} {
		a, err := s.Ask(context.Background(), retrieval.Query{Question: question})
		if err != nil {
			t.Fatal(err)
		}
		if a.Abstained != abstains || abstains && !strings.Contains(a.Answer, "names nothing to look for") {
			t.Errorf("%q: abstained %v (%q), want %v", question, a.Abstained, a.Answer, abstains)
		}
	}
	// With a filter, the filter says what to look for.
	a, err := s.Ask(context.Background(), retrieval.Query{Question: "And then?", Speaker: "Psaki"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Abstained && strings.Contains(a.Answer, "names nothing") {
		t.Errorf("with --speaker: %q", a.Answer)
	}
}

// TestAskWhoDoes: "Who is paying for the bridge repairs?" is answered where
// someone is paying, not by the opening statement that names the bridge
// and its repairs. The briefing is the README's.
func TestAskWhoDoes(t *testing.T) {
	s := searcherOver(t, map[string]string{"briefing.txt": `Press Briefing by the Mayor of Springfield

MAYOR QUIMBY:  Good morning.  The bridge on Main Street will reopen on Monday after three months of repairs.  I want to thank the crews who worked through the winter.

MODERATOR:  Kent Brockman, Channel 6.

QUESTION:  Mr. Mayor, how much did the repairs cost, and who is paying for them?

MAYOR QUIMBY:  Thanks, Kent.  The repairs cost four million dollars.  The state is paying half, and the city is paying the rest from the roads budget, with no new taxes.
`})
	if got := topQuote(t, s, "Who is paying for the bridge repairs?"); !strings.Contains(got, "The state is paying half") {
		t.Errorf("top quote %q, want the answer that says who pays", got)
	}
}

// TestAskOnTheWay: "as the press secretary said on the way to Valhalla,
// New York" points at the gaggle titled "En Route New York, NY". Made up,
// in the shape of the May 2023 gaggles.
func TestAskOnTheWay(t *testing.T) {
	gaggle := func(where, then string) string {
		return "Press Gaggle by Press Secretary Karine Jean-Pierre En Route " + where + "\n\n" +
			"MS. JEAN-PIERRE:  The President will speak at SUNY Westchester in Valhalla, New York, about the debt limit next week.\n\n" +
			"Q    How many times has Congress dealt with the debt limit?\n\n" +
			"MS. JEAN-PIERRE:  They have done this 78 times since 1960, and they should do it again without conditions.  " + then + "\n"
	}
	s := searcherOver(t, map[string]string{
		"2023-05-10-gaggle.md": gaggle("New York, NY", "That is the President's view."),
		"2023-05-03-gaggle.md": gaggle("Chicago, IL", "Congress has dealt with the debt limit before."),
	})
	a, err := s.Ask(context.Background(), retrieval.Query{Question: "How many times had Congress dealt with the debt limit since 1960, as Karine Jean-Pierre said on the way to Valhalla, New York?", K: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Quotes) == 0 || !strings.HasSuffix(a.Quotes[0].Transcript, "En Route New York, NY") {
		t.Errorf("quotes %+v, want the one from the gaggle en route New York", a.Quotes)
	}
}

// TestAskNamedAsSubject: "How long did Jake Sullivan and Wang Yi meet?"
// names Sullivan as whom it is about, not as its source: a background
// official's answer that says how long is not outweighed by Sullivan's
// words about the meeting. Made up, in the shape of May 2023.
func TestAskNamedAsSubject(t *testing.T) {
	s := searcherOver(t, map[string]string{
		"2023-05-11-call.md": `Background Press Call by a Senior Administration Official on the Meeting in Vienna

SENIOR ADMINISTRATION OFFICIAL:  Thanks so much.  Jake Sullivan and Wang Yi had more than eight hours of meetings over two days in Vienna.

Q    What did they discuss?

SENIOR ADMINISTRATION OFFICIAL:  The full range of issues in the relationship.
`,
		"2023-05-12-briefing.md": `Press Briefing by Press Secretary Karine Jean-Pierre and National Security Advisor Jake Sullivan

Q    Jake, how did the meeting with Wang Yi in Vienna go?

MR. SULLIVAN:  The meeting with Wang Yi in Vienna was candid and substantive, and we met to manage the competition responsibly.
`,
	})
	if got := topQuote(t, s, "How long did Jake Sullivan and Wang Yi meet in Vienna?"); !strings.Contains(got, "eight hours") {
		t.Errorf("top quote %q, want the one that says how long", got)
	}
}

// TestAskClaim: "Did she say X?" is answered by the place where X was said,
// in her words or others; a passage that shares only a word with X (the
// moon landing and President Moon) is not an answer, and the reply says
// that no transcript has her saying it. Made up, after briefings of 2021.
func TestAskClaim(t *testing.T) {
	s := searcherOver(t, map[string]string{"2021-05-21-briefing.md": `Press Briefing by Press Secretary Jen Psaki

Q    What will the President discuss with President Moon on Friday?

MS. PSAKI:  The President looks forward to welcoming President Moon to the White House.  They will discuss the denuclearization of the Korean Peninsula and our cooperation on vaccines.

Q    We were promised a White House cat.  What happened to the cat?

MS. PSAKI:  The cat is still on its way.  The cat will be named Willow, after a tree near the First Lady's home in Pennsylvania.

Q    Will the President sign the infrastructure bill this week?

MS. PSAKI:  Yes.  He will sign the bill on Monday, with members of both parties at the White House.
`})
	for question, want := range map[string]string{
		"Did Jen Psaki say the cat would be named Willow?":                    "named Willow",
		"Did Psaki say the President would sign the infrastructure bill?":     "He will sign the bill on Monday",
		"Did Jen Psaki say the moon landing was faked?":                       "",
		"Did Psaki say the cat would be named after a river in Ireland?":      "",
		"Is it true that Psaki said President Moon is coming to the Kremlin?": "",
	} {
		a, err := s.Ask(context.Background(), retrieval.Query{Question: question})
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case want == "" && !a.Abstained:
			t.Errorf("%q: answered %q, want an abstention", question, a.Quotes[0].Text)
		case want == "" && !strings.Contains(a.Answer, "No transcript has"):
			t.Errorf("%q: answer %q, want it to say no transcript has the claim", question, a.Answer)
		case want != "" && (a.Abstained || !strings.Contains(a.Quotes[0].Text, want)):
			t.Errorf("%q: abstained=%v %q, want a quote with %q", question, a.Abstained, a.Answer, want)
		}
	}
}

// TestAskClaimMadeBySomeoneElse: "Did Kirby say…" of words the press
// secretary said is told that no transcript has Kirby saying it, and who
// did, with their words first; never answered as if Kirby had. Made up,
// after the 10 March 2022 briefing.
func TestAskClaimMadeBySomeoneElse(t *testing.T) {
	s := searcherOver(t, map[string]string{"2022-03-10-briefing.md": `Press Briefing by Press Secretary Jen Psaki and NSC Coordinator John Kirby

MS. PSAKI:  Failing to take action now will have severe consequences.  That's why we requested $22.5 billion to avoid severe disruptions to our COVID response.

Q    John, what is the latest on the disruptions in Ukraine?

MR. KIRBY:  We are watching the disruptions closely, and our response has been to send more security assistance.
`})
	a, err := s.Ask(context.Background(), retrieval.Query{Question: "Did Kirby say we requested $22.5 billion to avoid severe disruptions to our COVID response?"})
	if err != nil {
		t.Fatal(err)
	}
	if !a.Abstained || !strings.Contains(a.Answer, "No transcript has Kirby saying that") || !strings.Contains(a.Answer, "Jen Psaki said it") {
		t.Errorf("abstained %v, answer %q: want no transcript has Kirby saying it, and that Jen Psaki did", a.Abstained, a.Answer)
	}
	if len(a.Closest) == 0 || a.Closest[0].Speaker != "Jen Psaki" || !strings.Contains(a.Closest[0].Text, "$22.5 billion") {
		t.Errorf("closest %+v, want Jen Psaki's words first", a.Closest)
	}
	a, err = s.Ask(context.Background(), retrieval.Query{Question: "Did Psaki say we requested $22.5 billion to avoid severe disruptions to our COVID response?"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Abstained || len(a.Quotes) == 0 || a.Quotes[0].Speaker != "Jen Psaki" {
		t.Errorf("abstained %v %q, quotes %+v: want her words as the answer", a.Abstained, a.Answer, a.Quotes)
	}
}

// A sentence that never ends (a file without full stops) is not quoted
// whole: the quote is the stretch of it that answers, cut between words
// and marked, still verbatim.
func TestAskClipsASentenceThatNeverEnds(t *testing.T) {
	var filler []string
	for i := range 3000 {
		filler = append(filler, fmt.Sprintf("item%d", i))
	}
	line := strings.Join(filler[:1500], " ") + " the bridge on Main Street will reopen on Monday after the repairs " + strings.Join(filler[1500:], " ")
	s := searcherOver(t, map[string]string{"run-on.txt": "Town Meeting\n\nMAYOR QUIMBY:  " + line + "\n"})
	ans, err := s.Ask(context.Background(), retrieval.Query{Question: "When will the bridge on Main Street reopen?"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Quotes) == 0 {
		t.Fatalf("no quote: %+v", ans)
	}
	q := ans.Quotes[0].Text
	if n := len(strings.Fields(q)); n > 80 {
		t.Errorf("quote of %d words, want it clipped", n)
	}
	if !strings.HasPrefix(q, "… ") || !strings.HasSuffix(q, " …") || !strings.Contains(q, "the bridge on Main Street will reopen on Monday") {
		t.Errorf("clipped quote %q: want the words that answer, cut on both sides", q)
	}
	inner := strings.TrimSuffix(strings.TrimPrefix(q, "… "), " …")
	if !strings.Contains(line, inner) {
		t.Errorf("clipped quote is not verbatim: %q", q)
	}
}
