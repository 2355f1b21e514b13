package analysis

import (
	"testing"
	"unicode/utf8"
)

// checkTokens verifies the token invariants every caller relies on.
func checkTokens(t testing.TB, text string, toks []Token) {
	t.Helper()
	valid := utf8.ValidString(text)
	prev := 0
	for i, tk := range toks {
		if tk.Start < prev || tk.End <= tk.Start || tk.End > len(text) {
			t.Fatalf("token %d [%d,%d) out of order or range (prev end %d, len %d)", i, tk.Start, tk.End, prev, len(text))
		}
		if tk.Text != text[tk.Start:tk.End] {
			t.Fatalf("token %d Text %q != text[%d:%d] %q", i, tk.Text, tk.Start, tk.End, text[tk.Start:tk.End])
		}
		if tk.Norm == "" {
			t.Fatalf("token %d %q has empty Norm", i, tk.Text)
		}
		if !utf8.ValidString(tk.Text) {
			t.Fatalf("token %d %q is not valid UTF-8", i, tk.Text)
		}
		if valid && (!utf8.RuneStart(text[tk.Start]) || tk.End < len(text) && !utf8.RuneStart(text[tk.End])) {
			t.Fatalf("token %d [%d,%d) splits a rune", i, tk.Start, tk.End)
		}
		if want := i == 0 || tk.Start > prev; tk.SpaceBefore != want {
			t.Fatalf("token %d %q SpaceBefore=%v, want %v", i, tk.Text, tk.SpaceBefore, want)
		}
		prev = tk.End
	}
}

// checkDoc verifies token and sentence invariants of an analysed document.
func checkDoc(t testing.TB, doc *Doc) {
	t.Helper()
	checkTokens(t, doc.Text, doc.Tokens)
	next := 0
	prevEnd := 0
	for si, s := range doc.Sentences {
		if s.First != next || s.Last <= s.First || s.Last > len(doc.Tokens) {
			t.Fatalf("sentence %d tokens [%d,%d) not contiguous after %d (of %d)", si, s.First, s.Last, next, len(doc.Tokens))
		}
		if s.Start < prevEnd || s.Start != doc.Tokens[s.First].Start || s.End != doc.Tokens[s.Last-1].End {
			t.Fatalf("sentence %d [%d,%d) does not match its tokens", si, s.Start, s.End)
		}
		if si > 0 && s.Para < doc.Sentences[si-1].Para {
			t.Fatalf("sentence %d paragraph %d goes backwards", si, s.Para)
		}
		for k := s.First; k < s.Last; k++ {
			if doc.Tokens[k].Sent != si {
				t.Fatalf("token %d Sent=%d, want %d", k, doc.Tokens[k].Sent, si)
			}
		}
		next, prevEnd = s.Last, s.End
	}
	if next != len(doc.Tokens) {
		t.Fatalf("sentences cover %d of %d tokens", next, len(doc.Tokens))
	}
}
