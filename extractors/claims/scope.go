package claims

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// scopes are the phrases that say what a figure covers beyond the event
// itself: earlier rounds, a period, a part of the company. Each pattern
// runs only when the lower-cased text holds one of its words, which keeps
// the regular expressions off most claims.
var scopes = []struct {
	words []string
	re    *regexp.Regexp
}{
	{[]string{"including", "excluding", "on top of", "in addition to"},
		regexp.MustCompile(`(?i)\b(including|excluding|not including|on top of|in addition to)\s+[^,.;:()]{2,60}`)},
	{[]string{"rounds"}, regexp.MustCompile(`(?i)\bin (multiple|several|two|three|successive|previous|earlier) rounds\b`)},
	{[]string{"since 19", "since 20", "between 19", "between 20"}, regexp.MustCompile(`(?i)\b(since|between) (19|20)\d\d\b[^,.;:()]{0,20}`)},
	{[]string{"so far", "to date", "in total", "in all", "cumulative", "all told", "over the past", "over the last", "this year", "last year"},
		regexp.MustCompile(`(?i)\b(so far|to date|in total|in all|cumulative(ly)?|all told|over the (past|last) [^,.;:()]{1,20}|this year|last year)\b`)},
	{[]string{"globally", "worldwide", "in the us", "in the u.s.", "in the uk", "in the eu"}, regexp.MustCompile(`(?i)\b(globally|worldwide|in the (US|U\.S\.|UK|EU))\b`)},
}

// scopeFirst lists the scope words by their first byte, each with the
// index of its pattern, so that one pass over a claim finds which patterns
// to run. scopePairs has the bit of every word's first two bytes with the
// 0x20 bit set, which rules out most places without a look at the list.
var (
	scopeFirst [256][]scopeWord
	scopePairs [1 << 10]uint64
)

func init() {
	if len(scopes) > len(scopeAt{}) {
		panic("claims: more scope patterns than scopeHits has room for")
	}
	for i, sc := range scopes {
		for _, w := range sc.words {
			scopeFirst[w[0]] = append(scopeFirst[w[0]], scopeWord{w, i})
			k := pairKey(w[0], w[1])
			scopePairs[k>>6] |= 1 << (k & 63)
		}
	}
}

// scopeAt holds a position per pattern.
type scopeAt [8]int

type scopeWord struct {
	w     string
	group int
}

func pairKey(a, b byte) uint16 { return uint16(a|0x20)<<8 | uint16(b|0x20) }

// Scope returns the scope a claim's text gives its figures ("including
// previous rounds"), or "" when it gives none. Two claims with the same
// subject and predicate but different scopes are not a contradiction.
func Scope(text string) string {
	groups, at, ascii := scopeHits(text)
	if groups == 0 {
		return ""
	}
	var parts []string
	for i, sc := range scopes {
		if groups&(1<<i) == 0 {
			continue
		}
		from := 0
		if ascii {
			from = matchFrom(text, at[i])
		}
		for _, m := range sc.re.FindAllString(text[from:], 2) {
			m = strings.TrimSpace(m)
			dup := false
			for _, p := range parts {
				if strings.Contains(p, m) || strings.Contains(m, p) {
					dup = true
				}
			}
			if !dup {
				parts = append(parts, m)
			}
		}
	}
	return strings.Join(parts, "; ")
}

// scopeLead is how far before a word of its list a pattern's match may
// start: "in successive " before "rounds".
const scopeLead = len("in successive ")

// matchFrom returns where a pattern may start looking in ASCII text whose
// first word of the pattern's list is at i: a match holds such a word at
// most scopeLead bytes after its start, and a cut after a non-word byte
// leaves \b as it was.
func matchFrom(text string, i int) int {
	i -= scopeLead
	for i > 0 && isWordByte(text[i-1]) {
		i--
	}
	return max(i, 0)
}

func isWordByte(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
}

// scopeHits sets bit i of groups when strings.ToLower(text) contains one of
// the words of scopes[i]. For ASCII text (ascii true), at[i] is where the
// first of them starts; other text is lower-cased first.
func scopeHits(text string) (groups uint32, at scopeAt, ascii bool) {
	ascii = true
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf && ascii {
			text, ascii, groups, i = strings.ToLower(text), false, 0, -1
			continue
		}
		if i+1 == len(text) {
			break
		}
		k := pairKey(text[i], text[i+1])
		if scopePairs[k>>6]&(1<<(k&63)) == 0 {
			continue
		}
		for _, w := range scopeFirst[text[i]|0x20] {
			if groups&(1<<w.group) == 0 && len(text)-i >= len(w.w) && foldedPrefix(text[i:], w.w) {
				groups |= 1 << w.group
				at[w.group] = i
			}
		}
	}
	return groups, at, ascii
}

// foldedPrefix reports whether s starts with the lower-case ASCII word w,
// ignoring the case of ASCII letters in s; s[0] is known to match.
func foldedPrefix(s, w string) bool {
	for j := 1; j < len(w); j++ {
		if lowerByte(s[j]) != w[j] {
			return false
		}
	}
	return true
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
