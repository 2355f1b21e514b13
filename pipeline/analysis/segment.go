package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence segmentation is rule-based over the tokens:
//
//   - a cluster of terminal punctuation (. ? ! ellipses) with the closing quotes
//     and brackets glued to it ends a sentence when the next token looks like a
//     sentence start (capital, digit, opening quote + capital, bullet);
//   - a plain "..." or "…" is mid-sentence unless a line break follows; four
//     dots end the sentence;
//   - an abbreviation that keeps its period ("Inc.", "U.S.", "J.") ends a
//     sentence only before a capitalised function word ("The", "He", ...) or a
//     title ("Mr."), and only after a clause of 4+ words; titles ("Mr.", "Dr.",
//     "No.", "e.g.") never end one;
//   - a blank line is a hard break and starts a paragraph; a single newline
//     breaks after terminal punctuation, bullets, tables, short lines and
//     headline-like lines, but not inside hard-wrapped prose;
//   - list markers ("1.", "2)", "a.", "•") start items, never end them.

// segment groups toks into sentences, setting Token.Sent.
func segment(text string, toks []Token, out []Sentence) []Sentence {
	sg := segmenter{text: text, toks: toks, markFor: -1}
	n := len(toks)
	start, para, lineStart := 0, 0, 0
	for i := 0; i < n; {
		mark, _ := sg.markerAt(start)
		if mark == "" {
			i = skipPlain(toks, i)
		}
		end, kind := i, unitPlain
		if mayStartUnit(toks[i].Text) { // most tokens are words: no call for them
			end, kind = sg.unit(i)
		}
		split := false
		switch kind {
		case unitTerminal:
			split = sg.terminalSplit(start, i, end)
		case unitAbbrev:
			split = sg.abbrevSplit(start, i, end)
		case unitPeriod:
			split = true
		}
		nl := 0
		if end+1 < n {
			// tokenize sets SpaceBefore exactly when a gap precedes a token;
			// most gaps are one space.
			if toks[end+1].SpaceBefore {
				if g, s := toks[end].End, toks[end+1].Start; s-g != 1 || text[g] != ' ' {
					nl = newlines(text[g:s])
				}
			}
			switch {
			case nl >= 2:
				split = true
			case nl == 1:
				split = sg.lineSplit(kind, start, lineStart, i, end)
			case !split:
				// startsItem is false when no marker opens the sentence
				// and no bullet follows: no call for that.
				if mark != "" || mayBeBullet(toks[end+1].Text) {
					split = sg.startsItem(start, end+1)
				}
			}
		}
		if split || end+1 == n {
			for k := start; k <= end; k++ {
				toks[k].Sent = len(out)
			}
			out = append(out, Sentence{Start: toks[start].Start, End: toks[end].End, First: start, Last: end + 1, Para: para})
			start = end + 1
			if nl >= 2 {
				para++
			}
		}
		if nl > 0 {
			lineStart = end + 1
		}
		i = end + 1
	}
	return out
}

// skipPlain returns the first token from i on that the loop in segment
// must look at: for the ones before it, words with one space or none
// before a next token that is no bullet, the loop would change nothing
// (when the sentence's marker is known to be none). Most tokens are such;
// tokenize notes which (Token.seg), so the loop tests a byte per token.
func skipPlain(toks []Token, i int) int {
	for i+1 < len(toks) && toks[i].seg&segWord != 0 && toks[i+1].seg&segJoins != 0 {
		i++
	}
	return i
}

// Token.seg's bits, what skipPlain asks of a token and the next.
const (
	segWord  uint8 = 1 << iota // !mayStartUnit(Text)
	segJoins                   // !mayBeBullet(Text), and the gap before is none or one space
)

// segHints returns a token's seg; inside when the token does not start its
// chunk, join segJoins when the gap before the chunk is none or one space.
func segHints(t string, inside bool, join uint8) (h uint8) {
	if !mayStartUnit(t) {
		h = segWord
	}
	if !mayBeBullet(t) {
		if inside {
			h |= segJoins
		} else {
			h |= join
		}
	}
	return h
}

