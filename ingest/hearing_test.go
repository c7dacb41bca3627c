package ingest

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// hearingSample is a small hearing in GPO layout.
const hearingSample = `[House Hearing, 105 Congress]
[From the U.S. Government Publishing Office]

WATER SAFETY: A REVIEW OF SCHOOL
                 TESTING PROGRAMS
=======================================================================

                                HEARING

                     DAN BURTON, Indiana, Chairman
BENJAMIN A. GILMAN, New York         HENRY A. WAXMAN, California

                            C O N T E N T S
Hearing held on March 4, 1998....................................     1

                       WEDNESDAY, MARCH 4, 1998

    The committee met, pursuant to notice, at 10 a.m.
    Mr. Shays. I call this hearing to order. The gov-
ernment has a duty here, and the government's now-
discredited tests are a ` + "``" + `serious concern.''
    We will hear from two witnesses and veterans.
    [GRAPHIC] [TIFF OMITTED] T8711.001
    
[[Page 2]]
    Mr. Shays. Dr. Kizer, welcome.

   STATEMENTS OF KENNETH W. KIZER, M.D., UNDER SECRETARY FOR 
                              HEALTH

    Dr. Kizer. Thank you. We test every school--
every one of them--each year among Gulf war veter-

ans and their families.
    [The prepared statement of Dr. Kizer follows:]
    This prepared text was inserted for the record.
    The Chairman. Thank you.
    Voice. Hear, hear.
    [Whereupon, at 4:37 p.m., the committee was 
adjourned.]
`

func TestParseHearing(t *testing.T) {
	doc, err := parseHearing(hearingSample)
	if err != nil {
		t.Fatal(err)
	}
	checkDocument(t, doc)
	if doc.Format != "hearing" {
		t.Errorf("format %q, want hearing", doc.Format)
	}
	if want := "WATER SAFETY: A REVIEW OF SCHOOL TESTING PROGRAMS"; doc.Title != want {
		t.Errorf("title %q, want %q", doc.Title, want)
	}
	if want := "1998-03-04"; doc.Date != want {
		t.Errorf("date %q, want %q", doc.Date, want)
	}
	var labels []string
	var paras [][]string
	for _, tu := range doc.Turns {
		labels = append(labels, tu.Label)
		paras = append(paras, tu.Paragraphs)
	}
	wantLabels := []string{"Mr. Shays", "Dr. Kizer", "The Chairman", "Voice"}
	wantParas := [][]string{
		{
			"I call this hearing to order. The government has a duty here, and the government's now-discredited tests are a ``serious concern.''",
			"We will hear from two witnesses and veterans.",
			"Dr. Kizer, welcome.",
		},
		{"Thank you. We test every school--every one of them--each year among Gulf war veterans and their families."},
		{"Thank you."},
		{"Hear, hear."},
	}
	if !reflect.DeepEqual(labels, wantLabels) {
		t.Errorf("labels %q, want %q", labels, wantLabels)
	}
	if !reflect.DeepEqual(paras, wantParas) {
		t.Errorf("paragraphs\n%q\nwant\n%q", paras, wantParas)
	}
	text := allText(doc)
	dropped := strings.Join(doc.Dropped, "\n")
	for _, s := range []string{
		"[GRAPHIC] [TIFF OMITTED] T8711.001",
		"STATEMENTS OF KENNETH W. KIZER",
		"[The prepared statement of Dr. Kizer follows:]",
		"This prepared text was inserted for the record.",
		"[Whereupon, at 4:37 p.m., the committee was adjourned.]",
		"DAN BURTON, Indiana, Chairman",
		"Hearing held on March 4, 1998....",
		"The committee met, pursuant to notice",
	} {
		if !strings.Contains(dropped, s) {
			t.Errorf("%q not dropped", s)
		}
		if strings.Contains(text, s) {
			t.Errorf("dropped %q is in a turn", s)
		}
	}
	if strings.Contains(text+dropped, "[[Page 2]]") {
		t.Error("page marker kept")
	}
}

