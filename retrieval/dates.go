package retrieval

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// questionDatesRE finds the dates a question names: "June 10, 2021",
// "10 June 2021", "May 2023", "in August of 2022".
var questionDatesRE = regexp.MustCompile(`(?i)\b(?:(\d{1,2})\s+)?(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?(?:\s+(\d{1,2})(?:st|nd|rd|th)?)?,?\s+(?:of\s+)?((?:19|20)\d\d)\b`)

// numericDatesRE finds a date written in figures: "2021-08-26", "2021-08"
// (as transcripts' dates are written), "8/26/2021" (as Americans write
// them).
var numericDatesRE = regexp.MustCompile(`\b(?:((?:19|20)\d\d)-(\d\d)(?:-(\d\d))?|(\d{1,2})/(\d{1,2})/((?:19|20)\d\d))\b`)

var monthNumber = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}

// questionDates returns the months ("2023-05") and days ("2021-06-10") a
// question names with their year, in the form transcripts' dates take.
func questionDates(question string) (months, days map[string]bool) {
	months, days = map[string]bool{}, map[string]bool{}
	for _, m := range questionDatesRE.FindAllStringSubmatch(question, -1) {
		mon := monthNumber[strings.ToLower(m[2])[:3]]
		if mon == 0 {
			continue
		}
		month := fmt.Sprintf("%s-%02d", m[4], mon)
		months[month] = true
		day := m[3]
		if day == "" {
			day = m[1]
		}
		if d, err := strconv.Atoi(day); err == nil && d >= 1 && d <= 31 {
			days[fmt.Sprintf("%s-%02d", month, d)] = true
		}
	}
	for _, m := range numericDatesRE.FindAllStringSubmatch(question, -1) {
		year, mon, day := m[1], m[2], m[3]
		if year == "" {
			year, mon, day = m[6], m[4], m[5]
		}
		mo, _ := strconv.Atoi(mon)
		if mo < 1 || mo > 12 {
			continue
		}
		month := fmt.Sprintf("%s-%02d", year, mo)
		months[month] = true
		if d, err := strconv.Atoi(day); err == nil && d >= 1 && d <= 31 {
			days[fmt.Sprintf("%s-%02d", month, d)] = true
		}
	}
	return months, days
}
