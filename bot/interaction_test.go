package bot

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/onrecord/onrecord/retrieval"
)

const ukraine = "What did the Secretary say about sovereignty and territorial integrity of Ukraine?"

func TestAsk(t *testing.T) {
	tests := []struct {
		name          string
		opts          []opt
		wantEphemeral bool
		wantContent   []string
		wantEmbeds    bool
		wantIDs       []string // prefixes of custom ids expected
		wantNoIDs     []string
	}{
		{
			name: "ephemeral by default", opts: []opt{{"question", ukraine}},
			wantEphemeral: true, wantContent: []string{"**Question:** What did the Secretary say"}, wantEmbeds: true,
			wantIDs: []string{"more:a:3:", "pub:", "fb:up:", "fb:down:", "ctx:", "cite:0:"},
		},
		{
			name: "public", opts: []opt{{"question", ukraine}, {"public", true}},
			wantContent: []string{"**Question:**"}, wantEmbeds: true,
			wantIDs: []string{"more:", "fb:up:", "ctx:"}, wantNoIDs: []string{"pub:"},
		},
		{
			name: "filters shown", opts: []opt{{"question", ukraine}, {"speaker", "Blinken"}, {"transcript", "press"}},
			wantEphemeral: true, wantContent: []string{"**Speaker:** Blinken", "**Transcript:** press"}, wantEmbeds: true,
		},
		{
			name: "empty question", opts: []opt{{"question", "   "}},
			wantEphemeral: true, wantContent: []string{"Please include a question"},
		},
		{
			name: "6,000-character question", opts: []opt{{"question", strings.Repeat("Ukraine ", 750)}},
			wantEphemeral: true, wantContent: []string{"please keep it under 500"},
		},
		{
			name: "mentions and markdown are inert", opts: []opt{{"question", "@everyone <@123> **Ukraine** sovereignty?"}},
			wantEphemeral: true, wantContent: []string{`\@everyone \<\@123\> \*\*Ukraine\*\* sovereignty?`}, wantEmbeds: true,
		},
		{
			name: "not in the transcripts", opts: []opt{{"question", "zebras xylophones"}},
			wantEphemeral: true, wantContent: []string{"**Not in the transcripts.**"},
			wantNoIDs: []string{"more:"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, nil)
			resp := f.interact(t, slashJSON("ask", tt.opts...))
			if got, want := resp.Type, discordgo.InteractionResponseChannelMessageWithSource; got != want {
				t.Fatalf("type %d, want %d", got, want)
			}
			if got := resp.Data.Flags&discordgo.MessageFlagsEphemeral != 0; got != tt.wantEphemeral {
				t.Errorf("ephemeral %v, want %v (flags %d)", got, tt.wantEphemeral, resp.Data.Flags)
			}
			for _, w := range tt.wantContent {
				if !strings.Contains(resp.Data.Content, w) {
					t.Errorf("content %q lacks %q", resp.Data.Content, w)
				}
			}
			if got := len(resp.Data.Embeds) > 0; got != tt.wantEmbeds {
				t.Errorf("embeds: %d, want some: %v", len(resp.Data.Embeds), tt.wantEmbeds)
			}
			for _, w := range tt.wantIDs {
				if idWithPrefix(resp.Data, w) == "" {
					t.Errorf("no custom id %q… in %v", w, customIDs(resp.Data))
				}
			}
			for _, w := range tt.wantNoIDs {
				if id := idWithPrefix(resp.Data, w); id != "" {
					t.Errorf("unexpected custom id %q", id)
				}
			}
		})
	}
}

func TestAskPassesFilters(t *testing.T) {
	f := newFixture(t, nil)
	f.interact(t, slashJSON("ask", opt{"question", " Ukraine \n sovereignty "}, opt{"speaker", "Blinken"}, opt{"transcript", "geneva"}))
	f.ask.mu.Lock()
	defer f.ask.mu.Unlock()
	if len(f.ask.asked) != 1 {
		t.Fatalf("asked %d times, want 1", len(f.ask.asked))
	}
	got, want := f.ask.asked[0], retrieval.Query{Question: "Ukraine sovereignty", K: 3, Speaker: "Blinken", Transcript: "geneva"}
	if got != want {
		t.Errorf("query %+v, want %+v", got, want)
	}
}

