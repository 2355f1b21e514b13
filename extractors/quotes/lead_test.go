package quotes

import (
	"testing"
	"unicode/utf8"
)

// scanMarks skips bytes that start no quote rune.
func TestQuoteLead(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if isQuoteRune(r) && !quoteLead[string(r)[0]] {
			t.Errorf("%q: first byte not in quoteLead", r)
		}
	}
}

func TestNextLead(t *testing.T) {
	texts := []string{"", "a", "abcdefgh", "abcdefghi\"", "abcdefg'", "abcdefgh'ij", "£1", "abcdefghijklmnop“x”",
		"aaaaaaaaaaaaaaaaaaaaaaaa—b", "éééééééééé'x", "ab\"", "\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x21\x23\x26\x28'"}
	for _, s := range texts {
		for i := 0; i <= len(s); i++ {
			want := i
			for want < len(s) && !quoteLead[s[want]] {
				want++
			}
			if got := nextLead(s, i); got != want {
				t.Errorf("nextLead(%q, %d) = %d, want %d", s, i, got, want)
			}
		}
	}
}
