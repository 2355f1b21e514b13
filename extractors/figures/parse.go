package figures

import (
	"math"
	"slices"
	"strings"
)

// Figure kinds.
const (
	Money    = "money"
	Percent  = "percent"
	Number   = "number"
	Quantity = "quantity"
	Ordinal  = "ordinal"
	Duration = "duration"
	Year     = "year"
	Date     = "date"
)

// amount is one figure as the grammar reads it, before context is added.
type amount struct {
	i, j     int // tokens [i, j)
	kind     string
	v        float64
	min, max float64
	rng      bool
	noValue  bool // dates: a span that keeps its numbers from being counts
	unit     *unitDef
	cur      string
	scale    float64 // the scale word applied, 0 when none
	bare     bool    // a plain number: may borrow the unit of a range partner
	weak     bool    // "a"/"one" alone: a figure only when the phrase is nothing else
	words    bool    // written in words
	yearish  bool
	age      bool // "28-year-old", "aged 28": a quantity in years that counts an age
	approx   []string
	ndig     int
	integral bool
}

// scanner runs the figure grammar over the tokens of one sentence.
type scanner struct {
	lx    *lexicon
	text  string
	t     []tok
	alone bool     // the text is one phrase given alone (Parse)
	open  bool     // the first token opens a sentence
	sent  int      // byte offset where the sentence starts
	fl    []uint32 // lexicon.opens value of each token, filled by scan
}

// scan returns the figures of the tokens in text order.
func (s *scanner) scan(out []amount) []amount {
	s.fl = slices.Grow(s.fl[:0], len(s.t))[:len(s.t)]
	s.lx.flags(s.t, s.text, s.fl)
	for i := 0; i < len(s.t); {
		if !s.startsFigure(i) {
			i++
			continue
		}
		if j, ok := s.numDate(i); ok {
			out = append(out, amount{i: i, j: j, kind: Date, noValue: true})
			i = j
			continue
		}
		if j := s.skip(i); j > i {
			i = j
			continue
		}
		if a, ok := s.figure(i); ok {
			if s.keep(&a) {
				out = append(out, a)
			}
			i = a.j
			continue
		}
		i++
	}
	return out
}

func (s *scanner) low(i int) string {
	if i < 0 || i >= len(s.t) {
		return ""
	}
	if s.t[i].k == tNum {
		return ""
	}
	return s.t[i].low
}

func (s *scanner) raw(i int) string { return s.text[s.t[i].s:s.t[i].e] }

// attached reports whether token i follows token i-1 with no space.
func (s *scanner) attached(i int) bool { return i > 0 && i < len(s.t) && !s.t[i].sp }

func (s *scanner) isWord(i int) bool { return i >= 0 && i < len(s.t) && s.t[i].k == tWord }

func (s *scanner) isNum(i int) bool {
	return i >= 0 && i < len(s.t) && s.t[i].k == tNum && !s.t[i].dotted
}

func (s *scanner) isSym(i int, sym string) bool {
	return i >= 0 && i < len(s.t) && s.t[i].k == tSym && s.t[i].low == sym
}

// end reports whether nothing word-like follows token i-1: the end of the
// sentence or punctuation.
func (s *scanner) end(i int) bool {
	return i >= len(s.t) || (s.t[i].k == tSym && !strings.ContainsAny(s.t[i].low, "$£€¥₹#"))
}

// skip returns the index after a number that must not be read as a figure
// (list markers, phone numbers, times, addresses, versions), or i.
func (s *scanner) skip(i int) int {
	t := s.t
	if t[i].k != tNum {
		if t[i].k == tSym && (t[i].low == "+" || t[i].low == "(") && s.isNum(i+1) {
			if j := s.phone(i + 1); j > 0 {
				return j
			}
		}
		if s.euroCup(i) {
			return i + 2
		}
		return i
	}
	if t[i].dotted {
		j := i + 1
		for j < len(t) && s.attached(j) && (t[j].k == tNum || t[j].low == ".") {
			j++
		}
		return j
	}
	small := !t[i].dec && !t[i].comma && t[i].ndig <= 2
	// List numbering: "1." or "2)" opening a line or sentence, "(1)".
	if small && s.initial(i) && s.attached(i+1) && (t[i+1].low == "." || t[i+1].low == ")") && (i+2 >= len(t) || t[i+2].sp) {
		return i + 2
	}
	if small && i > 0 && t[i-1].low == "(" && s.initial(i-1) && s.attached(i) && s.isSym(i+1, ")") && s.attached(i+1) {
		return i + 2
	}
	// Clause numbers: "4(2)", "3(b)(ii)", and the "(2)" of them.
	if j := s.clause(i); j > i {
		return j
	}
	if i > 1 && t[i-1].low == "(" && s.attached(i-1) && s.attached(i) && t[i-2].k != tSym && s.isSym(i+1, ")") && s.attached(i+1) {
		return i + 2
	}
	// Codes of three or more groups joined by hyphens: ISBNs, part numbers.
	if j := s.chain(i); j > 0 {
		return j
	}
	if j := s.phone(i); j > 0 {
		return j
	}
	// "3-2", "555-0142": joined numbers that make no range are a score or
	// a code, not two figures.
	// ("4-6 in the third set": "in" is inches only at the end.)
	if s.pair(i) && !(s.unitAfter(i+3) && (s.low(i+3) != "in" || s.end(i+4))) && !s.isSym(i+3, "%") {
		lo, hi := t[i].v, t[i+2].v
		if t[i].ndig == 4 && t[i+2].ndig <= 2 {
			hi = yearEnd(lo, hi, t[i+2].ndig) // "2022-24"
		}
		if hi <= lo || s.score(i) {
			return i + 3
		}
	}
	// UK postcodes: the "1AA" of "SW1A 1AA".
	if t[i].ndig == 1 && !t[i].dec && t[i].sp && s.isWord(i+1) && s.attached(i+1) && len(s.raw(i+1)) == 2 &&
		allUpper(s.raw(i+1)) && !(s.attached(i+2) && (s.isWord(i+2) || s.isNum(i+2))) && outwardCode(s.wordBefore(i)) {
		return i + 2
	}
	// Times of day: "10:30", "9am", "3 p.m.", "1400 GMT".
	if j := s.clock(i); j > 0 {
		return j
	}
	if s.isSym(i+1, ":") && s.attached(i+1) && s.isNum(i+2) && s.attached(i+2) {
		j := i + 3
		if s.isWord(j) && (s.low(j) == "am" || s.low(j) == "pm") {
			j++
		}
		return j
	}
	if !t[i].dec && t[i].v <= 12 && s.isWord(i+1) {
		switch s.low(i + 1) {
		case "am", "pm":
			return i + 2
		case "a", "p":
			if s.isSym(i+2, ".") && s.low(i+3) == "m" {
				return i + 4
			}
		}
	}
	// "24/7" is no fraction; "1/2/3/4" no date; nor are "9/11" and
	// "2003/04". "8/9 January" is two days: the second reads as a date.
	if s.slashPair(i) {
		j := i + 3
		for s.slashPair(j - 1) {
			j += 2
		}
		lo, hi := t[i], t[i+2]
		plain := !lo.dec && !lo.comma && !hi.dec && !hi.comma
		switch {
		case j > i+3 || hi.v <= lo.v:
			return j
		case plain && lo.v == 9 && hi.v == 11 && lo.ndig == 1:
			return j
		case plain && lo.ndig == 4 && lo.v >= 1000 && lo.v <= 2100 && (hi.ndig == 4 || hi.ndig == 2):
			return j
		case plain && lo.ndig <= 2 && hi.ndig <= 2 && lo.v >= 1 && hi.v <= 31 && s.isWord(j) && s.fl[j]&isMonth != 0 && isCapital(s.raw(j)):
			return i + 2
		case plain && (s.odds(i, j) || s.isSym(i-1, "(") && i >= 4 && s.pair(i-4)): // "6-7 (3/7)"
			return j
		}
	}
	return i
}

