package figures

import "strings"

// Number words are English itself rather than beat-specific vocabulary, so
// they live here in Go and not in the rule files.

// cardinals maps the simple cardinal words to their values.
var cardinals = map[string]float64{
	"zero": 0, "naught": 0, "nought": 0,
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
	"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

// tens are the cardinals a unit word may follow ("twenty-five").
var tens = []string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}

// ordinals maps ordinal words to their values; plural forms of the
// fractional ones ("thirds") are handled by fractionWord.
var ordinals = map[string]float64{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
	"sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
	"eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
	"fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
	"nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40,
	"fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80,
	"ninetieth": 90, "hundredth": 100, "thousandth": 1000, "millionth": 1e6,
	"billionth": 1e9,
}

// lyAdverb: "sharply", "steadily" — a word that may sit between a change verb
// and its figure.
func lyAdverb(w string) bool { return len(w) > 4 && strings.HasSuffix(w, "ly") }

// halfCompounds make "half" part of a noun, not a quantity.
var halfCompounds = map[string]bool{"time": true, "term": true, "back": true, "backs": true, "brother": true,
	"sister": true, "life": true, "lives": true, "hearted": true, "way": true, "moon": true}

// fractionWord gives the denominator of a fraction word: "half" 2, "third"
// and "thirds" 3, "quarter" 4, "fifths" 5 ... "first" and "second" are
// never fractions.
func fractionWord(w string) (den float64, plural bool, ok bool) {
	switch w {
	case "half":
		return 2, false, true
	case "halves":
		return 2, true, true
	case "quarter":
		return 4, false, true
	case "quarters":
		return 4, true, true
	}
	base, plural := w, false
	if len(w) > 2 && w[len(w)-1] == 's' {
		base, plural = w[:len(w)-1], true
	}
	if v, ok := ordinals[base]; ok && v >= 3 {
		return v, plural, true
	}
	return 0, false, false
}

// vagueBases are the plural nouns of "hundreds of", "tens of thousands of".
var vagueBases = map[string]float64{
	"dozens": 12, "scores": 20, "tens": 10, "hundreds": 100, "thousands": 1e3,
	"millions": 1e6, "billions": 1e9, "trillions": 1e12,
}

// vagueCounts are the quantifiers of "several hundred", "a few thousand":
// the smallest and largest multiplier they allow.
var vagueCounts = map[string][2]float64{"several": {3, 9}, "few": {2, 9}}

// approxPhrases maps hedges before a figure to the marker kept as data.
// Longer phrases are tried first.
var approxPhrases = []struct {
	words  []string
	marker string
}{
	{[]string{"no", "less", "than"}, "at_least"},
	{[]string{"no", "fewer", "than"}, "at_least"},
	{[]string{"not", "less", "than"}, "at_least"},
	{[]string{"no", "more", "than"}, "up_to"},
	{[]string{"not", "more", "than"}, "up_to"},
	{[]string{"in", "excess", "of"}, "more_than"},
	{[]string{"a", "minimum", "of"}, "at_least"},
	{[]string{"a", "maximum", "of"}, "up_to"},
	{[]string{"as", "many", "as"}, "up_to"},
	{[]string{"as", "much", "as"}, "up_to"},
	{[]string{"as", "high", "as"}, "up_to"},
	{[]string{"as", "few", "as"}, "at_least"},
	{[]string{"as", "little", "as"}, "at_least"},
	{[]string{"an", "estimated"}, "about"},
	{[]string{"more", "than"}, "more_than"},
	{[]string{"greater", "than"}, "more_than"},
	{[]string{"higher", "than"}, "more_than"},
	{[]string{"upwards", "of"}, "more_than"},
	{[]string{"north", "of"}, "more_than"},
	{[]string{"at", "least"}, "at_least"},
	{[]string{"at", "most"}, "up_to"},
	{[]string{"up", "to"}, "up_to"},
	{[]string{"less", "than"}, "less_than"},
	{[]string{"fewer", "than"}, "less_than"},
	{[]string{"lower", "than"}, "less_than"},
	{[]string{"short", "of"}, "less_than"},
	{[]string{"close", "to"}, "nearly"},
	{[]string{"just", "over"}, "over"},
	{[]string{"just", "under"}, "under"},
	{[]string{"about"}, "about"},
	{[]string{"approximately"}, "about"},
	{[]string{"approx"}, "about"},
	{[]string{"roughly"}, "about"},
	{[]string{"circa"}, "about"},
	{[]string{"some"}, "about"},
	{[]string{"estimated"}, "about"},
	{[]string{"around"}, "around"},
	{[]string{"nearly"}, "nearly"},
	{[]string{"almost"}, "almost"},
	{[]string{"over"}, "over"},
	{[]string{"above"}, "more_than"},
	{[]string{"exceeding"}, "more_than"},
	{[]string{"under"}, "under"},
	{[]string{"below"}, "less_than"},
	{[]string{"exactly"}, ""},
	{[]string{"precisely"}, ""},
}