type segmenter struct {
	text string
	toks []Token
	// markerAt's answer for the sentence starting at markFor: start stays
	// the same over a sentence's tokens, and startsItem asks at each.
	markFor, markLast int
	mark              string
}

const (
	unitPlain = iota
	unitTerminal
	unitAbbrev
	unitPeriod // a period that ends a sentence before a spaced ellipsis
)

// unit returns the last token of the unit starting at i: a terminal cluster
// with its glued closers, an abbreviation with its closers, or one token.
func (sg *segmenter) unit(i int) (end, kind int) {
	t := &sg.toks[i]
	switch {
	case isTerminal(t.Text):
		kind = unitTerminal
	case isAbbrevToken(t.Text):
		kind = unitAbbrev
	default:
		return i, unitPlain
	}
	end = i
	if t.Text == "." {
		if m := sg.spacedDots(i); m >= 4 && !t.SpaceBefore && sg.startsSentence(i+m) {
			// "word. . . . Next": the period ends this sentence and the
			// ellipsis opens the next one.
			return i, unitPeriod
		} else if m >= 2 {
			end = i + m - 1
		}
	}
	for end+1 < len(sg.toks) {
		nt := sg.toks[end+1]
		if !isTerminal(nt.Text) && !IsCloser(nt.Text) ||
			nt.SpaceBefore && !isClosingQuote(nt.Text) && !sg.danglingQuote(end+1) {
			break
		}
		if isTerminal(nt.Text) {
			kind = unitTerminal
		}
		end++
	}
	return end, kind
}

// danglingQuote reports a straight quote at k that ends its line: `done. "`.
func (sg *segmenter) danglingQuote(k int) bool {
	if t := sg.toks[k].Text; t != "\"" && t != "'" {
		return false
	}
	return k+1 == len(sg.toks) || newlines(sg.text[sg.toks[k].End:sg.toks[k+1].Start]) > 0
}

// spacedDots counts the ". . ." run of single-space separated periods at i.
func (sg *segmenter) spacedDots(i int) int {
	m := 1
	for j := i + 1; j < len(sg.toks) && sg.toks[j].Text == "." && sg.text[sg.toks[j-1].End:sg.toks[j].Start] == " "; j++ {
		m++
	}
	return m
}

func (sg *segmenter) terminalSplit(start, i, end int) bool {
	toks := sg.toks
	if end+1 >= len(toks) {
		return false
	}
	if _, last := sg.markerAt(start); last >= i {
		return false // "1." opening a list item
	}
	t := toks[i].Text
	next := end + 1
	if t == "." {
		if m := sg.spacedDots(i); m >= 2 {
			return m >= 4 && sg.startsSentence(next) // ". . ." is mid-sentence
		}
	}
	if dots := ellipsisDots(t); dots == 3 {
		return false
	}
	nt := toks[next].Text
	if r := firstRune(nt); unicode.IsDigit(r) {
		// "in 2019. 2020 was" splits; "N°. 1026" does not.
		if t == "." && i > 0 {
			prev := toks[i-1].Text
			return utf8.RuneCountInString(prev) >= 2 && isWordRune(firstRune(prev))
		}
		return true
	}
	return sg.startsSentence(next)
}

func (sg *segmenter) abbrevSplit(start, i, end int) bool {
	toks := sg.toks
	if end+1 >= len(toks) {
		return false
	}
	word := strings.TrimSuffix(toks[i].Text, ".")
	switch {
	case strings.IndexByte(word, '.') > 0:
		if lw := strings.ToLower(word); lw == "e.g" || lw == "i.e" {
			return false
		}
	case utf8.RuneCountInString(word) == 1:
	default:
		if k := abbrevKind(word); k == abbrevTitle || k == abbrevNumber {
			return false
		}
	}
	next := end + 1
	nt := toks[next].Text
	var starts bool
	if isOpenQuote(nt) && next+1 < len(toks) {
		starts = unicode.IsUpper(firstRune(toks[next+1].Text))
	} else {
		starts = starters[nt] || strings.HasSuffix(nt, ".") && abbrevKind(strings.TrimSuffix(nt, ".")) == abbrevTitle
	}
	return starts && sg.hasWords(start, i+1, 4)
}

