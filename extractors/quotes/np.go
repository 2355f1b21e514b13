package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// Kinds of speaker phrase.
const (
	npNone = iota
	npName
	npPron
	npRole
)

// np is a speaker phrase: the speaker span [first, last) and, for phrases
// read rightwards, next, the token after the whole phrase (titles and
// appositives included).
type np struct {
	first, last int
	next        int
	kind        int
	ment        int // index into run.ments, or -1
}

func (p np) ok() bool { return p.kind != npNone }

var subjPronouns = map[string]bool{"he": true, "she": true, "they": true, "we": true, "i": true, "it": true}

var auxWords = map[string]bool{"has": true, "have": true, "had": true, "was": true, "were": true, "is": true,
	"are": true, "would": true, "will": true, "'d": true, "'ll": true, "did": true, "does": true, "do": true,
	"could": true, "may": true, "might": true, "also": true, "been": true, "be": true, "then": true, "later": true,
	"once": true, "again": true, "'s": true, "'re": true, "'ve": true, "'m": true, "had,": true, "reportedly": true, "previously": true, "recently": true}

// placePreps open a phrase of place or time inside an aside.
var placePreps = map[string]bool{"in": true, "at": true, "on": true, "from": true, "during": true, "near": true,
	"outside": true, "across": true, "to": true, "of": true, "with": true, "for": true, "by": true, "into": true}

// postPreps join a role to what follows ("a spokeswoman for the agency").
var postPreps = map[string]bool{"of": true, "for": true, "at": true, "with": true, "from": true, "in": true, "on": true, "to": true}

func lowerNorm(t *analysis.Token) string { return t.Lower() }

func isCapWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func isPunctTok(t *analysis.Token) bool {
	for _, r := range t.Text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// isNameTok: a token that can be part of a name or title run.
func (r *run) isNameTok(k int) bool {
	t := &r.toks[k]
	if r.quoted[k] {
		return false
	}
	if r.entAt[k] >= 0 {
		return true
	}
	if !isCapWord(t.Text) {
		// Initials and lower-case particles inside names.
		return false
	}
	switch t.Tag {
	case "NNP", "NNPS", "NN", "NNS", "JJ", "FW", "VBN", "VB", "VBG", "VBD", "VBZ", "VBP", "RB", "CD":
		return t.Tag == "NNP" || t.Tag == "NNPS" || k > 0 && r.toks[k].Sent == r.toks[k-1].Sent && !isPunctTok(&r.toks[k-1])
	}
	return false
}

// isRoleTok: a token that can be part of a role phrase ("a company
// spokesperson", "the agency's chief economist").
func isRoleTok(t *analysis.Token) bool {
	switch t.Tag {
	case "NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "JJS", "CD", "POS", "VBN", "HYPH":
		return true
	}
	return t.Norm == "'s" || t.Norm == "-" || t.Norm == "'" || oddTag(t)
}

// oddTag: a word the tagger gave a punctuation tag (it does, next to
// quotation marks); taken for a noun.
func oddTag(t *analysis.Token) bool {
	switch t.Tag {
	case "``", "''", "SYM", "FW", ":", ",", ".":
		r, _ := utf8.DecodeRuneInString(t.Text)
		return unicode.IsLetter(r)
	}
	return false
}

func isNoun(t *analysis.Token) bool {
	return strings.HasPrefix(t.Tag, "NN") || oddTag(t) || strings.HasSuffix(t.Norm, "-old") // "the 46-year-old"
}

// ment returns the mention index covering token k, or -1.
func (r *run) mentAt(k int) int {
	if k < 0 || k >= len(r.toks) {
		return -1
	}
	return int(r.entAt[k])
}

// bestMention picks, among the mentions inside tokens [a, b), the last
// person mention, else the last mention. It returns -1 if there is none.
func (r *run) bestMention(a, b int) int {
	best := -1
	for k := a; k < b; k++ {
		m := r.mentAt(k)
		if m < 0 || r.ments[m].first < a || r.ments[m].last > b {
			continue
		}
		if best < 0 || r.isPerson(m) || !r.isPerson(best) {
			best = m
		}
	}
	return best
}

func (r *run) isPerson(m int) bool { return r.ents[r.ments[m].ent].Label == "PERSON" }

// nameRun builds a name phrase over a run of name tokens [a, b): the person
// (or other) mention inside when there is one, else the whole run without
// leading title words.
func (r *run) nameRun(a, b int) np {
	if m := r.bestMention(a, b); m >= 0 {
		mm := r.ments[m]
		last := mm.last
		// "Jeffrey Mond" where the mention stopped at "Jeffrey".
		for last < b && r.isPerson(m) && r.toks[last].Tag == "NNP" && r.mentAt(last) < 0 {
			last++
		}
		return np{first: mm.first, last: last, next: b, kind: npName, ment: m}
	}
	return np{first: a, last: b, next: b, kind: npName, ment: -1}
}

// npEndingAt reads a speaker phrase leftwards from token j, not before lo.
func (r *run) npEndingAt(j, lo int) np {
	if j < lo || j < 0 {
		return np{}
	}
	t := &r.toks[j]
	if r.quoted[j] {
		return np{}
	}
	switch {
	case t.Norm == ",":
		// "Gov. Ada Holm (R-Ohio), said".
		if j-1 >= lo && r.toks[j-1].Norm == ")" {
			if p := r.npEndingAt(j-1, lo); p.ok() {
				return p
			}
		}
		// An appositive: "Cruz, a consultant, said"; a named one wins over
		// the description it follows ("Her deputy, Tom Baker, said").
		for c := j - 1; c >= lo && c >= j-26; c-- {
			if r.toks[c].Norm == "," {
				head := r.npEndingAt(c-1, lo)
				// "Clinton, during a town hall in Columbus, Ohio, said":
				// a place inside the aside, not its head.
				if head.ok() && head.first > lo && placePreps[lowerNorm(&r.toks[head.first-1])] {
					continue
				}
				if head.kind == npRole {
					if in := r.npStartingAt(c+1, j); in.kind == npName && in.last == j && r.namedPerson(in) {
						return in
					}
				}
				if head.ok() {
					return head
				}
				break
			}
			if r.isEnd(c) || r.quoted[c] {
				break
			}
		}
		return np{}
	case t.Norm == ")":
		for c := j - 1; c >= lo && c >= j-10; c-- {
			if r.toks[c].Norm == "(" {
				return r.npEndingAt(c-1, lo)
			}
		}
		return np{}
	case subjPronouns[lowerNorm(t)] && t.Tag != "PRP$":
		return np{first: j, last: j + 1, next: j + 1, kind: npPron, ment: -1}
	case standIns[lowerNorm(t)] && (j == lo || isPunctTok(&r.toks[j-1]) || r.toks[j-1].Tag == "CC" || r.toks[j-1].Tag == "RB"):
		return np{first: j, last: j + 1, next: j + 1, kind: npRole, ment: -1} // "Another tweeted"
	}
	if m := r.mentAt(j); m >= 0 && r.ments[m].last == j+1 {
		// A mention ends here; widen to the name run around it.
		a := j
		for a-1 >= lo && r.isNameTok(a-1) {
			a--
		}
		p := r.nameRun(a, j+1)
		return r.withPrep(p, lo)
	}
	if t.Tag == "NNP" || t.Tag == "NNPS" {
		a := j
		for a-1 >= lo && r.isNameTok(a-1) {
			a--
		}
		// A capitalised word opening a sentence is a name only with a tag.
		p := r.nameRun(a, j+1)
		// A role ending in a title-cased word: "the White House spokesman".
		if a-1 >= lo && (r.toks[a-1].Tag == "DT" || r.toks[a-1].Tag == "PRP$") && p.ment < 0 {
			p.first = a - 1
			p.kind = npRole
		}
		return r.withPrep(p, lo)
	}
	if isNoun(t) || t.Tag == "JJ" {
		a := j
		for a-1 >= lo && isRoleTok(&r.toks[a-1]) && !r.quoted[a-1] && j-a < 8 {
			a--
		}
		if a-1 >= lo && (r.toks[a-1].Tag == "DT" || r.toks[a-1].Tag == "PRP$") {
			a--
		}
		hasNoun := false
		for k := a; k <= j; k++ {
			if isNoun(&r.toks[k]) {
				hasNoun = true
			}
		}
		if !hasNoun {
			return np{}
		}
		p := np{first: a, last: j + 1, next: j + 1, kind: npRole, ment: -1}
		if m := r.bestMention(a, j+1); m >= 0 && r.ments[m].first == a && r.ments[m].last == j+1 {
			p.kind, p.ment = npName, m
		}
		return r.withPrep(p, lo)
	}
	return np{}
}

// withPrep widens a phrase over a head it modifies: "a source familiar
// with the matter", "a spokeswoman for Amazon".
func (r *run) withPrep(p np, lo int) np {
	i := p.first - 1
	if i-1 < lo || !postPreps[lowerNorm(&r.toks[i])] || isPunctTok(&r.toks[i-1]) {
		return p
	}
	head := r.npEndingAt(i-1, lo)
	if !head.ok() || head.kind == npPron {
		return p
	}
	if head.kind == npName {
		// "Smith of the Heritage Foundation": the name is the speaker.
		return head
	}
	head.last = p.last
	head.next = p.next
	return head
}

// npStartingAt reads a speaker phrase rightwards from token i, before hi.
func (r *run) npStartingAt(i, hi int) np {
	if i >= hi || i >= len(r.toks) || r.quoted[i] {
		return np{}
	}
	t := &r.toks[i]
	if subjPronouns[lowerNorm(t)] && t.Tag != "PRP$" {
		return np{first: i, last: i + 1, next: i + 1, kind: npPron, ment: -1}
	}
	if r.isNameTok(i) || r.mentAt(i) >= 0 || t.Tag == "NNP" {
		b := i
		for b < hi && (r.isNameTok(b) || b == i) {
			b++
		}
		// "Ohio State University professor Paul Beck", "Iowa State
		// University's Dianne Bystrom": the person named last.
		if q := r.nameAfterRole(b, hi); q.ok() {
			return q
		}
		// "Hillary Clinton's right-hand woman".
		if b < hi && r.toks[b].Tag == "POS" {
			e := b + 1
			for e < hi && isRoleTok(&r.toks[e]) && !r.quoted[e] && e-b < 6 {
				e++
			}
			for e > b+1 && !isNoun(&r.toks[e-1]) {
				e--
			}
			if e > b+1 {
				return r.appos(np{first: i, last: e, next: e, kind: npRole, ment: -1}, hi)
			}
		}
		return r.appos(r.nameRun(i, b), hi)
	}
	// "read one", "tweeted another", "said one of those advisers".
	if standIns[lowerNorm(t)] {
		if i+1 >= hi || isPunctTok(&r.toks[i+1]) {
			return np{first: i, last: i + 1, next: i + 1, kind: npRole, ment: -1}
		}
		if lowerNorm(&r.toks[i+1]) == "of" {
			if q := r.npStartingAt(i+2, hi); q.ok() && q.kind != npPron {
				return r.appos(np{first: i, last: q.last, next: q.next, kind: npRole, ment: -1}, hi)
			}
		}
	}
	if t.Tag == "DT" || t.Tag == "PRP$" || isRoleTok(t) {
		b := i + 1
		for b < hi && isRoleTok(&r.toks[b]) && !r.quoted[b] && b-i < 9 {
			b++
		}
		// The head noun is the last noun of the run.
		last := b
		for last > i && !isNoun(&r.toks[last-1]) {
			last--
		}
		if last == i {
			return np{}
		}
		// "former policy director Anne Slaughter": the person.
		if m := r.bestMention(i, last); m >= 0 && r.ments[m].last == last && r.isPerson(m) {
			mm := r.ments[m]
			return r.appos(np{first: mm.first, last: mm.last, next: last, kind: npName, ment: m}, hi)
		}
		p := np{first: i, last: last, next: last, kind: npRole, ment: -1}
		// "the chief executive of Brightwell": keep the prepositional tail.
		if last < hi && postPreps[lowerNorm(&r.toks[last])] {
			q := r.npStartingAt(last+1, hi)
			if q.ok() && q.kind != npPron && !r.settingTail(q) {
				p.last, p.next = q.last, q.next
			}
		}
		return r.appos(p, hi)
	}
	return np{}
}

// settingNouns head a phrase that tells where or how something was said,
// not who said it: "said the company in a statement", "a spokesman at a
// news conference".
var settingNouns = map[string]bool{
	"statement": true, "statements": true, "interview": true, "interviews": true, "email": true, "e-mail": true,
	"letter": true, "memo": true, "speech": true, "post": true, "tweet": true, "blog": true, "briefing": true,
	"conference": true, "call": true, "hearing": true, "release": true, "meeting": true, "event": true,
	"video": true, "podcast": true, "message": true, "filing": true, "rally": true, "broadcast": true,
	"appearance": true, "remarks": true, "session": true, "summit": true,
}

// settingTail reports whether a prepositional tail read after a role says
// when, where or how ("on Monday", "in an email") rather than whose role it is.
func (r *run) settingTail(q np) bool {
	h := lowerNorm(&r.toks[q.last-1])
	return settingNouns[h] || timeNames[h] || timeUnits[h] || monthNames[h]
}

// monthNames end a time phrase ("on 3 March").
var monthNames = map[string]bool{"january": true, "february": true, "march": true, "april": true,
	"june": true, "july": true, "august": true, "september": true, "october": true, "november": true, "december": true}

// nameAfterRole reads a person named after a title-cased organisation and
// a role or a possessive, from token b: "[Ohio State University]
// professor Paul Beck", "[Iowa State University]'s Dianne Bystrom".
func (r *run) nameAfterRole(b, hi int) np {
	k := b
	if k < hi && r.toks[k].Tag == "POS" {
		k++
	}
	for k < hi && k-b < 5 && !isCapWord(r.toks[k].Text) && isRoleTok(&r.toks[k]) && !r.quoted[k] {
		k++
	}
	if k == b || k >= hi {
		return np{}
	}
	e := k
	for e < hi && r.isNameTok(e) {
		e++
	}
	// A person, or two name words the entity model misread.
	m := r.mentAt(k)
	if m >= 0 && r.ments[m].first != k || (m < 0 || !r.isPerson(m)) && (e-k < 2 || r.toks[k].Tag != "NNP") {
		return np{}
	}
	return r.appos(r.nameRun(k, e), hi)
}

// namedPerson reports a name phrase that is a person's: a person mention,
// or two name words without one.
func (r *run) namedPerson(p np) bool {
	if p.ment >= 0 {
		return r.isPerson(p.ment)
	}
	return p.last-p.first >= 2
}

// standIns stand for a speaker already named ("read one", "tweeted
// another").
var standIns = map[string]bool{"one": true, "another": true, "others": true, "many": true, "some": true}

// appos skips an appositive after a phrase read rightwards:
// "Janelle Cruz, a consultant with ..., said" moves next past it. After a
// description, a named appositive is the speaker ("said the chief
// financial officer, Ana Costa.").
func (r *run) appos(p np, hi int) np {
	// "Donald Hartley of Madison": the place goes with the name.
	if p.kind == npName && p.next+1 < hi && (lowerNorm(&r.toks[p.next]) == "of" || lowerNorm(&r.toks[p.next]) == "from") && r.isNameTok(p.next+1) {
		e := p.next + 1
		for e < hi && r.isNameTok(e) {
			e++
		}
		p.next = e
	}
	if p.kind == npRole && p.next < hi && r.toks[p.next].Norm == "," {
		if in := r.npStartingAt(p.next+1, hi); in.kind == npName && r.namedPerson(in) && (in.next >= hi || isPunctTok(&r.toks[in.next])) {
			return in
		}
	}
	if p.next < hi && r.toks[p.next].Norm == "," {
		for c := p.next + 1; c < hi && c < p.next+26; c++ {
			if r.toks[c].Norm == "," {
				if c+1 < hi {
					if _, ok := r.cueKind(c + 1); ok {
						p.next = c + 1
					}
				}
				break
			}
		}
	}
	return p
}

func isSentEndTok(t *analysis.Token) bool {
	return t.Norm == "." || t.Norm == "!" || t.Norm == "?"
}

// isEnd reports whether token k ends a sentence: a period not followed by
// a comma, a closing parenthesis or a lower-case word ("R-Wis., said",
// "(D-Ore.) said").
func (r *run) isEnd(k int) bool {
	if !isSentEndTok(&r.toks[k]) {
		return false
	}
	if k+1 < len(r.toks) {
		n := r.toks[k+1].Text
		if n == "," || n == ";" || n == ")" || unicode.IsLower([]rune(n)[0]) {
			return false
		}
		// Inside an abbreviation the tokenizer split ("D-N.Y.").
		if r.toks[k+1].Start == r.toks[k].End && unicode.IsLetter([]rune(n)[0]) {
			return false
		}
	}
	return true
}
