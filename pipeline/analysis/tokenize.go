package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tokenization conventions (PTB-like, so prose's tagger model fits):
//
//   - punctuation is split off; "don't" → "do" "n't", "Amazon’s" → "Amazon" "’s"
//     (also 'm 'd 'll 're 've), "companies’" → "companies" "’";
//   - currency: "$8" → "$" "8", "US$4.7" → "US$" "4.7", "£1.2bn" → "£" "1.2" "bn":
//     a number is split from a following unit or magnitude suffix (bn, m, k, km,
//     kg, ...; upper-case K/M/B/BN only after a currency sign), while ordinals,
//     decades and codes stay whole ("3rd", "1990s", "5G");
//   - numbers keep their separators: "12,000.50", "3.5", "10:30", "24/7";
//     "~12,000+" → "~" "12,000" "+"; "5–10%" and "5-10%" → "5" "–" "10" "%";
//   - kept whole: abbreviations with their period ("U.S.", "Inc.", "Mr.", "e.g.",
//     "J."), URLs, emails, @handles, #hashtags, "’90s", hyphenated words
//     ("AI-powered", "COVID-19"), "AT&T", "and/or", ellipses "..." and "…";
//   - whitespace, control characters, invisible format characters (BOM, ZWSP)
//     and invalid UTF-8 bytes separate tokens and never appear in one.

// tokenize appends the tokens of text to toks.
func tokenize(text string, toks []Token) []Token {
	// The gap before the next chunk: none, one space (gapSpace), or any
	// other (gapOther, also at the start). gapOther is segJoins's bit, so
	// ^gap&segJoins is the chunk's segJoins hint.
	const gapSpace, gapOther = 1, segJoins
	gap := gapOther
	for i := 0; i < len(text); {
		if k := byteKind[text[i]]; k&kSep != 0 {
			if gap != 0 || text[i] != ' ' {
				gap = gapOther
			} else {
				gap = gapSpace
			}
			i++
			continue
		} else if k&kHigh != 0 {
			if n := skipWidth(text, i); n > 0 {
				i += n
				gap = gapOther
				continue
			}
		}
		// The chunk's byte kinds, ORed, tell chunkTokens what it may skip.
		j, kinds := i, uint8(0)
		for {
			// ASCII token bytes, nearly all, in a loop of their own (the
			// unsigned test spares the bounds check).
			for ; uint(j) < uint(len(text)); j++ {
				k := byteKind[text[j]]
				if k&(kSep|kHigh) != 0 {
					break
				}
				kinds |= k
			}
			if j == len(text) || byteKind[text[j]]&kSep != 0 || skipWidth(text, j) > 0 {
				break
			}
			kinds |= kHigh
			_, n := utf8.DecodeRuneInString(text[j:])
			j += n
		}
		// Most chunks are a plain ASCII word or number: one token, as
		// wordToken would find, unless a number runs into letters ("5km",
		// "3rd"). Made here, apart from chunkTokens, whose frame and
		// spills cost more than the token.
		space, join := gap != 0, ^gap&segJoins
		if kinds&^(kWord|kLetter) == 0 && !numberIntoLetters(text[i:j], kinds) {
			t := text[i:j]
			toks = append(toks, Token{Start: i, End: j, Text: t, Norm: t, SpaceBefore: space, seg: segWord | join, Word: words.id(t)})
		} else {
			toks = chunkTokens(text, i, j, space, join, kinds, toks)
		}
		gap = 0
		i = j
	}
	return toks
}

// numberIntoLetters reports whether w, of a chunk whose bytes have kinds,
// is a number running into letters ("5km", "3rd"), which wordToken splits.
func numberIntoLetters(w string, kinds uint8) bool {
	return kinds&kLetter != 0 && isDigit(w[0])
}

// skipWidth returns the byte width of the separator at i, or 0 when a token
// character starts there.
func skipWidth(text string, i int) int {
	c := text[i]
	if c < utf8.RuneSelf {
		if c <= ' ' || c == 0x7f {
			return 1
		}
		return 0
	}
	r, n := utf8.DecodeRuneInString(text[i:])
	if r == utf8.RuneError && n == 1 {
		return 1
	}
	if isSeparator(r) {
		return n
	}
	return 0
}

func isSeparator(r rune) bool {
	switch r {
	case 0xAD, 0x200C, 0x200D: // soft hyphen and joiners live inside words
		return false
	}
	return unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
}

// chunkTokens splits the whitespace-free span text[s:e] into tokens; kinds
// is the OR of byteKind over its bytes, join segJoins when the gap before
// the chunk is none or one space.
func chunkTokens(text string, s, e int, space bool, join, kinds uint8, toks []Token) []Token {
	// Most chunks, plain words, are taken by tokenize. Many others are one
	// followed by a comma, a full stop and the like, which then is
	// a token of its own, unless the word keeps its period ("Mr.", "J.").
	if c := text[e-1]; e-s >= 2 && endsWord[c] && kinds&^(kWord|kLetter|kPunct|kURL) == 0 {
		if w := text[s : e-1]; allWordBytes(w) && !numberIntoLetters(w, kinds) {
			if c == '.' && kinds&kLetter != 0 && keepsPeriod(text, w, e) {
				t := text[s:e]
				return append(toks, Token{Start: s, End: e, Text: t, Norm: t, SpaceBefore: space, seg: join, Word: words.id(t)})
			}
			// endsWord holds no bullet byte.
			p := text[e-1 : e]
			return append(toks, Token{Start: s, End: e - 1, Text: w, Norm: w, SpaceBefore: space, seg: segWord | join, Word: words.id(w)},
				Token{Start: e - 1, End: e, Text: p, Norm: p, seg: segJoins, Word: words.id(p)})
		}
	}
	for p := s; p < e; {
		q := nextToken(text, s, p, e, kinds)
		if q <= p { // defensive: always make progress on a whole rune
			_, n := utf8.DecodeRuneInString(text[p:e])
			q = p + n
		}
		t := text[p:q]
		norm := t
		if kinds&kHigh != 0 { // no curly quotes in an ASCII chunk
			norm = fold(t)
		}
		toks = append(toks, Token{Start: p, End: q, Text: t, Norm: norm, SpaceBefore: space && p == s, seg: segHints(t, p > s, join), Word: words.id(norm)})
		p = q
	}
	return toks
}

// nextToken returns the end of the token starting at p inside chunk [s,e).
func nextToken(text string, s, p, e int, kinds uint8) int {
	c := text[p]
	r, size := rune(c), 1
	if c >= utf8.RuneSelf {
		r, size = utf8.DecodeRuneInString(text[p:e])
	}
	switch {
	case isWordRune(r):
		return wordToken(text, s, p, e, kinds)
	case c == '\'' || r == '’' || r == '‘':
		if q := decadeEnd(text, p, size, e); q > 0 {
			return q
		}
		if q := cliticEnd(text, s, p, size, e); q > 0 {
			return q
		}
	case c == '.':
		q := p + 1
		for q < e && text[q] == '.' {
			q++
		}
		if q-p == 1 && q < e && isDigit(text[q]) && (p == s || !isWordRune(lastRune(text[s:p]))) {
			return numberEnd(text, q, e) // ".5"
		}
		return q
	case r == '…':
		q := p + size
		for q < e && text[q] == '.' {
			q++
		}
		return q
	case c == '-':
		q := p + 1
		for q < e && text[q] == '-' {
			q++
		}
		return q
	case c == '@' || c == '#':
		if p == s || !isWordRune(lastRune(text[s:p])) {
			if q := tagEnd(text, p+1, e, c == '#'); q > p+1 {
				return q
			}
		}
	}
	// Any other rune is a token of its own, with any combining marks after
	// it (none ASCII: most tokens here end at an ASCII byte).
	q := p + size
	for q < e && text[q] >= utf8.RuneSelf {
		r, n := utf8.DecodeRuneInString(text[q:e])
		if !unicode.In(r, unicode.Mn, unicode.Me) && r != 0xFE0F && r != 0x200D {
			break
		}
		q += n
	}
	return q
}

// wordToken scans a word starting at p and returns the end of its first piece
// (clitics and unit suffixes come back as the following tokens).
func wordToken(text string, s, p, e int, kinds uint8) int {
	// A URL has a ':' or a '.'.
	if kinds&kURL != 0 {
		if q := urlEnd(text, p, e); q > 0 {
			return q
		}
	}
	// Most chunks have no '@': one IndexByte instead of scanning a local part.
	if kinds&kAt != 0 && strings.IndexByte(text[p:e], '@') >= 0 {
		if q := emailEnd(text, p, e); q > 0 {
			return q
		}
	}
	q, hasLetter := scanWord(text, p, e)
	word := text[p:q]
	if text[q-1] == '$' {
		return q
	}
	cut := q
	if kinds&(kApos|kHigh) != 0 && (strings.IndexByte(word, '\'') >= 0 || strings.IndexByte(word, 0xE2) >= 0) {
		if k := cliticLen(word); k > 0 {
			cut = q - k
		}
		if k := suffixLen(text[p:cut], "n't"); k > 0 && cut-k > p {
			cut -= k
		}
	}
	if cut < q {
		return cut
	}
	if !hasLetter || isDigit(word[0]) {
		if n := unitSplit(text, s, p, q); n > 0 {
			return n
		}
		return q
	}
	if q < e && text[q] == '.' && (q+1 >= e || text[q+1] != '.') && keepsPeriod(text, word, q+1) {
		return q + 1
	}
	return q
}

// scanWord consumes word runes and the joiners allowed between them.
func scanWord(text string, p, e int) (q int, hasLetter bool) {
	q = p
	segStart := p // start of the current dot-separated segment
	for q < e {
		// The common case, a run of ASCII word bytes, without the calls below.
		w, seen := text[:e], uint8(0)
		for q < len(w) {
			k := byteKind[w[q]]
			if k&kWord == 0 {
				break
			}
			seen |= k
			q++
		}
		hasLetter = hasLetter || seen&kLetter != 0
		if q == e {
			break
		}
		r, n := rune(text[q]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[q:e])
		}
		if isWordRune(r) {
			if unicode.IsLetter(r) {
				hasLetter = true
			}
			q += n
			continue
		}
		if q == p {
			break
		}
		next := rune(-1)
		if q+n < e {
			next, _ = utf8.DecodeRuneInString(text[q+n : e])
		}
		prev := lastRune(text[p:q])
		switch {
		case r == '-' && isWordRune(next):
			if !hasLetter && unicode.IsDigit(next) {
				return q, hasLetter // numeric range: "5-10"
			}
		case r == '.' && !hasLetter && unicode.IsDigit(next):
			// decimal or dotted number
		case r == '.' && unicode.IsDigit(prev) && unicode.IsDigit(next):
			// a version or model number: "v2.1.3", "GPT-3.5"
		case r == '.' && hasLetter && unicode.IsLetter(next):
			if !dotJoins(text, segStart, q, q+1, e) {
				return q, hasLetter
			}
			segStart = q + 1
		case r == ',' && !hasLetter && digitRun(text, q+1, e) == 3:
		case r == ':' && !hasLetter && digitRun(text, q+1, e) == 2:
		case r == '/' && (unicode.IsDigit(prev) && unicode.IsDigit(next) ||
			unicode.IsLetter(prev) && unicode.IsLetter(next)):
		case r == '&' && isUpper(prev) && isUpper(next):
		case (r == '\'' || r == '’') && unicode.IsLetter(next):
		case r == '$' && q-p <= 3 && allUpperASCII(text[p:q]) && (next < 0 || unicode.IsDigit(next)):
			return q + 1, hasLetter // "US$", "HK$"
		default:
			return q, hasLetter
		}
		q += n
	}
	return q, hasLetter
}