// pair reports whether tokens i, i+1, i+2 are two whole numbers joined by
// a hyphen or en dash: "3-2", "18-24".
func (s *scanner) pair(i int) bool {
	t := s.t
	return s.isNum(i) && !t[i].dec && !t[i].comma && (s.isSym(i+1, "-") || s.isSym(i+1, "–")) && s.attached(i+1) &&
		s.isNum(i+2) && s.attached(i+2) && !t[i+2].dec && !t[i+2].comma
}

// slashPair reports whether tokens i, i+1, i+2 are "7/5".
func (s *scanner) slashPair(i int) bool {
	return s.isNum(i) && s.isSym(i+1, "/") && s.attached(i+1) && s.isNum(i+2) && s.attached(i+2)
}

// score reports whether the pair at i is a score, not a range: next to
// another score ("6-2 3-6 6-3", "6-7 (3-7)"), between two names ("Man City
// 0-2 Man Utd") or near a word of winning and losing in its clause ("won
// 1-3", "trail 15-40"). Counted nouns after make a range ("won 30-40
// seats").
func (s *scanner) score(i int) bool {
	t := s.t
	if t[i].ndig > 3 || t[i+2].ndig > 3 {
		return false
	}
	j := i + 3
	if w := s.low(j); s.isWord(j) && !isCapital(s.raw(j)) && len(w) > 3 && w[len(w)-1] == 's' && w[len(w)-2] != 's' {
		return false // "30-40 seats", "18-24 years"
	}
	if s.isWord(j) && s.fl[j]&isMonth != 0 {
		return false // "the 4-6 March match"
	}
	if e, _ := s.scaleAt(j); e != nil {
		return false // "cost 10-15 million", "20-30 thousand fans"
	}
	// Another score after, perhaps in brackets or after a comma.
	k := j
	if s.isSym(k, "(") || s.isSym(k, ",") {
		k++
	}
	if s.pair(k) || k > j && s.slashPair(k) {
		return true
	}
	// Another score before: "6-2 3-6", "6-7 (3-7)", "7-6 (7/5) 6-3".
	k = i - 1
	if s.isSym(k, "(") || s.isSym(k, ",") || s.isSym(k, ")") {
		k--
	}
	if k >= 2 && (s.pair(k-2) || s.slashPair(k-2)) {
		return true
	}
	// Between two names.
	if s.isWord(i-1) && isCapital(s.raw(i-1)) && s.isWord(j) && isCapital(s.raw(j)) && !s.attached(j) {
		if w := s.low(i - 1); !functionWords[w] && !isHedgeWord(w) {
			return true
		}
	}
	// A word of the game in the clause: a few tokens, as every window has.
	return s.clauseWord(i-1, -1, 6, scoreWords) || s.clauseWord(j, 1, 4, scoreWords)
}

// clauseWord reports whether a word of set comes in the n tokens from k
// on, stepping by step (-1 or 1), before the clause ends.
func (s *scanner) clauseWord(k, step, n int, set map[string]bool) bool {
	return s.inClause(k, step, n, func(k int) bool { return set[s.low(k)] })
}

// inClause reports whether hit holds for a token in the n from k on,
// stepping by step (-1 or 1), before the clause ends.
func (s *scanner) inClause(k, step, n int, hit func(int) bool) bool {
	for ; n > 0 && k >= 0 && k < len(s.t); k, n = k+step, n-1 {
		if s.t[k].k == tSym && clauseEnd(s.t[k].low) {
			return false
		}
		if hit(k) {
			return true
		}
	}
	return false
}

func clauseEnd(sym string) bool {
	switch sym {
	case ".", ";", ":", "!", "?":
		return true
	}
	return false
}

// scoreWords near a pair of numbers make it a score.
var scoreWords = map[string]bool{
	"win": true, "wins": true, "won": true, "winning": true, "beat": true, "beats": true, "beating": true,
	"beaten": true, "lost": true, "lose": true, "loses": true, "losing": true, "draw": true, "drew": true,
	"drawn": true, "lead": true, "leads": true, "led": true, "leading": true, "trail": true, "trailed": true,
	"trailing": true, "down": true, "victory": true, "defeat": true, "defeated": true, "score": true,
	"scored": true, "scoreline": true, "match": true, "game": true, "triumph": true, "odds": true,
}

// odds reports whether the slash pair at tokens [i, j) is betting odds:
// "odds of 4/9", "priced at 2/9.", "11/4 favourite", "a 1/3 shot", "4/9
// and 8/13 odds".
func (s *scanner) odds(i, j int) bool {
	switch s.low(i - 1) {
	case "odds":
		return true
	case "of":
		return s.low(i-2) == "odds"
	case "as": // "as short as 1/14"
		return s.low(i-2) == "short" || s.low(i-2) == "long"
	case "at": // not "at 1/3 capacity"
		return s.end(j) || oddsAfter[s.low(j)]
	}
	if oddsAfter[s.low(j)] || s.low(j) == "on" && s.end(j+1) {
		return true
	}
	// "4/9 and 8/13 odds"
	if (s.low(j) == "and" || s.low(j) == "or") && s.slashPair(j+1) {
		return oddsAfter[s.low(j+4)]
	}
	return false
}

// oddsAfter are the words after a slash pair that make it odds.
var oddsAfter = map[string]bool{"favourite": true, "favourites": true, "favorite": true, "shot": true,
	"against": true, "odds": true, "chance": true}

// euroCup reports whether tokens i, i+1 are "Euro 2004", a football
// tournament, not €2,004.
func (s *scanner) euroCup(i int) bool {
	if i+1 >= len(s.t) || s.raw(i) != "Euro" || !s.isNum(i+1) || s.attached(i+1) {
		return false
	}
	t := s.t[i+1]
	return t.ndig == 4 && !t.comma && !t.dec && t.v >= 1950 && t.v <= 2100
}

// clock returns the index after a 24-hour time written HHMM that a time
// zone or "hours" marks as one ("1400 GMT", "at 0900 hours", "between 2000
// and 2100 GMT"), or 0. Without the mark "1400" may be a count or a year.
func (s *scanner) clock(i int) int {
	if !s.hhmm(i) {
		return 0
	}
	j := i + 1
	if s.low(j) == "and" || s.low(j) == "to" || j < len(s.t) && s.t[j].k == tSym && dash(s.t[j].low) {
		if !s.hhmm(j + 1) {
			return 0
		}
		j += 2
	}
	if j >= len(s.t) || s.t[j].k != tWord {
		return 0
	}
	switch s.raw(j) {
	case "GMT", "BST", "UTC", "CET", "CEST", "ET", "EST", "EDT", "PST", "PDT":
		return j + 1
	case "local":
		if s.low(j+1) == "time" {
			return j + 2
		}
	case "hours", "hrs":
		// "at 1400 hours"; "2000 hours of footage" is a length of time.
		if clockWords[s.low(i-1)] && s.low(j+1) != "of" {
			return j + 1
		}
	}
	return 0
}

