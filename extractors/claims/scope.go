package claims

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// scopes are the phrases that say what a figure covers beyond the event
// itself: earlier rounds, a period, a part of the company. Each pattern
// runs only when the lower-cased text holds one of its words, which keeps
// the regular expressions off most claims. Every match holds one of the
// words, at most lead bytes after the match starts ("not " before
// "including", "in successive " before "rounds").
var scopes = []struct {
	words []string
	lead  int
	re    *regexp.Regexp
}{
	{[]string{"including", "excluding", "on top of", "in addition to"}, len("not "),
		regexp.MustCompile(`(?i)\b(including|excluding|not including|on top of|in addition to)\s+[^,.;:()]{2,60}`)},
	{[]string{"rounds"}, len("in successive "), regexp.MustCompile(`(?i)\bin (multiple|several|two|three|successive|previous|earlier) rounds\b`)},
	{[]string{"since 19", "since 20", "between 19", "between 20"}, 0, regexp.MustCompile(`(?i)\b(since|between) (19|20)\d\d\b[^,.;:()]{0,20}`)},
	{[]string{"so far", "to date", "in total", "in all", "cumulative", "all told", "over the past", "over the last", "this year", "last year"}, 0,
		regexp.MustCompile(`(?i)\b(so far|to date|in total|in all|cumulative(ly)?|all told|over the (past|last) [^,.;:()]{1,20}|this year|last year)\b`)},
	{[]string{"globally", "worldwide", "in the us", "in the u.s.", "in the uk", "in the eu"}, 0, regexp.MustCompile(`(?i)\b(globally|worldwide|in the (US|U\.S\.|UK|EU))\b`)},
}

// scopeAt holds a position per pattern.
type scopeAt [8]int

// scopeAuto is an Aho-Corasick automaton over the words of scopes, ASCII
// letters folded: one table step per byte finds every word in a claim.
var scopeAuto = newScopeAuto()

type scopeAutomaton struct {
	class [256]uint8 // byte → class; 0 for bytes in no word
	nc    int
	// next[row+class] is the row (state*nc) of the next state, with bit 15
	// set when a word ends there.
	next []uint16
	// ends lists, per row, each pattern with a word ending there and the
	// longest such word's length.
	ends [][]scopeEnd
}

type scopeEnd struct{ group, n int }

func newScopeAuto() *scopeAutomaton {
	if len(scopes) > len(scopeAt{}) {
		panic("claims: more scope patterns than scopeHits has room for")
	}
	a := &scopeAutomaton{nc: 1}
	for _, sc := range scopes {
		for _, w := range sc.words {
			for i := 0; i < len(w); i++ {
				if a.class[w[i]] == 0 {
					a.class[w[i]] = uint8(a.nc)
					a.nc++
				}
			}
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		a.class[c] = a.class[c+'a'-'A']
	}
	// The trie of the words, then failure links breadth first.
	type node struct {
		child map[uint8]int
		fail  int
		ends  []scopeEnd
	}
	nodes := []node{{child: map[uint8]int{}}}
	for g, sc := range scopes {
		for _, w := range sc.words {
			s := 0
			for i := 0; i < len(w); i++ {
				c := a.class[w[i]]
				t, ok := nodes[s].child[c]
				if !ok {
					t = len(nodes)
					nodes = append(nodes, node{child: map[uint8]int{}})
					nodes[s].child[c] = t
				}
				s = t
			}
			nodes[s].ends = addEnd(nodes[s].ends, scopeEnd{g, len(w)})
		}
	}
	a.next = make([]uint16, len(nodes)*a.nc)
	a.ends = make([][]scopeEnd, len(nodes))
	queue := []int{0}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, e := range nodes[nodes[s].fail].ends {
			if s != 0 {
				nodes[s].ends = addEnd(nodes[s].ends, e)
			}
		}
		a.ends[s] = nodes[s].ends
		for c := 0; c < a.nc; c++ {
			t, ok := nodes[s].child[uint8(c)]
			if !ok {
				// Follow the failure link (already filled: it is shallower).
				if s != 0 {
					a.next[s*a.nc+c] = a.next[nodes[s].fail*a.nc+c]
				}
				continue
			}
			if s != 0 {
				nodes[t].fail = int(a.next[nodes[s].fail*a.nc+c] &^ scopeEndBit)
			}
			a.next[s*a.nc+c] = uint16(t)
			queue = append(queue, t)
		}
	}
	if len(nodes)*a.nc >= scopeEndBit {
		panic("claims: too many scope automaton states")
	}
	// States to rows.
	for i, t := range a.next {
		a.next[i] = uint16(int(t) * a.nc)
		if len(nodes[t].ends) > 0 {
			a.next[i] |= scopeEndBit
		}
	}
	rows := make([][]scopeEnd, len(nodes)*a.nc)
	for s, e := range a.ends {
		rows[s*a.nc] = e
	}
	a.ends = rows
	return a
}