// dotJoins reports whether the period at dot (segment [seg,dot) before it,
// next segment starting at nx) sits inside a word: "U.S", "e.g", "Ph.D",
// "Amazon.com", "Node.js".
func dotJoins(text string, seg, dot, nx, e int) bool {
	segLen := utf8.RuneCountInString(text[seg:dot])
	end := nx
	for end < e {
		r, n := utf8.DecodeRuneInString(text[end:e])
		if !unicode.IsLetter(r) {
			break
		}
		end += n
	}
	nextLen := utf8.RuneCountInString(text[nx:end])
	followedByDot := end < e && text[end] == '.'
	if nextLen == 1 && segLen <= 2 && (followedByDot || end == e) {
		return true // acronyms and initialisms
	}
	if nextLen >= 2 && nextLen <= 6 && allLowerASCII(text[nx:end]) && (end == e || !isWordRune(firstRune(text[end:e]))) {
		return true // domain-like suffix
	}
	return false
}

// keepsPeriod decides whether word keeps the period that follows it (after is
// the offset just past that period).
func keepsPeriod(text, word string, after int) bool {
	// One rune: no counting for most words, longer than any rune.
	if len(word) == 1 || len(word) <= utf8.UTFMax && utf8.RuneCountInString(word) == 1 {
		return unicode.IsLetter(firstRune(word)) // initials, "p."
	}
	if strings.IndexByte(word, '.') > 0 {
		for _, seg := range strings.Split(word, ".") {
			if seg == "" || utf8.RuneCountInString(seg) > 2 {
				return false
			}
		}
		return true // "U.S", "e.g", "Ph.D"
	}
	switch abbrevKind(word) {
	case abbrevNone:
		return false
	case abbrevNumber: // "No. 3" but "said no."
		i := after
		for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
			i++
		}
		return i < len(text) && isDigit(text[i])
	}
	return true
}