// hhmm reports whether token i is four plain digits that make a valid
// 24-hour time.
func (s *scanner) hhmm(i int) bool {
	if !s.isNum(i) {
		return false
	}
	t := s.t[i]
	if t.ndig != 4 || t.dec || t.comma {
		return false
	}
	v := int(t.v)
	return v/100 <= 23 && v%100 <= 59
}

// clockWords come before a time of day.
var clockWords = map[string]bool{"at": true, "by": true, "until": true, "till": true, "before": true, "after": true,
	"from": true, "since": true, "between": true}

// initial reports whether token i opens a sentence or a line, perhaps after
// an opening quote or bracket.
func (s *scanner) initial(i int) bool {
	for ; i > 0; i-- {
		if s.t[i].nl {
			return true
		}
		p := s.t[i-1]
		if p.k != tSym {
			return false
		}
		switch p.low {
		case ".", "!", "?":
			return s.t[i].sp
		case "\"", "“", "‘", "'", "(", "[", ":", ";", "—", "–", "-", "•", "*":
		default:
			return false
		}
	}
	return s.open || s.t[0].nl
}

// numDate returns the index after a date written in numbers at i:
// "3/4/2026", "12/31/25", "2026-03-04".
func (s *scanner) numDate(i int) (int, bool) {
	t := s.t
	plain := func(p, minDig, maxDig int) bool {
		return s.isNum(p) && !t[p].dec && !t[p].comma && t[p].ndig >= minDig && t[p].ndig <= maxDig
	}
	joined := func(p int, sym string) bool {
		return s.isSym(p, sym) && s.attached(p) && s.attached(p+1)
	}
	if !plain(i, 1, 4) || (i > 0 && !t[i].sp && t[i-1].k != tSym) {
		return i, false
	}
	var j int
	switch {
	case t[i].ndig <= 2 && joined(i+1, "/") && plain(i+2, 1, 2) && joined(i+3, "/") && plain(i+4, 2, 4) && t[i+4].ndig != 3:
		a, b := t[i].v, t[i+2].v
		if a < 1 || b < 1 || a > 31 || b > 31 || (a > 12 && b > 12) {
			return i, false
		}
		j = i + 5
	case t[i].ndig == 4 && t[i].v >= 1000 && t[i].v <= 2100 && joined(i+1, "-") && plain(i+2, 2, 2):
		m := t[i+2].v
		if m < 1 || m > 12 {
			return i, false
		}
		// "2003-04" alone is a range of years.
		if !joined(i+3, "-") || !plain(i+4, 2, 2) || t[i+4].v < 1 || t[i+4].v > 31 {
			return i, false
		}
		j = i + 5
	default:
		return i, false
	}
	if j < len(t) && s.attached(j) && (t[j].k != tSym || dash(t[j].low) || t[j].low == "/") {
		return i, false
	}
	return j, true
}

// clause returns the index after a clause number "4(2)", "3(b)(ii)" at i,
// or i.
func (s *scanner) clause(i int) int {
	j := i + 1
	for s.isSym(j, "(") && s.attached(j) && j+2 < len(s.t) && s.attached(j+1) && s.t[j+1].k != tSym &&
		s.t[j+1].e-s.t[j+1].s <= 4 && s.isSym(j+2, ")") && s.attached(j+2) {
		j += 3
	}
	if j == i+1 {
		return i
	}
	return j
}

// chain returns the index after three or more numbers joined by hyphens
// ("978-0-306-40615-7"), or 0.
func (s *scanner) chain(i int) int {
	n, j := 1, i+1
	for s.isSym(j, "-") && s.attached(j) && s.isNum(j+1) && s.attached(j+1) {
		n++
		j += 2
	}
	if n < 3 {
		return 0
	}
	return j
}

// wordBefore returns the whitespace-separated chunk of text before token i.
func (s *scanner) wordBefore(i int) string {
	e := s.t[i].s
	for e > 0 && (s.text[e-1] == ' ' || s.text[e-1] == '\t') {
		e--
	}
	b := e
	for b > 0 && s.text[b-1] > ' ' {
		b--
	}
	return s.text[b:e]
}

// outwardCode reports whether w looks like the first half of a UK postcode:
// "SW1A", "CB2", "M1", "EC2R".
func outwardCode(w string) bool {
	n := 0
	for n < len(w) && w[n] >= 'A' && w[n] <= 'Z' {
		n++
	}
	if n < 1 || n > 2 || n == len(w) || !isDigit(w[n]) {
		return false
	}
	rest := w[n+1:]
	return len(rest) == 0 || len(rest) == 1 && (isDigit(rest[0]) || rest[0] >= 'A' && rest[0] <= 'Z')
}

func allUpper(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return w != ""
}

// phone returns the index after a phone number starting at token i, or 0:
// three or more digit groups joined by "-", "." or ")", or by spaces after
// "+" or "(", seven digits or more in all.
func (s *scanner) phone(i int) int {
	t := s.t
	groups, long, digits, j := 0, 0, 0, i
	spaced := i > 0 && (t[i-1].low == "+" || t[i-1].low == "(")
	for j < len(t) && t[j].k == tNum && !t[j].comma && !t[j].dec && t[j].ndig <= 4 {
		groups++
		digits += t[j].ndig
		if t[j].ndig >= 3 {
			long++
		}
		j++
		if j+1 < len(t) && (t[j].low == "-" || t[j].low == "." || t[j].low == ")") && s.isNum(j+1) && (!t[j+1].sp || t[j].low == ")") {
			j++
		} else if !(spaced && s.isNum(j) && t[j].sp) {
			break
		}
	}
	if groups >= 3 && long >= 2 && digits >= 7 {
		return j
	}
	// "555-1234" after "call"; "0161 496 0000", "07700 900123": groups
	// led by a zero, apart by single spaces.
	if groups == 2 && j == i+3 && t[i].ndig == 3 && t[i+2].ndig == 4 && !t[i+1].sp && phoneWords[s.low(i-1)] {
		return j
	}
	if !spaced && s.raw(i)[0] == '0' && t[i].ndig >= 2 && !t[i].dec && !t[i].comma {
		j, digits = i+1, t[i].ndig
		for s.isNum(j) && t[j].sp && !t[j].nl && !t[j].dec && !t[j].comma && t[j].ndig >= 2 && t[j].ndig <= 6 {
			digits += t[j].ndig
			j++
		}
		if j > i+1 && digits >= 8 {
			return j
		}
	}
	return 0
}

// phoneWords come before a phone number.
var phoneWords = map[string]bool{"call": true, "phone": true, "tel": true, "telephone": true, "dial": true, "fax": true, "ring": true, "text": true}

