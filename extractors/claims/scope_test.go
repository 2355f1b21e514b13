package claims

import (
	"strings"
	"testing"
)

// scopeGroups must pick the same patterns as testing every word on the
// lower-cased text.
func TestScopeGroups(t *testing.T) {
	texts := []string{
		"", "i", "Revenue rose 5% SO FAR this Year", "In The U.S. and in the EU",
		"Since 2019, sales Between 1990", "including previous rounds", "xIncludingx",
		"Über-cumulative totals WORLDWIDE", "in all", "in al", "\u212a in the uk",
		"ÎN THE UK over the past week", "All Told, on top of that",
	}
	for _, text := range texts {
		low := strings.ToLower(text)
		var want uint32
		for i, sc := range scopes {
			for _, w := range sc.words {
				if strings.Contains(low, w) {
					want |= 1 << i
				}
			}
		}
		if got := scopeGroups(text); got != want {
			t.Errorf("scopeGroups(%q) = %b, want %b", text, got, want)
		}
	}
}
