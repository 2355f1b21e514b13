package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/rules"
)

// How a quote was attributed.
const (
	howNone = iota
	howTail
	howDash
	howHeadDirect
	howHeadPartial
	howColon
	howInherit
)

type attrib struct {
	spk np
	cue *rules.CueMatch
	how int
	// fresh: found in a new sentence after the quote, a weaker reading
	// than an introduction before it.
	fresh bool
}

// finiteTags are the verb tags a head cue may carry: a base form ("to
// say", "have to say") reports nothing.
var finiteTags = map[string]bool{"VBD": true, "VBZ": true, "VBP": true, "VBN": true, "VBG": true}

// validCue reports whether the cue at c is used as a speech verb here.
func (r *run) validCue(c rules.CueMatch, lenient bool) bool {
	t := &r.toks[c.First]
	if r.quoted[c.First] {
		return false
	}
	if !isVerb(c) {
		return c.Cue.Lemma == "according to" || c.Cue.Lemma == "citing" || strings.HasSuffix(c.Cue.Lemma, "quoted as saying")
	}
	if c.First > 0 {
		p := &r.toks[c.First-1]
		switch lowerNorm(p) {
		case "to", "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "n't", "not", "never":
			return false
		}
		if p.Tag == "JJ" && !isNoun(p) || p.Tag == "POS" {
			return false
		}
		if t.Tag == "VB" && (p.Tag == "MD" || p.Tag == "RB" && c.First > 1 && r.toks[c.First-2].Tag == "MD") {
			return true // "could quip", "could only quip"
		}
		if c.Cue.Lemma == "quote" && lowerNorm(p) == "i" {
			return false // "and I quote,"
		}
	}
	if isCapWord(t.Text) && c.First != r.doc.Sentences[t.Sent].First && c.First > 0 && !isPunctTok(&r.toks[c.First-1]) {
		return false
	}
	if lenient || finiteTags[t.Tag] {
		return true
	}
	// "Said Okafor, ..." opening a sentence.
	s := r.doc.Sentences[t.Sent]
	return c.First == s.First && isCapWord(t.Text) && c.Last < len(r.toks) && isCapWord(r.toks[c.Last].Text)
}

// newSentence reports whether the text after a quote begins a new sentence
// of the writer's rather than the attribution.
func (r *run) newSentence(s span, i int) bool {
	c := strings.TrimRight(r.text[s.start:s.end], " ")
	last, _ := utf8.DecodeLastRuneInString(c)
	if !strings.ContainsRune(".!?…", last) {
		return false
	}
	return isCapWord(r.toks[i].Text) && lowerNorm(&r.toks[i]) != "says" && lowerNorm(&r.toks[i]) != "said"
}

