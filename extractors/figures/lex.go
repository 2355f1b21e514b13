package figures

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// The scanner reads the bytes of one sentence into its own small tokens:
// digit runs, letter runs and single symbols. It splits finer than the
// analyzer ("1.2bn" → "1.2" "bn", "twenty-five" → "twenty" "-" "five") so
// the grammar sees every piece of a figure whichever way the analyzer cut it.

type tokKind uint8

const (
	tNum tokKind = iota
	tWord
	tSym
)

type tok struct {
	s, e int // byte offsets in the text
	k    tokKind
	sp   bool   // whitespace (or the start of the span) before
	nl   bool   // a line break in that whitespace
	caps bool   // a word not all lower-case ASCII: low is its text lowered
	low  string // lower-cased text for words, the text for symbols
	v    float64
	// For numbers: integer digits, and what separators were seen.
	ndig   int
	comma  bool
	dec    bool
	dotted bool // more than one decimal point: a version or an address
}

// lex appends the tokens of text[s:e] to toks. words, the analysed tokens
// of the text in order (or nil), lend their lower case, kept per word, to
// the capitalised words they span exactly: strings.ToLower would allocate
// for each.
func lex(text string, s, e int, words []analysis.Token, toks []tok) []tok {
	first := len(toks)
	toks = lexText(text, s, e, toks)
	// Capitalised words are lowered here rather than in lexText's loop:
	// words, and the calls, would take registers that loop needs for its
	// own state (as they did when this loop ended it).
	for k := first; k < len(toks); k++ {
		if t := &toks[k]; t.caps {
			t.low, words = lowerWord(text, t.s, t.e, words)
		}
	}
	return toks
}

// lexText appends the tokens of text[s:e] to toks, capitalised words with
// their text as low.
func lexText(text string, s, e int, toks []tok) []tok {
	sp, nl := true, false
	for k := s - 1; k >= 0 && isSpaceByte(text[k]); k-- {
		nl = nl || text[k] == '\n'
	}
	text = text[:e] // bounds the loops below without checks
	for i := s; i < e; {
		// Runs of ASCII whitespace, most gaps, without a trip round the
		// main loop for each byte.
		for ; i < e && byteClass[text[i]] == cSpace; i++ {
			sp = true
			if text[i] == '\n' {
				nl = true
			}
		}
		if i == e {
			break
		}
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case isDigit(c) || (c == '.' && i+1 < e && isDigit(text[i+1]) && (i == s || !isAlnumByte(text[i-1]))):
				t := lexNum(text, i, e)
				t.sp, t.nl = sp, nl
				toks = append(toks, t)
				i = t.e
			case isLetterByte(c):
				// Lower-case ASCII letters all have bit 0x20, capitals not.
				j, all := asciiLetters(text, i+1, c)
				for j < e && text[j] >= utf8.RuneSelf {
					r, n := utf8.DecodeRuneInString(text[j:])
					if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
						break
					}
					j, all = asciiLetters(text, j+n, 0)
				}
				// Most words are lower-case ASCII already. (Set in place,
				// the token is not built on the stack and copied.)
				toks = append(toks, tok{})
				t := &toks[len(toks)-1]
				t.s, t.e, t.k, t.sp, t.nl, t.caps = i, j, tWord, sp, nl, all&0x20 == 0
				t.low = text[i:j]
				i = j
			default:
				toks = append(toks, tok{s: i, e: i + 1, k: tSym, sp: sp, nl: nl, low: text[i : i+1]})
				i++
			}
			sp, nl = false, false
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) || (r == utf8.RuneError && n == 1):
			sp = true
			i += n
			continue
		case unicode.IsLetter(r):
			j := i + n
			for j < e {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r2) && !unicode.Is(unicode.Mn, r2) {
					break
				}
				j += n2
			}
			toks = append(toks, tok{s: i, e: j, k: tWord, sp: sp, nl: nl, low: text[i:j], caps: true})
			i = j
		default:
			toks = append(toks, tok{s: i, e: i + n, k: tSym, sp: sp, nl: nl, low: text[i : i+n]})
			i += n
		}
		sp, nl = false, false
	}
	return toks
}

// asciiLetters returns the end of the run of ASCII letters in text from
// i, and all with every byte of the run and-ed in.
func asciiLetters(text string, i int, all byte) (int, byte) {
	for i < len(text) {
		c := text[i]
		if byteClass[c] != cLetter {
			break
		}
		all &= c
		i++
	}
	return i, all
}

// lowerWord returns strings.ToLower(text[i:j]), from the analysed token
// spanning exactly i to j when there is one (letters hold no curly quotes,
// so its Norm is its Text), and words past those ending by i.
func lowerWord(text string, i, j int, words []analysis.Token) (string, []analysis.Token) {
	for len(words) > 0 && words[0].End <= i {
		words = words[1:]
	}
	if len(words) > 0 && words[0].Start == i && words[0].End == j {
		return words[0].Lower(), words
	}
	return strings.ToLower(text[i:j]), words
}

// lexNum reads digits with thousands separators and a decimal part:
// "12,000.50", ".77", "0033". A second decimal point marks the token as
// dotted ("1.2.3", "192.168.0.1") so it is never read as a figure.
func lexNum(text string, i, e int) tok {
	t := tok{s: i, k: tNum}
	j := i
	for j < e && isDigit(text[j]) {
		j++
	}
	t.ndig = j - i
	for j+4 <= e && text[j] == ',' && allDigits(text[j+1:j+4]) && (j+4 == e || !isDigit(text[j+4])) {
		t.comma = true
		t.ndig += 3
		j += 4
	}
	for j+1 < e && text[j] == '.' && isDigit(text[j+1]) {
		if t.dec {
			t.dotted = true
		}
		t.dec = true
		j++
		for j < e && isDigit(text[j]) {
			j++
		}
	}
	t.e = j
	if !t.dotted {
		t.v = numValue(text[i:j])
	}
	return t
}

// numValue is strconv.ParseFloat of a number lexNum read, its commas left
// out. Of at most 15 digits (nearly all), it is the digits' integer over
// a power of ten, as ParseFloat's own exact path computes it (both exact
// as floats, one correctly rounded division), without its parsing.
func numValue(raw string) float64 {
	var m uint64
	n, frac, point := 0, 0, false
	for k := 0; k < len(raw); k++ {
		switch c := raw[k]; c {
		case ',':
		case '.':
			point = true
		default:
			m = m*10 + uint64(c-'0')
			n++
			if point {
				frac++
			}
		}
	}
	if n <= 15 {
		return float64(m) / pow10[frac]
	}
	v, _ := strconv.ParseFloat(strings.ReplaceAll(raw, ",", ""), 64)
	return v
}

var pow10 = [16]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isLetterByte(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isAlnumByte(c byte) bool { return isDigit(c) || isLetterByte(c) }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// dash reports whether a symbol joins numbers as a range or hyphen.
func dash(s string) bool {
	switch s {
	case "-", "–", "—", "‒", "−":
		return true
	}
	return false
}
