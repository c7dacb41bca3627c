package ingest

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseHTML(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		paras []string
		title string
		date  string
		url   string
	}{
		{
			name: "label colon inside or outside strong, entities, NBSP",
			in: "<html><body><p><strong>SECRETARY BLINKEN:\u00a0 </strong>Good afternoon &#8212; everyone.</p>" +
				"<p><strong>MR PRICE</strong>:\u00a0Pam, go ahead.</p><p><b>QUESTION:</b></p><p>Thank you.</p>" +
				"<p><b>Note</b> that bold text is not a label.</p></body></html>",
			paras: []string{"SECRETARY BLINKEN:  Good afternoon — everyone.", "MR PRICE:  Pam, go ahead.", "QUESTION:  Thank you.", "Note that bold text is not a label."},
		},
		{
			name: "page chrome and scripts dropped, blocks become paragraphs",
			in: "<!DOCTYPE html><html><head><title>Briefing | Agency</title><style>p{}</style></head><body>" +
				"<header>Site menu</header><nav><a href=/>Home</a></nav><script>var x = 1;</script>" +
				"<article><h1>Press Briefing</h1><p>First line<br>second line</p><ul><li>one</li><li>two</li></ul>" +
				"<div>A <em>div</em> <a href='#'>block</a>.</div></article><aside>Related</aside><footer>Copyright</footer></body></html>",
			paras: []string{"Press Briefing", "First line", "second line", "one", "two", "A div block."},
			title: "Briefing",
		},
		{
			name:  "pre keeps its lines and indentation",
			in:    "<html><title> - A HEARING</title><body><pre>\nA HEARING\n\n    Mr. Shays. Hello &amp; welcome.\nmore words   \n</pre></body></html>",
			paras: []string{"A HEARING\n\n    Mr. Shays. Hello & welcome.\nmore words"},
			title: "A HEARING",
		},
		{
			name: "metadata from meta tags",
			in: `<html><head><meta property="og:title" content="The Real Title"><title>Other</title>` +
				`<link rel="canonical" href="https://example.gov/briefing/"><meta property="article:published_time" content="2022-02-12T16:10:51+00:00"></head>` +
				`<body><p>Words.</p></body></html>`,
			paras: []string{"Words."},
			title: "The Real Title",
			date:  "2022-02-12",
			url:   "https://example.gov/briefing/",
		},
		{
			name:  "og:url, time element",
			in:    `<html><head><meta property="og:url" content="https://example.gov/x"></head><body><h1>Heading</h1><time datetime="2021-03-16">March 16</time><p>Words.</p></body></html>`,
			paras: []string{"Heading", "March 16", "Words."},
			title: "Heading",
			date:  "2021-03-16",
			url:   "https://example.gov/x",
		},
		{
			name:  "date in the text",
			in:    "<div><p>Washington, DC</p><p>June 2, 2022</p><p>Words.</p></div>",
			paras: []string{"Washington, DC", "June 2, 2022", "Words."},
			date:  "2022-06-02",
		},
		{
			name: "hearing page: label paragraph, bold label, buried GPO-style turn",
			in: "<p>Chairman HAMILTON.</p><p>Thank you very much.</p><p>More words.</p>" +
				"<br/><br/><strong>Mr. NIELDS</strong>: Colonel North, you left\nsomething out?\nMr. SULLIVAN. What is it, counsel?\n<br/><br/><strong>Mr. NORTH</strong>: No.",
			paras: []string{"Chairman HAMILTON:  Thank you very much.", "More words.", "Mr. NIELDS:  Colonel North, you left something out?", "Mr. SULLIVAN:  What is it, counsel?", "Mr. NORTH:  No."},
		},
		{
			name: "rss item with CDATA: content:encoded over description",
			in: "<item>\n<title>Secretary Blinken&#8217;s Remarks</title>\n<link>https://www.state.gov/remarks/</link>\n" +
				"<pubDate>Mon, 01 Aug 2022 20:34:39 +0000</pubDate>\n<description><![CDATA[<p>Short.</p>]]></description>\n" +
				"<content:encoded><![CDATA[<script>jQuery('p')</script><p><strong>MR PRICE:</strong>  Pam &#8212; go ahead.</p>]]></content:encoded>\n</item>",
			paras: []string{"MR PRICE:  Pam — go ahead."},
			title: "Secretary Blinken’s Remarks",
			date:  "2022-08-01",
			url:   "https://www.state.gov/remarks/",
		},
		{
			name: "rss feed with an escaped description",
			in: "<?xml version=\"1.0\"?>\n<rss><channel><title>Feed</title><link>https://feed/</link>" +
				"<item><title>Item</title><link>https://item/</link><pubDate>Sat, 12 Feb 2022 16:10:51 +0000</pubDate>" +
				"<description>&lt;p&gt;&lt;b&gt;MODERATOR:&lt;/b&gt; Good morning &amp;amp; welcome.&lt;/p&gt;</description></item></channel></rss>",
			paras: []string{"MODERATOR:  Good morning & welcome."},
			title: "Item",
			date:  "2022-02-12",
			url:   "https://item/",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := parseHTML(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Split(p.Text, "\n\n"); !reflect.DeepEqual(got, tt.paras) && !(len(tt.paras) == 1 && p.Text == tt.paras[0]) {
				t.Errorf("paragraphs %q, want %q", got, tt.paras)
			}
			if p.Title != tt.title {
				t.Errorf("title %q, want %q", p.Title, tt.title)
			}
			if p.Date != tt.date {
				t.Errorf("date %q, want %q", p.Date, tt.date)
			}
			if p.SourceURL != tt.url {
				t.Errorf("url %q, want %q", p.SourceURL, tt.url)
			}
		})
	}
}