// figure reads the figure starting at token i: an optional "between" or
// "from", hedges, an amount, and a second amount for a range.
func (s *scanner) figure(i int) (amount, bool) {
	if j, ok := s.date(i); ok {
		return amount{i: i, j: j, kind: Date, noValue: true}, true
	}
	if a, ok := s.rank(i); ok {
		return a, true
	}
	p := i
	intro := s.low(i)
	if intro == "between" || intro == "from" {
		p++
	} else {
		intro = ""
	}
	// "rose (sharply) from 4.9% to 5.8%" is a change between two values,
	// not a range: the first is read alone when it carries its own unit,
	// and the second follows as its own figure.
	change := intro == "from" && s.afterChange(i)
	approx, q := s.hedge(p)
	// "between 2000 and 2100 GMT", "about 1230 GMT": skip goes past the
	// time from its number.
	if q >= len(s.t) || s.fl[q]&isAmount == 0 || q > i && s.clock(q) > 0 {
		return amount{}, false
	}
	// "from 27 March", "between 6 and 9 January": the date alone.
	if q > i && s.isNum(q) {
		if j, ok := s.date(q); ok {
			return amount{i: q, j: j, kind: Date, noValue: true}, true
		}
	}
	a, ok := s.amountOrVague(q)
	if !ok {
		return amount{}, false
	}
	a.i = q
	if len(approx) > 0 {
		a.i = p
	}
	a.approx = append(approx, a.approx...)
	if change && s.low(a.j) == "to" && !a.bare && !a.yearish && a.kind != Year && a.kind != Date {
		intro = "" // the amount alone, without "from"
	} else if b, ok := s.rangeEnd(&a, intro); ok && (intro != "" || !s.changeThenLevel(i, a, b)) {
		a = b
		if intro != "" {
			a.i = i
		}
	}
	s.suffixHedge(&a)
	// "repairs over 4–5 years": after a noun or most verbs, "over" a
	// length of time says when, not how much.
	if a.kind == Duration && intro == "" && a.i == p && s.low(p) == "over" && s.isWord(p-1) && !overHedges[s.low(p-1)] &&
		!strings.HasSuffix(s.low(p-1), "ly") &&
		len(a.approx) > 0 && a.approx[0] == "over" {
		a.i++
		a.approx = a.approx[1:]
	}
	return a, true
}

// rate reads the unit of a rate right after an amount or its unit: "$47
// a barrel", "£4.85 an hour", "100,000 barrels per day", "300p a share".
// It is left out of the span, as counted nouns are. "A year earlier" is no
// rate.
func (s *scanner) rate(a *amount) string {
	if a.kind == Ordinal || a.kind == Year || a.kind == Date {
		return ""
	}
	w := s.low(a.j)
	q := a.j + 1
	if w != "a" && w != "an" && w != "per" || !s.isWord(q) || !s.t[q].sp || isCapital(s.raw(q)) {
		return ""
	}
	if e, r := s.match(q, fUnit); e != nil && e.unit.kind != Percent && r-q == 1 && len(s.raw(q)) > 1 &&
		!(s.isSym(r, "-") && s.attached(r)) {
		// "5% a year earlier", "a week after", "a year on,"
		if w != "per" && e.unit.kind == Duration && (notRate[s.low(r)] || s.low(r) == "on" && s.end(r+1)) {
			return ""
		}
		return e.unit.Name
	}
	n := s.low(q)
	if w == "per" {
		switch {
		case functionWords[n] || determiners[n] || n == "cent":
			return ""
		case n == "annum":
			return "year"
		case n == "capita":
			return "head"
		}
		return n
	}
	if rateNouns[n] && !notRate[s.low(q+1)] {
		return n
	}
	return ""
}

// notRate after "a year" or "a week" make it a time, not a rate.
var notRate = map[string]bool{"earlier": true, "ago": true, "before": true, "later": true,
	"previously": true, "since": true, "after": true}

// rateNouns are what an amount may be "a" or "an" of besides units: "300p a
// share", "$40 a head".
var rateNouns = map[string]bool{"share": true, "head": true, "person": true, "pupil": true, "child": true,
	"student": true, "household": true, "family": true, "visit": true, "ticket": true, "item": true, "copy": true,
	"night": true, "term": true, "season": true, "game": true, "match": true, "episode": true, "seat": true,
	"passenger": true, "employee": true, "worker": true, "customer": true, "subscriber": true, "user": true,
	"patient": true, "bottle": true, "packet": true, "pack": true, "box": true, "unit": true, "piece": true,
	"call": true, "text": true, "download": true, "trip": true, "journey": true, "ride": true, "flight": true,
	"leg": true, "pint": true, "glass": true, "meal": true, "room": true, "car": true, "vehicle": true,
	"kilo": true, "kg": true, "lb": true, "film": true, "movie": true, "book": true, "album": true}

// overHedges are the words after which "over" means "more than" before a
// length of time: "with over 15 years", "took over a decade".
var overHedges = map[string]bool{
	"with": true, "for": true, "after": true, "of": true, "in": true, "than": true, "by": true, "and": true,
	"or": true, "is": true, "was": true, "are": true, "were": true, "be": true, "been": true, "took": true,
	"take": true, "takes": true, "taking": true, "taken": true, "lasted": true, "lasts": true, "last": true,
	"spent": true, "spend": true, "spending": true, "waited": true, "wait": true, "waiting": true, "needed": true, "need": true,
	"needs": true, "lasting": true, "spanning": true, "spans": true, "spanned": true, "within": true, "just": true,
}

// hedge reads approximation markers at i.
func (s *scanner) hedge(i int) ([]string, int) {
	var out []string
	for {
		if s.isSym(i, "~") || s.isSym(i, "≈") {
			out = append(out, "about")
			i++
			continue
		}
		if !s.isWord(i) || s.fl[i]&isHedge == 0 {
			return out, i
		}
		matched := false
		for _, k := range hedgesByFirst[s.low(i)] {
			ph := approxPhrases[k]
			if i+len(ph.words) > len(s.t) {
				continue
			}
			ok := true
			for k, w := range ph.words {
				if s.low(i+k) != w {
					ok = false
					break
				}
			}
			if ok {
				if ph.marker != "" {
					out = append(out, ph.marker)
				}
				i += len(ph.words)
				if s.isSym(i, ".") && s.attached(i) && ph.words[0] == "approx" {
					i++
				}
				matched = true
				break
			}
		}
		if !matched {
			return out, i
		}
	}
}

// suffixHedge reads markers after a figure: "12,000+", "40-odd", "or more".
func (s *scanner) suffixHedge(a *amount) {
	j := a.j
	switch {
	case s.isSym(j, "+") && s.attached(j):
		a.approx = append(a.approx, "at_least")
		a.j = j + 1
	case s.isSym(j, "-") && s.attached(j) && s.attached(j+1) && s.low(j+1) == "plus":
		a.approx = append(a.approx, "at_least")
		a.j = j + 2
	case s.isSym(j, "-") && s.attached(j) && s.attached(j+1) && s.low(j+1) == "odd":
		a.approx = append(a.approx, "about")
		a.j = j + 2
	case s.low(j) == "or" && (s.low(j+1) == "more" || s.low(j+1) == "above" || s.low(j+1) == "over"):
		a.approx = append(a.approx, "at_least")
		a.j = j + 2
	case s.low(j) == "or" && (s.low(j+1) == "less" || s.low(j+1) == "fewer" || s.low(j+1) == "below"):
		a.approx = append(a.approx, "up_to")
		a.j = j + 2
	case s.low(j) == "or" && s.low(j+1) == "so":
		a.approx = append(a.approx, "about")
		a.j = j + 2
	}
}

