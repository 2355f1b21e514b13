package quotes

import (
	"strings"
	"unicode/utf8"

	"github.com/quarrylabs/quarry"
)

const (
	maxHead = 45
	maxTail = 30
)

// hardBreak reports whether the gap text[a:b] holds a paragraph break.
func (r *run) hardBreak(a, b int) bool {
	i := strings.IndexByte(r.text[a:b], '\n')
	if i < 0 {
		return false
	}
	i += a
	j := i
	for j < b && strings.IndexByte("\n\r \t", r.text[j]) >= 0 {
		j++
	}
	return !softWrap(r.text, i, j)
}

// headRange is the writer's part of the sentence before the opening mark:
// tokens [lo, hi), back to a sentence end, a paragraph break or the
// previous quote (prevEnd). A paragraph ending in a colon runs on into the
// quote it introduces.
func (r *run) headRange(s span, prevEnd int) (int, int) {
	hi := r.tokAt(s.open)
	lo := hi
	if hi > 0 && r.hardBreak(r.toks[hi-1].End, s.open) && r.toks[hi-1].Norm != ":" {
		return hi, hi
	}
	for lo > 0 && hi-lo < maxHead {
		t := &r.toks[lo-1]
		if t.Start < prevEnd || r.isEnd(lo-1) || r.quoted[lo-1] {
			break
		}
		if lo < hi && r.hardBreak(t.End, r.toks[lo].Start) {
			break
		}
		lo--
	}
	return lo, hi
}

// tailRange is the rest of the sentence after the closing mark, up to a
// sentence end, a paragraph break or the next quote.
func (r *run) tailRange(s span, nextOpen int) (int, int) {
	lo := r.tokAt(s.closeEnd)
	hi := lo
	if !s.closed || lo >= len(r.toks) || r.hardBreak(s.closeEnd, r.toks[lo].Start) {
		return lo, lo
	}
	for hi < len(r.toks) && hi-lo < maxTail {
		t := &r.toks[hi]
		if t.Start >= nextOpen || r.isEnd(hi) {
			break
		}
		if hi > lo && r.hardBreak(r.toks[hi-1].End, t.Start) {
			break
		}
		hi++
	}
	return lo, hi
}

// sentenceTail is the end of the sentence holding token lo, stopping at a
// paragraph break, ignoring later quotes.
func (r *run) sentenceTail(lo int) int {
	hi := lo
	for hi < len(r.toks) && hi-lo < 60 && !r.isEnd(hi) {
		if hi > lo && r.hardBreak(r.toks[hi-1].End, r.toks[hi].Start) {
			break
		}
		hi++
	}
	return hi
}

// sameSentence reports whether no sentence end lies between byte a and b.
func (r *run) sameSentence(a, b int) bool {
	for k := r.tokAt(a); k < len(r.toks) && r.toks[k].Start < b; k++ {
		if r.isEnd(k) {
			return false
		}
	}
	return !r.hardBreak(a, b)
}

// heardIn reports a passive speech verb in tokens [a, b) ("was asked").
func (r *run) heardIn(a, b int) bool {
	for k := a; k < b; k++ {
		if c, ok := r.cueKind(k); ok && r.passive(c) {
			return true
		}
	}
	return false
}

// dashBelow reads a signature line under a quote: the paragraph after it
// is a dash and a name ("— Harry Reed, Senate leader").
func (r *run) dashBelow(s span) attrib {
	k := r.tokAt(s.closeEnd)
	if k+1 >= len(r.toks) || !isDash(r.toks[k].Norm) || !r.hardBreak(s.closeEnd, r.toks[k].Start) {
		return attrib{}
	}
	end := k + 1
	for end < len(r.toks) && end-k < 25 && !r.hardBreak(r.toks[end-1].End, r.toks[end].Start) {
		end++
	}
	for end > k+1 && isPunctTok(&r.toks[end-1]) {
		end--
	}
	if p := r.npStartingAt(k+1, end); (p.kind == npName || p.kind == npRole) && r.closes(p.next, end) {
		return attrib{spk: p, how: howDash}
	}
	return attrib{}
}