// cliticLen returns the byte length of a trailing 's 'm 'd 'll 're 've (with
// either apostrophe) when the word has letters before it.
func cliticLen(word string) int {
	for _, c := range [...]string{"'s", "'m", "'d", "'ll", "'re", "'ve"} {
		if k := suffixLen(word, c); k > 0 && k < len(word) {
			return k
		}
	}
	return 0
}

// suffixLen matches suffix (written with ASCII apostrophe) at the end of word,
// case-insensitively and with ’ for ', returning its byte length or 0.
func suffixLen(word, suffix string) int {
	i, j := len(word), len(suffix)
	for j > 0 {
		if i == 0 {
			return 0
		}
		c := suffix[j-1]
		if c == '\'' {
			if word[i-1] == '\'' {
				i--
			} else if strings.HasSuffix(word[:i], "’") {
				i -= len("’")
			} else {
				return 0
			}
		} else if lowerASCII(word[i-1]) != c {
			return 0
		} else {
			i--
		}
		j--
	}
	return len(word) - i
}

// cliticEnd matches a clitic starting with the apostrophe at p, glued to the
// word before it: "Jr.’s", "1990's".
func cliticEnd(text string, s, p, size, e int) int {
	if p == s {
		return 0
	}
	if prev := lastRune(text[s:p]); !isWordRune(prev) && prev != '.' {
		return 0
	}
	q := p + size
	for q < e && isLetterASCII(text[q]) {
		q++
	}
	if q < e && isWordRune(firstRune(text[q:e])) {
		return 0
	}
	switch strings.ToLower(text[p+size : q]) {
	case "s", "m", "d", "ll", "re", "ve":
		return q
	}
	return 0
}