// TestQuotesNeverCut gives the bot quotes too long to fit together and
// checks each one shown is whole, and the rest come with More quotes.
func TestQuotesNeverCut(t *testing.T) {
	long := func(n int, seed string) string {
		var sb strings.Builder
		for sb.Len() < n {
			sb.WriteString(seed + " ")
		}
		return strings.TrimSpace(sb.String())
	}
	quotes := []string{
		long(1500, "We stand *firmly* with_Ukraine."),
		long(2500, "Diplomacy @everyone and dialogue."),
		long(2000, "Massive consequences."),
		long(5000, "Too long for one embed."),
		"Short and sweet.",
	}
	f := newFixture(t, nil)
	p := f.lib.passages[0]
	f.ask.answer = func(q retrieval.Query) retrieval.Answer {
		a := retrieval.Answer{Question: q.Question}
		for _, s := range quotes[:min(q.K, len(quotes))] {
			a.Quotes = append(a.Quotes, quoteOf(p, s))
		}
		return a
	}
	seen := 0
	data := f.interact(t, slashJSON("ask", opt{"question", "consequences"})).Data
	for page := 0; page < 6; page++ {
		for _, e := range data.Embeds {
			got := unblockquote(e.Description)
			if strings.HasPrefix(e.Description, "This quote is") {
				if quotes[seen] != quotes[3] {
					t.Errorf("quote %d replaced by a notice, but it fits", seen)
				}
			} else if got != quotes[seen] {
				t.Errorf("page %d: quote %d shown as %.80q…, want it whole", page, seen, got)
			}
			seen++
		}
		more := idWithPrefix(data, "more:")
		if more == "" {
			break
		}
		data = f.interact(t, componentJSON(more, data)).Data
	}
	if seen != len(quotes) {
		t.Errorf("saw %d quotes over the pages, want %d", seen, len(quotes))
	}
}