// hedgesByFirst indexes approxPhrases by their first word.
var hedgesByFirst = func() map[string][]int {
	m := map[string][]int{}
	for i, ph := range approxPhrases {
		m[ph.words[0]] = append(m[ph.words[0]], i)
	}
	return m
}()

// directions maps change verbs and nouns to the direction they give a
// figure ("rose 8%", "cut 14,000 jobs", "a 5% increase").
var directions = map[string]string{}

// directionLens has the keys of directions, all lowerEnds words.
var directionLens wordLens

// direction returns directions[w], ruling most words out without the
// lookup.
func direction(w string) (string, bool) {
	if !lowerEnds(w) || directionLens.lacks(w) {
		return "", false
	}
	d, ok := directions[w]
	return d, ok
}

func init() {
	up := []string{
		"rise", "rises", "rose", "risen", "rising", "increase", "increased", "increases", "increasing",
		"grow", "grows", "grew", "grown", "growing", "growth", "gain", "gains", "gained", "gaining",
		"jump", "jumps", "jumped", "jumping", "surge", "surges", "surged", "surging",
		"climb", "climbs", "climbed", "climbing", "soar", "soars", "soared", "soaring",
		"rally", "rallied", "add", "adds", "added", "adding", "hire", "hires", "hired", "hiring",
		"raise", "raises", "raised", "raising", "boost", "boosts", "boosted", "boosting",
		"expand", "expands", "expanded", "expanding", "up", "higher", "increment", "hike", "hiked",
	}
	down := []string{
		"fall", "falls", "fell", "fallen", "falling", "drop", "drops", "dropped", "dropping",
		"decline", "declines", "declined", "declining", "decrease", "decreases", "decreased", "decreasing",
		"cut", "cuts", "cutting", "slash", "slashes", "slashed", "slashing", "shed", "sheds", "shedding",
		"lose", "loses", "lost", "losing", "loss", "losses", "eliminate", "eliminates", "eliminated", "eliminating",
		"elimination", "reduce", "reduces", "reduced", "reducing", "reduction", "reductions",
		"sink", "sinks", "sank", "sunk", "plunge", "plunges", "plunged", "plunging",
		"tumble", "tumbles", "tumbled", "slump", "slumps", "slumped", "shrink", "shrinks", "shrank", "shrunk",
		"trim", "trims", "trimmed", "trimming", "axe", "axed", "ax", "axes", "down", "lower",
		"layoff", "layoffs", "redundancies", "slid", "slide", "slides", "dip", "dipped", "dips",
	}
	for _, w := range up {
		directions[w] = "up"
	}
	for _, w := range down {
		directions[w] = "down"
	}
	for w := range directions {
		if !lowerEnds(w) {
			panic("figures: direction " + w + " is not a lower-case word")
		}
		directionLens.add(w)
	}
}

// monthWords are the month names and abbreviations that make a date.
var monthWords = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// labelWords name things a number identifies rather than counts
// ("section 3.2", "version 2", "page 5").
var labelWords = map[string]bool{
	"section": true, "sec": true, "chapter": true, "article": true, "clause": true,
	"paragraph": true, "para": true, "rule": true, "version": true, "v": true,
	"page": true, "pages": true, "p": true, "pp": true, "figure": true, "fig": true, "table": true,
	"exhibit": true, "appendix": true, "annex": true, "item": true,
	"title": true, "route": true, "highway": true, "room": true, "suite": true, "flight": true,
	"model": true, "episode": true, "season": true, "volume": true, "vol": true,
	"gate":     true,
	"platform": true, "apartment": true, "apt": true, "bus": true,
	"amendment": true, "resolution": true, "proposition": true, "prop": true,
	"ios": true, "android": true, "windows": true, "python": true, "iphone": true,
	"subsection": true, "part": true, "phase": true, "stage": true, "tier": true, "category": true,
	"level": true, "grade": true, "round": true, "terminal": true, "junction": true, "exit": true,
	"channel": true, "dial": true, "tel": true, "fax": true, "ext": true, "isbn": true, "id": true,
}

// rankWords turn the number after them into a rank ("number 3", "No. 1").
var rankWords = map[string]bool{"number": true, "no": true}

