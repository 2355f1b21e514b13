package claims

import (
	"regexp"
	"strings"
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

// Scope returns the scope a claim's text gives its figures ("including
// previous rounds"), or "" when it gives none. Two claims with the same
// subject and predicate but different scopes are not a contradiction.
func Scope(text string) string {
	low := strings.ToLower(text)
	var parts []string
	for _, sc := range scopes {
		if !containsAny(low, sc.words) {
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

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
