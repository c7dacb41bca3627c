package ingest

import (
	"strings"
	"testing"

	"github.com/onrecord/onrecord/retrieval"
)

// The lines below are copied from the transcripts in shared/transcripts
// (briefings/ and corpora/wh-press-briefings), named in each case.

func TestCallee(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		// sd_2022-06-02_department-press-briefing.txt
		{"restarted after a dash", "Thank you. We’ll do a final – Michel, final question in the back.", "Michel"},
		{"one word", "Promise to come back to you. Daphne.", "Daphne"},
		// wh_2021-04-16-remarks-biden-suga-press-conference.md
		{"title and surname", "(As interpreted.) Mr. Sugimoto, with Sankei Newspaper.", "Mr. Sugimoto"},
		{"goes to", "Next question is — goes to Trevor of Reuters.", "Trevor"},
		{"invite", "(As interpreted.) If I may invite Shintomi-san of Kyodo News.", "Shintomi-san"},
		{"you have the first question", "Now we will each take a few questions, and I’ll begin by recognizing the Associated Press. Aamer, you have the first question. There you are.", "Aamer"},
		// wh_2021-02-08-press-briefing-covid-response-team.md
		{"going to, with the outlet", "All right, thank you, guys. I’m not seeing any hands raised, but if you could raise your hand, we can go ahead and start Q&A. All right, first we’re going to Kaitlan Collins at CNN.", "Kaitlan Collins"},
		// wh_2022-02-08-pb-jen-psaki.md
		{"kick us off", "With that, Colleen, why don’t you kick us off?", "Colleen"},
		// wh_2023-07-17-pb-karine-jean-pierre-and-kirby.md
		{"in the back", "Courtney, in the back.", "Courtney"},
		// wh-press-briefings 2023-08-16
		{"a place", "We can take one last question. Way in the back.", ""},
		// wh-press-briefings 2023-06-06: an outlet is not a reporter
		{"outlet", "Al Jazeera, in the back.", ""},
		// wh-press-briefings 2023-10-20: the moderator is not a reporter
		{"moderator", "Moderator, I think we have time for one more question.", ""},
		{"going to a place", "We are going to New York.", ""},
		// wh-press-briefings 2023-03-22
		{"a name repeated after a dash", "And how that will affect North — North Korea?", ""},
		// wh-press-briefings 2024-01-04
		{"you have the last question", "Andrew, you have the last question.", "Andrew"},
		// wh-press-briefings 2021-02-18, 2024-01-16, 2023-11-12, 2024-02-20
		{"greeted", "Sure. I can. Hi, Joey.", "Joey"},
		{"an operator's long call", "Our next question in queue will come from the line of Mr. James Rosen of Sinclair Broadcast Group. Please, go ahead.", "James Rosen"},
		{"initials", "Moving on to our last question. M.J. Lee with CNN, please go ahead.", "M.J. Lee"},
		{"initials greeted", "Hey, M.J.", "M.J."},
		{"line unmuted", "All right, we are going to move to the next caller in queue. Chris, your line is unmuted. You may go ahead.", "Chris"},
		{"begin with", "We will begin with Kellan Howell with Scripps News.", "Kellan Howell"},
		{"unmute", "Thanks. Our first question will go to the line of Colleen Long. You should be able to unmute yourself.", "Colleen Long"},
		// wh_2021-03-25-remarks-biden-in-press-conference.md
		{"name from outlet", "And I think that I got one more question here. Janet from Univision.", "Janet"},
		{"a long sentence is no call", "I think I was going to call on Ed because he has been waiting for a very long time and I promised him.", ""},
		// wh-press-briefings 2023-09-05, 2021-08-10, 2022-03-08
		{"a place a long answer ends on", "And we believe it will be embraced by the G20 as a whole when we go to New Delhi.", ""},
		{"a long call", "All right. Let me just go to — why don’t I go to Eugene, and then I’ll go to somebody in the back.", "Eugene"},
		{"a long call with the outlet", "So I think let’s just go ahead and start with Andrea Shalal from Reuters, please.", "Andrea Shalal"},
		// wh-press-briefings 2024-03-05
		{"a name after a dash, with a comma", "He was with — he was with the Chief — Chief Owens, I believe.", ""},
		// wh-press-briefings 2022-07-07, 2022-07-28, 2021-01-27, 2023-03-20,
		// 2021-11-16, 2024-02-26, 2024-10-10, 2021-04-20, 2021-09-13,
		// 2021-12-06: invitations at the end of an opening statement
		{"what's your first question", "All right, with that, Aamer, what’s your question — your first question?", "Aamer"},
		{"you want to kick us off", "With that, Seung Min, you want to kick us off?", "Seung Min"},
		{"kick us off, name", "Kick us off, Peter.", "Peter"},
		{"the name after the invitation", "With that, you want to kick us off, Zeke?", "Zeke"},
		{"start us off, name", "Do you want to start us off, Colleen?", "Colleen"},
		{"what you got", "With that, Zeke, what you got?", "Zeke"},
		{"what do you have for me", "So, Will, what do you have for me?", "Will"},
		{"get us started", "With that, Jonathan, why don’t you get us started.", "Jonathan"},
		{"can you kick us off", "Okay, with that, Alex, can you kick us off?", "Alex"},
		{"do you as the last one", "April, why don’t we do you as the last one?", "April"},
		{"turned over, no one called", "With that, I’ll turn it over to Lael to kick us off.", ""},
		{"kick us off, no one named", "With that, why don’t you kick us off.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := callee(tt.text); got != tt.want {
				t.Errorf("callee(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestSelfIntro(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		// wh_2021-04-16-remarks-biden-suga-press-conference.md
		{"my name is, one word", "(As interpreted.) Thank you very much. My name is Sugimoto of Sankei Newspaper. The summit — I believe that human rights was discussed.", "Sugimoto"},
		// sd_2022-06-02_department-press-briefing.txt
		{"I am, one word", "Thank you very much. I am Patricia from SPC. Summit of Americas.", "Patricia"},
		// sd_2022-08-01_blinken-press-availability-23.txt
		{"it's, two words", "— Mr. Secretary. It’s Pamala Falk from CBS News.", "Pamala Falk"},
		// seed
		{"name and outlet", "Laurent Burkhalter, Swiss Television RTS. Mr. Secretary, thank you.", "Laurent Burkhalter"},
		{"it's, one word", "It’s Tuesday, the day of the vote.", ""},
		{"a name alone is not enough", "Ukraine, the Donbas.", ""},
		// wh-press-briefings 2024-07-04
		{"a holiday", "Hey, thanks for doing this. Happy Fourth of July. Two questions.", ""},
		// wh-press-briefings 2021-03-29
		{"a topic", "— and a third one for a colleague. On Yemen, U.S. Envoy Lenderking is currently in Oman.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := selfIntro([]string{tt.text}); got != tt.want {
				t.Errorf("selfIntro(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestVocative(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		// wh-press-briefings 2021-05-21, 2022-05-12, 2021-03-12, 2021-01-21
		{"well, name", "Well, Peter, I would say that we’re still in a fight against COVID and a battle against the pandemic.", "Peter"},
		{"name first", "Jacqui, it’s a good question. I have not been made aware of that being a concern.", "Jacqui"},
		{"greeting", "Hi, Trevor. This is [senior administration official]. I’m happy to take the first part.", "Trevor"},
		{"a call, not an address", "Kaitlan. That will be the last one.", ""},
		{"handing over", "Hey, Kirby, you want to take that question — your question?", ""},
		{"asking", "Jake, can you speak to that?", ""},
		{"thanks are salutations", "Thanks, Ben. I think that’s right.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := vocative(tt.text); got != tt.want {
				t.Errorf("vocative(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestSaidBack: a name an official says right after a question is a call,
// unless it is said back to the reporter (turns from wh-press-briefings).
func TestSaidBack(t *testing.T) {
	const question = "And to that point, the Minority Leader in the House, Kevin McCarthy, wrote a letter on London."
	tests := []struct {
		name, turn, said, asker string
		want                    bool
	}{
		{"asked about", "So here’s the thing: Jen responded to — this is the letter — the letter from McCarthy?", "McCarthy", "", true},
		{"asked among questions", "Yeah. Which one? North Carolina?", "North Carolina", "", true},
		{"asked alone", "North Korea?", "North Korea", "", true},
		{"echoed", "Oh, London.", "London", "", true},
		{"called after a statement", "I don’t have any comment on this. Anita?", "Anita", "", false},
		{"called, asking", "No, (inaudible) — I’m going to go to Phil?", "Phil", "", false},
		{"greeted", "Hi. Trinity?", "Trinity", "", false},
		{"called", "Oh, Karen, sorry. Go ahead, Karen.", "Karen", "", false},
		{"the asker greeted", "Hi, Rachel.", "Rachel", "Rachel Sutherland", false},
		{"at the end of an answer", "Here’s what I can tell you: the President is going to engage with reporters almost on a daily basis, and that is the commitment I can make from here. I’m going to move around. Christina?", "Christina", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			turn := Turn{Paragraphs: []string{tt.turn}}
			q := Turn{Paragraphs: []string{question}}
			if got := saidBack(turn, q, tt.said, tt.asker); got != tt.want {
				t.Errorf("saidBack(%q, %q) = %v, want %v", tt.turn, tt.said, got, tt.want)
			}
		})
	}
}

func TestMayBeGivenName(t *testing.T) {
	tests := []struct {
		word string
		want bool
	}{
		{"Daphne", true}, {"Shintomi-san", true}, {"Kelly", true}, {"McDonough", true}, {"Jared", true},
		// said alone after a reporter's question, in wh-press-briefings
		{"Noted", false}, {"Incredibly", false}, {"Forty-four", false}, {"VaccineFinder", false},
		{"Counting", false}, {"Bye", false}, {"Shocked", false}, {"Mm-hm", false}, {"Thirty", false},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if got := mayBeGivenName(tt.word); got != tt.want {
				t.Errorf("mayBeGivenName(%q) = %v, want %v", tt.word, got, tt.want)
			}
		})
	}
}

// TestReporterGoesOn checks who asks a question turn that no call names,
// on exchanges copied from the transcripts: the reporter who asked before
// goes on after a mere "Yeah.", a follow-up, or their announced second
// question; after a bare call, or once someone else has asked, no one is
// named.
func TestReporterGoesOn(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // reporters' names, question turns in order
	}{{
		// wh_2023-07-17-pb-karine-jean-pierre-and-kirby.md
		name: "after a backchannel",
		text: "MS. JEAN-PIERRE:  Just don’t have anything new to share at this time.\n\nGo ahead, Ed.\n\n" +
			"Q    Yeah, thanks, Karine.  So the Penn Wharton Budget Model recalculated costs based on the new rules for the student loan forgiveness.\n\n" +
			"MS. JEAN-PIERRE:  So, look, just a couple of things because — as it relates to — and you’re talking about the student loan?\n\n" +
			"Q    The student loan forgiv- — the new rules that —\n\n" +
			"MS. JEAN-PIERRE:  Yeah.  Yeah.\n\n" +
			"Q    Yeah, from the Department of Ed.\n\n" +
			"MS. JEAN-PIERRE:  So, look, the Department of Education, they estimated this particular piece to cost about $156 billion over the next decade.  And the reason why we were able to do this, the reason why we believe this is being done in a responsible way — and let’s not forget we can afford to give middle-class Americans, middle-class families, a little bit of breathing room, as you hear from this President over and over again.\n",
		want: []string{"Ed", "Ed", "Ed"},
	}, {
		// wh_2021-03-25-remarks-biden-in-press-conference.md
		name: "a follow-up",
		text: "THE PRESIDENT:  Let me get here.  Okay, Cecilia Vega.\n\n" +
			"Q  I’d like to circle back to immigration, please.\n\n" +
			"THE PRESIDENT:  There’s no easy answer.\n\n" +
			"Q  A quick follow, if I may.  Do you want to see these unaccompanied minors staying in this country, or should they be deported eventually?\n\n" +
			"THE PRESIDENT:  Well, the judgment has to be made whether or not — and in this young man’s case, he has a mom at home.\n\n" +
			"Q  Final follow, sir.  You mentioned circumstances that must be horrific.  The Customs and Border Protection facility in Donna, Texas — I was there — is at 1,556 percent capacity —\n\n" +
			"THE PRESIDENT:  Yep.\n\n" +
			"Q  — right now, with mostly unaccompanied minors.\n\n" +
			"THE PRESIDENT:  Is — that’s a serious question, right?\n",
		want: []string{"Cecilia Vega", "Cecilia Vega", "Cecilia Vega", "Cecilia Vega"},
	}, {
		// wh_2022-02-08-pb-jen-psaki.md
		name: "the second of a couple things",
		text: "MS. PSAKI:  With that, Colleen, why don’t you kick us off?\n\n" +
			"Q    Okay, a couple things.  Do you have any information about a possible security threat at Dunbar High School where the Second Gentleman was?\n\n" +
			"MS. PSAKI:  I don’t have any updates on this.\n\n" +
			"Q    It just happened, yeah.\n\n" +
			"MS. PSAKI:  Okay.  Excellent.\n\n" +
			"Q    And then, second, the remaining Child Tax Credit is — you know, the Biden administration is encouraging people to use what’s left of the remaining tax credit.\n\n" +
			"MS. PSAKI:  Sure.  Well, one of the steps we’re trying to take here.\n",
		want: []string{"Colleen", "", "Colleen"},
	}, {
		// wh-press-briefings 2024-02-27: "Thank you, Karine." opens another
		// reporter's turn, so their "secondly" is not Josh's.
		name: "someone else's second question",
		text: "MS. JEAN-PIERRE:  Go ahead, Josh.\n\n" +
			"Q    Thanks, Karine.  John, two subjects.  First, with regard to Israel and the possible ceasefire.\n\n" +
			"MR. KIRBY:  We’re still negotiating, and I am not going to negotiate from the podium.\n\n" +
			"Q    Thank you, Karine.  John, thank you.  “Next Monday” is a very specific date that the President offered up for when this ceasefire could begin.\n\n" +
			"MR. KIRBY:  He told you himself that he was getting advised by his national security team.\n\n" +
			"Q    And then, secondly, has the President been briefed or seen Israel’s plan to evacuate Rafah?\n\n" +
			"MR. KIRBY:  We have not seen a plan.\n",
		want: []string{"Josh", "", ""},
	}, {
		// sd_2022-06-02_department-press-briefing.txt: "Yes." gives the
		// floor to someone unnamed.
		name: "after a bare call",
		text: "MR PRICE: Promise to come back to you. Daphne.\n\n" +
			"QUESTION: Thank you. Russia regularly fires missiles from its territory at cities in eastern Ukraine.\n\n" +
			"MR PRICE: Everything we have provided to our Ukrainian partners is for defensive purposes.\n\nYes.\n\n" +
			"QUESTION: Do you even remember what her question was? Because you didn’t answer it at all. (Laughter.)\n\n" +
			"MR PRICE: Daphne, go ahead.\n\n" +
			"QUESTION: Yeah, to follow up and clarify, Ambassador Brink held her first press conference in Kyiv.\n\n" +
			"MR PRICE: Ukraine absolutely has the right to respond to Russia’s aggression.\n",
		want: []string{"Daphne", "", "Daphne"},
	}, {
		// wh-press-briefings 2023-06-06: "A follow?" straight after
		// Karen's question is someone else's.
		name: "a follow-up straight after a question",
		text: "MS. JEAN-PIERRE:  I don’t have anything to share on that at this time, but I will say the President has been very clear about where he stands on this.\n\nKaren.\n\n" +
			"Q    I was going to ask that.\n\n" +
			"MS. JEAN-PIERRE:  Okay, great.\n\n" +
			"Q    But also —\n\n" +
			"Q    A follow?\n\n" +
			"MS. JEAN-PIERRE:  I think I’m going to move on, because we have a lot of folks who have not had a question yet and I want to make sure I get to them today.\n",
		want: []string{"Karen", "Karen", ""},
	}, {
		// wh-press-briefings 2022-05-02: Peter, called before, is
		// addressed in the answer to a question no call names; a topic
		// put first ("Iran, …") names no one.
		name: "addressed in the answer",
		text: "MS. PSAKI:  I don’t have anything more on that for you today, but I’m sure we will have more to say about it in the coming days as the process moves forward.  Go ahead, Peter.\n\n" +
			"Q    Thank you, Jen.  On the Disinformation Governance Board.\n\n" +
			"MS. PSAKI:  Sure.  The board was set up to look at how disinformation affects the security of the homeland, as the Secretary has said on a range of Sunday shows.\n\n" +
			"Q    So, then what is the President’s priority?\n\n" +
			"MS. PSAKI:  Well, Peter, the President’s priority is keeping the American people safe, and that is an indication of Secretary Mayorkas’s work to do exactly that.\n\n" +
			"Q    What about Iran?\n\n" +
			"MS. PSAKI:  Iran, we have been very clear about where we stand on the talks, and I don’t have anything new to share from here today on that.\n",
		want: []string{"Peter", "Peter", ""},
	}, {
		// wh-press-briefings 2024-01-04: "Thank you, Karine." after Emel
		// was cut off is Jake, who was called, not Emel going on.
		name: "two reporters open alike",
		text: "MS. JEAN-PIERRE:  Go ahead, Emel.\n\n" +
			"Q    Thank you, Karine.  Thank you, John.  About Chinese spy balloons.  Taiwan Defense Ministry stated yesterday that they spotted several Chinese balloons over the island, as the election is approaching in —\n\n" +
			"MR. KIRBY:  Yeah, I’m not in a position to confirm reports about balloons over Taiwan.  I’d certainly refer you to officials in Taiwan and to Beijing to speak to that.\n\n" +
			"MS. JEAN-PIERRE:  Go ahead, Jake.\n\n" +
			"Q    Thank you, Karine.  Happy New Year, Karine.  Happy New Year, Admiral.  On a somber note, Kfir Bibas, the youngest hostage being held captive in Gaza, turns one this month.\n\n" +
			"MR. KIRBY:  I’m not aware of any new information that has come to light since the Israeli operation at Al-Shifa, and we will keep working to get every hostage home.\n",
		want: []string{"Emel", "Jake"},
	}, {
		// wh-press-briefings 2024-08-01: Jake Sullivan briefs; the
		// reporter who wants to follow up with Jake is not Jake.
		name: "the official's name",
		text: "Press Briefing by Press Secretary Karine Jean-Pierre and National Security Advisor Jake Sullivan\n\n" +
			"MS. JEAN-PIERRE:  Okay, I know we have a lot of questions today, so let’s keep going and try to get to as many of you as we can before the admiral has to leave.  Go ahead, Jake.\n\n" +
			"Q    And I wanted to follow up with Jake, but — but didn’t have a chance.\n\n" +
			"MR. SULLIVAN:  Sure.  Go ahead.  I’m happy to take it here, because I think it is an important question and I want to be clear about where the President stands on it today.\n",
		want: []string{""},
	}, {
		// wh-press-briefings 2024-02-20: the call went to the official,
		// who spoke; the reporter after is the one called next.
		name: "a call spent",
		text: "MODERATOR:  I will now turn it over to Mr. Jake Sullivan.\n\n" +
			"MR. SULLIVAN:  Good afternoon, everybody.  Thanks for joining.  I want to take a few minutes to talk about the national security supplemental and why it matters so much to communities across the country, and then I’ll take your questions.\n\n" +
			"MODERATOR:  Please use the “Raise Hand” feature, and please state your name and news outlet when called on.  We will begin with Kellan Howell with Scripps News.\n\n" +
			"Q    Hi, thanks so much for doing this call and for taking my question.\n\n" +
			"MR. SULLIVAN:  So the supplemental is about our security and about jobs here at home, in every state, and the President is determined to get it done, and we are asking Congress to do its part.\n",
		want: []string{"Kellan Howell"},
	}, {
		// wh-press-briefings 2021-01-21: Anita yields to Jeff.
		name: "yielding the floor",
		text: "MS. PSAKI:  Sure, I can go to you next.  The President has been clear about this for some time, and I expect he will have more to say on it in the days ahead, so stay tuned for that.\n\n" +
			"Q    Jen?\n\n" +
			"Q    You mentioned –-\n\n" +
			"MS. PSAKI:  Oh, sorry, Jeff.  Let me go to Jeff, Anita, because I already went to you, if that’s okay.\n\n" +
			"Q    Jeff, go ahead.\n\n" +
			"MS. PSAKI:  Thank you.  The President believes the relief package is urgent, and he wants Congress to move on it quickly, with support from both parties if possible, as he said yesterday.\n",
		want: []string{"", "", ""},
	}, {
		// wh-press-briefings 2021-02-17 (Psaki and Neuberger): the
		// follow-up straight after the answer is Phil's.
		name: "a follow-up after the answer",
		text: "MS. PSAKI:  Does anybody have any questions?  Go ahead, Phil.\n\n" +
			"Q    Thanks, Anne, for doing this.  Just to 30,000 foot it, do you have a timeframe in terms of how long this investigation will take?\n\n" +
			"MS. NEUBERGER:  So, most importantly, as we’re looking at what caused the SolarWinds, we’re also executing the three things I talked about.  We’re working to expel the adversary, we’re working to build those networks and improve the cybersecurity of federal networks, and we’re also carefully thinking through how we respond.\n\n" +
			"Q    And do you have a timeline?  I understand it’s complicated, but how long it would take to go layer by layer and really understand the scope.\n\n" +
			"MS. NEUBERGER:  I think we’re estimating several months.  But as I said, literally, you know, day by day, hour by hour, we’re making progress in understanding it.\n\n" +
			"MS. PSAKI:  Mary?\n\n" +
			"Q    As you look at the scope and the scale of this, do you have a price tag or a sense of a price tag of what this is going to cost?\n",
		want: []string{"Phil", "Phil", "Mary"},
	}, {
		// wh-press-briefings 2021-08-23 (Psaki and Sullivan): Karen's
		// follow-ups straight after the answers are hers; after "Go
		// ahead." the floor is someone else's, whatever their opening.
		name: "a follow-up after a bare call",
		text: "MS. PSAKI:  It’s a good question.\n\nGo ahead, Karen.\n\n" +
			"Q    Thanks, Jen.  To follow up on the question that was just asked: When the President said today that he’s calling on companies to require the vaccine, he said, “Do what I did last month.”\n\n" +
			"MS. PSAKI:  For all federal employees?\n\n" +
			"Q    For all federal employees.\n\n" +
			"MS. PSAKI:  I think you’re looking more at agency to agency or different factions of the government at this point, but expect there will be more on that front.\n\n" +
			"Q    And then to follow up: Is this — does the administration now see this as an opportunity to refresh the public messaging campaign that you guys have been doing on vaccinations, now that there’s the full FDA approval?\n\n" +
			"MS. PSAKI:  Yeah, Karen — I mean, it’s a really good question.  And certainly, communicating directly with people who are not yet vaccinated is always a priority, but this is a moment to redouble our efforts to do exactly that.\n\nGo ahead.\n\n" +
			"Q    So the President said today he’s going to talk more about safely reopening schools.  Is there any changes to the administration’s guidance that we should be expecting coming forward?\n\n" +
			"MS. PSAKI:  I would say soon.  I think we’re still working to finalize what that might look like.\n",
		want: []string{"Karen", "Karen", "Karen", ""},
	}, {
		// wh-press-briefings 2021-12-06: the answer ends in a call the
		// call patterns once missed; the reporter after is April, not
		// Karen asked something back.
		name: "a call at the end of an answer",
		text: "MS. PSAKI:  Go ahead, Karen.\n\n" +
			"Q    In that the White House message too?\n\n" +
			"MS. PSAKI:  I think it is.  I mean, our objective here is that this is an opportunity.  We had been talking about having a conversation about a range of issues.\n\nApril, why don’t we do you as the last one?\n\n" +
			"Q    Thank you.  Back on MPP, really fast.\n\n" +
			"MS. PSAKI:  Sure.\n",
		want: []string{"Karen", "April"},
	}, {
		// wh-press-briefings 2023-01-23 (Ian Sams): "Franco, are you
		// there?" asks someone other than the reporter answered.
		name: "someone else asked if they are there",
		text: "MR. SAMS:  Let’s go to Brooke Singman at Fox.\n\n" +
			"Q    Hey, Ian.  Thank you so much.  Does the White House think it was necessary for the Attorney General to appoint a Special Counsel for this matter?\n\n" +
			"MR. SAMS:  Thanks for that.  So, you know, we put out a statement after the Attorney General named a Special Counsel.  I have time for a couple more.  Let’s do Franco.\n\nFranco, are you there?\n\n" +
			"Q    How about now?  Sorry about that.\n\n" +
			"MR. SAMS:  Yeah, I got you now.\n",
		want: []string{"Brooke Singman", ""},
	}, {
		// wh-press-briefings 2022-09-15 (background call on President
		// Ramaphosa's visit): no call names the asker; the answer thanks
		// her for the question.
		name: "thanked for the question",
		text: "SENIOR ADMINISTRATION OFFICIAL:  The call in April between the two leaders was warm and productive.  And we have every expectation that tomorrow’s meeting will meet that same standard.  So I’ll open it up for questions.\n\n" +
			"Q    Thank you so much.  I have two questions.  One is about the extension of the nuclear energy agreement that was reached in, I believe, September.\n\n" +
			"SENIOR ADMINISTRATION OFFICIAL:  Anita, thank you so much for that question.  Regarding the legislation, since that is still pending in Congress, I prefer not to comment on it at this point.\n",
		want: []string{"Anita"},
	}, {
		// wh-press-briefings 2024-05-13 (Jean-Pierre and Sullivan): the
		// thanks are for the official leaving, not the reporter.
		name: "the official thanked",
		text: "Press Briefing by Press Secretary Karine Jean-Pierre and National Security Advisor Jake Sullivan\n\n" +
			"MR. SULLIVAN:  The United States has laid down at the International Court of Justice in writing, in detail its position on this issue, and I’d ask you to read it.  Thank you.\n\n" +
			"Q    Are you saying that it doesn’t line up for them with what she’s saying?\n\n" +
			"MS. JEAN-PIERRE:  Thank you, Jake.  Thank you, Jake.\n\n" +
			"Okay.  I know — folks are leaving right now.  Okay.  I have — I have an effect on folks.  (Laughter.)\n",
		want: []string{""},
	}, {
		// wh-press-briefings 2022-07-07: the call ends a long opening
		// statement.
		name: "invited at the end of the opening statement",
		text: "MS. JEAN-PIERRE:  And here’s the bottom line: We got to get this done.  We can do both.  So, I say to Mitch McConnell: Let’s get this done.  All right, with that, Aamer, what’s your question — your first question?\n\n" +
			"Q    Sure.  Thank you.  With Prime Minister Johnson’s resignation today — I know you don’t like to get into other country’s politics, but more substantively, what does this mean going forward?\n\n" +
			"MS. JEAN-PIERRE:  So I’ll say this: Our alliance with the United Kingdom continues to be strong.  Our special relationship with the people in the country will continue to endure.  None of that changes.\n",
		want: []string{"Aamer"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse("excerpt.txt", []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, tu := range doc.Turns {
				if tu.Role == retrieval.RoleReporter {
					got = append(got, tu.Speaker)
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("reporters = %q, want %q", got, tt.want)
			}
			// Each answer's asker is the last question's reporter.
			last := ""
			for i, tu := range doc.Turns {
				switch {
				case tu.Role == retrieval.RoleReporter:
					last = tu.Speaker
				case tu.Question != "" && tu.AskedBy != last:
					t.Errorf("turn %d asked by %q, want %q", i, tu.AskedBy, last)
				}
			}
		})
	}
}

// TestGoesOn checks the openings of question turns that go on from the
// answer before (wh-press-briefings 2021-02-17, 2022-09-01, 2024-10-01,
// 2021-07-19, 2023-10-23, 2021-01-29, 2021-08-23).
func TestGoesOn(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"And do you have a timeline?  I understand it’s complicated.", true},
		{"So — but I’m trying to figure out which bucket in particular to put it in.", true},
		{"But is he going to watch?", true},
		{"Just to follow up: The statement said the Ministry of State Security was directly paying hackers.", true},
		{"Can I follow up?", true},
		{"Another one on China.", false},
		{"Sorry, to clarify: So it is still in effect as the past", false},
		{"Thanks, Jen.  To follow up on the question that was just asked:", false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := goesOn(Turn{Paragraphs: []string{tt.text}}); got != tt.want {
				t.Errorf("goesOn(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

// TestAnswerGoesOnAfterAcknowledgment checks that a reporter's "Okay."
// between two turns of one official opens no new exchange: the answer goes
// on, carrying its question. The lines are from wh-press-briefings, dated
// in each case.
func TestAnswerGoesOnAfterAcknowledgment(t *testing.T) {
	tests := []struct {
		name string
		text string
		// want is the question the last turn carries, and whether it
		// is in the exchange of the turn two before it.
		want     string
		sameTurn bool
	}{{
		// 2023-02-13 (Jean-Pierre and Kirby), ¶184–186
		name: "let me get through this",
		text: "MR. KIRBY:  But — so let’s separate that from these other three.  These other three, what are some of the differences?  Altitude is a big difference.\n\n" +
			"Q    Is that the threshold now: a risk to civilian aircraft?\n\n" +
			"MR. KIRBY:  Just — just let me — let me get through this.\n\n" +
			"Q    Okay.\n\n" +
			"MR. KIRBY:  And then altitude is different.  The Chinese spy balloon was at 60,000-plus — well outside commercial air traffic concerns.\n",
		want:     "Is that the threshold now: a risk to civilian aircraft?",
		sameTurn: true,
	}, {
		// 2023-01-17
		name: "got it",
		text: "Q    When did you learn about the documents found at the Penn Center in November and in Wilmington in December?\n\n" +
			"MS. JEAN-PIERRE:  When your team was — was doing a story on it.\n\n" +
			"Q    Got it.\n\n" +
			"MS. JEAN-PIERRE:  Because I was also asked a similar question about if our team has been engaged on this.  And I’ve been very clear this is something that the White House Counsel is handling.\n",
		want:     "When did you learn about the documents found at the Penn Center in November and in Wilmington in December?",
		sameTurn: true,
	}, {
		// 2023-11-02: a greeting during the opening statement
		name: "a greeting before the statement",
		text: "MS. JEAN-PIERRE:  Good afternoon, everyone.\n\n" +
			"Q    Good afternoon.\n\n" +
			"MS. JEAN-PIERRE:  Tomorrow, the President and the First Lady will travel to Lewiston, Maine.\n",
		want:     "",
		sameTurn: true,
	}, {
		// 2021-04-15: what follows closes the briefing, not the answer,
		// and answers no question: "Okay." asks nothing.
		name: "the official closes",
		text: "Q    So no lower court at this point?\n\n" +
			"MS. PSAKI:  That’s what the focus of that commission is.\n\n" +
			"Q    Okay.\n\n" +
			"MS. PSAKI:  Okay?  Thanks, everyone.\n",
		want:     "",
		sameTurn: false,
	}, {
		// 2023-02-13: a question is no acknowledgment.
		name: "a short question",
		text: "Q    Is it strange that no one has claimed these yet as theirs?\n\n" +
			"MR. KIRBY:  I can’t say whether that’s strange or not.\n\n" +
			"Q    No proactive(inaudible) right now?\n\n" +
			"MR. KIRBY:  I won’t talk about it any more than that.\n",
		want:     "No proactive(inaudible) right now?",
		sameTurn: false,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse("x.md", []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			n := len(doc.Turns)
			if n < 3 {
				t.Fatalf("%d turns", n)
			}
			last := doc.Turns[n-1]
			if last.Question != tt.want {
				t.Errorf("question = %q, want %q", last.Question, tt.want)
			}
			if got := last.Exchange == doc.Turns[n-3].Exchange; got != tt.sameTurn {
				t.Errorf("same exchange as the turn before the reporter's = %v, want %v (exchanges %d, %d)", got, tt.sameTurn, doc.Turns[n-3].Exchange, last.Exchange)
			}
		})
	}
}

// TestPausesAnswer checks which reporter's turns between two of one
// official's only acknowledge. The answer is from wh-press-briefings
// 2023-12-06; the reporters' and officials' short turns are as the same
// archive has them (2021-07-19, 2021-08-02, 2021-06-02, 2021-04-15).
func TestPausesAnswer(t *testing.T) {
	official := func(s string) Turn {
		return Turn{Role: retrieval.RoleOfficial, Speaker: "Karine Jean-Pierre", Label: "MS. JEAN-PIERRE", Paragraphs: []string{s}}
	}
	answer := official("I — I don’t even know what their code of conducts is, so I can’t even speak to it.")
	goesOn := official("So, that is something for the university to speak to.")
	tests := []struct {
		name   string
		ack    string
		after  Turn
		before Turn
		want   bool
	}{
		{"okay", "Okay.", goesOn, answer, true},
		{"twice", "Yeah. Yeah.", goesOn, answer, true},
		{"mm-hmm", "Mm-hmm. Mm-hmm.", goesOn, answer, true},
		{"laughter", "(Laughter.)", goesOn, answer, true},
		{"that's right", "That’s right.", goesOn, answer, true},
		{"a greeting", "Good afternoon.", goesOn, answer, true},
		{"thanks close the turn", "Thanks, Karine.", goesOn, answer, false},
		{"a question", "Okay?", goesOn, answer, false},
		{"a word that says something", "Both.", goesOn, answer, false},
		{"a cut-off interjection", "But —", goesOn, answer, true}, // asks nothing yet
		{"a longer cut-off start", "But what about the code of —", goesOn, answer, false},
		{"too long", "Okay. Yeah. Right. Sure. Okay.", goesOn, answer, false},
		{"another official follows", "Okay.", Turn{Role: retrieval.RoleOfficial, Speaker: "John Kirby", Label: "MR. KIRBY", Paragraphs: goesOn.Paragraphs}, answer, false},
		{"a moderator before", "Okay.", goesOn, Turn{Role: retrieval.RoleModerator, Speaker: "Moderator", Label: "MODERATOR", Paragraphs: answer.Paragraphs}, false},
		{"the official closes", "Okay.", official("Okay? Thanks, everyone."), answer, false},
		{"the official listens", "Yes.", official("Mm-hmm."), answer, false},
		{"the official calls", "Okay.", official("Go ahead, Ed."), answer, false},
		// 2023-07-17 and 2023-03-29: an unheard cut-in before the official
		// has said much, or mid-sentence, does not open a new question.
		{"unheard, cutting in on a preamble", "(Inaudible.) (Laughs.)", official("No, I mean, I really am. One in five members of the U.S. military are women."), official("I’m really glad you asked that question."), true},
		{"unheard, cutting in mid-sentence", "(Inaudible.)", official("We’re certainly sorry they decided not to participate."), official("Oh, we’re certainly —"), true},
		{"unheard, after a whole answer", "(Inaudible.)", goesOn, answer, false},
		{"unheard, after a call", "(Inaudible.)", goesOn, official("Go ahead, April."), false},
		{"unheard, after a question back", "(Inaudible.)", goesOn, official("Are you talking about the Budapest Memorandum?"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			turns := []Turn{tt.before, {Role: retrieval.RoleReporter, Label: "Q", Paragraphs: []string{tt.ack}}, tt.after}
			if got := pausesAnswer(turns, 1); got != tt.want {
				t.Errorf("pausesAnswer(%q) = %v, want %v", tt.ack, got, tt.want)
			}
		})
	}
}

// TestCutQuestionTakenUp checks that a reporter finishing the question an
// official broke into gives the answer the whole question, not its last
// fragment. The lines are from wh-press-briefings, dated in each case.
func TestCutQuestionTakenUp(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string // the question the last turn carries
	}{{
		// 2023-02-13 (Jean-Pierre and Kirby), ¶211–213
		name: "after a cut-off interjection",
		text: "Q    Well, has there been a posture change nationwide regarding all of these sensitive sites —\n\n" +
			"MR. KIRBY:  If you’re —\n\n" +
			"Q    — taken proactively?\n\n" +
			"MR. KIRBY:  If you’re — let me just put a fork in this.  If the implication is that, you know, there’s some sort of blanket, now, security policy for every base on the continental United States, the answer is no.\n",
		want: "Well, has there been a posture change nationwide regarding all of these sensitive sites … taken proactively?",
	}, {
		// 2024-12-02, gaggle en route Luanda, ¶152–155
		name: "twice, after short interjections",
		text: "Q    There were basic questioning —\n\n" +
			"MS. JEAN-PIERRE:  Yeah.\n\n" +
			"Q    — in this case that both lawyers could not really answer the questions of.\n\n" +
			"So, the president, in his statement, is he not undermining the judge and a judicial system that he promised would be independent? The judge in this case did not say —\n\n" +
			"MS. JEAN-PIERRE:  Hold on.\n\n" +
			"Q    — it was political pressure.\n\n" +
			"MS. JEAN-PIERRE:  And I — and I just talked about the SDNY Criminal Division deputy chief who said he was responsible for approving the charges.\n",
		want: "There were basic questioning … in this case that both lawyers could not really answer the questions of.\n\n" +
			"So, the president, in his statement, is he not undermining the judge and a judicial system that he promised would be independent? The judge in this case did not say … it was political pressure.",
	}, {
		// 2022-06-01: the official's early "No" does not end the question.
		name: "after an early answer",
		text: "Q    Is that not contrary to what the President has said in the past about not wanting to engage directly —\n\n" +
			"MS. JEAN-PIERRE:  No, it’s not.\n\n" +
			"Q    — with Russia?\n\n" +
			"MS. JEAN-PIERRE:  It’s — we don’t — we don’t see it as such.\n",
		want: "Is that not contrary to what the President has said in the past about not wanting to engage directly … with Russia?",
	}, {
		// 2022-10-04: a longer interjection is left alone.
		name: "after a longer interjection",
		text: "Q    I just want a clear answer.  Only Al Sharpton has got it —\n\n" +
			"MS. JEAN-PIERRE:  I know you want a clear answer.  I know.  But he’s — (laughter) —\n\n" +
			"Q    — apparently.\n\n" +
			"MS. JEAN-PIERRE:  If Al Sharpton says it, it’s — you know, look, I — oh, it’s so funny.\n",
		want: "— apparently.",
	}, {
		// 2023-02-13, the last question made up: a question not cut
		// off is not taken up.
		name: "a new question",
		text: "Q    Is it strange that no one has claimed these yet as theirs?\n\n" +
			"MR. KIRBY:  I can’t say.\n\n" +
			"Q    — or is it unusual?\n\n" +
			"MR. KIRBY:  I won’t talk about it any more than that.\n",
		want: "— or is it unusual?",
	}, {
		// 2022-02-08 (Psaki): a reporter's "In Libya —" cuts in and asks
		// nothing; the answer goes on, to the question asked.
		name: "after a cut-off interjection that asks nothing",
		text: "Q    But then he cited Iraq, Libya, Belgrade as counterexamples.  What do you say to that?\n\n" +
			"MS. PSAKI:  NATO has always been a defensive alliance.  It is Russia that is —\n\n" +
			"Q    In Libya —\n\n" +
			"MS. PSAKI:  Let me finish my answer.\n\n" +
			"Q    Yes.\n\n" +
			"MS. PSAKI:  It is Russia that is building up tens of thousands of troops — troops at the border, not NATO.\n",
		want: "But then he cited Iraq, Libya, Belgrade as counterexamples. What do you say to that?",
	}, {
		// 2023-07-17 (Jean-Pierre and Kirby): asked back what the question
		// is about, the reporter says, and the answer answers it whole.
		name: "after asking back",
		text: "Q    Yeah, thanks, Karine.  So the Penn Wharton Budget Model recalculated costs based on the new rules for the student loan forgiveness.  I’m just wondering when the President will unveil a plan that actually reduces spending.\n\n" +
			"MS. JEAN-PIERRE:  So, look, just a couple of things because — as it relates to — and you’re talking about the student loan?\n\n" +
			"Q    The student loan forgiv- — the new rules that —\n\n" +
			"MS. JEAN-PIERRE:  Yeah.  Yeah.\n\n" +
			"Q    Yeah, from the Department of Ed.\n\n" +
			"MS. JEAN-PIERRE:  So, look, the Department of Education, they estimated this particular piece to cost about $156 billion over the next decade.\n",
		want: "Yeah, thanks, Karine. So the Penn Wharton Budget Model recalculated costs based on the new rules for the student loan forgiveness. I’m just wondering when the President will unveil a plan that actually reduces spending.\n\n" +
			"The student loan forgiv- — the new rules that —\n\nYeah, from the Department of Ed.",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse("x.md", []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			if got := doc.Turns[len(doc.Turns)-1].Question; got != tt.want {
				t.Errorf("question\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestGreetingOpensNoExchange checks that a reporter's greeting before any
// question opens no exchange: the official's opening that follows is a
// statement, with no question and no asker. The lines are from
// wh-press-briefings, dated in each case.
func TestGreetingOpensNoExchange(t *testing.T) {
	tests := []struct {
		name string
		text string
		// want is the question the last turn carries; asker, who asked it.
		want, asker string
	}{{
		// 2023-05-08, the transcript's first turn
		name: "good afternoon first",
		text: "Q    Good afternoon.\n\n" +
			"MS. JEAN-PIERRE:  Good afternoon, everyone.  Happy Monday.  Let’s get straight to it.\n",
	}, {
		// 2022-08-04: two greetings in a row
		name: "greeted twice",
		text: "MS. JEAN-PIERRE:  Good afternoon.\n\n" +
			"Q    Good afternoon.\n\n" +
			"Q    Good afternoon.\n\n" +
			"MS. JEAN-PIERRE:  Oh, it’s so good.  Love it.\n\n" +
			"I just want to say a few words about the verdict — the Brittney Griner verdict.\n",
	}, {
		// 2022-01-04: a transcriber's note
		name: "inaudible",
		text: "MS. PSAKI:  Hi, everyone.  Happy New Year!  I hope everyone had nice time with family and friends.\n\n" +
			"Q    (Inaudible.)\n\n" +
			"MS. PSAKI:  Thank you.\n\n" +
			"I just have two items for you at the top.\n",
	}, {
		// 2021-09-30: thanks, the floor given to no one
		name: "thanks",
		text: "MS. PSAKI:  Hi, everyone.  Okay.  Welcome back, Dr. Harper.\n\n" +
			"Q    Thank you.\n\n" +
			"MS. PSAKI:  Okay.  I’m breaking my streak.  I do have some items at the top for all of you.\n",
	}, {
		// 2021-07-16
		name: "happy friday",
		text: "Q    Hello.\n\n" +
			"MS. PSAKI:  Happy Friday.\n\n" +
			"Q    Happy Friday.\n\n" +
			"MS. PSAKI:  Brian Karem has got some sunglasses on.  Everybody is ready for the weekend.\n",
	}, {
		// 2021-10-22: thanks from the reporter just called open the
		// exchange, as before, but ask nothing: the aside that follows
		// answers no question.
		name: "thanks after a call",
		text: "MS. PSAKI:  Hi, everyone.  Happy Friday.  Okay.\n\n" +
			"But, Zeke, why don’t you kick us off.\n\n" +
			"Q    Thanks, Jen.\n\n" +
			"MS. PSAKI:  Oh, sorry, can I note one more thing?  I apologize.\n",
	}, {
		// 2021-08-10: a question that opens with a greeting is a question.
		name: "a question",
		text: "MS. PSAKI:  Hi, everyone.  Happy Tuesday.  Okay.\n\n" +
			"Q    Happy Tuesday.  Reaction to Cuomo?\n\n" +
			"MS. PSAKI:  Happy Tuesday.  That’s quite a sign over there.\n",
		want: "Happy Tuesday. Reaction to Cuomo?",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse("x.md", []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			last := doc.Turns[len(doc.Turns)-1]
			if last.Question != tt.want || last.AskedBy != tt.asker {
				t.Errorf("question, asker = %q, %q, want %q, %q", last.Question, last.AskedBy, tt.want, tt.asker)
			}
			_, ps := Passages(doc)
			wantKind := retrieval.KindStatement
			if tt.want != "" {
				wantKind = retrieval.KindAnswer
			}
			if got := ps[len(ps)-1].Kind; got != wantKind {
				t.Errorf("kind = %q, want %q", got, wantKind)
			}
		})
	}
}

// TestGreetsOnly checks which reporter's turns before any question only
// greet. The reporters' lines are from wh-press-briefings (2023-12-04,
// 2024-01-22, 2022-01-04, 2021-09-30, 2022-06-15, 2024-08-19, 2024-01-24,
// 2023-04-10, 2022-05-16); the official's from 2023-11-02 and, greeting a
// reporter by name, from the vocative cases above.
func TestGreetsOnly(t *testing.T) {
	official := func(s string) Turn {
		return Turn{Role: retrieval.RoleOfficial, Speaker: "Karine Jean-Pierre", Label: "MS. JEAN-PIERRE", Paragraphs: []string{s}}
	}
	statement := official("Tomorrow, the President and the First Lady will travel to Lewiston, Maine.")
	tests := []struct {
		name     string
		greeting string
		next     Turn
		want     bool
	}{
		{"hello", "Hello.", statement, true},
		{"on time", "On time.", statement, true},
		{"inaudible", "(Inaudible.)", statement, true},
		{"thanks", "Thank you.", statement, true},
		{"thanks, sir", "Thank you, sir.", statement, true},
		{"a greeting, then thanks", "Hi. Thank you.", statement, true},
		{"a question", "Good afternoon? Good morning.", statement, false},
		{"says something", "Bye! Bye Easter Bunny!", statement, false},
		{"too long", "Thanks, Karine. And congratulations.", statement, false},
		{"the official greets them by name", "Hello.", official("Hi, Trevor. This is [senior administration official]. I’m happy to take the first part."), false},
		{"a moderator follows", "Hello.", Turn{Role: retrieval.RoleModerator, Label: "MODERATOR", Paragraphs: statement.Paragraphs}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			turns := []Turn{{Role: retrieval.RoleReporter, Label: "Q", Paragraphs: []string{tt.greeting}}, tt.next}
			if got := greetsOnly(turns, 0); got != tt.want {
				t.Errorf("greetsOnly(%q) = %v, want %v", tt.greeting, got, tt.want)
			}
		})
	}
}