// decadeEnd matches "’90s" / "'90" at p.
func decadeEnd(text string, p, size, e int) int {
	q := p + size
	if digitRun(text, q, e) != 2 {
		return 0
	}
	q += 2
	if q < e && text[q] == 's' {
		q++
	}
	if q < e && isWordRune(firstRune(text[q:e])) {
		return 0
	}
	return q
}

// numberEnd scans digits with decimal points from p.
func numberEnd(text string, p, e int) int {
	q := p
	for q < e && (isDigit(text[q]) || text[q] == '.' && q+1 < e && isDigit(text[q+1])) {
		q++
	}
	return q
}

// unitSplit returns where a number in word [p,q) ends when a unit or magnitude
// suffix follows it ("1.2bn", "5km"), or 0.
func unitSplit(text string, s, p, q int) int {
	n := p
	for n < q && !isLetterASCII(text[n]) {
		if text[n] >= utf8.RuneSelf {
			return 0
		}
		n++
	}
	if n == p || n == q {
		return 0
	}
	suf := text[n:q]
	if units[suf] {
		return n
	}
	if magnitudes[suf] && p > s && unicode.Is(unicode.Sc, lastRune(text[s:p])) {
		return n
	}
	return 0
}

var units = setOf("k", "m", "mn", "bn", "b", "tn", "trn", "mln", "bln", "p", "bp", "km", "kg", "mg", "cm", "mm",
	"mph", "kph", "kmh", "ft", "lb", "lbs", "oz", "pc", "x", "GB", "MB", "TB", "KB",
	"GHz", "MHz", "kW", "kWh", "MW", "MWh", "GW", "GWh", "TWh", "bps", "Mbps", "Gbps")

var magnitudes = setOf("K", "M", "B", "BN", "MN", "TN", "Bn")

// urlEnd matches a URL starting at p (scheme or www.), trimming trailing
// punctuation and unbalanced closing brackets.
func urlEnd(text string, p, e int) int {
	rest := text[p:e]
	if c := text[p] | 0x20; c != 'h' && c != 'w' && c != 'f' {
		return 0
	}
	if !hasPrefixFold(rest, "http://") && !hasPrefixFold(rest, "https://") &&
		!hasPrefixFold(rest, "www.") && !hasPrefixFold(rest, "ftp://") {
		return 0
	}
	q := e
	parens := strings.Count(text[p:q], ")") - strings.Count(text[p:q], "(")
	brackets := strings.Count(text[p:q], "]") - strings.Count(text[p:q], "[")
	for q > p {
		r, n := utf8.DecodeLastRuneInString(text[p:q])
		switch {
		case strings.ContainsRune(".,;:!?'\"’”»", r):
		case r == ')' && parens > 0:
			parens--
		case r == ']' && brackets > 0:
			brackets--
		default:
			return checkURL(p, q)
		}
		q -= n
	}
	return checkURL(p, q)
}

