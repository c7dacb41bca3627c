package ingest

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

var (
	urlRE      = regexp.MustCompile(`https?://[^\s<>"')\]]+`)
	isoDateRE  = regexp.MustCompile(`\b(19|20)\d\d-[01]\d-[0-3]\d\b`)
	longDateRE = regexp.MustCompile(`\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+([0-3]?\d),?\s+((?:19|20)\d\d)\b`)
	dayFirstRE = regexp.MustCompile(`\b([0-3]?\d)\s+(January|February|March|April|May|June|July|August|September|October|November|December)\s+((?:19|20)\d\d)\b`)
	timeLineRE = regexp.MustCompile(`(?i)^\(?\s*\d{1,2}:\d{2}(?::\d{2})?\s*([ap]\.?\s?m\.?)?\s*([A-Z]{2,4}T?|local|local time)?\s*\)?\.?$`)
)

var months = map[string]time.Month{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

// findDate returns the first date written in s as YYYY-MM-DD, or "".
func findDate(s string) string {
	if m := isoDateRE.FindString(s); m != "" {
		return m
	}
	if m := longDateRE.FindStringSubmatch(s); m != nil {
		return dateFromParts(m[3], m[1], m[2])
	}
	if m := dayFirstRE.FindStringSubmatch(s); m != nil {
		return dateFromParts(m[3], m[2], m[1])
	}
	return ""
}

func dateFromParts(year, month, day string) string {
	mon := months[strings.ToLower(month[:3])]
	if strings.HasPrefix(strings.ToLower(month), "sept") {
		mon = 9
	}
	var y, d int
	if _, err := fmt.Sscan(year, &y); err != nil {
		return ""
	}
	if _, err := fmt.Sscan(day, &d); err != nil || d < 1 || d > 31 || mon == 0 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, mon, d)
}

// normaliseDate turns the dates front matter and flags carry ("2022-02-08",
// "2022-02-08 18:53:45-05:00", "February 8, 2022") into YYYY-MM-DD.
func normaliseDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	return findDate(s)
}

// isTimeLine reports whether s is a clock time on its own ("2:41 P.M. EST").
func isTimeLine(s string) bool {
	return timeLineRE.MatchString(strings.TrimSpace(s))
}