// priorSpeaker reads the speaker of a quote opening a sentence with no
// attribution of its own from the writer's sentence just before it, in
// its paragraph or ending the one before: an attribution there ("Bystrom
// agreed.", "..., said Paul Beck.", "Cruz said the plan failed.") or, for a
// quote opening a paragraph, a named person as the subject ("Valastro
// praised the governor's record.").
func (r *run) priorSpeaker(s span) attrib {
	lineStart := strings.TrimSpace(r.text[s.open-lineStart(r.text, s.open):s.open]) == ""
	k := r.tokAt(s.open) - 1
	if k < 0 || r.quoted[k] {
		return attrib{}
	}
	if r.hardBreak(r.toks[k].End, s.open) != lineStart {
		return attrib{}
	}
	for k >= 0 && isPunctTok(&r.toks[k]) {
		k--
	}
	if k < 0 || r.quoted[k] {
		return attrib{}
	}
	sent := r.doc.Sentences[r.toks[k].Sent]
	f := sent.First
	for j := k; j >= sent.First; j-- {
		if r.quoted[j] {
			f = j + 1
			break
		}
	}
	if f > k {
		return attrib{}
	}
	if a := r.sentAttrib(f, k+1); a.how != howNone {
		return a
	}
	if !lineStart || f != sent.First {
		return attrib{}
	}
	p := r.clauseSubject(f, k+1)
	if p.kind == npName && p.ment >= 0 && r.isPerson(p.ment) {
		return attrib{spk: p, how: howInherit}
	}
	return attrib{}
}

// sentAttrib finds a speech verb with its speaker in the writer's
// sentence [f, end): "Bystrom agreed", "digital consultant Phil Musser
// says", "Cruz said the plan failed".
func (r *run) sentAttrib(f, end int) attrib {
	for k := f; k < end; k++ {
		c, ok := r.cueKind(k)
		if !ok || c.Cue.Category != "verb" || r.toks[k].Tag == "VBG" || !r.validCue(c, false) {
			continue
		}
		if p := r.subjectOf(k, f); p.ok() && (p.first == f || r.toks[p.first-1].Norm == "," || r.onlyPhrase(f, p.first)) {
			return attrib{spk: p, cue: keep(c), how: howInherit}
		}
		if k > f && r.toks[k-1].Norm == "," && !objectVerb(c) {
			if p := r.npStartingAt(c.Last, end); p.ok() && p.kind != npPron && r.closes(p.next, end) {
				return attrib{spk: p, cue: keep(c), how: howInherit}
			}
		}
	}
	return attrib{}
}

// quotes reads every outer quotation span into a record, appended to the
// scratch's recs.
func (r *run) quotes() []quarry.Quote {
	out := r.buf.recs[:0]
	type done struct {
		at    attrib
		end   int // closeEnd of the span
		tail  int // token after its tail
		valid bool
	}
	var prev, lastAt done // the previous quote; the last attributed one
	prevEnd := 0
	for i, s := range r.spans {
		nextOpen := len(r.text)
		if i+1 < len(r.spans) {
			nextOpen = r.spans[i+1].open
		}
		a, b := trimContent(r.text, s.start, s.end)
		if a >= b {
			prevEnd = s.closeEnd
			continue
		}
		hlo, hhi := r.headRange(s, prevEnd)
		tlo, thi := r.tailRange(s, nextOpen)
		prevEnd = s.closeEnd
		inside := hlo < hhi && !leadPunct[r.toks[hhi-1].Norm]
		at := r.tailAttrib(s, tlo, thi, inside)
		if at.how == howNone {
			at = r.headAttrib(hlo, hhi)
		} else if at.fresh {
			// `Hayek said, “...” The star ...`: the introduction wins.
			if h := r.headAttrib(hlo, hhi); h.how == howHeadDirect {
				at = h
			}
		}
		if at.how == howNone && tlo == thi {
			at = r.dashBelow(s)
		}
		if at.how == howNone && tlo < thi && !r.newSentence(s, tlo) {
			if at = r.lateAttrib(tlo, r.sentenceTail(tlo)); at.how != howNone && hlo < hhi {
				at.how = howHeadPartial
			}
		}
		// A second quote in the sentence of an attributed one: `was “not
		// good” and “something else”`.
		if at.how == howNone && hlo < hhi && prev.valid && r.sameSentence(prev.end, s.open) {
			at = prev.at
			at.how = howHeadPartial
		}
		content := r.text[a:b]
		words := r.contentWords(s)
		last, _ := utf8.DecodeLastRuneInString(content)
		endsStop := strings.ContainsRune(".!?…", last)
		mid := hlo < hhi && at.how != howHeadDirect && at.how != howColon && !(hhi-hlo == 1 && r.toks[hlo].Norm == ":")
		kind := Direct
		switch at.how {
		case howNone:
			switch {
			case !mid && (words >= 4 || endsStop && words >= 2):
				kind = Direct
			case mid && words > 6:
				kind = Partial
			default:
				kind = Term
			}
			if kind == Direct && prev.valid && r.continues(prev.end, prev.tail, s) && !r.interrupted(prev.tail, s.open, prev.at.spk) {
				at = prev.at
				at.how = howInherit
			} else if kind == Partial {
				// A fragment in the writer's sentence: its subject speaks
				// ("Moore thanked him for “...”").
				if p := r.clauseSubject(hlo, hhi); p.ok() && !r.heardIn(hlo, hhi) {
					at = attrib{spk: p, how: howHeadPartial}
				}
			} else if kind == Direct && hlo == hhi {
				at = r.priorSpeaker(s)
				if at.how == howNone && lastAt.valid && s.open-lastAt.end < lastSpan && r.opensParagraph(s) {
					at = lastAt.at
					at.how = howInherit
				}
			}
		case howHeadPartial:
			if at.spk.kind == npPron && lowerNorm(&r.toks[at.spk.first]) == "it" && words <= 6 {
				at = attrib{} // "It tells us that the “growth at all costs” era ..."
				kind = Term
				break
			}
			if hhi > hlo && (r.toks[hhi-1].Norm == "," || r.toks[hhi-1].Norm == ":") && isCapWord(content) && words >= 3 {
				kind = Direct
			} else if nameLike(content) {
				kind, at = Term, attrib{}
			} else {
				kind = Partial
			}
		default:
			if mid {
				kind = Partial
			}
		}
		q := quarry.Quote{Start: a, End: b, Text: content, Kind: kind}
		// The sentence of the content's first token, or of the opening
		// mark when no token follows it (not sentence 0).
		if k := min(r.tokAt(a), len(r.toks)-1); k >= 0 {
			q.Sentence = r.toks[k].Sent
		}
		if kind != Term {
			q.Speaker = r.speaker(at.spk)
			if at.cue != nil {
				q.Cue = &quarry.Cue{Start: at.cue.Start, End: at.cue.End, Text: r.text[at.cue.Start:at.cue.End]}
			}
			if at.how != howNone {
				prev = done{at: at, end: s.closeEnd, tail: thi, valid: true}
				lastAt = prev
			} else {
				prev.valid = false
			}
		}
		if traceHow != nil {
			traceHow(q, at.how)
		}
		out = append(out, q)
	}
	return out
}