func TestButtons(t *testing.T) {
	f := newFixture(t, nil)
	answer := f.interact(t, slashJSON("ask", opt{"question", "What did Andrea Mitchell ask about hysterical rhetoric and Russia?"})).Data
	if len(answer.Embeds) == 0 {
		t.Fatal("no quotes to click on")
	}

	t.Run("more quotes", func(t *testing.T) {
		resp := f.interact(t, componentJSON(idWithPrefix(answer, "more:"), answer))
		if got, want := resp.Type, discordgo.InteractionResponseUpdateMessage; got != want {
			t.Fatalf("type %d, want %d", got, want)
		}
		if resp.Data.Flags != 0 {
			t.Errorf("update sets flags %d; an update may not", resp.Data.Flags)
		}
		if idWithPrefix(resp.Data, "pub:") == "" {
			t.Error("the ephemeral answer's next page lost Post publicly")
		}
		if !strings.HasPrefix(resp.Data.Content, "**Question:** What did Andrea Mitchell") {
			t.Errorf("content %q lost the question", resp.Data.Content)
		}
		if len(resp.Data.Embeds) == 0 || !strings.HasPrefix(resp.Data.Embeds[0].Footer.Text, "#4") {
			t.Errorf("second page does not start at #4: %+v", resp.Data.Embeds)
		}
	})
	t.Run("tampered query", func(t *testing.T) {
		msg := *answer
		msg.Content = strings.Replace(msg.Content, "Mitchell", "Mitchel", 1)
		resp := f.interact(t, componentJSON(idWithPrefix(answer, "more:"), &msg))
		if resp.Data.Content != msgExpired {
			t.Errorf("content %q, want %q", resp.Data.Content, msgExpired)
		}
	})
	t.Run("show context", func(t *testing.T) {
		id := idWithPrefix(answer, "ctx:")
		resp := f.interact(t, componentJSON(id, answer))
		p, _ := f.lib.Passage(strings.TrimPrefix(id, "ctx:"))
		if resp.Data.Flags != discordgo.MessageFlagsEphemeral {
			t.Errorf("flags %d, want ephemeral", resp.Data.Flags)
		}
		found := false
		for _, e := range resp.Data.Embeds {
			got := unblockquote(e.Description)
			// Whole, or whole paragraphs with the cut marked.
			if got == p.Text || strings.HasSuffix(got, "\n…") && strings.HasPrefix(p.Text, strings.TrimSuffix(got, "\n…")) && strings.HasPrefix(p.Text[len(got)-len("\n…"):], "\n\n") {
				found = true
			}
		}
		if !found {
			t.Errorf("context does not show passage %s (whole or by whole paragraphs)", p.ID)
		}
	})
	t.Run("copy citation", func(t *testing.T) {
		resp := f.interact(t, componentJSON(idWithPrefix(answer, "cite:0:"), answer))
		c := resp.Data.Content
		for _, w := range []string{"```", "“" + strings.Join(strings.Fields(unblockquote(answer.Embeds[0].Description)), " ") + "”", "2022-01-21", "Press Availability", "#:~:text="} {
			if !strings.Contains(c, w) {
				t.Errorf("citation %q lacks %q", c, w)
			}
		}
	})
	t.Run("copy citation of a whole passage", func(t *testing.T) {
		var p retrieval.Passage
		for _, c := range f.lib.passages {
			if n := textLen(c.Text); n > 2000 && n < 3500 {
				p = c
			}
		}
		resp := f.interact(t, componentJSON(fmt.Sprintf("cite:0:%s", p.ID), nil))
		if len(resp.Data.Embeds) != 1 || !strings.Contains(resp.Data.Embeds[0].Description, strings.Join(strings.Fields(p.Text), " ")) {
			t.Errorf("citation of %s does not carry its words whole: %+v", p.ID, resp.Data)
		}
	})
	t.Run("copy citation of a passage too long to quote", func(t *testing.T) {
		p := f.lib.passages[3]
		resp := f.interact(t, componentJSON(fmt.Sprintf("cite:0:%s", p.ID), nil))
		want := "```\nSecretary Antony J. Blinken, in answer to Andrea Mitchell, " + p.Title + ", 2022-01-21. " + p.SourceURL + "\n```"
		if textLen(p.Text) < maxDescription || resp.Data.Content != want {
			t.Errorf("citation %q, want %q", resp.Data.Content, want)
		}
	})
	t.Run("post publicly", func(t *testing.T) {
		resp := f.interact(t, componentJSON(idWithPrefix(answer, "pub:"), answer))
		if resp.Data.Flags != 0 {
			t.Errorf("flags %d, want public", resp.Data.Flags)
		}
		if idWithPrefix(resp.Data, "pub:") != "" {
			t.Error("public copy still offers Post publicly")
		}
		if got, want := len(resp.Data.Embeds), len(answer.Embeds); got != want {
			t.Errorf("%d embeds, want %d", got, want)
		}
	})
	t.Run("feedback", func(t *testing.T) {
		up := f.interact(t, componentJSON(idWithPrefix(answer, "fb:up:"), answer))
		if !strings.Contains(up.Data.Content, "Thanks") {
			t.Errorf("👍 reply %q", up.Data.Content)
		}
		down := f.interact(t, componentJSON(idWithPrefix(answer, "fb:down:"), answer))
		menu := idWithPrefix(down.Data, "fbr:")
		if menu == "" {
			t.Fatalf("👎 offers no reasons: %v", customIDs(down.Data))
		}
		why := f.interact(t, componentJSON(menu, down.Data, "wrong_speaker"))
		if why.Type != discordgo.InteractionResponseUpdateMessage || !strings.Contains(why.Data.Content, "wrong speaker") {
			t.Errorf("reason reply %d %q", why.Type, why.Data.Content)
		}
		recs := readFeedback(t, f.bot.cfg.FeedbackPath)
		if len(recs) != 3 {
			t.Fatalf("%d feedback lines, want 3: %+v", len(recs), recs)
		}
		if recs[0].Vote != "up" || recs[0].Question == "" || len(recs[0].Passages) == 0 {
			t.Errorf("👍 record %+v", recs[0])
		}
		if recs[2].Vote != "down" || recs[2].Reason != "wrong_speaker" || recs[2].Message != "m-answer" || recs[2].QueryHash != recs[1].QueryHash {
			t.Errorf("reason record %+v", recs[2])
		}
	})
}