// functionWords end a counted noun phrase and tell a bare number word from
// a figure when no part-of-speech tags are at hand.
var functionWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "but": true, "of": true,
	"in": true, "on": true, "at": true, "to": true, "for": true, "from": true, "by": true,
	"with": true, "as": true, "than": true, "that": true, "this": true, "these": true,
	"those": true, "which": true, "who": true, "whom": true, "whose": true, "is": true,
	"are": true, "was": true, "were": true, "be": true, "been": true, "being": true,
	"has": true, "have": true, "had": true, "do": true, "does": true, "did": true,
	"will": true, "would": true, "can": true, "could": true, "may": true, "might": true,
	"must": true, "shall": true, "should": true, "it": true, "its": true, "their": true,
	"they": true, "we": true, "our": true, "his": true, "her": true, "he": true, "she": true,
	"i": true, "you": true, "your": true, "my": true, "me": true, "us": true, "them": true,
	"if": true, "so": true, "not": true, "no": true, "into": true, "over": true,
	"under": true, "about": true, "after": true, "before": true, "since": true,
	"until": true, "while": true, "during": true, "per": true, "each": true, "every": true,
	"amid": true, "among": true, "between": true, "through": true, "across": true,
	"against": true, "toward": true, "towards": true, "up": true, "down": true, "out": true,
	"off": true, "more": true, "less": true, "most": true, "least": true, "also": true,
	"just": true, "only": true, "even": true, "still": true, "now": true, "then": true,
	"when": true, "where": true, "why": true, "how": true, "what": true, "there": true,
	"here": true, "said": true, "says": true, "say": true, "than.": true, "ago": true,
	"later": true, "earlier": true, "away": true, "too": true, "very": true, "via": true,
	"like": true, "within": true, "without": true, "including": true, "despite": true,
}

// pronouns before "second" make it a verb ("I second that").
var pronouns = map[string]bool{"i": true, "we": true, "you": true, "they": true, "he": true, "she": true}

// determiners before an ordinal word make it a rank ("the third", "its first").
var determiners = map[string]bool{
	"the": true, "its": true, "their": true, "his": true, "her": true, "our": true,
	"my": true, "your": true, "a": true, "an": true, "this": true, "that": true, "every": true, "each": true,
}

// subjectGlue are the words that may sit between an entity and a change
// verb that still belongs to it ("Amazon is to cut", "Amazon plans to cut").
var subjectGlue = map[string]bool{
	"to": true, "will": true, "would": true, "is": true, "are": true, "was": true, "were": true,
	"has": true, "have": true, "had": true, "plans": true, "planned": true, "plan": true,
	"expects": true, "expected": true, "said": true, "says": true, "it": true, "could": true,
	"may": true, "might": true, "set": true, "be": true, "also": true, "now": true, "just": true,
	"reportedly": true, "already": true, "recently": true, "further": true,
}

// addStarters adds the words and symbols that can lead a figure without
// being a number: months, hedges, "between", signs.
func addStarters(m map[string]bool) map[string]bool {
	for w := range monthWords {
		m[w] = true
	}
	for _, ph := range approxPhrases {
		m[ph.words[0]] = true
	}
	for _, w := range []string{"a", "an", "half", "quarter", "point", "between", "from", "minus", "negative",
		"number", "no", "~", "≈", "-", "−", "#", "+", "("} {
		m[w] = true
	}
	return m
}

// Flags of lexicon.opens.
const (
	isStart  = 1 << iota // may open a figure
	isCore               // is a number itself
	isMonth              // a month name
	hasForms             // a currency, scale or unit form starts with it
	isAmount             // may open an amount: a number, a currency, "a", "minus"
	isHedge              // isHedgeWord: hedge reads no phrases, keep skips none, for other words
)

// amountOpeners may open an amount without being numbers or currencies.
var amountOpeners = []string{"a", "an", "minus", "negative", "-", "−"}

// addCores adds the words that carry a number themselves: a figure has a
// digit or one of them.
func addCores(m map[string]bool) map[string]bool {
	for _, ws := range []map[string]float64{cardinals, ordinals, vagueBases} {
		for w := range ws {
			m[w] = true
		}
	}
	for w := range ordinals {
		m[w+"s"] = true
	}
	for w := range vagueCounts {
		m[w] = true
	}
	for _, t := range tens {
		for u, v := range cardinals {
			if v >= 1 && v <= 9 {
				m[t+u] = true
			}
		}
		for o, v := range ordinals {
			if v >= 1 && v <= 9 {
				m[t+o] = true
			}
		}
	}
	for _, w := range []string{"half", "halves", "quarter", "quarters", "hundred", "dozen", "dozens", "couple", "pair", "point"} {
		m[w] = true
	}
	return m
}

// startsFigure reports whether token i can open a figure: a number, a
// number word, or a word that can lead one (a hedge, a currency, "between")
// with a number close behind.
func (s *scanner) startsFigure(i int) bool {
	f := s.fl[i]
	if f&isCore != 0 || f == 0 {
		return f != 0
	}
	if s.alone {
		return true
	}
	for k := i + 1; k < len(s.t) && k <= i+4; k++ {
		if s.fl[k]&isCore != 0 {
			return true
		}
	}
	return false
}