// traceHow, when set (by tests), sees each quote with how it was
// attributed.
var traceHow func(q quarry.Quote, how int)

// leadPunct may close the writer's words that introduce a quotation.
var leadPunct = map[string]bool{",": true, ":": true, "—": true, "–": true, "-": true, "--": true, "―": true}

// lastSpan bounds, in bytes, how far a quote standing alone as a paragraph
// may sit from the last attributed quote it is taken to continue.
const lastSpan = 1200

// opensParagraph reports whether the quote's opening mark starts its
// paragraph.
func (r *run) opensParagraph(s span) bool {
	if strings.TrimSpace(r.text[s.open-lineStart(r.text, s.open):s.open]) != "" {
		return false
	}
	k := r.tokAt(s.open) - 1
	return k < 0 || r.hardBreak(r.toks[k].End, s.open)
}

// continues reports whether an unattributed quote carries on the previous
// attributed one: same paragraph, or it opens the next paragraph and only
// the attribution sat between.
func (r *run) continues(prevEnd, prevTail int, s span) bool {
	gap := r.text[prevEnd:s.open]
	breaks := 0
	for i := 0; i < len(gap); i++ {
		if gap[i] != '\n' {
			continue
		}
		j := i
		for j < len(gap) && strings.IndexByte("\n\r \t", gap[j]) >= 0 {
			j++
		}
		if !softWrap(r.text, prevEnd+i, prevEnd+j) {
			breaks++
		}
		i = j - 1
	}
	switch breaks {
	case 0:
		return true
	case 1:
		// Only the attribution (and its period) between the two quotes.
		n := 0
		for k := r.tokAt(prevEnd); k < len(r.toks) && r.toks[k].Start < s.open; k++ {
			n++
		}
		return n <= 20 && strings.TrimSpace(r.text[s.open-lineStart(r.text, s.open):s.open]) == ""
	}
	return false
}

// interrupted reports whether, after the attribution that ends before
// token from, a sentence of the writer's names another person before the
// quote opening at byte open: in `"...," Cruz said. Smith disagreed. "..."`
// the second quote is not Cruz's.
func (r *run) interrupted(from, open int, spk np) bool {
	e := r.resolve(spk)
	ended := false
	for k := from; k < len(r.toks) && r.toks[k].Start < open; k++ {
		switch {
		case r.quoted[k]:
		case r.isEnd(k):
			ended = true
		case ended:
			if m := r.mentAt(k); m >= 0 && r.isPerson(m) && r.ments[m].ent != e {
				return true
			}
		}
	}
	return false
}

// lineStart is the distance from the start of the line holding i to i.
func lineStart(text string, i int) int {
	j := strings.LastIndexByte(text[:i], '\n')
	return i - (j + 1)
}