func readFeedback(t *testing.T, path string) []feedbackRecord {
	t.Helper()
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	var out []feedbackRecord
	sc := bufio.NewScanner(file)
	for sc.Scan() {
		var r feedbackRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("feedback line %q: %v", sc.Text(), err)
		}
		out = append(out, r)
	}
	return out
}

func TestAutocomplete(t *testing.T) {
	f := newFixture(t, nil)
	many := &fakeLibrary{byID: map[string]retrieval.Passage{}}
	tr := retrieval.Transcript{ID: "t-many", Title: "Many voices"}
	for i := 0; i < 60; i++ {
		tr.Speakers = append(tr.Speakers, "Speaker "+strings.Repeat("x", i%7)+string(rune('A'+i%26))+string(rune('a'+i/26)))
	}
	many.transcripts = []retrieval.Transcript{tr}
	bm, err := New(Config{RateLimit: RateLimit{Burst: -1}, Session: f.session}, &fakeAsker{lib: many}, nil, many)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		bot    *Bot
		raw    []byte
		want   string // a choice value expected
		wantN  int    // -1: any number ≥ 1
		filter string
	}{
		{"speaker prefix", f.bot, autocompleteJSON("ask", "speaker", opt{"question", "x"}, opt{"speaker", "secr"}), "Secretary Antony J. Blinken", -1, "secr"},
		{"speaker inside", f.bot, autocompleteJSON("ask", "speaker", opt{"speaker", "BLINK"}), "Secretary Antony J. Blinken", 1, "blink"},
		{"speaker none", f.bot, autocompleteJSON("ask", "speaker", opt{"speaker", "zzz"}), "", 0, "zzz"},
		{"transcript by title", f.bot, autocompleteJSON("quote", "transcript", opt{"transcript", "press avail"}), "000_01099bf36f92e5c9", 1, ""},
		{"at most 25", bm, autocompleteJSON("ask", "speaker", opt{"speaker", ""}), "", 25, ""},
		{"filtered among many", bm, autocompleteJSON("ask", "speaker", opt{"speaker", "xxxxxx"}), "", -1, "xxxxxx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := tt.bot.handle(t.Context(), f.session, decode(t, tt.raw)).first
			if resp.Type != discordgo.InteractionApplicationCommandAutocompleteResult {
				t.Fatalf("type %d, want 8", resp.Type)
			}
			cs := resp.Data.Choices
			if tt.wantN >= 0 && len(cs) != tt.wantN {
				t.Errorf("%d choices, want %d", len(cs), tt.wantN)
			}
			if tt.wantN < 0 && (len(cs) == 0 || len(cs) > maxChoices) {
				t.Errorf("%d choices, want 1 to 25", len(cs))
			}
			found := tt.want == ""
			for _, c := range cs {
				if c.Value == tt.want {
					found = true
				}
				if tt.filter != "" && !strings.Contains(strings.ToLower(c.Name), tt.filter) {
					t.Errorf("choice %q does not match %q", c.Name, tt.filter)
				}
				if textLen(c.Name) > maxChoiceLen || len(c.Value.(string)) > maxChoiceLen {
					t.Errorf("choice %q over 100 characters", c.Name)
				}
			}
			if !found {
				t.Errorf("choices %v lack %q", cs, tt.want)
			}
			raw, _ := json.Marshal(resp)
			if !strings.Contains(string(raw), `"type":8`) {
				t.Errorf("autocomplete response %s", raw)
			}
		})
	}
}

