package claims

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
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
		if got, _, _, _ := scopeHits(text); got != want {
			t.Errorf("scopeGroups(%q) = %b, want %b", text, got, want)
		}
	}
}

// Scope starts each pattern near its first word; it must find what a
// search of the whole text finds.
func TestScopeWindow(t *testing.T) {
	texts := []string{
		"Sales rose, not including the costs of the merger, to $4bn",
		"The firm cut 200 jobs xin several rounds and in successive rounds",
		"It lost 5% in  successive rounds, in previous rounds too",
		"_including this; 9including that; (including the rest)",
		"Profit rose so far this year and last year, over the past three years.",
		"abcdefghijklmnopq in successive rounds", "in total", "rounds",
		"Costs since 2019 rose, between 1990 and 2000", "worldwide sales in the US.",
		"Überraschend in the UK, including VAT", "Growth in the U.S. so far",
		"£5bn ‘so far’ this year, in the U\u212a", "ſince 2019 in the UK", "İN THE UK İncluding all",
		"£1m in successive rounds, £2m not including fees", "cut in ſucceſſive rounds",
	}
	for _, text := range texts {
		if got, want := Scope(text), scopeAll(text); got != want {
			t.Errorf("Scope(%q) = %q, want %q", text, got, want)
		}
	}
}

// Scope must find what a search of the whole text finds in random texts
// of the patterns' words, with second matches or none.
func TestScopeRandom(t *testing.T) {
	frags := []string{" ", ", ", "x", ". ", "(", ");", "£", "’", "Ü", "ſ", "\u212a", "İ", "in ", "the ", "since ", "2019", "19", "rounds", "several ", "not ",
		"including ", "Including", "excluding the fee", "on top of", "in addition to", "so far", "in all", "in allocation",
		"cumulatively", "this year", "last years", "over the past", "week", "globally", "in the US", "in the U.S.", "UK", "eu"}
	rnd := uint32(7)
	for n := 0; n < 20000; n++ {
		text := randomText(frags, 1+n%11, &rnd)
		if got, want := Scope(text), scopeAll(text); got != want {
			t.Fatalf("Scope(%q) = %q, want %q", text, got, want)
		}
	}
}

// scopeAll is Scope searching the whole text with every pattern.
func scopeAll(text string) string {
	var parts []string
	for _, sc := range scopes {
		for _, m := range sc.re.FindAllString(text, 2) {
			parts = addPart(parts, m)
		}
	}
	return strings.Join(parts, "; ")
}

// scopeHits must find each pattern's words, and the first of them, as a
// search of the lower-cased text does.
func TestScopeHitsRandom(t *testing.T) {
	var frags []string
	for _, sc := range scopes {
		for _, w := range sc.words {
			frags = append(frags, w, strings.ToUpper(w[:len(w)/2])+w[len(w)/2:], w[:len(w)-1], w[1:])
		}
	}
	frags = append(frags, " ", ".", "x", "in ", "the ", "19", "Ü", "s", "£", "ſ", "\u212a", "İ", "é")
	rnd := uint32(1)
	for n := 0; n < 20000; n++ {
		text := randomText(frags, 1+n%7, &rnd)
		low := strings.ToLower(text)
		inText := !foldsToASCII(text)
		if inText {
			low = foldASCII(text) // positions in text
		}
		var want uint32
		var wantAt, wantEnd scopeAt
		for i, sc := range scopes {
			for _, w := range sc.words {
				if j := strings.Index(low, w); j >= 0 {
					if want&(1<<i) == 0 || j < wantAt[i] {
						wantAt[i] = j
					}
					wantEnd[i] = max(wantEnd[i], strings.LastIndex(low, w)+len(w))
					want |= 1 << i
				}
			}
		}
		got, at, end, gotInText := scopeHits(text)
		if got != want {
			t.Fatalf("scopeHits(%q) = %b, want %b", text, got, want)
		}
		if gotInText != inText {
			t.Fatalf("scopeHits(%q): inText %v", text, gotInText)
		}
		for i := range scopes {
			if inText && want&(1<<i) != 0 && at[i] != wantAt[i] {
				t.Fatalf("scopeHits(%q): at[%d] = %d, want %d", text, i, at[i], wantAt[i])
			}
			if inText && want&(1<<i) != 0 && end[i] != wantEnd[i] {
				t.Fatalf("scopeHits(%q): end[%d] = %d, want %d", text, i, end[i], wantEnd[i])
			}
		}
	}
}

// foldASCII lower-cases the ASCII letters of s only.
func foldASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// Only İ, ſ and the Kelvin sign lower-case or case-fold to ASCII letters:
// scopeHits reads any other text in place.
func TestFoldsToASCII(t *testing.T) {
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		toASCII := false
		for _, c := range strings.ToLower(string(r)) {
			toASCII = toASCII || c < utf8.RuneSelf
		}
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			toASCII = toASCII || f < utf8.RuneSelf
		}
		if toASCII != foldsToASCII(string(r)) {
			t.Errorf("%U: folds to ASCII %v, foldsToASCII says %v", r, toASCII, !toASCII)
		}
	}
}

// randomText joins n fragments picked by the linear congruential generator
// state rnd.
func randomText(frags []string, n int, rnd *uint32) string {
	var b strings.Builder
	for range n {
		*rnd = *rnd*1664525 + 1013904223
		b.WriteString(frags[*rnd>>8%uint32(len(frags))])
	}
	return b.String()
}