// tailAttrib looks for the attribution right after the closing mark:
// `"...," says Cruz`, `"...," she quips`, `"..." — Commissioner Ward`.
// After a fragment inside the writer's sentence (inside), only an
// attribution right at the mark counts: `called it “a mess,” Ward said`,
// not `called it “a mess” and Ward said ...`.
func (r *run) tailAttrib(s span, lo, hi int, inside bool) attrib {
	i := lo
	dash := false
	for i < hi {
		n := r.toks[i].Norm
		if n == "," {
			i++
			continue
		}
		if isDash(n) {
			dash = true
			i++
			continue
		}
		break
	}
	if i >= hi {
		return attrib{}
	}
	fresh := !dash && r.newSentence(s, i)
	if inside && (fresh || dash) {
		return attrib{}
	}
	// A quote ending in a comma, ? or ! runs on into its attribution: any
	// verb there reports it (`“...,” Toomey fumed`, `“...?” beamed Ward`).
	goesOn := !fresh && !inside && r.runsOn(s)
	// Inverted: "says Janelle Cruz".
	if c, ok := r.cueKind(i); ok && r.validCue(c, true) && !(fresh && !isVerb(c)) {
		if p := r.npStartingAt(c.Last, hi); p.ok() && (!fresh || p.kind == npName) && !r.invertedObject(c) {
			return attrib{spk: p, cue: keep(c), how: howTail}
		}
	} else if !ok && goesOn && r.plainVerb(i) {
		if p := r.npStartingAt(i+1, hi); p.ok() && p.kind != npPron && r.closes(p.next, hi) {
			return attrib{spk: p, cue: r.verbCue(i), how: howTail}
		}
	}
	// Subject and verb: "she quips", "Halvern spokesman Dave Murray said".
	for k := i + 1; k < hi && k < i+30; k++ {
		t := &r.toks[k]
		if t.Norm == "," {
			// "Holm, who ran the port, said": past the aside.
			if e := r.asideEnd(k, hi); e > k {
				k = e
			}
			continue
		}
		c, ok := r.cueKind(k)
		if !ok || !isVerb(c) || !r.validCue(c, true) {
			if auxWords[lowerNorm(t)] {
				continue // "Sotomayor has said"
			}
			if (goesOn || fresh && r.askOrCry(s) && r.closes(k+1, hi)) && r.plainVerb(k) && r.closes(k+1, hi) {
				if p := r.subjectOf(k, i); p.ok() && r.onlyPhrase(i, p.first) {
					return attrib{spk: p, cue: r.verbCue(k), how: howTail}
				}
			}
			if t.Tag == "VBD" || t.Tag == "VBZ" || t.Tag == "VBP" || t.Tag == "MD" {
				break // another verb: not an attribution clause
			}
			continue
		}
		p := r.subjectOf(k, i)
		if !p.ok() || !r.onlyPhrase(i, p.first) {
			break
		}
		if inside && (!r.titleOnly(i, p.first) || !r.runsOn(s) && c.Last < hi && r.toks[c.Last].Norm != "," || !r.closes(c.Last, hi)) {
			break
		}
		if fresh && (weakCue(c) && !r.tailEnds(c.Last, hi) || r.clauseAfter(c.Last, hi)) {
			break
		}
		return attrib{spk: p, cue: keep(c), how: howTail, fresh: fresh}
	}
	if dash && !fresh {
		if p := r.npStartingAt(i, hi); (p.kind == npName || p.kind == npRole) && p.next >= hi-1 {
			return attrib{spk: p, how: howDash}
		}
	}
	return attrib{}
}