// rangeEnd reads "- 10%", "to 20", "and 30" after a and merges both ends.
func (s *scanner) rangeEnd(a *amount, intro string) (amount, bool) {
	if a.kind == Ordinal || a.rng {
		return amount{}, false
	}
	j := a.j
	switch {
	case j < len(s.t) && s.t[j].k == tSym && dash(s.t[j].low):
		// An em dash between spaces separates clauses, not range ends.
		if s.t[j].low == "—" && s.t[j].sp && j+1 < len(s.t) && s.t[j+1].sp {
			return amount{}, false
		}
	case s.low(j) == "to" || s.low(j) == "through" || s.low(j) == "till" || s.low(j) == "until":
		if intro != "from" && !a.bare && a.kind != Money && a.kind != Percent && a.kind != Quantity && a.kind != Duration {
			return amount{}, false
		}
	case s.low(j) == "and":
		if intro != "between" && intro != "from" {
			return amount{}, false
		}
	default:
		return amount{}, false
	}
	approx, q := s.hedge(j + 1)
	b, ok := s.amount(q)
	if !ok {
		return amount{}, false
	}
	// "in 2003 to £2.89bn", "rose 2.3% to 80,600": the second amount is
	// another figure, not the end of a range.
	comma := s.isNum(q) && s.t[q].comma
	if a.yearish && (!b.bare || comma) || a.kind == Percent && b.bare && (b.scale > 0 || b.v > 100 || comma) {
		return amount{}, false
	}
	b.approx = approx
	return merge(*a, b)
}

// changeThenLevel reports whether the range r read from a figure at i
// is a change and the level it reached: "crude rose $1.64 to $47.10",
// "jobs fell 11,000 to 813,200". After a change verb or "by", "to" leads
// to the new level unless both ends are close ("cut by 25 to 30 seats"),
// or, straight after the verb, a plain first end is within ten times the
// second: "cut 1,000 to 3,000 jobs" and "rise 10 to 25 per cent" stay
// ranges, "fell by 600,000 to 5.9 million" does not.
func (s *scanner) changeThenLevel(i int, a, r amount) bool {
	if s.low(a.j) != "to" || r.max <= 2*r.min {
		return false
	}
	w := s.low(i - 1)
	if w == "by" {
		return true
	}
	if a.bare && r.max <= 10*r.min {
		return false
	}
	return s.afterChange(i)
}

// afterChange reports whether a change verb, perhaps and an -ly adverb,
// comes before token i: "rose 8%", "fell sharply from".
func (s *scanner) afterChange(i int) bool {
	w := s.low(i - 1)
	return directions[w] != "" || lyAdverb(w) && directions[s.low(i-2)] != ""
}

// merge joins two amounts into a range, letting a plain number borrow the
// other end's unit, currency and scale ("5–10%", "$4-5bn", "2022-24").
func merge(a, b amount) (amount, bool) {
	if a.yearish && (b.yearish || (b.bare && !b.words && b.ndig <= 2 && b.integral)) && a.bare && b.bare {
		hi := b.v
		if !b.yearish {
			hi = yearEnd(a.v, b.v, b.ndig) // "2022-24", "2005-6"
		}
		if hi <= a.v {
			return amount{}, false
		}
		return amount{i: a.i, j: b.j, kind: Year, min: a.v, max: hi, rng: true, approx: append(a.approx, b.approx...)}, true
	}
	// "$4-5bn", "10 to 20 million": the scale written once serves both.
	if b.scale > 0 && a.scale == 0 && a.v*b.scale <= b.v {
		a.v *= b.scale
	}
	if a.bare && !b.bare {
		a.kind, a.unit, a.cur = b.kind, b.unit, b.cur
	} else if b.bare && !a.bare {
		b.kind, b.unit, b.cur = a.kind, a.unit, a.cur
	}
	if a.kind != b.kind || a.cur != b.cur || a.kind == Year || a.kind == Date || a.kind == Ordinal {
		return amount{}, false
	}
	if (a.unit == nil) != (b.unit == nil) {
		return amount{}, false
	}
	lo, hi := a.v, b.v
	if a.unit != nil && a.unit != b.unit {
		if a.unit.Dimension != b.unit.Dimension || a.unit.Factor == 0 {
			return amount{}, false
		}
		hi = b.v * b.unit.Factor / a.unit.Factor
	}
	if !(lo < hi) {
		return amount{}, false
	}
	return amount{i: a.i, j: b.j, kind: a.kind, min: lo, max: hi, rng: true, unit: a.unit, cur: a.cur,
		approx: append(a.approx, b.approx...), age: a.age || b.age}, true
}

// yearEnd completes the short end of a range of years: 2022 and 24 make
// 2024, 2005 and 6 make 2006.
func yearEnd(from, end float64, ndig int) float64 {
	if ndig == 1 {
		return math.Floor(from/10)*10 + end
	}
	return math.Floor(from/100)*100 + end
}

// amountOrVague reads an amount, or a vague count ("hundreds of").
func (s *scanner) amountOrVague(i int) (amount, bool) {
	if a, ok := s.vague(i); ok {
		return a, true
	}
	return s.amount(i)
}

// vague reads "hundreds of", "tens of thousands of", "several hundred",
// "a few thousand" as ranges: at least two of the unit, fewer than ten.
func (s *scanner) vague(i int) (amount, bool) {
	// All of them open with a word (numbers, most amounts, skip the lookups).
	if !s.isWord(i) || s.fl[i]&isCore == 0 && s.low(i) != "a" {
		return amount{}, false
	}
	p := i
	if base, ok := vagueBases[s.low(p)]; ok && s.low(p+1) == "of" {
		p += 2
		for {
			b, ok := vagueBases[s.low(p)]
			if !ok || b <= base || s.low(p+1) != "of" {
				break
			}
			base *= b
			p += 2
		}
		hi := 10*base - 1
		if s.low(i) == "dozens" {
			hi = 12*base - 1
		}
		a := amount{i: i, j: p, kind: Number, min: 2 * base, max: hi, rng: true}
		if e, q := s.match(p, fCurrency); e != nil {
			a.kind, a.cur, a.j = Money, e.cur, q
		}
		return a, true
	}
	if s.low(p) == "a" && s.low(p+1) == "few" {
		p++
	}
	if m, ok := vagueCounts[s.low(p)]; ok {
		sc := 0.0
		switch s.low(p + 1) {
		case "hundred":
			sc = 100
		case "thousand":
			sc = 1e3
		case "million":
			sc = 1e6
		case "billion":
			sc = 1e9
		case "dozen":
			sc = 12
		default:
			return amount{}, false
		}
		return amount{i: i, j: p + 2, kind: Number, min: m[0] * sc, max: m[1] * sc, rng: true}, true
	}
	return amount{}, false
}

// rank reads "number 3", "No. 1", "#2" as ordinals.
func (s *scanner) rank(i int) (amount, bool) {
	p := i
	switch {
	case s.low(i) == "number" && s.isNum(i+1) && s.t[i+1].sp:
		p = i + 1
	case s.low(i) == "number" && s.isWord(i+1) && s.t[i+1].sp:
		// "the number three cloud provider"
		v, ok := cardinals[s.low(i+1)]
		if !ok || v < 1 || v > 10 || i+2 < len(s.fl) && s.fl[i+2]&isCore != 0 || s.isSym(i+2, "-") && s.attached(i+2) {
			return amount{}, false
		}
		return amount{i: i, j: i + 2, kind: Ordinal, v: v, integral: true, words: true}, true
	case s.raw(i) == "No" && s.isSym(i+1, ".") && s.attached(i+1) && s.isNum(i+2):
		p = i + 2
	case s.raw(i) == "No" && s.isNum(i+1) && s.t[i+1].sp: // "ranked No 3"
		p = i + 1
	case s.isSym(i, "#") && s.isNum(i+1) && s.attached(i+1):
		p = i + 1
	default:
		return amount{}, false
	}
	t := s.t[p]
	if t.dec || t.comma || t.v < 1 || t.v > 1000 || s.attached(p+1) && s.isWord(p+1) {
		return amount{}, false
	}
	return amount{i: i, j: p + 1, kind: Ordinal, v: t.v, integral: true}, true
}

