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

func TestLeads(t *testing.T) {
	if len(leadBytes) != len(leads{}.at) {
		t.Fatalf("%d lead bytes, leads keeps %d", len(leadBytes), len(leads{}.at))
	}
	texts := []string{"", "a", "abcdefgh", "abcdefghi\"", "abcdefg'", "abcdefgh'ij", "£1", "abcdefghijklmnop“x”",
		"aaaaaaaaaaaaaaaaaaaaaaaa—b", "éééééééééé'x", "«a» ‹b› „c‟ ‚d‛ “e” ‘f’ \"g\" 'h' €5 £6", "ab\"", "\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x21\x23\x26\x28'"}
	for _, s := range texts {
		// Each i asked of a fresh leads, and all in order of one.
		seq := newLeads(s)
		for i := 0; i <= len(s); i++ {
			want := i
			for want < len(s) && !quoteLead[s[want]] {
				want++
			}
			fresh := newLeads(s)
			if got := fresh.next(i); got != want {
				t.Errorf("fresh next(%q, %d) = %d, want %d", s, i, got, want)
			}
			if got := seq.next(i); got != want {
				t.Errorf("next(%q, %d) in order = %d, want %d", s, i, got, want)
			}
		}
	}
}