func checkURL(p, q int) int {
	if q-p <= 8 { // a bare scheme or "www." is not a URL
		return 0
	}
	return q
}

// emailEnd matches local@domain.tld starting at p.
func emailEnd(text string, p, e int) int {
	// The local part is at most 64 bytes, which also keeps this linear.
	q, limit := p, min(e, p+64)
	for q < limit && (isLetterASCII(text[q]) || isDigit(text[q]) || strings.IndexByte("._%+-", text[q]) >= 0) {
		q++
	}
	if q == p || q >= e || text[q] != '@' {
		return 0
	}
	q++
	end, dot := 0, false
	for q < e {
		c := text[q]
		if isLetterASCII(c) || isDigit(c) {
			q++
			end = q
			continue
		}
		if (c == '.' || c == '-') && end == q && q+1 < e && (isLetterASCII(text[q+1]) || isDigit(text[q+1])) {
			dot = dot || c == '.'
			q++
			continue
		}
		break
	}
	if end == 0 || !dot {
		return 0
	}
	return end
}

// tagEnd scans the body of an @handle or #hashtag starting at p.
func tagEnd(text string, p, e int, hashtag bool) int {
	q := p
	for q < e {
		r, n := utf8.DecodeRuneInString(text[q:e])
		if hashtag {
			if q == p && !unicode.IsLetter(r) {
				return 0
			}
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && !unicode.Is(unicode.Mn, r) {
				break
			}
		} else if !isLetterASCII(byte(r)) && !isDigit(byte(r)) && r != '_' || r >= utf8.RuneSelf {
			break
		}
		q += n
	}
	return q
}

// fold maps curly quotes and apostrophes to ASCII; it returns t itself (no
// allocation) when there are none.
func fold(t string) string {
	i := strings.IndexByte(t, 0xE2)
	if i < 0 || !hasCurly(t[i:]) {
		return t
	}
	var b strings.Builder
	b.Grow(len(t))
	for _, r := range t {
		switch r {
		case '‘', '’', '‚', '‛':
			b.WriteByte('\'')
		case '“', '”', '„', '‟':
			b.WriteByte('"')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func hasCurly(t string) bool {
	for i := 0; i+2 < len(t); i++ {
		if t[i] == 0xE2 && t[i+1] == 0x80 && t[i+2] >= 0x98 && t[i+2] <= 0x9F {
			return true
		}
	}
	return false
}

// Character helpers. Invalid UTF-8 never reaches them inside a chunk.

// Byte kinds, one table load per byte in the scanning loops.
const (
	kWord   = 1 << iota // ASCII word byte: letter, digit, '_'
	kLetter             // ASCII letter
	kSep                // ASCII separator: space, control, DEL
	kHigh               // a byte of a multi-byte rune
	kAt                 // '@'
	kApos               // '\''
	kURL                // ':' or '.', which every URL has
	kPunct              // any other ASCII byte
)

// endsWord holds the bytes that, after a plain word or number, are a token
// of their own whatever the word (a period only unless the word keeps it).
var endsWord = [256]bool{',': true, ';': true, ')': true, '"': true, '!': true, '?': true, '.': true}

// allWordBytes reports whether s is all ASCII word bytes.
func allWordBytes(s string) bool {
	for i := 0; i < len(s); i++ {
		if byteKind[s[i]]&kWord == 0 {
			return false
		}
	}
	return true
}

var byteKind = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = kHigh
		case c <= ' ' || c == 0x7f:
			t[c] = kSep
		case isLetterASCII(byte(c)):
			t[c] = kWord | kLetter
		case isDigit(byte(c)) || c == '_':
			t[c] = kWord
		case c == '@':
			t[c] = kAt
		case c == '\'':
			t[c] = kApos
		case c == ':' || c == '.':
			t[c] = kURL
		default:
			t[c] = kPunct
		}
	}
	return
}()

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 0 && byteKind[r]&kWord != 0
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc) ||
		r == 0xAD || r == 0x200C || r == 0x200D
}

func isDigit(c byte) bool       { return c >= '0' && c <= '9' }
func isLetterASCII(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
func isUpper(r rune) bool { return unicode.IsUpper(r) }

func digitRun(text string, p, e int) int {
	q := p
	for q < e && isDigit(text[q]) {
		q++
	}
	return q - p
}

func allUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return s != ""
}

func allLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return s != ""
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func firstRune(s string) rune {
	if s == "" {
		return -1
	}
	if s[0] < utf8.RuneSelf {
		return rune(s[0])
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func lastRune(s string) rune {
	if s == "" {
		return -1
	}
	if c := s[len(s)-1]; c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