// date reads "October 28", "28 October 2025", "Oct. 28, 2025" and
// "October 2025": their numbers are not counts.
func (s *scanner) date(i int) (int, bool) {
	day := func(p int) bool {
		return s.isNum(p) && !s.t[p].dec && !s.t[p].comma && s.t[p].ndig <= 2 && s.t[p].v >= 1 && s.t[p].v <= 31
	}
	month := func(p int) int { // index after a month name, or -1
		if !s.isWord(p) || s.fl[p]&isMonth == 0 || s.raw(p)[0] < 'A' || s.raw(p)[0] > 'Z' {
			return -1
		}
		// "Oct."; "May." and "June." end a sentence.
		if s.isSym(p+1, ".") && s.attached(p+1) && monthAbbrevs[s.low(p)] {
			return p + 2
		}
		return p + 1
	}
	ordSuffix := func(p int) int {
		if s.isWord(p) && s.attached(p) {
			switch s.low(p) {
			case "st", "nd", "rd", "th":
				return p + 1
			}
		}
		return p
	}
	year := func(p int) int {
		q := p
		if s.isSym(q, ",") {
			q++
		}
		if s.isNum(q) && s.t[q].ndig == 4 && !s.t[q].comma && !s.t[q].dec {
			return q + 1
		}
		return p
	}
	if m := month(i); m > 0 {
		if day(m) && !(s.isSym(m+1, ",") && s.isNum(m+2) && s.t[m+2].ndig != 4) {
			j := ordSuffix(m + 1)
			if s.isSym(j, "-") && day(j+1) { // "March 3-5"
				j = ordSuffix(j + 2)
			}
			return year(j), true
		}
		if s.isNum(m) && s.t[m].ndig == 4 && !s.t[m].comma && !s.t[m].dec {
			return m + 1, true
		}
		return i, false
	}
	if day(i) {
		j := ordSuffix(i + 1)
		// "6-9 January", "6 to 9 January", "between 6 and 9 January"
		if k := j + 1; (s.isSym(j, "-") || s.isSym(j, "–") || s.low(j) == "to" || s.low(j) == "and" && s.low(i-1) == "between") && day(k) {
			if m := month(ordSuffix(k + 1)); m > 0 {
				return year(m), true
			}
		}
		if s.low(j) == "of" {
			j++
		}
		if m := month(j); m > 0 {
			return year(m), true
		}
	}
	return i, false
}

// amount reads [sign] [currency] number [scale] [currency | percent | unit]
// and the compounds that continue it ("$20 and 43 cents", "7 feet 10 inches").
func (s *scanner) amount(i int) (amount, bool) {
	a := amount{i: i}
	p := i
	neg := false
	if s.low(p) == "minus" || s.low(p) == "negative" {
		neg = true
		p++
	} else if s.sign(p) {
		neg = true
		p++
	}
	if e, q := s.match(p, fCurrency); e != nil && !(e.word && s.attached(q) && s.isNum(q)) && !(e.word && s.euroCup(p)) {
		a.cur = e.cur
		a.kind = Money
		p = q
		if s.isSym(p, "-") && s.attached(p) && s.isNum(p+1) && s.attached(p+1) {
			neg = true
			p++
		}
	}
	n, ok := s.number(p, a.cur != "")
	if !ok {
		return amount{}, false
	}
	a.v, a.scale, a.words, a.weak, a.ndig, a.integral = n.v, n.scale, n.words, n.weak, n.ndig, n.integral
	p = n.j
	if n.ord {
		if a.cur != "" || neg {
			return amount{}, false
		}
		a.kind, a.j = Ordinal, p
		return a, true
	}
	if a.cur == "" {
		p = s.suffix(&a, p, n)
	} else if a.kind == Money {
		p = s.cents(&a, p)
	}
	if a.kind == "" {
		a.kind = Number
		a.bare = true
		a.weak = a.weak || n.one
		a.yearish = !n.words && !n.comma && n.ndig == 4 && n.integral && n.scale == 0 && !neg && a.v >= 1000 && a.v <= 2100
	}
	if neg {
		a.v = -a.v
	}
	if (a.kind == Quantity || a.kind == Duration) && a.unit != nil {
		p = s.compound(&a, p)
	}
	if a.kind == Duration {
		p = s.old(&a, p)
	}
	if s.low(p) == "below" && s.low(p+1) == "zero" && (a.bare || a.kind == Quantity && a.unit.temp) {
		if a.bare {
			a.kind, a.unit, a.bare, a.yearish = Quantity, s.unitNamed("degree", nil), false, false
		}
		a.v = -a.v
		p += 2
	}
	a.j = p
	return a, true
}

// old reads the "-old" or " old" that makes a length of time an age:
// "28-year-old", "six-month-old", "24-year-olds", "40 years old".
func (s *scanner) old(a *amount, p int) int {
	q := p
	if s.isSym(q, "-") && s.attached(q) && s.attached(q+1) {
		q++
	} else if q >= len(s.t) || !s.t[q].sp {
		return p
	}
	if w := s.low(q); w != "old" && w != "olds" || s.attached(q+1) && s.isWord(q+1) {
		return p
	}
	a.kind, a.age = Quantity, true
	return q + 1
}

// sign reports whether token p is a minus sign on the number after it:
// "-504", "−2°", "-$5"; not the hyphen of "COVID-19" or a range.
func (s *scanner) sign(p int) bool {
	if p >= len(s.t) || s.t[p].k != tSym || (s.t[p].low != "-" && s.t[p].low != "−") {
		return false
	}
	if !s.isNum(p+1) && !s.curAt(p+1) {
		return false
	}
	if p == 0 {
		return true // "- 1,200,000" opening a phrase
	}
	glued := !s.t[p].sp && s.t[p-1].k != tSym
	return !glued && s.attached(p+1) && !dash(s.t[p-1].low)
}

// match returns the longest form of the kinds in mask at token i and the
// index after it.
func (s *scanner) match(i, mask int) (*entry, int) { return s.matchIf(i, mask, nil) }

func (s *scanner) matchIf(i, mask int, accept func(e *entry, end int) bool) (*entry, int) {
	if i >= len(s.t) || s.fl[i]&hasForms == 0 {
		return nil, i
	}
	return matchIf(s.text, s.t, i, s.lx.forms[s.fl[i]>>8], mask, accept)
}

func (s *scanner) curAt(i int) bool {
	e, _ := s.match(i, fCurrency)
	return e != nil
}

