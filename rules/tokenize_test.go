package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// simpleTokens is a small Penn-style tokenizer for example texts and tests:
// it splits off punctuation, possessives ('s), n't, currency symbols and %,
// keeps abbreviations with inner periods ("U.S.") whole and starts a new
// sentence after . ! or ?. It assigns no part-of-speech tags.
func simpleTokens(text string) []analysis.Token {
	var toks []analysis.Token
	sent := 0
	newSent := false
	emit := func(start, end int, spaceBefore bool) {
		if start >= end {
			return
		}
		if newSent {
			sent++
			newSent = false
		}
		s := text[start:end]
		toks = append(toks, analysis.Token{Start: start, End: end, Text: s, Norm: foldQuotes(s), Sent: sent, SpaceBefore: spaceBefore})
		if s == "." || s == "!" || s == "?" {
			newSent = true
		}
	}
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		start := i
		for i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				break
			}
			i += n
		}
		spaceBefore := start == 0 || isSpaceBefore(text, start)
		splitChunk(text, start, i, func(a, b int) {
			emit(a, b, spaceBefore && a == start)
		})
	}
	return toks
}

func isSpaceBefore(text string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return unicode.IsSpace(r)
}

const leadPunct = "\"'“‘([{"
const trailPunct = ".,;:!?\"')]}”’%…"

var abbrevs = map[string]bool{"inc": true, "corp": true, "ltd": true, "co": true, "mr": true, "mrs": true, "ms": true,
	"dr": true, "st": true, "jr": true, "sr": true, "prof": true, "gen": true, "gov": true, "sen": true, "rep": true,
	"no": true, "vs": true, "etc": true, "plc": false, "bros": true}

// splitChunk cuts one whitespace-free chunk [a, b) of text into tokens.
func splitChunk(text string, a, b int, emit func(a, b int)) {
	var tail [][2]int
	// Leading punctuation and currency symbols.
	for a < b {
		r, n := utf8.DecodeRuneInString(text[a:b])
		if strings.ContainsRune(leadPunct, r) || unicode.Is(unicode.Sc, r) {
			emit(a, a+n)
			a += n
			continue
		}
		break
	}
	// A currency prefix such as US$ or C$ before digits.
	if j := strings.IndexFunc(text[a:b], func(r rune) bool { return unicode.Is(unicode.Sc, r) }); j > 0 && j <= 3 {
		_, n := utf8.DecodeRuneInString(text[a+j : b])
		if a+j+n < b && isDigitByte(text[a+j+n]) {
			emit(a, a+j+n)
			a += j + n
		}
	}
	// Trailing punctuation, keeping the period of abbreviations.
	for a < b {
		r, n := utf8.DecodeLastRuneInString(text[a:b])
		if !strings.ContainsRune(trailPunct, r) {
			break
		}
		core := text[a : b-n]
		if r == '.' && (strings.Contains(core, ".") || abbrevs[strings.ToLower(core)] || len(core) == 1 && unicode.IsUpper(rune(core[0]))) {
			break
		}
		tail = append(tail, [2]int{b - n, b})
		b -= n
	}
	core := text[a:b]
	norm := foldQuotes(core)
	switch {
	case len(norm) > 2 && (strings.HasSuffix(norm, "'s") || strings.HasSuffix(norm, "'S")):
		cut := b - (len(core) - strings.LastIndexAny(core, "'’"))
		emit(a, cut)
		emit(cut, b)
	case len(norm) > 3 && strings.HasSuffix(strings.ToLower(norm), "n't"):
		cut := b - (len(core) - strings.LastIndexAny(core, "'’")) - 1
		emit(a, cut)
		emit(cut, b)
	default:
		emit(a, b)
	}
	for i := len(tail) - 1; i >= 0; i-- {
		emit(tail[i][0], tail[i][1])
	}
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }
