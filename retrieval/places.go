package retrieval

import (
	"regexp"
	"strings"
)

// A "Where…" or "Which states…" question wants a place: "Which states had
// picked coordinators?" is answered by "states like Delaware and New Mexico
// have appointed", "Where was he taken?" by "evacuated to Germany". The
// places known are the states of the United States and its territories, and
// the countries of the world, by the names briefings use for them; a place
// outside the list (a town, an air station) gets no help, and takes none.

// placeQuestionRE finds a question that asks for a place; notPlaceRE, the
// "where" that asks for a position ("Where does the President stand…",
// "Where are we on…").
var (
	placeQuestionRE = regexp.MustCompile(`(?i)^\s*where\b|\b(which|what) (u\.s\. )?(states?|countries|country|nations?|territories)\b`)
	notPlaceRE      = regexp.MustCompile(`(?i)\bstands?\b|\bwhere (are|is) (we|things|this|that|it)\b|\bwhere .{0,40}\b(land|go from here|headed|leave us)\b`)
)

// placeNames are the states, territories and countries, as written.
var placeNames = strings.Split(strings.Join([]string{
	// The states, the capital and the territories. "Washington" alone is
	// the capital, or the government, more often than the state.
	"Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington State|West Virginia|Wisconsin|Wyoming",
	"District of Columbia|Puerto Rico|Guam|American Samoa|U.S. Virgin Islands|Northern Mariana Islands",
	// The countries, and the short names briefings use.
	"Afghanistan|Albania|Algeria|Andorra|Angola|Antigua|Argentina|Armenia|Australia|Austria|Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia|Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burma|Burundi|Cambodia|Cameroon|Canada|Cape Verde|Central African Republic|Chile|China|Colombia|Comoros|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czech Republic|Czechia|Denmark|Djibouti|Dominica|Dominican Republic|Ecuador|Egypt|El Salvador|Equatorial Guinea|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland|France|Gabon|Gambia|Germany|Ghana|Greece|Grenada|Guatemala|Guinea|Guyana|Haiti|Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Ivory Coast|Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kiribati|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Marshall Islands|Mauritania|Mauritius|Mexico|Micronesia|Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Namibia|Nauru|Nepal|Netherlands|New Zealand|Nicaragua|Niger|Nigeria|North Korea|North Macedonia|Norway|Oman|Pakistan|Palau|Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|Portugal|Qatar|Romania|Russia|Rwanda|Samoa|San Marino|Saudi Arabia|Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|Solomon Islands|Somalia|South Africa|South Korea|South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Timor-Leste|Togo|Tonga|Trinidad|Tunisia|Turkey|Türkiye|Turkmenistan|Tuvalu|Uganda|Ukraine|United Arab Emirates|UAE|United Kingdom|UK|U.K.|Britain|England|Scotland|Wales|Northern Ireland|Uruguay|Uzbekistan|Vanuatu|Vatican|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe",
	"Gaza|West Bank|Crimea|Donbas|Greenland|Hong Kong|Tibet|Xinjiang",
}, "|"), "|")

// places are placeNames as a set, and placeMaxWords the most words a
// name has ("U.S. Virgin Islands", "Papua New Guinea").
var places, placeMaxWords = func() (map[string]bool, int) {
	set, most := map[string]bool{}, 1
	for _, n := range placeNames {
		set[n] = true
		most = max(most, len(strings.Fields(n)))
	}
	return set, most
}()

// findPlaces returns where a sentence names a place of placeNames, as
// [start, end) byte offsets; a map lookup per capitalised word, since a
// regular expression of some 250 names takes 50 µs a sentence.
func findPlaces(s string) [][]int {
	var out [][]int
	words := wordSpans(s)
	skip := 0 // words already part of a name found
	for i, w := range words {
		if c := s[w[0]]; i < skip || c < 'A' || c > 'Z' {
			continue
		}
		for n := min(placeMaxWords, len(words)-i); n >= 1; n-- {
			start, end := w[0], words[i+n-1][1]
			name := strings.TrimRight(s[start:end], `,;:!?)"'’”`)
			for _, suffix := range []string{".", "’s", "'s"} { // "in Germany.", "Ukraine’s"
				if !places[name] {
					name = strings.TrimSuffix(name, suffix)
				}
			}
			if places[name] {
				out = append(out, []int{start, start + len(name)})
				skip = i + n
				break
			}
		}
	}
	return out
}

// wordSpans returns the [start, end) offsets of the space-separated words
// of s.
func wordSpans(s string) [][2]int {
	var out [][2]int
	start := -1
	for i := 0; i <= len(s); i++ {
		space := i == len(s) || s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r'
		switch {
		case space && start >= 0:
			out = append(out, [2]int{start, i})
			start = -1
		case !space && start < 0:
			start = i
		}
	}
	return out
}

// asksForPlace reports whether a question asks where, or which states or
// countries.
func asksForPlace(q string) bool {
	return placeQuestionRE.MatchString(q) && !notPlaceRE.MatchString(q)
}