// suffix reads what follows a number with no currency before it: percent,
// currency, cents, units, durations. It sets a's kind and returns the
// index after.
func (s *scanner) suffix(a *amount, p int, n numRes) int {
	// "bare" numbers may also appear inside "2 more minutes", "3-inch".
	q := p
	if s.isSym(q, "-") && s.attached(q) && s.attached(q+1) && s.isWord(q+1) {
		q++
	}
	ok := func(e *entry, r int) bool { return s.unitOK(e, q, r, n) }
	if e, r := s.matchIf(q, fCurrency|fSubunit|fUnit, ok); e != nil {
		switch {
		case e.kind == fCurrency:
			a.kind, a.cur = Money, e.cur
			// "70 euro cents", "20 US dollar cents": hundredths of the
			// currency named.
			if sub, r2 := s.match(r, fSubunit); e.word && sub != nil && (sub.cur == "" || sub.cur == e.cur) && !s.attached(r) {
				a.v /= 1 / sub.unit.Factor // 70 / 100 is 0.7; 70 * 0.01 is not
				return r2
			}
			return s.cents(a, r)
		case e.kind == fSubunit:
			a.kind, a.cur, a.unit = Money, e.cur, e.unit
			return r
		default:
			a.kind, a.unit = e.unit.kind, e.unit
			if e.unit.Name == "percent" {
				a.unit = nil
			}
			return r
		}
	}
	// "2 more minutes", "half a litre", "a tenth of a gallon".
	q = p
	switch s.low(q) {
	case "more", "additional", "extra", "less", "fewer", "straight", "consecutive":
		q++
	case "of":
		if n.frac {
			q++
			if s.low(q) == "a" || s.low(q) == "an" {
				q++
			}
		}
	case "a", "an":
		if n.frac {
			q++
		}
	}
	if q > p {
		ok := func(e *entry, r int) bool { return e.unit.kind != Percent && s.unitOK(e, q, r, n) }
		if e, r := s.matchIf(q, fUnit, ok); e != nil {
			if e.unit.kind == Duration {
				a.kind = Duration
			} else if s.low(p) == "of" || s.low(p) == "a" || s.low(p) == "an" {
				a.kind = Quantity
			} else {
				return p
			}
			a.unit = e.unit
			return r
		}
	}
	return p
}

// unitOK rules out units that are also common words or need a context.
func (s *scanner) unitOK(e *entry, q, r int, n numRes) bool {
	form := strings.Join(e.toks, " ")
	attached := !s.t[q].sp
	if n.weak && (s.t[q].k != tWord || s.isNum(r)) {
		return false // "a US$4.7 billion": the article is not the amount
	}
	switch {
	case e.kind == fCurrency && (form == "pound" || form == "pounds") && s.low(r) == "of":
		return false // "two pounds of meat"
	case e.kind == fUnit && (form == "pound" || form == "pounds" || form == "lb" || form == "lbs") && s.low(r) != "of" && form[0] == 'p':
		return false // "ten pounds" is money
	case form == "in":
		return s.end(r) && !n.words
	case form == "\"" || form == "'" || form == "''":
		if !attached || n.words {
			return false
		}
		// An odd number of quote marks since the sentence began: this one
		// closes a quotation.
		quotes := 0
		if from, to := s.sent, s.t[q].s; from < to {
			quotes = strings.Count(s.text[from:to], form[:1])
		}
		return quotes%2 == 0 && (r >= len(s.t) || !s.isWord(r) || s.t[r].sp)
	case form == "m":
		// Without a currency, a lower-case m is metres; an upper-case M is
		// handled as a scale.
		return s.raw(q) == "m"
	case len(form) == 1 && e.kind == fUnit && form != "%" && form != "°":
		// Single letters ("g", "l", "h", "x") on the number, or closing a
		// phrase ("2 g.", "5 g of sugar"), never after number words.
		return !n.words && (attached || (s.end(r) || functionWords[s.low(r)]) && form != "x")
	case e.kind == fSubunit && (form == "c" || form == "p"):
		return attached || s.end(r)
	case e.kind == fUnit && e.unit.kind == Duration && s.raw(q) != strings.ToLower(s.raw(q)) && len(form) <= 3:
		return false // "5 MIN" headings aside, capitalised short forms are names
	}
	return true
}

// cents reads the hundredths after a whole amount of money: "$20 and 43c",
// "20 dollars 43 cents", "US$3 and fourteen".
func (s *scanner) cents(a *amount, p int) int {
	if a.scale != 0 || a.v != math.Trunc(a.v) {
		return p
	}
	q := p
	if s.low(q) == "and" {
		q++
	}
	if q >= len(s.t) || (q == p && !s.t[q].sp) {
		return p
	}
	n, ok := s.number(q, false)
	if !ok || n.scale != 0 || n.v != math.Trunc(n.v) || n.v >= 100 || n.v < 0 || n.ord || n.weak {
		return p
	}
	if e, r := s.match(n.j, fSubunit); e != nil && (e.cur == "" || e.cur == a.cur) {
		a.v += n.v * e.unit.Factor
		return r
	}
	if s.end(n.j) {
		a.v += n.v / 100
		return n.j
	}
	return p
}

// compound adds smaller units of the same dimension: "7 feet 10 inches",
// "2 years and 3 months", "an hour and a half", "1 hour thirty".
func (s *scanner) compound(a *amount, p int) int {
	for {
		q := p
		if s.isSym(q, ",") {
			q++
		}
		if s.low(q) == "and" {
			q++
		}
		if q == p && (q >= len(s.t) || !s.t[q].sp) {
			return p
		}
		// "and a half" continues the unit just read.
		if s.low(q) == "a" || s.low(q) == "an" {
			if den, plural, ok := fractionWord(s.low(q + 1)); ok && !plural && q > p {
				a.v += 1 / den
				a.weak = false
				return q + 2
			}
		}
		if den, plural, ok := fractionWord(s.low(q)); ok && !plural && q > p && s.low(p) == "and" {
			a.v += 1 / den
			return q + 1
		}
		n, ok := s.number(q, false)
		if !ok || n.ord || n.weak && s.low(q) == "one" && !s.isWord(n.j) {
			return p
		}
		var b amount
		r := s.suffix(&b, n.j, n)
		if b.unit == nil {
			// "1 hour thirty": bare minutes after hours.
			if a.unit.Name == "hour" && s.end(n.j) && n.v < 60 && n.integral {
				a.v = a.v*60 + n.v
				a.unit = s.unitNamed("minute", a.unit)
				return n.j
			}
			return p
		}
		if b.unit.Dimension != a.unit.Dimension || b.unit.Factor >= a.unit.Factor || b.unit.Factor == 0 {
			return p
		}
		a.v = a.v*ratio(a.unit, b.unit) + n.v
		a.unit = b.unit
		a.weak = false
		p = r
	}
}

// calendarDays are the lengths compounds use ("1 year, 2 days" is 367
// days; "2 years 3 months" is 27 months), whatever averages the rules keep.
var calendarDays = map[string]float64{"year": 365, "month": 30, "week": 7, "day": 1}

// ratio is how many of small make one big.
func ratio(big, small *unitDef) float64 {
	if big.Name == "year" && small.Name == "month" {
		return 12
	}
	if big.kind == Duration && small.kind == Duration {
		b, okb := calendarDays[big.Name]
		if sd, ok := calendarDays[small.Name]; okb && ok {
			return b / sd
		}
		if okb && small.Factor > 0 {
			return b * 86400 / small.Factor
		}
	}
	return big.Factor / small.Factor
}

func (s *scanner) unitNamed(name string, def *unitDef) *unitDef {
	if e, _ := s.lx.lookupUnit(name); e != nil {
		return e
	}
	return def
}

func (lx *lexicon) lookupUnit(name string) (*unitDef, bool) {
	u, ok := lx.byName[name]
	return u, ok
}

