package quotes

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Quote mark families: a closing mark only pairs with an opening mark of its
// own family.
const (
	famDouble = 1 + iota
	famSingle
	famGuillemet
	famSingleGuillemet
)

// Roles a mark can play in context.
const (
	roleNone = iota
	roleOpen
	roleClose
	roleEither // a straight quote with no telling context
)

// mark is one quotation mark in the text.
type mark struct {
	start, end int
	fam        int
	role       int
}

// span is a paired quotation: content [start, end) between the opening mark
// at open and the closing mark at close (closeEnd is just past it).
// A quote left open at a paragraph end has closed false and ends there.
type span struct {
	open, start, end, close, closeEnd int
	fam                               int
	closed                            bool
	depth                             int
}

// elisions start with an apostrophe that is not a quote mark.
var elisions = []string{"em", "til", "tis", "twas", "cause", "n", "bout", "round", "s", "ve", "re", "ll", "d", "m"}

func isSpaceRune(r rune) bool { return r == utf8.RuneError || unicode.IsSpace(r) }

// isWordRune reports letters and digits.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// openingContext: what may precede an opening mark.
func openingContext(r rune) bool {
	return r == 0 || isSpaceRune(r) || strings.ContainsRune("([{—–-/:;,", r) || isQuoteRune(r)
}

// closingContext: what may follow a closing mark.
func closingContext(r rune) bool {
	return r == 0 || isSpaceRune(r) || strings.ContainsRune(".,;:!?)]}—–-/…", r) || isQuoteRune(r)
}

func isQuoteRune(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '‟', '\'', '‘', '’', '‚', '‛', '«', '»', '‹', '›':
		return true
	}
	return false
}

// quoteLead marks the first bytes of the quote runes.
var quoteLead = func() (t [256]bool) {
	for _, r := range "\"“”„‟'‘’‚‛«»‹›" {
		t[string(r)[0]] = true
	}
	return t
}()

// leadBytes are the bytes quoteLead marks (four).
var leadBytes = func() (bs []byte) {
	for b, ok := range quoteLead {
		if ok {
			bs = append(bs, byte(b))
		}
	}
	return bs
}()

// leads finds in text the bytes that may start a quote rune, each lead
// byte by its own strings.IndexByte (vectorised, where a byte-by-byte
// scan cost a few instructions a byte), remembering where each is next.
type leads struct {
	text string
	at   [4]int // per leadBytes, its next index (len(text): none); -1: not yet looked for
}

func newLeads(text string) leads { return leads{text: text, at: [4]int{-1, -1, -1, -1}} }

// next returns the index of the first lead byte at or after i, or
// len(text). Calls must not ask for a smaller i than the last.
func (l *leads) next(i int) int {
	best := len(l.text)
	for k, b := range leadBytes {
		if l.at[k] < i {
			l.at[k] = len(l.text)
			if j := strings.IndexByte(l.text[i:], b); j >= 0 {
				l.at[k] = i + j
			}
		}
		best = min(best, l.at[k])
	}
	return best
}