func TestOtherCommands(t *testing.T) {
	f := newFixture(t, nil)
	said := "We stand firmly with Ukraine in support of its sovereignty and territorial integrity."
	tests := []struct {
		name string
		raw  []byte
		want []string // in content or an embed's title, description or fields
	}{
		{"verify verbatim", slashJSON("verify", opt{"claim", said}), []string{"✅", "Secretary Antony J. Blinken", "firmly with Ukraine"}},
		{"verify not found", slashJSON("verify", opt{"claim", "I love zebras"}), []string{"❌ Not found"}},
		{"verify empty", slashJSON("verify", opt{"claim", ""}), []string{"Please include a claim"}},
		{"verify too short", slashJSON("verify", opt{"claim", "the"}), []string{msgClaimTooShort}},
		{"context", slashJSON("context", opt{"passage", f.lib.passages[3].ID}), []string{"This passage", "Before", "After"}},
		{"context unknown", slashJSON("context", opt{"passage", "nope"}), []string{"couldn't find that passage"}},
		{"speakers", slashJSON("speakers"), []string{"Secretary Antony J. Blinken", "Ned Price"}},
		{"speakers of a transcript", slashJSON("speakers", opt{"transcript", "press availability"}), []string{"Secretary Antony J. Blinken, Ned Price"}},
		{"speakers no match", slashJSON("speakers", opt{"transcript", "zzz"}), []string{"No transcript matches"}},
		{"transcripts", slashJSON("transcripts"), []string{"[Secretary Antony J. Blinken at a Press Availability", "2022-01-21", "passages"}},
		{"unknown command", slashJSON("dance"), []string{msgUnknown}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := f.interact(t, tt.raw)
			text := everything(resp.Data)
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("reply lacks %q:\n%s", w, text)
				}
			}
			if resp.Data.Flags != discordgo.MessageFlagsEphemeral {
				t.Errorf("flags %d, want ephemeral", resp.Data.Flags)
			}
		})
	}
}

// everything is a message's visible text, for searching.
func everything(d *discordgo.InteractionResponseData) string {
	var sb strings.Builder
	sb.WriteString(d.Content + "\n")
	for _, e := range d.Embeds {
		sb.WriteString(e.Title + "\n" + e.Description + "\n")
		if e.Author != nil {
			sb.WriteString(e.Author.Name + "\n")
		}
		if e.Footer != nil {
			sb.WriteString(e.Footer.Text + "\n")
		}
		for _, fl := range e.Fields {
			sb.WriteString(fl.Name + ": " + fl.Value + "\n")
		}
	}
	return unescapeMarkdown(sb.String())
}

func TestRateLimitAndAllowlist(t *testing.T) {
	t.Run("rate limit", func(t *testing.T) {
		f := newFixture(t, func(c *Config) { c.RateLimit = RateLimit{Burst: 2, Every: time.Hour} })
		for n := 0; n < 2; n++ {
			if resp := f.interact(t, slashJSON("ask", opt{"question", ukraine})); len(resp.Data.Embeds) == 0 {
				t.Fatalf("ask %d refused: %q", n, resp.Data.Content)
			}
		}
		resp := f.interact(t, slashJSON("ask", opt{"question", ukraine}))
		if !strings.Contains(resp.Data.Content, "faster than I can keep up") || resp.Data.Flags != discordgo.MessageFlagsEphemeral {
			t.Errorf("third ask: %q flags %d", resp.Data.Content, resp.Data.Flags)
		}
	})
	t.Run("allowlist", func(t *testing.T) {
		f := newFixture(t, func(c *Config) { c.AllowedGuilds = []string{"g2"} })
		resp := f.interact(t, slashJSON("ask", opt{"question", ukraine}))
		if resp.Data.Content != msgNotAllowed {
			t.Errorf("content %q, want %q", resp.Data.Content, msgNotAllowed)
		}
		f = newFixture(t, func(c *Config) { c.AllowedGuilds, c.AllowedChannels = []string{"g1"}, []string{"c1"} })
		if resp := f.interact(t, slashJSON("ask", opt{"question", ukraine})); len(resp.Data.Embeds) == 0 {
			t.Errorf("allowed channel refused: %q", resp.Data.Content)
		}
	})
	t.Run("asker fails kindly", func(t *testing.T) {
		f := newFixture(t, nil)
		f.ask.err = errors.New("index file corrupt at /var/lib/onrecord: checksum 0xdeadbeef")
		resp := f.interact(t, slashJSON("ask", opt{"question", ukraine}))
		if resp.Data.Content != msgTrouble {
			t.Errorf("content %q, want %q", resp.Data.Content, msgTrouble)
		}
	})
}

