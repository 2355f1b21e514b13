package analysis

import (
	"reflect"
	"strings"
	"testing"
)

// TestRecycle analyses texts with Docs handed back in between: every result
// equals a fresh analysis, tags included (an untagging analyzer must not
// see a tagging one's leftovers), and a huge Doc is not kept.
func TestRecycle(t *testing.T) {
	tagged := Default()
	plain, err := New(WithTagging(false))
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"A long first article. It has “quotes”, figures like $8 billion and several sentences.\n\nAnd a paragraph.",
		"Short.",
		"Nothing is tagged here, said the second analyzer.",
		"",
	}
	fresh := func(a *Analyzer, text string) Doc {
		d := a.Analyze(text) // never recycled: its arrays are its own
		return Doc{Text: d.Text, Tokens: append([]Token{}, d.Tokens...), Sentences: append([]Sentence{}, d.Sentences...)}
	}
	for round := 0; round < 3; round++ {
		for i, text := range texts {
			for _, a := range []*Analyzer{tagged, plain} {
				want := fresh(a, text)
				got := a.Analyze(text)
				g := Doc{Text: got.Text, Tokens: append([]Token{}, got.Tokens...), Sentences: append([]Sentence{}, got.Sentences...)}
				if !reflect.DeepEqual(g, want) {
					t.Fatalf("round %d text %d (tagging %v): recycled analysis differs", round, i, a.model != nil)
				}
				if a == plain {
					for _, tk := range got.Tokens {
						if tk.Tag != "" {
							t.Fatalf("untagged token %q carries tag %q from a recycled Doc", tk.Text, tk.Tag)
						}
					}
				}
				a.Recycle(got)
			}
		}
	}
	huge := tagged.Analyze(strings.Repeat("word ", MaxPooledTokens+10))
	tagged.Recycle(huge)
	if huge.Tokens == nil || len(huge.Tokens) != MaxPooledTokens+10 {
		t.Error("Recycle cleared a Doc it does not keep")
	}
	tagged.Recycle(nil)
}

// A recycled token array must not keep the tokens of the longer document
// before it past the new one's end: their strings would pin its text.
func TestRecycleClearsStaleTokens(t *testing.T) {
	a := Default()
	long := strings.Repeat("Several words in a sentence. ", 40)
	for try := 0; try < 20; try++ {
		d := a.Analyze(long)
		n := len(d.Tokens)
		a.Recycle(d)
		got := a.Analyze("Short one.")
		if cap(got.Tokens) < n {
			continue // the pool handed out another array
		}
		for i, tk := range got.Tokens[len(got.Tokens):n] {
			if tk != (Token{}) {
				t.Fatalf("token %d past the end still holds %q", len(got.Tokens)+i, tk.Text)
			}
		}
		return
	}
	t.Skip("the pool never handed the array back")
}