// hasWords reports whether [from,to) holds at least n word tokens, looking
// back from to so that long sentences cost O(n).
func (sg *segmenter) hasWords(from, to, n int) bool {
	for k := to - 1; k >= from && n > 0; k-- {
		if isWordRune(firstRune(sg.toks[k].Text)) {
			n--
		}
	}
	return n == 0
}

// lineSplit decides a single line break after the unit [i,end]; lineStart is
// the first token of the line.
func (sg *segmenter) lineSplit(kind, start, lineStart, i, end int) bool {
	toks := sg.toks
	next := end + 1
	switch kind {
	case unitTerminal, unitPeriod:
		return true
	case unitAbbrev:
		word := strings.TrimSuffix(toks[i].Text, ".")
		if abbrevKind(word) == abbrevTitle {
			return false
		}
		return sg.startsSentence(next)
	}
	if sg.isBullet(lineStart) || sg.isBullet(next) || sg.markerFrom(next) != "" {
		return true
	}
	line := sg.text[toks[lineStart].Start:toks[end].End]
	nextLine := sg.text[toks[next].Start:]
	if k := strings.IndexAny(nextLine, "\r\n"); k >= 0 {
		nextLine = nextLine[:k]
	}
	if strings.Contains(line, "\t") || strings.Contains(nextLine, "\t") || strings.HasPrefix(line, "|") || strings.HasPrefix(nextLine, "|") {
		return true
	}
	if !sg.hasWords(lineStart, end+1, 4) {
		return true
	}
	last := toks[end].Text
	if last == "," || last == ";" || last == "-" || continuations[strings.ToLower(last)] {
		return false // hard-wrapped prose
	}
	if sg.startsSentence(next) {
		return true
	}
	return sg.titleLike(lineStart, end+1)
}

// startsItem reports a mid-line list item or bullet at k that should start a
// new sentence: "... first item 2. The second ...", "... • next".
func (sg *segmenter) startsItem(start, k int) bool {
	if k <= start || k >= len(sg.toks) {
		return false
	}
	if mayBeBullet(sg.toks[k].Text) && sg.isBullet(k) {
		return true
	}
	prev, _ := sg.markerAt(start)
	if prev == "" {
		return false
	}
	cur := sg.markerFrom(k)
	return cur != "" && successor(prev, cur)
}

// markerAt returns the list marker opening the sentence at start ("1", "a")
// and the index of its last token, or "", -1.
func (sg *segmenter) markerAt(start int) (string, int) {
	if start != sg.markFor {
		sg.findMarker(start)
	}
	return sg.mark, sg.markLast
}

func (sg *segmenter) findMarker(start int) {
	k := start
	for k < len(sg.toks) && sg.isBullet(k) {
		k++
	}
	sg.mark, sg.markLast = sg.markerEnd(k)
	sg.markFor = start
}

// markerFrom matches a list marker at k followed by a capitalised word:
// "1." "1)" "1.)" "a." "a)".
func (sg *segmenter) markerFrom(k int) string {
	m, _ := sg.markerEnd(k)
	return m
}

func (sg *segmenter) markerEnd(k int) (string, int) {
	toks := sg.toks
	if k >= len(toks) {
		return "", -1
	}
	t := toks[k].Text
	j := k + 1
	switch {
	case len(t) <= 3 && allDigits(t):
		if j < len(toks) && (toks[j].Text == "." || toks[j].Text == ")") && !toks[j].SpaceBefore {
			j++
			if toks[j-1].Text == "." && j < len(toks) && toks[j].Text == ")" && !toks[j].SpaceBefore {
				j++
			}
		} else {
			return "", -1
		}
	case len(t) == 2 && t[1] == '.' && isLetterASCII(t[0]):
		t = t[:1]
	case len(t) == 1 && isLetterASCII(t[0]) && j < len(toks) && toks[j].Text == ")" && !toks[j].SpaceBefore:
		j++
	default:
		return "", -1
	}
	if j >= len(toks) || !unicode.IsUpper(firstRune(toks[j].Text)) && !unicode.IsDigit(firstRune(toks[j].Text)) {
		return "", -1
	}
	return t, j - 1
}

