package bot

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestEscapeMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain words", "plain words"},
		{"@everyone look", `\@everyone look`},
		{"<@123> and <#456>", `\<\@123\> and \<\#456\>`},
		{"**bold** _it_ ~~x~~ `code` ||spoiler||", `\*\*bold\*\* \_it\_ \~\~x\~\~ \` + "`code\\`" + ` \|\|spoiler\|\|`},
		{"# heading\n- item\n> quote", "\\# heading\n\\- item\n\\> quote"},
		{"[link](https://x.y)", `\[link\]\(https\://x.y\)`},
		{`back\slash`, `back\\slash`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := escapeMarkdown(tt.in)
			if got != tt.want {
				t.Errorf("escapeMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if back := unescapeMarkdown(got); back != tt.in {
				t.Errorf("unescape gives %q, want %q", back, tt.in)
			}
		})
	}
}

func FuzzEscapeRoundTrip(f *testing.F) {
	for _, s := range []string{"", "@everyone", `\*`, "a\\", "> x\n\n> y", "…", "Q: what?\n**A**"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		if got := unescapeMarkdown(escapeMarkdown(s)); got != s {
			t.Errorf("round trip of %q gives %q", s, got)
		}
		text := strings.ReplaceAll(s, "\r", "")
		lines := strings.Split(text, "\n")
		for k := range lines {
			lines[k] = strings.TrimRight(lines[k], " \t")
		}
		text = strings.Join(lines, "\n")
		if got := unblockquote(blockquote(text)); got != text {
			t.Errorf("blockquote round trip of %q gives %q", text, got)
		}
	})
}

func FuzzHeaderRoundTrip(f *testing.F) {
	f.Add("What did she say about Iran?", "Blinken", "")
	f.Add("**Question:** nested", "", "geneva\\")
	f.Add("a\nb", "x\ny", "")
	f.Fuzz(func(t *testing.T, question, speaker, transcript string) {
		q := query{mode: modeAsk, question: question, speaker: speaker, transcript: transcript}
		if q.invalid() != "" {
			return
		}
		got, ok := parseHeader(q.header())
		if !ok || got != q {
			t.Errorf("header of %+v reads back as %+v (%v)", q, got, ok)
		}
		if got.hash() != q.hash() {
			t.Error("hash changed")
		}
	})
}

func TestShorten(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"short", 10, "short"},
		{"one two three four", 12, "one two …"},
		{"one two three four", 18, "one two three four"},
		{"unbreakable", 5, "…"},
		{"a  b   c d e f", 8, "a  b …"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := shorten(tt.in, tt.max)
			if got != tt.want {
				t.Errorf("shorten(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
			if textLen(got) > tt.max {
				t.Errorf("%q is over %d", got, tt.max)
			}
		})
	}
}

func TestSourceLink(t *testing.T) {
	page := "https://www.state.gov/briefing/"
	tests := []struct {
		name, url, quote, want string
	}{
		{"web page", page, "We stand firmly with Ukraine, in support of its sovereignty and more.",
			page + "#:~:text=We%20stand%20firmly%20with%20Ukraine%2C%20in%20support%20of"},
		{"cut at the start", page, "… de-escalate & reduce … later", page + "#:~:text=de%2Descalate%20%26%20reduce"},
		{"curly apostrophe", page, "we’re not", page + "#:~:text=we%E2%80%99re%20not"},
		{"trailing punctuation", page, "Thank you.", page + "#:~:text=Thank%20you"},
		{"pdf", "https://x.gov/t.pdf", "words", "https://x.gov/t.pdf"},
		{"vtt", "https://x.org/captions.vtt", "words", "https://x.org/captions.vtt"},
		{"has a fragment", page + "#top", "words", page + "#top"},
		{"not http", "ftp://x.gov/t", "words", ""},
		{"local path", "/data/t.txt", "words", ""},
		{"none", "", "words", ""},
		{"no quote", page, "", page},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sourceLink(tt.url, tt.quote); got != tt.want {
				t.Errorf("sourceLink(%q, %q) = %q, want %q", tt.url, tt.quote, got, tt.want)
			}
		})
	}
}

func TestFitText(t *testing.T) {
	paras := []string{strings.Repeat("alpha ", 100), strings.Repeat("beta ", 100), strings.Repeat("gamma ", 100)}
	for k := range paras {
		paras[k] = strings.TrimSpace(paras[k])
	}
	text := strings.Join(paras, "\n\n")
	tests := []struct {
		name string
		max  int
		want string // unblockquoted
	}{
		{"whole", 4096, text},
		{"two paragraphs", 1200, paras[0] + "\n\n" + paras[1] + "\n…"},
		{"words", 300, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := fitText(text, tt.max)
			if textLen(s) > tt.max {
				t.Errorf("%d characters, over %d", textLen(s), tt.max)
			}
			got := unblockquote(s)
			if tt.want != "" && got != tt.want {
				t.Errorf("got %.60q…, want %.60q…", got, tt.want)
			}
			if tt.want == "" && (!strings.HasPrefix(text, strings.TrimSuffix(got, " …")) || !strings.HasSuffix(got, "alpha …")) {
				t.Errorf("word cut %q", got)
			}
		})
	}
}

func TestLimiter(t *testing.T) {
	now := time.Unix(0, 0)
	l := newLimiter(RateLimit{Burst: 2, Every: 10 * time.Second}, func() time.Time { return now })
	steps := []struct {
		advance time.Duration
		user    string
		want    bool
	}{
		{0, "a", true}, {0, "a", true}, {0, "a", false}, {0, "b", true},
		{5 * time.Second, "a", false}, {5 * time.Second, "a", true}, {0, "a", false},
		{time.Hour, "a", true}, {0, "a", true}, {0, "a", false},
	}
	for k, s := range steps {
		now = now.Add(s.advance)
		wait, got := l.allow(s.user)
		if got != s.want {
			t.Errorf("step %d: allow(%s) = %v, want %v", k, s.user, got, s.want)
		}
		if !got && (wait <= 0 || wait > 10*time.Second) {
			t.Errorf("step %d: wait %v", k, wait)
		}
	}
	off := newLimiter(RateLimit{Burst: -1}, time.Now)
	for range 100 {
		if _, ok := off.allow("a"); !ok {
			t.Fatal("disabled limiter refused")
		}
	}
}