// runsOn reports whether a quote's content ends in a comma, a question or
// an exclamation mark: the sentence goes on after it.
func (r *run) runsOn(s span) bool {
	c := strings.TrimRight(r.text[s.start:s.end], " ")
	if strings.HasPrefix(r.text[s.closeEnd:], ",") {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(c)
	return last == ',' || last == '?' || last == '!'
}

// askOrCry reports a quote ending in a question or exclamation mark.
func (r *run) askOrCry(s span) bool {
	c := strings.TrimRight(r.text[s.start:s.end], " ")
	last, _ := utf8.DecodeLastRuneInString(c)
	return last == '?' || last == '!'
}

// plainVerb reports a finite lower-case verb that is not an auxiliary: in
// an attribution after a quote, any such verb reports it.
func (r *run) plainVerb(k int) bool {
	t := &r.toks[k]
	if t.Tag != "VBD" && t.Tag != "VBZ" || isCapWord(t.Text) || r.quoted[k] {
		return false
	}
	return !auxWords[lowerNorm(t)] && !copulas[lowerNorm(t)]
}

var copulas = map[string]bool{"was": true, "is": true, "were": true, "are": true, "has": true, "had": true,
	"did": true, "does": true, "got": true, "gets": true, "became": true, "becomes": true, "seemed": true, "seems": true}

// keep returns a copy of c for an attrib to hold: taking the address of a
// loop's cue instead put every cue the loop looked at on the heap.
func keep(c rules.CueMatch) *rules.CueMatch { return &c }

// verbCue makes a cue of a verb no rule lists.
func (r *run) verbCue(k int) *rules.CueMatch {
	t := &r.toks[k]
	return &rules.CueMatch{First: k, Last: k + 1, Start: t.Start, End: t.End, Cue: &rules.Cue{Lemma: lowerNorm(t), Category: "verb"}}
}

// closes reports whether the attribution may end at token k: at the
// sentence end, before a comma, or with a short adverbial up to either
// ("said in June 2012, citing ...").
func (r *run) closes(k, hi int) bool {
	if k >= hi || r.toks[k].Norm == "," {
		return true
	}
	e := k
	for e < hi && r.toks[e].Norm != "," {
		e++
	}
	return r.tailEnds(k, e)
}

// titleOnly reports whether tokens [a, b) before a subject are titles and
// descriptions only ("NEA President", "the agency's"), no conjunction or
// clause.
func (r *run) titleOnly(a, b int) bool {
	for k := a; k < b; k++ {
		t := &r.toks[k]
		if r.quoted[k] || !(r.isNameTok(k) || isRoleTok(t) || t.Tag == "DT" || t.Tag == "PRP$") {
			return false
		}
	}
	return true
}

// asideEnd is the comma closing an aside that opens at the comma k ("Holm,
// who ran the port, said"), or -1.
func (r *run) asideEnd(k, hi int) int {
	for c := k + 1; c < hi && c < k+26; c++ {
		if r.toks[c].Norm == "," {
			return c
		}
		if r.isEnd(c) || r.quoted[c] {
			break
		}
	}
	return -1
}

// invertedObject reports a cue that, right after a quote, still takes an
// object rather than the speaker ("called it ...", "telling reporters").
func (r *run) invertedObject(c rules.CueMatch) bool {
	if r.toks[c.First].Tag == "VBG" {
		return objectVerb(c)
	}
	return weakCue(c) || c.Cue.Lemma == "tell"
}

// objectVerb reports a cue whose following phrase is its object, not the
// speaker: the addressee of "telling reporters", the target of every
// naming verb ("called the plan").
func objectVerb(c rules.CueMatch) bool { return objectVerbs[c.Cue.Lemma] || weakCue(c) }

var objectVerbs = map[string]bool{"tell": true, "ask": true, "urge": true, "advise": true}

// weakCue reports a naming verb: it attributes phrases in the writer's
// sentence ("called it “a disaster”") but does not close an attribution.
func weakCue(c rules.CueMatch) bool { return c.Cue.Category == "naming" }

// onlyPhrase reports whether tokens [a, b) before a subject hold no
// other clause: titles and descriptions only ("Halvern spokesman").
func (r *run) onlyPhrase(a, b int) bool {
	for k := a; k < b; k++ {
		switch r.toks[k].Tag {
		case "VBD", "VBZ", "VBP", "MD", "VBG", "WP", "WDT", "VB":
			return false
		}
		if lowerNorm(&r.toks[k]) == "that" {
			return false
		}
		if r.isEnd(k) || r.quoted[k] {
			return false
		}
	}
	return true
}

// clauseAfter reports whether a finite verb follows the cue before hi: the
// cue then opens reported content ("The company said it would ...")
// rather than closing an attribution ("Todd asked the host."). A comma or
// a subordinate clause ("said of Apple, when ...", "tweeted when ...")
// ends the search.
func (r *run) clauseAfter(k, hi int) bool {
	for ; k < hi; k++ {
		t := &r.toks[k]
		switch t.Tag {
		case "VBD", "VBZ", "VBP", "MD":
			return true
		case "WRB", ",":
			return false
		}
		n := lowerNorm(t)
		if n == "that" {
			return true
		}
		if subordinators[n] || t.Tag == "IN" {
			return false
		}
	}
	return false
}

var subordinators = map[string]bool{"as": true, "while": true, "after": true, "before": true, "because": true,
	"since": true, "until": true, "when": true, "where": true}

// headAttrib looks for a cue in the writer's words before the opening mark:
// `Cruz said: "..."`, `Garman noted the need to “...”`, `According to
// Cruz, "..."`, `Commissioner Ward: "..."`.
func (r *run) headAttrib(lo, hi int) attrib {
	if lo >= hi {
		return attrib{}
	}
	j := hi - 1
	punct := false
	for j >= lo && (r.toks[j].Norm == "," || r.toks[j].Norm == ":" || r.toks[j].Norm == "—" || r.toks[j].Norm == "―") {
		punct = true
		j--
	}
	// "Pollsters agree - Carl Bialik: ...": a source after a dash.
	if punct && r.toks[hi-1].Norm == ":" {
		if p := r.npEndingAt(j, lo); p.ok() && p.kind != npPron && p.first > lo && isDash(r.toks[p.first-1].Norm) {
			return attrib{spk: p, how: howColon}
		}
	}
	// Every cue with its speaker, nearest first; a reporting verb further
	// left wins over a nested one ("Cruz said Rubio will continue to be
	// “...”" is Cruz's).
	var found []attrib
	for k := j; k >= lo; k-- {
		c, ok := r.cueKind(k)
		if !ok || !r.validCue(c, false) {
			continue
		}
		how := howHeadPartial
		if punct && j-(c.Last-1) <= 4 {
			how = howHeadDirect
		}
		if a := r.cueSpeaker(c, lo, hi, j, punct); a.ok() {
			found = append(found, attrib{spk: a, cue: keep(c), how: how})
		} else if how == howHeadDirect && len(found) == 0 && r.passive(c) {
			return attrib{cue: keep(c), how: how} // a quotation, its speaker unknown
		}
	}
	if len(found) > 0 {
		best := found[0]
		for _, a := range found[1:] {
			if reportingLemmas[a.cue.Cue.Lemma] && a.spk.kind != npRole && !r.breakBetween(a.cue.Last, best.spk.first) {
				best = a
			}
		}
		if best.how == howHeadDirect || found[0].how == howHeadDirect {
			best.how = howHeadDirect
		}
		return best
	}
	// "Commissioner Ward: ..." with no verb.
	if punct && r.toks[hi-1].Norm == ":" {
		if p := r.npEndingAt(j, lo); p.ok() && p.kind != npPron && (r.onlyNames(lo, p.first) || r.leadIn(p.first-1)) {
			return attrib{spk: p, how: howColon}
		}
		// "Former secretary of state Hillary Clinton: ...".
		if p := r.npStartingAt(lo, hi); p.ok() && p.kind != npPron && p.next > j && r.opensSentence(lo) {
			return attrib{spk: p, how: howColon}
		}
		// "Kasich resisted: ...": the subject of the sentence it ends.
		if p := r.clauseSubject(lo, hi); p.ok() && p.kind != npPron || p.kind == npPron && lowerNorm(&r.toks[p.first]) != "you" {
			return attrib{spk: p, how: howHeadDirect}
		}
	}
	return attrib{}
}

// opensSentence reports whether token k starts its sentence or paragraph.
func (r *run) opensSentence(k int) bool {
	return k == r.doc.Sentences[r.toks[k].Sent].First || k > 0 && r.hardBreak(r.toks[k-1].End, r.toks[k].Start)
}

// leadIn reports a token that introduces a source before a colon: a dash
// after a headline ("... - Jeffrey Jones:") or "from" ("More from the
// report:").
func (r *run) leadIn(k int) bool {
	if k < 0 {
		return false
	}
	n := lowerNorm(&r.toks[k])
	return isDash(n) || n == "from"
}

// isDash reports a dash token.
func isDash(n string) bool {
	switch n {
	case "-", "–", "—", "―", "‒", "--":
		return true
	}
	return false
}

// passive reports "Trump was asked", "his staff were told": the subject
// heard the words.
func (r *run) passive(c rules.CueMatch) bool {
	return (c.Cue.Lemma == "ask" || c.Cue.Lemma == "tell") && r.toks[c.First].Tag == "VBN" && c.First > 0 && beForms[lowerNorm(&r.toks[c.First-1])]
}

var beForms = map[string]bool{"was": true, "were": true, "is": true, "are": true, "be": true, "been": true, "being": true, "'s": true, "'re": true}

var reflexives = map[string]bool{"himself": true, "herself": true, "themselves": true, "itself": true}

// breakBetween reports a comma, colon or semicolon in tokens [a, b): the
// end of the clause a reporting verb would govern ("While not everything
// Trump says is true, Jamieson said ...").
func (r *run) breakBetween(a, b int) bool {
	for k := a; k < b; k++ {
		switch n := lowerNorm(&r.toks[k]); {
		case n == "," || n == ";" || n == ":":
			return true
		case subordinators[n] && k > a:
			return true // "Cruz said as the heckler yelled"
		}
	}
	return false
}

// reportingLemmas are the verbs whose clause holds whatever is nested in
// it.
var reportingLemmas = map[string]bool{"say": true, "tell": true, "write": true, "add": true, "note": true,
	"argue": true, "insist": true, "state": true, "claim": true, "declare": true, "explain": true, "warn": true}

// cueSpeaker finds the speaker of a cue in the head [lo, hi).
func (r *run) cueSpeaker(c rules.CueMatch, lo, hi, j int, punct bool) np {
	if c.Cue.Category == "phrase" && !strings.HasSuffix(c.Cue.Lemma, "quoted as saying") {
		return r.npStartingAt(c.Last, hi)
	}
	if r.passive(c) {
		return np{}
	}
	// ", saying ...": the subject of the main clause speaks.
	if r.toks[c.First].Tag == "VBG" && c.First > lo && r.toks[c.First-1].Norm == "," {
		return r.clauseSubject(lo, c.First)
	}
	if p := r.subjectOf(c.First, lo); p.ok() {
		// "His office put out a statement saying ...": the statement is
		// the object; the clause's subject speaks.
		if r.toks[c.First].Tag == "VBG" && p.kind == npRole && p.first > lo && r.objectSlot(p.first-1) {
			if q := r.clauseSubject(lo, p.first); q.ok() {
				return q
			}
		}
		return p
	}
	// "adopted an accent and joked", "began by saying": the sentence's
	// subject.
	if b := c.First - 1; b >= lo && (r.toks[b].Tag == "CC" || r.toks[c.First].Tag == "VBG" || r.toks[b].Tag == "RB" && b > lo && r.toks[b-1].Tag == "CC") {
		return r.clauseSubject(lo, c.First)
	}
	// "Said Dorothy Poynter, who ..., “...”".
	if c.First == r.doc.Sentences[r.toks[c.First].Sent].First {
		return r.npStartingAt(c.Last, hi)
	}
	// "said Cruz: ..." with the speaker after the verb.
	if punct && !objectVerb(c) {
		if p := r.npStartingAt(c.Last, hi); p.ok() && p.next > j {
			return p
		}
	}
	return np{}
}

// objectSlot reports whether a phrase after token k is an object: k is a
// verb, a particle or a preposition.
func (r *run) objectSlot(k int) bool {
	switch r.toks[k].Tag {
	case "VB", "VBD", "VBZ", "VBP", "VBN", "VBG", "RP", "IN":
		return true
	}
	return false
}

// clauseSubject is the phrase opening the sentence when a verb follows
// it: the subject of the main clause.
func (r *run) clauseSubject(lo, hi int) np {
	first := r.doc.Sentences[r.toks[lo].Sent].First
	// The nearest clause that opens with a subject: "When I asked, he
	// looked up, frowned and said"; "Hours later, Trump returned ...".
	for k := hi - 1; k > first; k-- {
		if r.quoted[k] && !r.quoted[k+1] {
			// Right after a quotation: `"...," but he gave ...`.
			if p := r.subjectAt(k+1, hi); p.ok() {
				return p
			}
		}
		if r.toks[k].Norm == "," && !r.quoted[k] {
			if p := r.subjectAt(k+1, hi); p.ok() {
				return p
			}
		}
	}
	return r.subjectAt(first, hi)
}

func (r *run) subjectAt(lo, hi int) np {
	for lo < hi && (r.toks[lo].Tag == "CC" || r.toks[lo].Tag == "RB" && r.mentAt(lo) < 0 || isPunctTok(&r.toks[lo])) {
		lo++
	}
	if lo >= hi || r.quoted[lo] {
		return np{}
	}
	p := r.npStartingAt(lo, hi)
	if !p.ok() {
		return np{}
	}
	j := p.next
	// "Warren, who appeared on the show, endorsed ...".
	if j < hi && r.toks[j].Norm == "," {
		if e := r.asideEnd(j, hi); e > j {
			j = e + 1
		} else {
			j++ // the comma closing an appositive read with the phrase
		}
	}
	if r.verbAt(r.skipTime(j, hi), hi) {
		return p
	}
	return np{}
}

// skipTime skips a short time phrase from token j: "Trump on Thursday
// ratcheted up ...".
func (r *run) skipTime(j, hi int) int {
	for n := 0; j < hi && n < 3; n++ {
		w := lowerNorm(&r.toks[j])
		if !(timeMods[w] && w != "that" && w != "the" && w != "a" || timeNames[w] || timeUnits[w]) {
			break
		}
		j++
	}
	return j
}

// verbAt reports a verb at token j, after auxiliaries and adverbs, or a
// copula ("Clinton's response was: ...").
func (r *run) verbAt(j, hi int) bool {
	verb := false
	for j < hi && (auxWords[lowerNorm(&r.toks[j])] || r.toks[j].Tag == "RB" || r.toks[j].Tag == "MD" || lowerNorm(&r.toks[j]) == "since") {
		verb = verb || strings.HasPrefix(r.toks[j].Tag, "VB") || r.toks[j].Tag == "MD"
		j++
	}
	return j < hi && strings.HasPrefix(r.toks[j].Tag, "VB") || verb
}

// lateAttrib finds an attribution closing the sentence after a quote
// embedded in it: `... “arbitrarily detained” ..., the group says.`
func (r *run) lateAttrib(lo, hi int) attrib {
	for k := lo; k < hi; k++ {
		c, ok := r.cueKind(k)
		if !ok || !isVerb(c) || !r.validCue(c, false) {
			continue
		}
		if p := r.subjectOf(k, lo); p.ok() && r.afterComma(p.first, lo) && r.tailEnds(c.Last, hi) {
			return attrib{spk: p, cue: keep(c), how: howTail}
		}
		if k > lo && r.toks[k-1].Norm == "," && r.toks[k].Tag != "VBG" && !objectVerb(c) {
			if p := r.npStartingAt(c.Last, hi); p.ok() && p.kind != npPron && r.closes(p.next, hi) {
				return attrib{spk: p, cue: keep(c), how: howTail}
			}
		}
	}
	return attrib{}
}

// afterComma reports whether a subject at token f opens a clause after a
// comma, titles and descriptions aside (", Republican candidate Ben
// Carson said").
func (r *run) afterComma(f, lo int) bool {
	for k := f - 1; k > lo && f-k < 8; k-- {
		if r.toks[k].Norm == "," {
			return r.onlyPhrase(k+1, f)
		}
	}
	return false
}

// onlyNames reports whether tokens [a, b) are all punctuation or name
// words ("— Commissioner" before "Ada Holm").
func (r *run) onlyNames(a, b int) bool {
	for k := a; k < b; k++ {
		if !isPunctTok(&r.toks[k]) && !r.isNameTok(k) {
			return false
		}
	}
	return true
}

// subjectOf reads the subject of the verb at k, skipping adverbs,
// auxiliaries and a relative pronoun ("Cruz, who said").
func (r *run) subjectOf(k, lo int) np {
	j := k - 1
	for j >= lo {
		t := &r.toks[j]
		n := lowerNorm(t)
		if auxWords[n] || reflexives[n] || t.Tag == "RB" && n != "n't" && n != "not" && r.mentAt(j) < 0 || t.Tag == "MD" {
			j--
			continue
		}
		if b := r.timeBefore(j, lo); b < j {
			j = b // "Feinstein last week said", "Priebus on Thursday told"
			continue
		}
		if n == "who" || n == "which" {
			j--
			if j >= lo && r.toks[j].Norm == "," {
				j--
			}
			continue
		}
		break
	}
	return r.npEndingAt(j, lo)
}

// timeBefore skips a time expression ending at token j ("Thursday", "last
// week", "on Monday", "earlier this year") and returns the token before
// it, or j when there is none.
func (r *run) timeBefore(j, lo int) int {
	n := lowerNorm(&r.toks[j])
	b := j
	switch {
	case n == "ago":
		// "less than two weeks ago"
		b = j - 1
		for b >= lo && (r.toks[b].Tag == "CD" || r.toks[b].Tag == "NNS" || r.toks[b].Tag == "NN" || r.toks[b].Tag == "JJ" || r.toks[b].Tag == "JJR" || r.toks[b].Tag == "IN" && lowerNorm(&r.toks[b]) == "than" || r.toks[b].Tag == "DT") && j-b < 6 {
			b--
		}
		return b
	case timeNames[n]:
		b = j - 1
	case timeUnits[n] && j-1 >= lo && timeMods[lowerNorm(&r.toks[j-1])]:
		b = j - 2
	default:
		return j
	}
	for b >= lo && timeMods[lowerNorm(&r.toks[b])] {
		b--
	}
	return b
}

var (
	timeNames = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
		"saturday": true, "sunday": true, "today": true, "yesterday": true, "tonight": true, "overnight": true}
	timeUnits = map[string]bool{"week": true, "month": true, "year": true, "night": true, "morning": true,
		"afternoon": true, "evening": true, "weekend": true, "day": true}
	timeMods = map[string]bool{"last": true, "this": true, "next": true, "on": true, "earlier": true, "later": true,
		"early": true, "late": true, "during": true, "a": true, "that": true, "the": true, "previous": true}
)