func successor(prev, cur string) bool {
	if allDigits(prev) && allDigits(cur) {
		return atoiSmall(cur) == atoiSmall(prev)+1
	}
	return len(prev) == 1 && len(cur) == 1 && cur[0] == prev[0]+1
}

func (sg *segmenter) isBullet(k int) bool {
	if k >= len(sg.toks) {
		return false
	}
	t := sg.toks[k].Text
	if !mayBeBullet(t) || !IsBulletMark(t) {
		return false
	}
	switch t {
	case "-", "*", "–", "—":
		// "- item" at a line start
		return k+1 < len(sg.toks) && sg.toks[k+1].SpaceBefore && sg.atLineStart(k)
	}
	return true
}

// IsBulletMark reports whether token t can mark a list item: "•" and its
// kin anywhere, "-", "*", "–" and "—" when they open a line.
func IsBulletMark(t string) bool {
	switch t {
	case "•", "‣", "⁃", "◦", "▪", "▫", "●", "■", "□", "►", "▶", "➢", "➤", "✓", "✔", "-", "*", "–", "—":
		return true
	}
	return false
}

// mayBeBullet is isBullet's test for most tokens: every bullet is "-", "*"
// or non-ASCII.
func mayBeBullet(t string) bool {
	return t != "" && (t[0] >= utf8.RuneSelf || t[0] == '-' || t[0] == '*')
}

func (sg *segmenter) atLineStart(k int) bool { return lineStartAt(sg.text, sg.toks[k].Start) }

// lineStartAt reports whether only spaces and tabs come between byte i of
// text and the line break (or the start of text) before it.
func lineStartAt(text string, i int) bool {
	for i > 0 && (text[i-1] == ' ' || text[i-1] == '\t') {
		i--
	}
	return i == 0 || text[i-1] == '\n' || text[i-1] == '\r'
}

// startsSentence reports whether token k looks like the first of a sentence.
func (sg *segmenter) startsSentence(k int) bool {
	toks := sg.toks
	if k >= len(toks) {
		return false
	}
	t := toks[k].Text
	r := firstRune(t)
	switch {
	case unicode.IsUpper(r) || unicode.IsDigit(r) || unicode.IsTitle(r):
		return true
	case sg.isBullet(k):
		return true
	case isOpenQuote(t) || t == "(" || t == "[" || unicode.Is(unicode.Sc, r):
		if k+1 < len(toks) {
			n := firstRune(toks[k+1].Text)
			return unicode.IsUpper(n) || unicode.IsDigit(n)
		}
	}
	return false
}

// titleLike reports a headline: 2+ words, every one capitalised or a small word.
func (sg *segmenter) titleLike(from, to int) bool {
	n := 0
	for k := from; k < to; k++ {
		t := sg.toks[k].Text
		r := firstRune(t)
		if !isWordRune(r) {
			continue
		}
		n++
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !smallWords[t] {
			return false
		}
	}
	return n >= 2
}

// newlines counts line breaks in a gap; CRLF counts once, a paragraph
// separator twice.
func newlines(gap string) int {
	n := 0
	for i := 0; i < len(gap); i++ {
		switch gap[i] {
		case '\n', '\v', '\f':
			n++
		case '\r':
			if i+1 >= len(gap) || gap[i+1] != '\n' {
				n++
			}
		case 0xE2:
			if strings.HasPrefix(gap[i:], "\u2028") {
				n++
			} else if strings.HasPrefix(gap[i:], "\u2029") {
				n += 2
			}
		}
	}
	return n
}

func isTerminal(t string) bool {
	if t == "" {
		return false
	}
	for _, r := range t {
		switch r {
		case '.', '?', '!', '…', '‼', '⁇', '⁈', '⁉':
		default:
			return false
		}
	}
	return true
}

