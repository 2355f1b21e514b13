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
	if c.Cue.Category != "verb" {
		return c.Cue.Lemma == "according to" || c.Cue.Lemma == "citing" || strings.HasSuffix(c.Cue.Lemma, "quoted as saying")
	}
	if c.First > 0 {
		p := &r.toks[c.First-1]
		switch lowerNorm(p) {
		case "to", "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "n't", "not", "never":
			return false
		}
		if p.Tag == "JJ" || p.Tag == "POS" {
			return false
		}
		if t.Tag == "VB" && p.Tag == "MD" {
			return true
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
func (r *run) tailAttrib(s span, lo, hi int) attrib {
	i := lo
	dash := false
	for i < hi {
		n := r.toks[i].Norm
		if n == "," {
			i++
			continue
		}
		if n == "—" || n == "–" || n == "-" || n == "--" {
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
	// Inverted: "says Janelle Cruz".
	if c, ok := r.cueKind(i); ok && r.validCue(c, true) && !(fresh && c.Cue.Category != "verb") {
		if p := r.npStartingAt(c.Last, hi); p.ok() && (!fresh || p.kind == npName) && !objectVerbs[c.Cue.Lemma] {
			return attrib{spk: p, cue: &c, how: howTail}
		}
	}
	// Subject and verb: "she quips", "Halvern spokesman Dave Murray said".
	for k := i + 1; k < hi && k < i+16; k++ {
		t := &r.toks[k]
		c, ok := r.cueKind(k)
		if !ok || c.Cue.Category != "verb" || !r.validCue(c, true) {
			if t.Tag == "VBD" || t.Tag == "VBZ" || t.Tag == "VBP" || t.Tag == "MD" {
				break // another verb: not an attribution clause
			}
			continue
		}
		p := r.subjectOf(k, i)
		if !p.ok() || !r.onlyPhrase(i, p.first) {
			break
		}
		if fresh && (weakCue(c) || r.clauseAfter(c.Last, hi)) {
			break
		}
		return attrib{spk: p, cue: &c, how: howTail}
	}
	if dash && !fresh {
		if p := r.npStartingAt(i, hi); (p.kind == npName || p.kind == npRole) && p.next >= hi-1 {
			return attrib{spk: p, how: howDash}
		}
	}
	return attrib{}
}

// objectVerbs take the addressee after them: in "telling reporters" the
// phrase after the verb is not the speaker.
var objectVerbs = map[string]bool{"tell": true, "ask": true, "urge": true, "advise": true, "assure": true, "thank": true,
	"call": true, "accuse": true, "blame": true, "praise": true, "criticize": true, "mock": true, "describe": true,
	"dub": true, "label": true, "brand": true, "term": true, "cite": true, "quote": true, "credit": true,
	"question": true, "charge": true, "dismiss": true, "hail": true, "characterize": true, "blast": true, "slam": true,
	"denounce": true, "refer": true}

// weakCue reports a fallback cue that attributes phrases in the writer's
// sentence ("called it “a disaster”") but does not close an attribution.
func weakCue(c rules.CueMatch) bool { return weakLemmas[c.Cue.Lemma] }

var weakLemmas = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range fallbackVerbs {
		m[l] = true
	}
	return m
}()

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
// rather than closing an attribution ("Todd asked the host.").
func (r *run) clauseAfter(k, hi int) bool {
	for ; k < hi; k++ {
		switch r.toks[k].Tag {
		case "VBD", "VBZ", "VBP", "MD":
			return true
		}
		if lowerNorm(&r.toks[k]) == "that" {
			return true
		}
	}
	return false
}

// headAttrib looks for a cue in the writer's words before the opening mark:
// `Cruz said: "..."`, `Garman noted the need to “...”`, `According to
// Cruz, "..."`, `Commissioner Ward: "..."`.
func (r *run) headAttrib(lo, hi int) attrib {
	if lo >= hi {
		return attrib{}
	}
	j := hi - 1
	punct := false
	for j >= lo && (r.toks[j].Norm == "," || r.toks[j].Norm == ":" || r.toks[j].Norm == "—") {
		punct = true
		j--
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
			found = append(found, attrib{spk: a, cue: &c, how: how})
		}
	}
	if len(found) > 0 {
		best := found[0]
		for _, a := range found[1:] {
			if reportingLemmas[a.cue.Cue.Lemma] && a.spk.kind != npRole {
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
		if p := r.npEndingAt(j, lo); p.ok() && p.kind != npPron && r.onlyNames(lo, p.first) {
			return attrib{spk: p, how: howColon}
		}
		// "Kasich resisted: ...": the subject of the sentence it ends.
		if p := r.clauseSubject(lo, hi); p.ok() && p.kind != npPron || p.kind == npPron && lowerNorm(&r.toks[p.first]) != "you" {
			return attrib{spk: p, how: howHeadDirect}
		}
	}
	return attrib{}
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
	// ", saying ...": the subject of the main clause speaks.
	if r.toks[c.First].Tag == "VBG" && c.First > lo && r.toks[c.First-1].Norm == "," {
		return r.clauseSubject(lo, c.First)
	}
	if p := r.subjectOf(c.First, lo); p.ok() {
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
	if punct && !objectVerbs[c.Cue.Lemma] {
		if p := r.npStartingAt(c.Last, hi); p.ok() && p.next > j {
			return p
		}
	}
	return np{}
}

// clauseSubject is the phrase opening the sentence when a verb follows
// it: the subject of the main clause.
func (r *run) clauseSubject(lo, hi int) np {
	first := r.doc.Sentences[r.toks[lo].Sent].First
	if p := r.subjectAt(first, hi); p.ok() {
		return p
	}
	// After an opening adverbial: "Hours later, Trump returned ...".
	for k := first; k < hi && k < first+14; k++ {
		if r.toks[k].Norm == "," {
			return r.subjectAt(k+1, hi)
		}
	}
	return np{}
}

func (r *run) subjectAt(lo, hi int) np {
	for lo < hi && (r.toks[lo].Tag == "CC" || r.toks[lo].Tag == "RB" || isPunctTok(&r.toks[lo])) {
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
	for j < hi && (auxWords[lowerNorm(&r.toks[j])] || r.toks[j].Tag == "RB" || r.toks[j].Tag == "MD") {
		j++
	}
	if j < hi && strings.HasPrefix(r.toks[j].Tag, "VB") {
		return p
	}
	return np{}
}

// lateAttrib finds an attribution closing the sentence after a quote
// embedded in it: `... “arbitrarily detained” ..., the group says.`
func (r *run) lateAttrib(lo, hi int) attrib {
	for k := lo; k < hi; k++ {
		c, ok := r.cueKind(k)
		if !ok || c.Cue.Category != "verb" || !r.validCue(c, false) || !r.tailEnds(c.Last, hi) {
			continue
		}
		if p := r.subjectOf(k, lo); p.ok() && p.first > lo && r.toks[p.first-1].Norm == "," {
			return attrib{spk: p, cue: &c, how: howTail}
		}
		if k > lo && r.toks[k-1].Norm == "," && r.toks[k].Tag != "VBG" && !objectVerbs[c.Cue.Lemma] {
			if p := r.npStartingAt(c.Last, hi); p.ok() && p.kind != npPron && r.tailEnds(p.next, hi) {
				return attrib{spk: p, cue: &c, how: howTail}
			}
		}
	}
	return attrib{}
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
		if auxWords[n] || t.Tag == "RB" && n != "n't" && n != "not" || t.Tag == "MD" {
			j--
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
	ws := strings.Fields(c)
	if len(ws) == 0 || len(ws) > 5 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(c)
	if strings.ContainsRune(".!?,", last) {
		return false
	}
	for i, w := range ws {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			continue
		}
		if i > 0 && len(w) <= 3 { // of, the, and
			continue
		}
		return false
	}
	return true
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