// speaker turns a phrase into an output speaker, resolving it to an entity.
func (r *run) speaker(p np) *quarry.Speaker {
	if !p.ok() {
		return nil
	}
	a, b := r.toks[p.first].Start, r.toks[p.last-1].End
	sp := &quarry.Speaker{Start: a, End: b, Text: r.text[a:b], Name: r.text[a:b]}
	if e := r.resolve(p); e >= 0 {
		sp.Entity = r.ents[e].ID
		sp.Name = r.ents[e].Name
	}
	return sp
}

// contentWords counts the word tokens of the quote's content.
func (r *run) contentWords(s span) int {
	n := 0
	for k := r.tokAt(s.start); k < len(r.toks) && r.toks[k].Start < s.end; k++ {
		if !isPunctTok(&r.toks[k]) {
			n++
		}
	}
	return n
}

// nameLike reports a short title-cased content: a name or title in marks
// ("Just Walk Out", "Meet the Press").
func nameLike(c string) bool {
	// Word by word, not strings.Fields: a long quote is turned away at
	// its sixth word or first lower-case one, unsplit.
	i := 0
	for w := range strings.FieldsSeq(c) {
		if i == 5 {
			return false
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && (i == 0 || len(w) > 3) { // of, the, and
			return false
		}
		i++
	}
	last, _ := utf8.DecodeLastRuneInString(c)
	return i > 0 && !strings.ContainsRune(".!?,", last)
}

// trimContent drops the comma and spaces a quote ends with: the comma
// belongs to the attribution ("“...,” she said").
func trimContent(text string, a, b int) (int, int) {
	for b > a {
		r, n := utf8.DecodeLastRuneInString(text[a:b])
		if r == ',' || unicode.IsSpace(r) {
			b -= n
			continue
		}
		break
	}
	for a < b {
		r, n := utf8.DecodeRuneInString(text[a:b])
		if !unicode.IsSpace(r) {
			break
		}
		a += n
	}
	return a, b
}
