package claims

import (
	"regexp"
	"strings"
)

// scopeRes are the phrases that say what a figure covers beyond the event
// itself: earlier rounds, a period, a part of the company.
var scopeRes = []*regexp.Regexp{
	regexp.MustCompile(`(?i)\b(including|excluding|not including|on top of|in addition to)\s+[^,.;:()]{2,60}`),
	regexp.MustCompile(`(?i)\bin (multiple|several|two|three|successive|previous|earlier) rounds\b`),
	regexp.MustCompile(`(?i)\b(since|between) (19|20)\d\d\b[^,.;:()]{0,20}`),
	regexp.MustCompile(`(?i)\b(so far|to date|in total|in all|cumulative(ly)?|all told|over the (past|last) [^,.;:()]{1,20}|this year|last year)\b`),
	regexp.MustCompile(`(?i)\b(globally|worldwide|in the (US|U\.S\.|UK|EU))\b`),
}

// Scope returns the scope a claim's text gives its figures ("including
// previous rounds"), or "" when it gives none. Two claims with the same
// subject and predicate but different scopes are not a contradiction.
func Scope(text string) string {
	var parts []string
	for _, re := range scopeRes {
		for _, m := range re.FindAllString(text, 2) {
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