// keep drops readings that are not figures in running text: "one" and "a"
// alone, ordinals used as adverbs or verbs, numbers glued to words
// ("GPT-4", "AI21", "5G") or naming things ("Section 3", "Windows 11").
func (s *scanner) keep(a *amount) bool {
	if a.kind == Date {
		return true
	}
	// "aged 28", "aged 18-24", "aged between 30 and 40"
	if a.kind == Number && s.low(a.i-1) == "aged" && a.scale == 0 {
		if u := s.unitNamed("year", nil); u != nil {
			a.kind, a.unit, a.age, a.bare, a.yearish = Quantity, u, true, false, false
		}
	}
	if a.bare && a.yearish && !a.rng && !s.countNounAfter(a.j) {
		a.kind = Year
	}
	if s.alone && a.i == 0 && a.j == len(s.t) {
		return true
	}
	if a.weak && !a.rng {
		return false
	}
	first := a.i
	// Not the "No" of "No. 3", nor the "A" of "A$720m".
	for first < a.j && a.kind != Ordinal && s.t[first].k == tWord && s.fl[first]&isHedge != 0 && !s.attached(first+1) {
		first++
	}
	// Glued to a word before: "AI21", "GPT-4", "COVID-19", "day-one".
	if first > 0 && !s.t[first].sp {
		prev := s.t[first-1]
		if prev.k == tWord || prev.k == tNum {
			return false
		}
		if dash(prev.low) && first > 1 && !prev.sp && (s.t[first-2].k == tWord || s.t[first-2].k == tNum) {
			return false
		}
	}
	// Glued to an unknown word after: "5G", "1990s", "3D".
	if a.j < len(s.t) && !s.t[a.j].sp && (s.t[a.j].k == tWord || s.t[a.j].k == tNum) {
		return false
	}
	prev := s.low(first - 1)
	if first > 0 && s.t[first-1].k == tSym && s.t[first-1].low == "." && first > 1 {
		prev = s.low(first - 2)
	}
	if s.t[first].k == tNum {
		if labelWords[prev] || s.isSym(first-1, "§") {
			return false
		}
		// "0161", "007": numbers led by a zero are codes.
		if r := s.raw(first); r[0] == '0' && s.t[first].ndig >= 2 && !s.t[first].dec {
			return false
		}
		// US ZIP codes: "DC 20500".
		if s.t[first].ndig == 5 && !s.t[first].comma && !s.t[first].dec && s.isWord(first-1) &&
			len(s.raw(first-1)) == 2 && allUpper(s.raw(first-1)) {
			return false
		}
	}
	// A bare small number after a capitalised word names a product, a
	// road or a team ("Windows 11", "Boeing 737 jets", "Nokia 6600"),
	// unless counted nouns follow ("told Reuters 200 people").
	if a.kind == Number && a.bare && !a.rng && !a.words && !a.yearish && len(a.approx) == 0 && a.integral && a.ndig <= 4 &&
		!s.t[first].comma && s.nameBefore(first) && !s.countNounAfter(a.j) {
		return false
	}
	// Seven digits or more without separators: an account, a code.
	if a.bare && s.t[first].k == tNum && s.t[first].ndig >= 7 && !s.t[first].comma && !s.t[first].dec && a.scale == 0 {
		return false
	}
	// "4-1 down", "6-3": joined numbers that made no range are a score.
	if a.bare && s.isSym(a.j, "-") && s.attached(a.j) && s.isNum(a.j+1) && s.attached(a.j+1) {
		return false
	}
	// Number words written with a capital inside a name: "Formula One",
	// "the Big Three", "Group of Seven", "BBC1, Five Live".
	if a.words && isCapital(s.raw(first)) && !s.initial(first) {
		p := first - 1
		if s.low(p) == "of" {
			p--
		}
		if s.isWord(p) && isCapital(s.raw(p)) || s.isWord(a.j) && isCapital(s.raw(a.j)) {
			return false // "Formula One", "the Six Nations", "Five Live", "First Boston"
		}
	}
	if a.kind == Ordinal && a.words {
		return s.ordinalOK(a)
	}
	// "the first half", "the second quarter": the fraction names a period.
	if a.words && a.kind == Number && a.v < 1 && first > 0 && ordinals[s.low(first-1)] > 0 {
		return false
	}
	// Number words joined by a hyphen to a word that is no unit:
	// "one-off", "two-way".
	if a.words && a.kind == Number && s.isSym(a.j, "-") && s.attached(a.j) && s.attached(a.j+1) && s.isWord(a.j+1) {
		return false
	}
	return true
}

// ordinalOK keeps "the third", "its 78th", "second-largest", and drops the
// adverb "first", the verb "second", "third-party" and list openers.
func (s *scanner) ordinalOK(a *amount) bool {
	i, j := a.i, a.j
	if s.isSym(j, "-") && s.attached(j) && s.isWord(j+1) && s.attached(j+1) {
		w := s.low(j + 1)
		return strings.HasSuffix(w, "est") || w == "ever"
	}
	if i > 0 && dash(s.t[i-1].low) && !s.t[i].sp {
		return false
	}
	prev := s.low(i - 1)
	if i > 0 && s.t[i-1].k == tSym && (s.t[i-1].low == "'" || s.t[i-1].low == "’") && s.low(i-2) == "s" {
		prev = "the"
	}
	if pronouns[prev] {
		return false
	}
	if determiners[prev] {
		return true
	}
	return s.isWord(j) && !functionWords[s.low(j)]
}

// countNounAfter reports whether a counted noun in the plural follows:
// "2024 employees" counts; "in 2024 the firm", "2024 results" and "from
// 2007 onwards" name years.
func (s *scanner) countNounAfter(j int) bool {
	return s.isWord(j) && !isCapital(s.raw(j)) && s.pluralCount(s.low(j))
}

// pluralCount reports whether w is a counted noun in the plural.
func (s *scanner) pluralCount(w string) bool {
	if !s.lx.counted[w] {
		return false
	}
	switch w {
	case "people", "staff", "children", "personnel", "police", "men", "women", "cattle":
		return true
	}
	return strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss")
}

func isCapital(w string) bool { return w != "" && w[0] >= 'A' && w[0] <= 'Z' }

// nameBefore reports whether the word before token i is a capitalised
// word that is no month and, opening a sentence, no ordinary word ("Only
// 500", "About 40").
func (s *scanner) nameBefore(i int) bool {
	p := i - 1
	if !s.isWord(p) || !isCapital(s.raw(p)) || s.attached(i) {
		return false
	}
	w := s.low(p)
	if monthWords[w] || weekdays[w] {
		return false
	}
	if s.initial(p) {
		return !functionWords[w] && !determiners[w] && !isHedgeWord(w) && !openers[w] && !strings.HasSuffix(w, "ly")
	}
	return true
}

var weekdays = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true}

// openers are words that may open a sentence before a count.
var openers = map[string]bool{
	"only": true, "another": true, "all": true, "some": true, "nearly": true, "almost": true, "just": true,
	"around": true, "roughly": true, "fully": true, "still": true, "yet": true, "then": true, "now": true,
	"those": true, "these": true, "both": true, "exactly": true, "precisely": true,
	"perhaps": true, "maybe": true, "possibly": true, "over": true, "under": true, "barely": true,
	"meanwhile": true, "overall": true, "altogether": true, "today": true, "yesterday": true, "tomorrow": true,
	"however": true, "instead": true, "again": true, "plus": true, "thus": true, "hence": true,
	"last": true, "next": true, "first": true, "fewer": true, "more": true, "less": true,
}

func isHedgeWord(w string) bool {
	switch w {
	case "between", "from":
		return true
	}
	return len(hedgesByFirst[w]) > 0
}

// monthAbbrevs are the month names an abbreviation dot may follow: "Oct.".
var monthAbbrevs = map[string]bool{"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true}
