package verify

import (
	"strings"
	"unicode/utf8"
)

// The words of the index are runs of letters and digits, so "$22.5" is the
// two words "22" and "5", and "COVID-19" is "covid" and "19". People read
// such a figure or compound as one: the differences show each whole, with
// its currency sign and per cent sign, and never cut one in two.

// unitJoiners are the characters that, alone between two words with no
// space, make them one unit: "22.5", "1,000", "9/11", "2:30", "COVID-19".
const unitJoiners = ".,:/-‑–"

// unitPrefix and unitSuffix are the signs that belong to the figure they
// stand against: "$22.5", "50%".
const (
	unitPrefix = "$€£¥"
	unitSuffix = "%"
)

// units groups the words of s at the byte spans offs into units. It returns,
// for each word, the byte span of its unit (signs included) and the index of
// the unit's first word.
func units(s string, offs [][2]int) (spans [][2]int, first []int) {
	spans = make([][2]int, len(offs))
	first = make([]int, len(offs))
	for k := 0; k < len(offs); {
		end := k + 1
		for end < len(offs) && joined(s, offs[end-1][1], offs[end][0]) {
			end++
		}
		span := [2]int{offs[k][0], offs[end-1][1]}
		if figure(s[offs[k][0]:offs[k][1]]) {
			for span[0] > 0 {
				r, size := utf8.DecodeLastRuneInString(s[:span[0]])
				if !strings.ContainsRune(unitPrefix, r) {
					break
				}
				span[0] -= size
			}
		}
		if figure(s[offs[end-1][0]:offs[end-1][1]]) && strings.HasPrefix(s[span[1]:], unitSuffix) {
			span[1] += len(unitSuffix)
		}
		for i := k; i < end; i++ {
			spans[i], first[i] = span, k
		}
		k = end
	}
	return spans, first
}

// joined reports whether the gap s[end:start] between two words joins them
// into one unit: a single joiner between them.
func joined(s string, end, start int) bool {
	r, size := utf8.DecodeRuneInString(s[end:start])
	return size > 0 && end+size == start && strings.ContainsRune(unitJoiners, r)
}

// figure reports whether word starts with a digit.
func figure(word string) bool {
	return word != "" && '0' <= word[0] && word[0] <= '9'
}