// ellipsisDots returns the number of dots in an ellipsis token (… counts 3),
// or 0 for other tokens.
func ellipsisDots(t string) int {
	n := 0
	for _, r := range t {
		switch r {
		case '.':
			n++
		case '…':
			n += 3
		default:
			return 0
		}
	}
	if n < 2 {
		return 0
	}
	if n == 2 {
		return 3
	}
	return n
}

func isAbbrevToken(t string) bool {
	return len(t) > 1 && t[len(t)-1] == '.' && startsWord(t)
}

// mayStartUnit is a cheap necessary condition for isTerminal or
// isAbbrevToken: a token that starts with an ASCII word byte and does not
// end in a period is neither.
func mayStartUnit(t string) bool { return byteKind[t[0]]&kWord == 0 || t[len(t)-1] == '.' }

// startsWord is apart from isAbbrevToken so that the period test inlines.
func startsWord(t string) bool { return isWordRune(firstRune(t)) }

// IsCloser reports whether t closes a bracket or a quotation.
func IsCloser(t string) bool {
	switch t {
	case ")", "]", "}", "\"", "'", "”", "’", "»", "›":
		return true
	}
	return false
}

func isClosingQuote(t string) bool { return t == "”" || t == "»" }

func isOpenQuote(t string) bool {
	switch t {
	case "\"", "'", "“", "‘", "«", "„", "`", "``":
		return true
	}
	return false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

func atoiSmall(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

const (
	abbrevNone = iota
	abbrevTitle
	abbrevGeneral
	abbrevNumber
)

// abbrevKind classifies a word (without its period).
func abbrevKind(word string) int {
	// Most words before a full stop are longer than any abbreviation.
	if len(word) > abbrevLongest {
		return abbrevNone
	}
	if k, ok := abbrevExact[word]; ok {
		return k
	}
	var buf [abbrevLongest]byte
	for i := 0; i < len(word); i++ {
		buf[i] = lowerASCII(word[i])
	}
	return abbrevFold[string(buf[:len(word)])]
}

// IsAbbrev reports whether word, found before a full stop, is an
// abbreviation the segmenter knows ("Mr", "Inc", "vs") or an initial.
func IsAbbrev(word string) bool {
	return utf8.RuneCountInString(word) == 1 || abbrevKind(word) != abbrevNone
}

// abbrevLongest is the byte length of the longest abbreviation in
// abbrevFold and abbrevExact (TestAbbrevLongest checks).
const abbrevLongest = 6

// abbrevFold holds abbreviations matched in any case.
var abbrevFold = map[string]int{
	"mr": abbrevTitle, "mrs": abbrevTitle, "ms": abbrevTitle, "dr": abbrevTitle, "prof": abbrevTitle,
	"mt": abbrevTitle, "messrs": abbrevTitle, "vs": abbrevTitle, "viz": abbrevTitle, "cf": abbrevTitle,
	"approx": abbrevTitle, "capt": abbrevTitle, "sgt": abbrevTitle, "cpl": abbrevTitle, "lt": abbrevTitle,
	"supt": abbrevTitle, "insp": abbrevTitle, "cmdr": abbrevTitle, "adm": abbrevTitle, "gov": abbrevTitle,
	"no": abbrevNumber, "nos": abbrevNumber, "nr": abbrevNumber,
	"inc": abbrevGeneral, "corp": abbrevGeneral, "co": abbrevGeneral, "ltd": abbrevGeneral,
	"jr": abbrevGeneral, "sr": abbrevGeneral, "bros": abbrevGeneral, "etc": abbrevGeneral,
	"al": abbrevGeneral, "est": abbrevGeneral, "dept": abbrevGeneral, "govt": abbrevGeneral,
	"univ": abbrevGeneral, "assn": abbrevGeneral, "ave": abbrevGeneral, "blvd": abbrevGeneral,
	"rd": abbrevGeneral, "st": abbrevGeneral, "ft": abbrevGeneral, "pp": abbrevGeneral,
	"vol": abbrevGeneral, "vols": abbrevGeneral, "ed": abbrevGeneral, "eds": abbrevGeneral,
	"hr": abbrevGeneral, "hrs": abbrevGeneral, "yr": abbrevGeneral, "yrs": abbrevGeneral,
	"tel": abbrevGeneral, "ext": abbrevGeneral, "intl": abbrevGeneral, "pty": abbrevGeneral,
}

// abbrevExact holds abbreviations that are ordinary words in lower case.
var abbrevExact = map[string]int{
	"Gen": abbrevTitle, "Sen": abbrevTitle, "Rep": abbrevTitle, "Rev": abbrevTitle, "Hon": abbrevTitle,
	"Maj": abbrevTitle, "Det": abbrevTitle, "Pres": abbrevTitle, "Fr": abbrevTitle, "Fig": abbrevTitle,
	"Figs": abbrevTitle, "Mme": abbrevTitle, "Mlle": abbrevTitle, "Col": abbrevTitle, "Cmdr": abbrevTitle,
	"Jan": abbrevGeneral, "Feb": abbrevGeneral, "Mar": abbrevGeneral, "Apr": abbrevGeneral,
	"Jun": abbrevGeneral, "Jul": abbrevGeneral, "Aug": abbrevGeneral, "Sep": abbrevGeneral,
	"Sept": abbrevGeneral, "Oct": abbrevGeneral, "Nov": abbrevGeneral, "Dec": abbrevGeneral,
	// US state abbreviations (AP style datelines: "Seattle, Wash.")
	"Ala": abbrevGeneral, "Ariz": abbrevGeneral, "Ark": abbrevGeneral, "Calif": abbrevGeneral,
	"Colo": abbrevGeneral, "Conn": abbrevGeneral, "Del": abbrevGeneral, "Fla": abbrevGeneral,
	"Ga": abbrevGeneral, "Ill": abbrevGeneral, "Ind": abbrevGeneral, "Kan": abbrevGeneral,
	"Ky": abbrevGeneral, "La": abbrevGeneral, "Md": abbrevGeneral, "Mass": abbrevGeneral,
	"Mich": abbrevGeneral, "Minn": abbrevGeneral, "Miss": abbrevGeneral, "Mo": abbrevGeneral,
	"Mont": abbrevGeneral, "Neb": abbrevGeneral, "Nev": abbrevGeneral, "Okla": abbrevGeneral,
	"Ore": abbrevGeneral, "Pa": abbrevGeneral, "Tenn": abbrevGeneral, "Tex": abbrevGeneral,
	"Va": abbrevGeneral, "Vt": abbrevGeneral, "Wash": abbrevGeneral, "Wis": abbrevGeneral, "Wyo": abbrevGeneral,
}

// starters are capitalised function words that begin sentences far more often
// than they continue a name.
var starters = setOf("The", "A", "An", "This", "That", "These", "Those", "It", "Its", "He", "She",
	"They", "We", "I", "You", "His", "Her", "Their", "Our", "My", "Your", "There", "Here", "But",
	"And", "Or", "So", "Yet", "If", "When", "While", "Although", "Though", "However", "Meanwhile",
	"Moreover", "Also", "Still", "Then", "Now", "Today", "Yesterday", "After", "Before", "In", "On",
	"At", "For", "As", "By", "With", "From", "During", "Since", "What", "Why", "How", "Who", "Where",
	"Which", "Did", "Do", "Does", "Is", "Are", "Was", "Were", "Has", "Have", "Had", "Will", "Would",
	"Can", "Could", "Should", "Some", "Many", "Most", "All", "Each", "Both", "Another", "Such",
	"Instead", "Indeed", "Because", "Once", "Until", "Unless", "Despite", "According", "Last", "Next",
	"Other", "Not", "No")

// continuations end a line of hard-wrapped prose rather than a headline.
var continuations = setOf("and", "or", "but", "the", "a", "an", "of", "to", "in", "for", "with",
	"on", "at", "by", "from", "as", "that", "is", "are", "was", "were", "than", "its", "their",
	"his", "her", "this", "which", "who", "said", "into", "about", "&")

var smallWords = setOf("a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but",
	"by", "with", "from", "as", "vs", "is", "are", "amid", "over", "into", "after", "'s", "’s", "n't")
