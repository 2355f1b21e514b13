package quotes

import (
	"sort"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/rules"
)

// sayVerbs may report speech without "that": "He said the plan failed."
var sayVerbs = map[string]bool{"say": true, "tell": true, "add": true, "warn": true, "insist": true, "argue": true, "claim": true}

// indirect finds reported speech without quotation marks: a speaker, a
// finite speech verb and "that" + clause ("Jassy noted that ..."), or a
// clause followed by its attribution ("..., the spokesman said.").
// Sentences holding a quotation are left to the quote reader. The records
// are appended to out.
func (r *run) indirect(out []quarry.Quote) []quarry.Quote {
	// Only tokens where a cue starts can hold the verb: the sentence's
	// cues (in token order, the first per token being cueKind's) are
	// walked instead of its tokens.
	ci := 0
	for si, sent := range r.doc.Sentences {
		f, l := sent.First, sent.Last
		if f >= l || r.hasMarks(sent.Start, sent.End) {
			continue
		}
		// Drop the final period.
		end := l
		for end > f && isPunctTok(&r.toks[end-1]) {
			end--
		}
		for ci < len(r.cues) && r.cues[ci].First < f {
			ci++
		}
		found := false
		for ; ci < len(r.cues) && r.cues[ci].First < end && !found; ci++ {
			c, k := r.cues[ci], r.cues[ci].First
			if r.cueAt[k] != int32(ci) || !isVerb(c) || !r.validCue(c, false) || r.toks[k].Tag == "VBG" {
				continue
			}
			// Forward: speaker, verb, [object], that, clause.
			p := r.subjectOf(k, f)
			named := p.ok() && !r.impersonal(p, c)
			if named {
				j := c.Last
				for j < end && r.toks[j].Tag == "RB" {
					j++
				}
				if c.Cue.Lemma == "tell" || c.Cue.Lemma == "warn" || c.Cue.Lemma == "remind" {
					if o := r.npStartingAt(j, end); o.ok() && o.kind != npNone {
						j = o.next
					} else if j < end && r.toks[j].Tag == "PRP" {
						j++
					}
				}
				start := -1
				if j < end && lowerNorm(&r.toks[j]) == "that" {
					start = j + 1
				} else if sayVerbs[c.Cue.Lemma] && j < end && clauseStart(r, j) {
					start = j
				}
				if start >= 0 && end-start >= 4 {
					out = append(out, r.indirectRec(si, start, end, p, c.Start, c.End))
					found = true
					continue
				}
			}
			// Backward: clause, comma, speaker + verb (or verb + speaker).
			if k > f+4 {
				if named && p.first > f+3 && r.toks[p.first-1].Norm == "," && r.tailEnds(c.Last, end) && r.finite(f, p.first-1) {
					out = append(out, r.indirectRec(si, f, p.first-1, p, c.Start, c.End))
					found = true
					continue
				}
				if r.toks[k-1].Norm == "," && k-1 > f+3 {
					if p := r.npStartingAt(c.Last, end); p.ok() && p.kind != npPron && r.tailEnds(p.next, end) && r.finite(f, k-1) {
						out = append(out, r.indirectRec(si, f, k-1, p, c.Start, c.End))
						found = true
					}
				}
			}
		}
	}
	return out
}

// impersonal reports an impersonal passive ("it is thought that", "it has
// been announced that"): nobody is named as saying anything.
func (r *run) impersonal(p np, c rules.CueMatch) bool {
	if p.kind != npPron || lowerNorm(&r.toks[p.first]) != "it" {
		return false
	}
	if t := r.toks[c.First].Tag; t != "VBN" && t != "VBD" {
		return false
	}
	be := false
	for k := p.last; k < c.First; k++ {
		switch n := lowerNorm(&r.toks[k]); {
		case beForms[n]:
			be = true
		case n == "has" || n == "had" || n == "will" || n == "would" || n == "may" || r.toks[k].Tag == "RB":
		default:
			return false
		}
	}
	return be
}

// hasMarks reports whether text[a:b] holds a paired quotation.
// r.spans are disjoint and in text order (outerSpans), so the first span
// ending after a is the only one to check.
func (r *run) hasMarks(a, b int) bool {
	i := sort.Search(len(r.spans), func(i int) bool { return r.spans[i].closeEnd > a })
	return i < len(r.spans) && r.spans[i].open < b
}

// clauseStart reports whether a clause can open at token j.
func clauseStart(r *run, j int) bool {
	t := &r.toks[j]
	switch t.Tag {
	case "DT", "NNP", "NNPS", "CD", "NNS", "PRP$", "EX":
		return true
	case "PRP":
		return subjPronouns[lowerNorm(t)]
	}
	return false
}

// finite reports whether tokens [a, b) hold a finite verb: a clause.
func (r *run) finite(a, b int) bool {
	for k := a; k < b; k++ {
		switch r.toks[k].Tag {
		case "VBD", "VBZ", "VBP", "MD":
			return true
		}
	}
	return false
}

// tailEnds reports whether only a short adverbial follows the attribution
// ("said on Monday", "said in a statement").
func (r *run) tailEnds(k, end int) bool {
	if end-k > 6 {
		return false
	}
	if k < end {
		switch r.toks[k].Tag {
		case "IN", "RB", "TO", ",", "NNP":
		default:
			return false
		}
	}
	for ; k < end; k++ {
		t := &r.toks[k]
		if len(t.Tag) >= 2 && t.Tag[:2] == "VB" || lowerNorm(t) == "that" {
			return false
		}
	}
	return true
}

func (r *run) indirectRec(si, first, last int, p np, cs, ce int) quarry.Quote {
	a, b := r.toks[first].Start, r.toks[last-1].End
	a, b = trimContent(r.text, a, b)
	return quarry.Quote{Start: a, End: b, Text: r.text[a:b], Kind: Indirect, Speaker: r.speaker(p),
		Cue: &quarry.Cue{Start: cs, End: ce, Text: r.text[cs:ce]}, Sentence: si}
}