func TestJoinHearingLines(t *testing.T) {
	words := map[string]int{"government": 3, "self-report": 1}
	tests := []struct {
		lines []string
		want  string
	}{
		{[]string{"the gov-", "ernment acts"}, "the government acts"},
		{[]string{"a now-", "discredited view"}, "a now-discredited view"},
		{[]string{"a day-to-", "day task"}, "a day-to-day task"},
		{[]string{"they self-", "report"}, "they self-report"},
		{[]string{"wait--", "no"}, "wait--no"},
		{[]string{"one", "two"}, "one two"},
		{[]string{"x -", "y"}, "x - y"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := joinHearingLines(tt.lines, words); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseHearingNoTurns(t *testing.T) {
	if _, err := parseHearing("HEARING\n\n    nothing said here.\n"); !errors.Is(err, ErrNoText) {
		t.Errorf("error %v, want ErrNoText", err)
	}
}

func TestParseHearingFile(t *testing.T) {
	const file = "govinfo_CHRG-105_gulf-war-syndrome_1997-01-21.html"
	doc, err := parseText(file, readFormatFile(t, file))
	if err != nil {
		t.Fatal(err)
	}
	checkDocument(t, doc)
	if doc.Format != "html" {
		t.Errorf("format %q, want html (a hearing inside a page)", doc.Format)
	}
	if want := "GULF WAR SYNDROME: TO EXAMINE NEW STUDIES SUGGESTING LINKS BETWEEN GULF SERVICE AND HIGHER RATES OF ILLNESSES"; doc.Title != want {
		t.Errorf("title %q, want %q", doc.Title, want)
	}
	if doc.Date != "1997-01-21" {
		t.Errorf("date %q, want 1997-01-21", doc.Date)
	}
	labels := labelsInOrder(doc)
	wantFirst := []string{"Mr. Shays", "Mr. Towns", "Mr. Sessions", "Mr. Sanders", "Mr. Gilman", "Ms. Ros-Lehtinen"}
	if len(labels) < len(wantFirst) || !reflect.DeepEqual(labels[:len(wantFirst)], wantFirst) {
		t.Errorf("first labels %q, want %q", labels, wantFirst)
	}
	if len(labels) != 22 {
		t.Errorf("%d labels, want 22: %q", len(labels), labels)
	}
	if got := len(doc.Turns); got != 597 {
		t.Errorf("%d turns, want 597", got)
	}
	text := allText(doc)
	for _, p := range []string{
		"I would like to call this hearing to order and to welcome our witnesses and our guests. In the last Congress, we convened six hearings to examine the Department of Veterans' Affairs, the VA, handling of the health complaints of Gulf war veterans. We did so because veterans consistently told us their evidence of toxic exposures was being minimized or ignored.",
		"Thank you, Mr. Chairman.",
	} {
		if !strings.Contains(text, p+"\n") {
			t.Errorf("no paragraph %q", p)
		}
	}
	for _, s := range []string{"Pentagon's now-discredited conclusions", "among Gulf war veterans will be considered", "``Excuse me.''"} {
		if !strings.Contains(text, s) {
			t.Errorf("text lacks %q", s)
		}
	}
	for _, s := range []string{"[GRAPHIC]", "TIFF OMITTED", "C O N T E N T S", ".......", "COMMITTEE ON GOVERNMENT REFORM AND OVERSIGHT", "[Witnesses sworn.]", "veter- ans", "veter-ans"} {
		if strings.Contains(text, s) {
			t.Errorf("%q is in a turn", s)
		}
	}
	graphics := 0
	for _, d := range doc.Dropped {
		if strings.HasPrefix(d, "[GRAPHIC]") {
			graphics++
		}
	}
	if graphics != 234 {
		t.Errorf("%d [GRAPHIC] lines dropped, want 234", graphics)
	}
}

func TestParseHearingCapitalsInATurn(t *testing.T) {
	in := "    Mr. Brown. NO, ABSOLUTELY NOT, SIR.\n    I said so before.\n    Mr. Shays. Thank you.\n"
	doc, err := parseHearing(in)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"NO, ABSOLUTELY NOT, SIR.", "I said so before."}, {"Thank you."}}
	var got [][]string
	for _, tu := range doc.Turns {
		got = append(got, tu.Paragraphs)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("paragraphs %q, want %q", got, want)
	}
}