const scopeEndBit = 1 << 15

// addEnd adds e to ends, keeping one entry per pattern with the longest word.
func addEnd(ends []scopeEnd, e scopeEnd) []scopeEnd {
	for i := range ends {
		if ends[i].group == e.group {
			ends[i].n = max(ends[i].n, e.n)
			return ends
		}
	}
	return append(ends, e)
}

// Scope returns the scope a claim's text gives its figures ("including
// previous rounds"), or "" when it gives none. Two claims with the same
// subject and predicate but different scopes are not a contradiction.
func Scope(text string) string {
	groups, at, end, inText := scopeHits(text)
	if groups == 0 {
		return ""
	}
	var parts []string
	for i, sc := range scopes {
		if groups&(1<<i) == 0 {
			continue
		}
		var ms []string
		if inText {
			ms = scopeMatches(sc.re, text[:matchTo(text, end[i])], matchFrom(text, at[i]-sc.lead), end[i])
		} else {
			ms = sc.re.FindAllString(text, 2)
		}
		for _, m := range ms {
			parts = addPart(parts, m)
		}
	}
	return strings.Join(parts, "; ")
}

// addPart adds match m, trimmed, to parts unless it contains one of them
// or one of them contains it.
func addPart(parts []string, m string) []string {
	m = strings.TrimSpace(m)
	for _, p := range parts {
		if strings.Contains(p, m) || strings.Contains(m, p) {
			return parts
		}
	}
	return append(parts, m)
}

// scopeMatches returns re.FindAllString(text[from:], 2) for text (as
// scopeHits read it in place) whose last word of the pattern's list ends
// at end: a second match would
// hold such a word after the first match, so when none ends past the first
// match the search for a second, over the rest of the text, is left out.
func scopeMatches(re *regexp.Regexp, text string, from, end int) []string {
	loc := re.FindStringIndex(text[from:])
	if loc == nil {
		return nil
	}
	if end > from+loc[1] {
		return re.FindAllString(text[from:], 2)
	}
	return []string{text[from+loc[0] : from+loc[1]]}
}

// matchFrom returns where a pattern may start looking in text (as
// scopeHits read it in place) whose first word of the pattern's list is at
// i+lead: a match holds such a word at most lead bytes after its start,
// and a cut after a non-word byte, at the start of a character, leaves \b
// as it was.
func matchFrom(text string, i int) int {
	for i > 0 && (isWordByte(text[i-1]) || text[i]&0xc0 == 0x80) {
		i--
	}
	return max(i, 0)
}

// matchTo returns where a pattern's matches end at the latest in text (as
// scopeHits read it in place) whose last word of the pattern's list ends at end: each match holds
// such a word, no pattern runs on from its word past one of ",.;:()", and
// a cut before such a byte leaves \b as it was. The search then stops
// there instead of trying every start to the end of the text.
func matchTo(text string, end int) int {
	if i := strings.IndexAny(text[end:], ",.;:()"); i >= 0 {
		return end + i
	}
	return len(text)
}

func isWordByte(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
}

// scopeHits sets bit i of groups when strings.ToLower(text) contains one of
// the words of scopes[i]. When it reads text in place (inText), at[i] is
// where the first of them starts and end[i] where the last ends. It does,
// its ASCII letters folded, unless text has a character that lower-cases
// or case-folds to an ASCII letter (foldsToASCII): other characters split
// words the same way lower-cased or not, and the patterns (ASCII, their
// \b, \s and \d too) only match ASCII letters where such a word is, so
// every match still holds one of the words. Such text is lower-cased first.
func scopeHits(text string) (groups uint32, at, end scopeAt, inText bool) {
	a := scopeAuto
	next, class := a.next, &a.class
	inText = true
	checked := false
	row := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c >= utf8.RuneSelf && !checked {
			checked = true
			if foldsToASCII(text[i:]) {
				text, inText, groups, row, i = strings.ToLower(text), false, 0, 0, -1
				continue
			}
		}
		v := next[row+int(class[c])]
		row = int(v &^ scopeEndBit)
		if v&scopeEndBit == 0 {
			continue
		}
		for _, e := range a.ends[row] {
			if start := i + 1 - e.n; groups&(1<<e.group) == 0 || start < at[e.group] {
				at[e.group] = start
			}
			end[e.group] = i + 1
			groups |= 1 << e.group
		}
	}
	return groups, at, end, inText
}

// foldsToASCII reports whether s holds a character that strings.ToLower or
// a (?i) pattern takes for an ASCII letter: İ (i), ſ (s), K (the Kelvin
// sign, k). TestFoldsToASCII checks there are no others.
func foldsToASCII(s string) bool {
	return strings.Contains(s, "İ") || strings.Contains(s, "ſ") || strings.Contains(s, "\u212a")
}