// TestSaysWhoseWordsTheyAreNot: when the quotes are not the words of the
// speaker the question asks about, the reply says so above them.
func TestSaysWhoseWordsTheyAreNot(t *testing.T) {
	f := newFixture(t, nil)
	p := f.lib.passages[0]
	f.ask.answer = func(q retrieval.Query) retrieval.Answer {
		return retrieval.Answer{Question: q.Question, Quotes: []retrieval.Quote{quoteOf(p, "Massive consequences.")}, Unquoted: "President Biden"}
	}
	data := f.interact(t, slashJSON("ask", opt{"question", "What did Biden say about consequences?"})).Data
	if !strings.Contains(data.Content, "These quotes are not President Biden's") {
		t.Errorf("content %q does not say whose words the quotes are not", data.Content)
	}
	if len(data.Embeds) != 1 {
		t.Errorf("%d embeds, want the quote", len(data.Embeds))
	}
}

// TestNothingToLookFor: a question that names nothing is told so, not
// that the transcripts lack it.
func TestNothingToLookFor(t *testing.T) {
	f := newFixture(t, nil)
	f.ask.answer = func(q retrieval.Query) retrieval.Answer {
		return retrieval.Answer{Question: q.Question, Abstained: true, Answer: retrieval.NothingToLookFor}
	}
	data := f.interact(t, slashJSON("ask", opt{"question", "Where?"})).Data
	if !strings.Contains(data.Content, "names nothing to look for") || strings.Contains(data.Content, "Not in the transcripts") {
		t.Errorf("content %q, want only that the question names nothing", data.Content)
	}
}

// TestAskClaimNotMade: "Did Blinken say X?" where he did not shows the
// claim's verdict and the closest passages, saying once that they are
// not an answer.
func TestAskClaimNotMade(t *testing.T) {
	f := newFixture(t, nil)
	p := f.lib.Passages()[0]
	f.ask.answer = func(q retrieval.Query) retrieval.Answer {
		return retrieval.Answer{Question: q.Question, Abstained: true,
			Answer:      "No transcript has Blinken saying that in so many words. The closest passages are below.",
			ClosestSaid: true,
			Closest:     []retrieval.Quote{{Text: p.Text, Speaker: p.Speaker, PassageID: p.ID, Transcript: p.Title, Date: p.Date}}}
	}
	resp := f.interact(t, slashJSON("ask", opt{"question", "Did Blinken say NATO would send troops to Ukraine?"}))
	c := resp.Data.Content
	if !strings.Contains(c, "**Not in the transcripts.** No transcript has Blinken saying that") {
		t.Errorf("content %q, want the claim's verdict", c)
	}
	if n := strings.Count(strings.ToLower(c), "passages are below"); n != 1 {
		t.Errorf("content %q says %d times that passages are below, want once", c, n)
	}
	if len(resp.Data.Embeds) == 0 {
		t.Error("no closest passages shown")
	}
}