func runeBefore(text string, i int) rune {
	if i <= 0 {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return r
}

func runeAt(text string, i int) rune {
	if i >= len(text) {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return r
}

// scanMarks appends to ms the quotation marks of text, each with a role
// from its neighbours. Apostrophes (don’t, Amazon’s, ’90s) get no mark.
func scanMarks(text string, ms []mark) []mark {
	ls := newLeads(text)
	for i := 0; i < len(text); {
		// Every quote rune starts with one of a few bytes, none of them a
		// continuation byte, so the bytes between can be skipped unread.
		i = ls.next(i)
		if i == len(text) {
			break
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isQuoteRune(r) {
			i += n
			continue
		}
		// '' (two apostrophes) is a double quote in some house styles.
		if r == '\'' && i+1 < len(text) && text[i+1] == '\'' {
			n = 2
			r = '"'
		}
		prev, next := runeBefore(text, i), runeAt(text, i+n)
		leftOK := openingContext(prev) && next != 0 && !isSpaceRune(next)
		rightOK := closingContext(next) && prev != 0 && !isSpaceRune(prev)
		m := mark{start: i, end: i + n}
		switch r {
		case '"', '‟':
			m.fam = famDouble
			m.role = flankRole(leftOK, rightOK)
		case '“', '„':
			m.fam, m.role = famDouble, roleOpen
			if rightOK && !leftOK {
				m.role = roleEither
			}
		case '”':
			m.fam, m.role = famDouble, roleClose
			if leftOK && !rightOK {
				m.role = roleEither
			}
		case '«':
			m.fam, m.role = famGuillemet, roleOpen
		case '»':
			m.fam, m.role = famGuillemet, roleClose
		case '‹':
			m.fam, m.role = famSingleGuillemet, roleOpen
		case '›':
			m.fam, m.role = famSingleGuillemet, roleClose
		default: // ' ‘ ’ ‚ ‛
			m.fam = famSingle
			m.role = singleRole(text, i, n, r, prev, next)
		}
		if m.role != roleNone {
			ms = append(ms, m)
		}
		i += n
	}
	return ms
}

func flankRole(leftOK, rightOK bool) int {
	switch {
	case leftOK && !rightOK:
		return roleOpen
	case rightOK && !leftOK:
		return roleClose
	}
	return roleEither
}

// singleRole tells a single quote mark from an apostrophe.
func singleRole(text string, i, n int, r, prev, next rune) int {
	if isWordRune(prev) && isWordRune(next) {
		return roleNone // don’t, Amazon’s, rock’n’roll
	}
	if unicode.IsDigit(next) && r != '‚' {
		return roleNone // ’90s, '08
	}
	if (r == '’' || r == '\'') && openingContext(prev) && unicode.IsLetter(next) {
		w := text[i+n:]
		for _, e := range elisions {
			if len(w) >= len(e) && strings.EqualFold(w[:len(e)], e) && !isWordRune(runeAt(w, len(e))) {
				return roleNone // ’em, 'til, 'n'
			}
		}
	}
	leftOK := openingContext(prev) && next != 0 && !isSpaceRune(next)
	rightOK := closingContext(next) && prev != 0 && !isSpaceRune(prev)
	switch {
	case r == '‘' || r == '‚' || r == '‛':
		if leftOK {
			return roleOpen
		}
		return roleNone
	case leftOK && !rightOK:
		return roleOpen
	case rightOK && !leftOK:
		// A closing mark, or the apostrophe of a plural possessive
		// (investors’); pairing decides.
		return roleClose
	}
	return roleNone
}

// pairMarks pairs marks into spans. Pairing is by family with a stack, so
// nested quotes of another family (or of the same family, when the context
// says open) pair inside. A paragraph break closes what is still open,
// unless the next paragraph opens with a mark of the same family: then the
// quote runs on. Unclosed single quotes are dropped (they were apostrophes);
// other unclosed quotes end at their paragraph, so an odd mark never
// swallows the rest of the text. Within a line, a double mark opening a
// sentence inside an open double quote ends that quote and opens a new one:
// the paragraph break between them was lost, and running on would credit
// the narration and the next quote to the first speaker.
// The spans go in out's array.
func pairMarks(text string, ms []mark, out []span) []span {
	out = out[:0]
	var stack []span
	mi := 0
	flush := func(at int) {
		// Keep the outermost non-single open quote, ending at the break.
		for _, s := range stack {
			if s.fam == famSingle {
				continue
			}
			s.depth = 0
			out = endOpen(text, s, at, out)
			break
		}
		stack = stack[:0]
	}
	for i := 0; i <= len(text); {
		// Paragraph breaks.
		if i < len(text) && text[i] == '\n' {
			j := i
			for j < len(text) && (text[j] == '\n' || text[j] == '\r' || text[j] == ' ' || text[j] == '\t') {
				j++
			}
			if len(stack) > 0 && !softWrap(text, i, j) {
				outer := stack[0]
				if mi < len(ms) && ms[mi].start == j && ms[mi].fam == outer.fam && ms[mi].role != roleClose {
					// The quote runs on into the next paragraph.
					stack = stack[:1]
					i = ms[mi].end
					mi++
					continue
				}
				flush(i)
			}
			i = j
			continue
		}
		if mi >= len(ms) {
			if i >= len(text) {
				break
			}
			// Jump to the next newline.
			k := strings.IndexByte(text[i:], '\n')
			if k < 0 {
				break
			}
			i += k
			continue
		}
		m := ms[mi]
		if nl := strings.IndexByte(text[i:m.start], '\n'); nl >= 0 {
			i += nl
			continue
		}
		mi++
		i = m.end
		role := m.role
		top := -1
		for k := len(stack) - 1; k >= 0; k-- {
			if stack[k].fam == m.fam {
				top = k
				break
			}
		}
		if role == roleEither {
			if top >= 0 {
				role = roleClose
			} else {
				role = roleOpen
			}
		}
		switch {
		case role == roleOpen && top >= 0 && reopens(text, stack[top], m):
			// A lost paragraph break: the open quote ends with its text
			// and the mark opens the next quote.
			out = endOpen(text, stack[top], m.start, out)
			stack = stack[:top]
			fallthrough
		case role == roleOpen:
			stack = append(stack, span{open: m.start, start: m.end, fam: m.fam, depth: len(stack)})
		case top >= 0:
			s := stack[top]
			s.end, s.close, s.closeEnd, s.closed = m.start, m.start, m.end, true
			stack = stack[:top]
			out = append(out, s)
		}
	}
	flush(len(text))
	sortSpans(out)
	return out
}

// endOpen appends s, still open, to out ending at byte at, its spaces
// trimmed, unless no text is left.
func endOpen(text string, s span, at int, out []span) []span {
	if end := trimSpaceEnd(text, s.start, at); end > s.start {
		s.end, s.close, s.closeEnd = end, end, end
		out = append(out, s)
	}
	return out
}

// trimSpaceEnd moves end back over spaces, not before start.
func trimSpaceEnd(text string, start, end int) int {
	for end > start && isSpaceRune(runeBefore(text, end)) {
		_, n := utf8.DecodeLastRuneInString(text[:end])
		end -= n
	}
	return end
}

// reopens reports whether the opening double mark m, met inside the open
// double quote s, starts a new sentence (`...26 weeks. "We are`): a
// paragraph break lost within the line, not a nested quote, which would
// not open a sentence with a capital. Other marks keep nesting.
func reopens(text string, s span, m mark) bool {
	if m.fam != famDouble || s.fam != famDouble {
		return false
	}
	i := m.start
	for i > s.start && (text[i-1] == ' ' || text[i-1] == '\t') {
		i--
	}
	if i == m.start || i <= s.start {
		return false
	}
	// A quote inside ending the sentence: `... 'Not today.' "But`.
	if r := runeBefore(text, i); r == '\'' || r == '’' {
		i -= utf8.RuneLen(r)
	}
	if i <= s.start {
		return false
	}
	switch text[i-1] {
	case '.', '?', '!':
	default:
		return false
	}
	r := runeAt(text, m.end)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// softWrap reports whether the line break at [i, j) is a hard wrap inside a
// paragraph: one newline, no sentence end before, a lower-case word after.
func softWrap(text string, i, j int) bool {
	if strings.Count(text[i:j], "\n") > 1 {
		return false
	}
	p := strings.TrimRight(text[:i], " \t\r")
	r := runeBefore(p, len(p))
	if r == 0 || strings.ContainsRune(".!?:;\"”’»", r) {
		return false
	}
	nx := runeAt(text, j)
	return unicode.IsLower(nx)
}

func sortSpans(ss []span) {
	slices.SortStableFunc(ss, func(a, b span) int { return cmp.Compare(a.open, b.open) })
}

// outerSpans drops spans nested inside another span.
func outerSpans(ss []span) []span {
	out := ss[:0] // in place: a span is read before its slot is written
	lastEnd := -1
	for _, s := range ss {
		if s.open < lastEnd {
			continue
		}
		out = append(out, s)
		lastEnd = s.closeEnd
	}
	return out
}