func TestParseHTMLNoText(t *testing.T) {
	for _, in := range []string{
		"<html><body></body></html>",
		"<html><script>x()</script><nav>menu</nav></html>",
		"<item><title>T</title><description></description></item>",
	} {
		if _, err := parseHTML(in); !errors.Is(err, ErrNoText) {
			t.Errorf("parseHTML(%q) error %v, want ErrNoText", in, err)
		}
	}
}

func TestParseHTMLFiles(t *testing.T) {
	tests := []struct {
		file   string
		title  string
		date   string
		url    string
		paras  []string // paragraphs the text holds, each whole
		absent []string // strings that must not be in the text
		nParas int
		labels []string // "LABEL:  " starts, in order of first appearance
	}{
		{
			file:   "irancontra_1987_north-testimony_on-1.php.html",
			nParas: 20,
			labels: []string{"Mr. NIELDS", "Mr. NORTH", "Chairman INOUYE", "Mr. SULLIVAN"},
			paras: []string{
				"Mr. NIELDS:  Colonel North, you left something out, didn't you?",
				"Mr. SULLIVAN:  What is it, counsel?",
				"Chairman INOUYE:  Mr. Nields.",
				"Mr. NORTH:  Yes.",
			},
			absent: []string{"<strong>", "main2.css"},
		},
		{
			file:   "irancontra_1987_opening-statements_os-2.php.html",
			nParas: 20,
			labels: []string{"Chairman INOUYE", "Chairman HAMILTON"},
			paras: []string{
				"Chairman HAMILTON:  Thank you very much, Mr. Chairman, and we all thank you for a most eloquent and perceptive statement.",
				"This excessive secrecy led policy astray. A small number of officials made policy outside the democratic process.",
			},
			absent: []string{"INSERT TRANSCRIPT HERE", "Chairman HAMILTON.\n"},
		},
		{
			file:   "sd_2022-08-01_blinken-press-availability-23.rss-item.xml",
			title:  "Secretary Antony J. Blinken at a Press Availability",
			date:   "2022-08-01",
			url:    "https://www.state.gov/secretary-antony-j-blinken-at-a-press-availability-23/",
			nParas: 45,
			labels: []string{"SECRETARY BLINKEN", "MR PRICE", "QUESTION"},
			paras: []string{
				"Antony J. Blinken, Secretary of State",
				"MR PRICE:  Pam, go ahead.",
				"QUESTION:  Thank you so much Ned and thank you —",
				"QUESTION:  — Mr. Secretary. It’s Pamala Falk from CBS News.",
				"MR PRICE:  Reuters, Michelle.",
			},
			absent: []string{"jQuery", "&#8212;", "watermark", "<p>", "\u00a0"},
		},
		{
			file:   "sd_2022-02-12_senior-state-dept-official-ukraine.rss-item.xml",
			title:  "A Senior State Department Official On Our Diplomatic Presence in Ukraine",
			date:   "2022-02-12",
			url:    "https://www.state.gov/a-senior-state-department-official-on-our-diplomatic-presence-in-ukraine/",
			nParas: 66,
			labels: []string{"MODERATOR", "SENIOR STATE DEPARTMENT OFFICIAL", "OPERATOR", "QUESTION"},
			paras: []string{
				"Office of the Spokesperson",
				", take it away.",
			},
			absent: []string{"<b>", "CDATA"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p, err := parseHTML(readFormatFile(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if p.Title != tt.title || p.Date != tt.date || p.SourceURL != tt.url {
				t.Errorf("title, date, url = %q, %q, %q; want %q, %q, %q", p.Title, p.Date, p.SourceURL, tt.title, tt.date, tt.url)
			}
			paras := strings.Split(p.Text, "\n\n")
			if len(paras) != tt.nParas {
				t.Errorf("%d paragraphs, want %d", len(paras), tt.nParas)
			}
			var labels []string
			seen := map[string]bool{}
			for _, para := range paras {
				if strings.Replace(para, ":  ", ": ", 1) != oneSpaced(para) {
					t.Errorf("paragraph not single-spaced: %q", para)
				}
				if i := strings.Index(para, ":  "); i > 0 && !seen[para[:i]] {
					seen[para[:i]] = true
					labels = append(labels, para[:i])
				}
			}
			if !reflect.DeepEqual(labels, tt.labels) {
				t.Errorf("labels %q, want %q", labels, tt.labels)
			}
			set := map[string]bool{}
			for _, para := range paras {
				set[para] = true
			}
			for _, want := range tt.paras {
				if !set[want] {
					t.Errorf("no paragraph %q", want)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(p.Text, s) {
					t.Errorf("text holds %q", s)
				}
			}
		})
	}
}

// TestDetectHTML checks that parseText routes pages here.
func TestDetectHTML(t *testing.T) {
	for _, in := range []string{
		"<!-- saved from url=(0040)https://example.gov/ -->\n<html><body><p>MR PRICE:  Hello there.</p><p>QUESTION:  Hi.</p></body></html>",
		"<head><title>T</title></head><body><p>MR PRICE:  Hello there.</p></body>",
		"<?xml version=\"1.0\"?>\n<?xml-stylesheet href=\"a.xsl\"?>\n<rss><channel><item><title>T</title><description>&lt;p&gt;MR PRICE:  Hello there.&lt;/p&gt;</description></item></channel></rss>",
	} {
		doc, err := parseText("x", in)
		if err != nil {
			t.Errorf("parseText(%q): %v", in, err)
			continue
		}
		if doc.Format != "html" {
			t.Errorf("parseText(%q): format %q, want html", in, doc.Format)
		}
	}
}
