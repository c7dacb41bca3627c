package ingest

import (
	"errors"
	"regexp"
	"testing"
)

// fuzzDocument runs parse on data decoded as Parse decodes it and checks
// that it returns a well-formed document or ErrNoText, never panicking.
func fuzzDocument(t *testing.T, data []byte, parse func(string) (*Document, error)) {
	text, _, err := decode(data)
	if err != nil {
		return
	}
	doc, err := parse(text)
	if err != nil {
		if !errors.Is(err, ErrNoText) {
			t.Fatalf("error %v, want nil or ErrNoText", err)
		}
		if doc != nil {
			t.Fatal("a document with an error")
		}
		return
	}
	checkDocument(t, doc)
	if doc.Date != "" && !fuzzDateRE.MatchString(doc.Date) {
		t.Fatalf("date %q is not YYYY-MM-DD", doc.Date)
	}
}

var fuzzDateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

func FuzzParseVTT(f *testing.F) {
	f.Add([]byte("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann>Hello <i>there</i>.\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzDocument(t, data, parseVTT) })
}

func FuzzParseSRT(f *testing.F) {
	f.Add([]byte("1\n00:00:01,000 --> 00:00:02,000\nHello <i>there</i>.\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzDocument(t, data, parseSRT) })
}

func FuzzParseExport(f *testing.F) {
	f.Add([]byte("[Ann] 10:00:00\nHi.\n\nBob  0:04\nHello.\n\nCy (00:09): Bye.\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzDocument(t, data, parseExport) })
}

func FuzzParseHearing(f *testing.F) {
	f.Add([]byte("TITLE\n\n    Mr. Shays. Hello gov-\nernment.\n    [GRAPHIC] [TIFF OMITTED] T1\n    Dr. Kizer. Yes.\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzDocument(t, data, parseHearing) })
}

func FuzzParseHTML(f *testing.F) {
	f.Add([]byte("<p><strong>MR PRICE:</strong> Pam &#8212; go.</p><pre>\n    Mr. A. b\n</pre>"))
	f.Add([]byte("<item><title>T</title><description><![CDATA[<p>x</p>]]></description></item>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		text, _, err := decode(data)
		if err != nil {
			return
		}
		p, err := parseHTML(text)
		if err != nil {
			if !errors.Is(err, ErrNoText) && p != (page{}) {
				t.Fatalf("error %v with a page", err)
			}
			return
		}
		if p.Text == "" {
			t.Fatal("no text without an error")
		}
		if p.Date != "" && !fuzzDateRE.MatchString(p.Date) {
			t.Fatalf("date %q is not YYYY-MM-DD", p.Date)
		}
		if p.Title != oneSpaced(p.Title) {
			t.Fatalf("title %q not single-spaced", p.Title)
		}
	})
}
