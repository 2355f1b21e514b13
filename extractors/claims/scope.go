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

// scopeFirst lists the scope words by their first byte, each with the bit
// of its pattern, so that one pass over a claim finds which patterns to run;
// scopePair has bit c set in [a] when some word starts with a then c.
var (
	scopeFirst [256][]scopeWord
	scopePair  [256][4]uint64
)

func init() {
	for i, sc := range scopes {
		for _, w := range sc.words {
			scopeFirst[w[0]] = append(scopeFirst[w[0]], scopeWord{w, 1 << i})
			scopePair[w[0]][w[1]>>6] |= 1 << (w[1] & 63)
		}
	}
}

type scopeWord struct {
	w   string
	bit uint32
}

// Scope returns the scope a claim's text gives its figures ("including
// previous rounds"), or "" when it gives none. Two claims with the same
// subject and predicate but different scopes are not a contradiction.
func Scope(text string) string {
	groups := scopeGroups(text)
	if groups == 0 {
		return ""
	}
	var parts []string
	for i, sc := range scopes {
		if groups&(1<<i) == 0 {
			continue
		}
		for _, m := range sc.re.FindAllString(text, 2) {
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

// scopeGroups has bit i set when strings.ToLower(text) contains one of the
// words of scopes[i]. ASCII text is folded byte by byte as it is read.
func scopeGroups(text string) uint32 {
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			text = strings.ToLower(text)
			break
		}
	}
	var groups uint32
	for i := 0; i+1 < len(text); i++ {
		a, b := lowerByte(text[i]), lowerByte(text[i+1])
		if scopePair[a][b>>6]&(1<<(b&63)) == 0 {
			continue
		}
		for _, w := range scopeFirst[a] {
			if groups&w.bit == 0 && len(text)-i >= len(w.w) && foldedPrefix(text[i:], w.w) {
				groups |= w.bit
			}
		}
	}
	return groups
}

// foldedPrefix reports whether s starts with the lower-case ASCII word w,
// ignoring the case of ASCII letters in s.
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
