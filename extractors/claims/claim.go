package claims

import (
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/pipeline/analysis"
	"github.com/quarrylabs/quarry/rules"
)

// pred is the event or state a clause asserts.
type pred struct {
	first, last int // tokens
	lemma       string
	action      bool // from the event list
	noun        bool // named by a noun ("stake", "layoffs")
}

// subj is what a clause is about.
type subj struct {
	first, last int
	ent         *quarry.Entity
	pronoun     bool
}

// claim analyses one clause; ok is false when it is no claim.
func (d *docState) claim(cl clause) (quarry.Claim, bool) {
	toks := d.doc.Tokens
	a, b := trimClause(toks, cl.first, cl.last)
	if b-a < 3 {
		return quarry.Claim{}, false
	}
	// The writer's opinion and advice; reported speech may say "must".
	if !cl.reported() && d.opinion(a, b) {
		return quarry.Claim{}, false
	}
	// After a leading "If the verdict stands," the main clause carries
	// the claim, unless only the subordinate one names an event.
	ma := d.mainStart(a, b)
	p, ok := d.predicate(ma, b)
	if ma > a && (!ok || !p.action) {
		if q, ok2 := d.predicate(a, b); ok2 && (q.action || !ok) {
			p, ok, ma = q, true, a
		}
	}
	if !ok || !strings.ContainsFunc(p.lemma, unicode.IsLetter) {
		return quarry.Claim{}, false // a bullet or dot is no predicate
	}
	rankAt := -1
	if v, ok := d.mainVerb(ma, b); ok {
		rankAt = d.rankAfter(v, b)
		// "The stake makes Halvard the largest shareholder": a ranking
		// claim about Halvard, not an investment.
		if p.noun && rankAt >= 0 && p.last <= v.first {
			p = v
		}
	}
	s := d.subject(cl, ma, b, p)
	if s.ent == nil && rankAt >= 0 {
		s = d.rankedEntity(p.last, rankAt)
	}
	start, end := toks[a].Start, toks[b-1].End
	figs := d.figuresIn(start, end)
	trigFigs, dates, exact := 0, 0, 0
	rank := false
	for _, f := range figs {
		switch {
		// "lasts 30 hours" states a duration; "after six years" dates. So
		// with ages: "died aged 91" states one, "the 28-year-old" names.
		case (f.Kind == "duration" || f.Counts == "age") && strings.ContainsAny(f.Text, "0123456789") && d.afterVerb(f.Start):
			trigFigs++
			exact++
		case placing(f):
			dates++
		case f.Kind == "ordinal":
			rank = true
			trigFigs++
		case specificFigure(f):
			trigFigs++
			if exactFigure(f) {
				exact++
			}
		}
	}
	comparative := rank || d.comparative(a, b)
	causalLink := d.has(a, b, cCausal)
	named := s.ent != nil && isNamed(s.ent.Label) && !s.pronoun
	others := d.entitiesIn(a, b, s)
	anyEnt := s.ent != nil || others > 0
	src := d.source(cl, a, b, p)
	attributed := src.Type == SourceSpeaker && src.Entity != ""
	verb := hasVerb(toks[a:b])
	switch {
	case p.action && p.noun && (named || attributed || d.figureNear(p)):
	// An event done by a named entity or a place: "France fined Google".
	case p.action && !p.noun && (s.ent != nil && (isNamed(s.ent.Label) || s.ent.Label == quarry.Loc || attributed) || trigFigs > 0):
	// "Analysts expect profit to fall", "Top Scientist Leaves Veridian
	// Labs": an event about a metric, or done to a named entity.
	case p.action && !p.noun && (s.ent == nil && d.metricSubject(a, p) || d.namedObject(p, b)):
	// A precise figure in a clause with a verb: "Lawyers sought $65 million".
	case trigFigs > 0 && anyEnt || exact > 0 && verb:
	case comparative && named && (rank || d.superlative(a, b)):
	// "The ruling is the largest award since 2019".
	case rankAt >= 0 && (anyEnt || d.anyEntity(a, b) || dates > 0):
	case causalLink && named:
	// "Kowalczyk spent nine years at Veridian".
	case named && dates > 0 && others > 0:
	// What a named speaker says about a named entity.
	case cl.reported() && attributed && s.ent != nil && !p.noun && d.finiteBetween(a, b):
	default:
		return quarry.Claim{}, false
	}
	c := quarry.Claim{
		Start:     start,
		End:       end,
		Text:      d.text[start:end],
		Sentence:  cl.sent,
		Predicate: p.lemma,
		Object:    d.object(a, b, p),
	}
	if s.ent != nil {
		c.Subject = &quarry.ClaimSubject{Entity: s.ent.ID, Start: toks[s.first].Start, End: toks[s.last-1].End}
		c.Subject.Text = d.text[c.Subject.Start:c.Subject.End]
		if isNamed(s.ent.Label) && !s.pronoun && s.ent.Label != quarry.Person {
			d.lastOrg = s.ent
		}
	}
	c.Figures = figureIDs(figs)
	c.Source = src
	c.Modality = d.modality(cl, a, b, p, s)
	d.score(&c, scoreIn{
		figs: trigFigs, dates: dates, subject: s, action: p.action, comparative: comparative,
		causal: causalLink, others: others, a: a, b: b, attributed: attributed,
	})
	return c, true
}

// mainStart returns where the main clause starts after a leading
// subordinate one ("If demand recovers, ..."), or a.
func (d *docState) mainStart(a, b int) int {
	if w := d.low(a); d.class(a)&wSubordinator == 0 || w == "that" || w == "so" {
		return a
	}
	for c := a + 2; c < b-2; c++ {
		if d.doc.Tokens[c].Norm == "," {
			return c + 1
		}
	}
	return a
}

// afterVerb: a verb comes just before byte offset start, so the figure
// there is its object ("lasts 30 hours", not "after six years").
func (d *docState) afterVerb(start int) bool {
	f, _ := tokenRange(d.doc.Tokens, start, start)
	return f > 0 && strings.HasPrefix(d.doc.Tokens[f-1].Tag, "VB")
}

// placing: a year, date, length of time or age (the figures extractor
// counts "age" on a quantity in years) places a claim or a person; it is
// not what the claim asserts.
func placing(f quarry.Figure) bool {
	switch f.Kind {
	case "year", "date", "duration":
		return true
	}
	return f.Counts == "age"
}

// specificFigure: a figure precise enough to check — digits, money or a
// percentage, or a scale word ("hundreds of"); not a bare "two" or "ten".
func specificFigure(f quarry.Figure) bool {
	if f.Kind == "money" || f.Kind == "percent" || f.Unit != "" {
		return true
	}
	if strings.IndexAny(f.Text, "0123456789") >= 0 {
		return true
	}
	v := 0.0
	if f.Value != nil {
		v = *f.Value
	} else if f.Max != nil {
		v = *f.Max
	}
	return v >= 100
}

// exactFigure: written with digits, or money or a percentage ("$4bn",
// "12%"), not "thousands".
func exactFigure(f quarry.Figure) bool {
	return f.Kind == "money" || f.Kind == "percent" || strings.ContainsAny(f.Text, "0123456789")
}

// trimClause drops leading conjunctions and punctuation and trailing
// separators so the span reads as a clause.
func trimClause(toks []analysis.Token, a, b int) (int, int) {
	for a < b {
		n := toks[a].Lower() // cached per word
		if isPunctTok(&toks[a]) && n != "\"" && n != "``" || n == "and" || n == "but" || n == "so" || n == "however" || n == "•" {
			a++
			continue
		}
		break
	}
	for b > a {
		n := toks[b-1].Norm
		if n == "," || n == ";" || n == ":" || n == "—" || n == "-" || n == "–" {
			b--
			continue
		}
		break
	}
	return a, b
}

// isPunctTok is inlined: most tokens start with an ASCII letter or digit,
// where the loop of punctTok stops at once.
func isPunctTok(t *analysis.Token) bool {
	if n := t.Norm; n != "" && alnumByte[n[0]] {
		return false
	}
	return punctTok(t)
}

// alnumByte marks the ASCII letters and digits.
var alnumByte = func() (a [256]bool) {
	for c := range a {
		a[c] = c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	return a
}()

func punctTok(t *analysis.Token) bool {
	for _, r := range t.Norm {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x2000 && r < 0x2010 {
			return false
		}
		if r > 127 && !strings.ContainsRune("—–•·‘’“”…", r) {
			return false
		}
	}
	return t.Norm != "$" && t.Norm != "~" && t.Norm != "£" && t.Norm != "€"
}

// opinion reports first-person views, advice and deontic statements.
func (d *docState) opinion(a, b int) bool {
	toks := d.doc.Tokens
	for t := d.cues.next(a, b, cOpinion); t < b; t = d.cues.next(t+1, b, cOpinion) {
		if d.phrase(t, b, cOpinion) > 0 && !properNoun(&toks[t]) {
			return true
		}
	}
	// Imperatives: a bare verb first, or an advice verb the tagger missed.
	f := a
	for f < b && (toks[f].Tag == "CD" || toks[f].Tag == "LS" || isPunctTok(&toks[f])) {
		f++
	}
	if f < b {
		w := d.low(f)
		imp := d.phrase(f, b, cImperative) > 0
		if toks[f].Tag == "VB" || imp && (f+1 >= b || !strings.HasPrefix(toks[f+1].Tag, "VB") && toks[f+1].Tag != "MD") {
			if !(toks[f].Tag == "NN" || toks[f].Tag == "NNS") || imp {
				return true
			}
		}
		if w == "you" || w == "we" && d.quoteAt(toks[f].Start, toks[f].End) == nil {
			return true
		}
	}
	return false
}

func (d *docState) aux(t int) bool { return d.class(t)&wAux != 0 }

// predicate finds the event of a clause, or its main verb.
func (d *docState) predicate(a, b int) (pred, bool) {
	toks := d.doc.Tokens
	var nounHit *pred
	for t := a; t < b; t++ {
		tag := toks[t].Tag
		if d.cues.mask[t]&(cEvent|cEventNoun) == 0 {
			// "named Priya Natarajan (as) ...": an appointment.
			if strings.HasPrefix(tag, "VB") && (eqFold(toks[t].Norm, "named") || eqFold(toks[t].Norm, "names")) &&
				t+1 < b && d.tokMent[t+1] >= 0 && d.ments[d.tokMent[t+1]].ent.Label == quarry.Person {
				return pred{first: t, last: t + 1, lemma: "appoint", action: true}, true
			}
			if n := toks[t].Norm; len(n) < 6 || n[0]|0x20 != 'r' {
				continue // no "re-" verb: redo would say no
			}
			if p, ok := d.redo(t, a, b); ok {
				return p, true
			}
			continue
		}
		gerund := tag == "VBG" && t > a && (toks[t-1].Tag == "IN" || toks[t-1].Tag == "DT" || toks[t-1].Tag == "JJ" || toks[t-1].Tag == "PRP$")
		if nh := d.cue(t, b, cEventNoun); nh != nil && (strings.HasPrefix(tag, "NN") || !strings.HasPrefix(tag, "VB") || gerund) {
			if nounHit == nil {
				nounHit = &pred{first: t, last: int(nh.last), lemma: nh.cue.Lemma, action: true, noun: true}
			}
			continue
		}
		if strings.HasPrefix(tag, "NN") && !strings.HasPrefix(tag, "NNP") {
			continue // "a 10% cut": a verb form used as a noun the rules do not list
		}
		vh := d.cue(t, b, cEvent)
		if vh == nil || !(strings.HasPrefix(tag, "VB") || strings.HasPrefix(tag, "NNP") || tag == "JJ" && vh.last-vh.first > 1) {
			continue
		}
		if d.modifier(t, a, b) {
			continue
		}
		return pred{first: t, last: int(vh.last), lemma: vh.cue.Lemma, action: true}, true
	}
	v, ok := d.mainVerb(a, b)
	if nounHit != nil {
		// "Norvik would save $150 million from the cuts": an event noun in
		// a phrase after the main verb is not what the clause asserts.
		if ok && v.last <= nounHit.first && d.inPhrase(v.last, nounHit.first) {
			return v, true
		}
		return *nounHit, true
	}
	return v, ok
}

// mainVerb is the last verb of the first finite verb group (else of the
// first verb group), or the verb a catenative one governs ("is projected
// to carry", "expects to ship"). Participles before the finite verb
// ("A claim accusing X has been thrown out") modify nouns.
func (d *docState) mainVerb(a, b int) (pred, bool) {
	// claim asks again for the clause predicate asked about.
	if m := &d.verb; m.set && m.a == a && m.b == b {
		return m.p, m.ok
	}
	p, ok := d.findMainVerb(a, b)
	d.verb = verbMemo{a: a, b: b, p: p, ok: ok, set: true}
	return p, ok
}

// verbMemo is the last answer of mainVerb.
type verbMemo struct {
	a, b    int
	p       pred
	ok, set bool
}

func (d *docState) findMainVerb(a, b int) (pred, bool) {
	toks := d.doc.Tokens
	from := a
	for t := a; t < b; t++ {
		if tg := toks[t].Tag; tg == "VBZ" || tg == "VBP" || tg == "VBD" || tg == "MD" {
			from = t
			break
		}
	}
	for t := from; t < b; t++ {
		tag := toks[t].Tag
		if !strings.HasPrefix(tag, "VB") || tag == "VBG" && t == a {
			continue
		}
		k := t
		for k+1 < b && d.aux(k) && (strings.HasPrefix(toks[k+1].Tag, "VB") || toks[k+1].Tag == "RB" && k+2 < b && strings.HasPrefix(toks[k+2].Tag, "VB")) {
			if toks[k+1].Tag == "RB" {
				k++
			}
			k++
		}
		if k+2 < b && toks[k+1].Tag == "TO" && toks[k+2].Tag == "VB" {
			k += 2
		}
		return pred{first: k, last: k + 1, lemma: tokLemma(&toks[k])}, true
	}
	return pred{}, false
}

// inPhrase: tokens [from, to) open a prepositional phrase ("from the").
func (d *docState) inPhrase(from, to int) bool {
	toks := d.doc.Tokens
	for k := from; k < to; k++ {
		if toks[k].Tag == "IN" {
			return true
		}
		if tg := toks[k].Tag; !(tg == "DT" || tg == "JJ" || tg == "CD" || tg == "$" || tg == "PRP$" || strings.HasPrefix(tg, "NN") || tg == "RB" || isPunctTok(&toks[k])) {
			return false
		}
	}
	return false
}

// rankAfter returns the ranking word that completes verb v ("is the
// largest", "makes Halvard the second-largest", "became its biggest"),
// or -1.
func (d *docState) rankAfter(v pred, b int) int {
	toks := d.doc.Tokens
	for k := v.last; k < b && k < v.last+6; k++ {
		tg := toks[k].Tag
		if (tg == "JJS" || d.cues.mask[k]&cRanking != 0) && k > v.last && (toks[k-1].Tag == "DT" || toks[k-1].Tag == "PRP$" || toks[k-1].Tag == "POS") {
			return k
		}
		if strings.HasPrefix(tg, "VB") || tg == "MD" || isPunctTok(&toks[k]) || tg == "IN" {
			return -1
		}
	}
	return -1
}

// rankedEntity is the named entity between a verb and its ranking word
// ("makes Halvard the largest").
func (d *docState) rankedEntity(from, to int) subj {
	for k := from; k < to; k++ {
		if mi := d.tokMent[k]; mi >= 0 && isNamed(d.ments[mi].ent.Label) {
			m := d.ments[mi]
			return subj{first: m.first, last: m.last, ent: m.ent}
		}
	}
	return subj{first: -1}
}

// metricSubject: the clause is about a metric named before the predicate
// ("profit to fall", "Revenue rose").
func (d *docState) metricSubject(a int, p pred) bool {
	for t := a; t < p.first; t++ {
		if d.cues.mask[t]&cMetric != 0 && strings.HasPrefix(d.doc.Tokens[t].Tag, "NN") {
			return true
		}
	}
	return false
}

// namedObject: a named entity is the object of event verb p and something
// named by a noun does it ("A senior engineer left Acme").
func (d *docState) namedObject(p pred, b int) bool {
	toks := d.doc.Tokens
	if p.first == 0 || !strings.HasPrefix(toks[p.first-1].Tag, "NN") {
		return false
	}
	for k := p.last; k < b && k < p.last+4; k++ {
		if mi := d.tokMent[k]; mi >= 0 {
			return isNamed(d.ments[mi].ent.Label)
		}
		if tg := toks[k].Tag; !(tg == "DT" || tg == "JJ" || tg == "IN" || tg == "TO" || tg == "RP") {
			return false
		}
	}
	return false
}

// anyEntity: a mention of any label (a place, a product) in tokens [a, b).
func (d *docState) anyEntity(a, b int) bool {
	for t := a; t < b; t++ {
		if d.tokMent[t] >= 0 {
			return true
		}
	}
	return false
}

// redo reads a verb with the prefix "re" as its event ("rehire",
// "re-hire", "reinvested").
func (d *docState) redo(t, a, b int) (pred, bool) {
	tok := &d.doc.Tokens[t]
	if !strings.HasPrefix(tok.Tag, "VB") || len(tok.Norm) < 6 || !(tok.Norm[0] == 'r' || tok.Norm[0] == 'R') {
		return pred{}, false
	}
	if l := d.redoLemma(tok); l != "" && !d.modifier(t, a, b) {
		return pred{first: t, last: t + 1, lemma: l, action: true}, true
	}
	return pred{}, false
}

// redoLemma returns the predicate of the first event cue the word after
// "re" is a form of, or "", kept per word.
func (d *docState) redoLemma(tok *analysis.Token) string {
	if l := d.x.redos.Get(tok.Word); l != nil {
		return *l
	}
	l := ""
	if w := tok.Lower(); strings.HasPrefix(w, "re") {
		rest := strings.TrimPrefix(w[2:], "-")
		for _, c := range d.x.cues.Lookup(rest) {
			if c.Category == rules.ClaimEvent {
				l = c.Lemma
				break
			}
		}
	}
	d.x.redos.Put(tok.Word, l)
	return l
}

// modifier: a participle used as an adjective ("increased AI efficiency")
// or an idiom ("get lost"), not the clause's verb.
func (d *docState) modifier(t, a, b int) bool {
	toks := d.doc.Tokens
	tag := toks[t].Tag
	prev := ""
	if t > a {
		prev = d.low(t - 1)
	}
	if prev == "get" || prev == "got" || prev == "gets" {
		return true
	}
	if (tag == "VBD" || tag == "VBN") && t+1 < b {
		next := toks[t+1].Tag
		nounNext := strings.HasPrefix(next, "NN") || next == "JJ"
		if nounNext && (t == a || toks[t-1].Tag == "DT" || toks[t-1].Tag == "IN" || toks[t-1].Tag == "PRP$" || isPunctTok(&toks[t-1])) {
			return true
		}
	}
	// "Amazon's hiring, funded by its cuts, is ...": a participle with no
	// auxiliary before a finite verb modifies a noun.
	if tag == "VBN" && t > a && isPunctTok(&toks[t-1]) && d.finiteBetween(t+1, b) {
		return true
	}
	// "since taking the helm", "while doubling down": an adverbial.
	return tag == "VBG" && t > a && toks[t-1].Tag == "IN"
}

// subject picks the entity a clause is about: the first named mention in
// subject position before the predicate, a resolved pronoun, or for event
// nouns and passives the entity after it.
func (d *docState) subject(cl clause, a, b int, p pred) subj {
	toks := d.doc.Tokens
	// "Tom Reyes, who left ...".
	if r := cl.rel; r != nil && (toks[a].Tag == "WP" || toks[a].Tag == "WDT") {
		return subj{first: r.first, last: r.last, ent: r.ent}
	}
	var fallback subj // the first unnamed mention; ent is nil when none
	for t := a; t < p.first; t++ {
		mi := d.tokMent[t]
		if mi < 0 || d.ments[mi].first != t {
			continue
		}
		m := d.ments[mi]
		if m.last > p.first && m.first < p.last {
			continue // the predicate word itself ("Layoffs")
		}
		if t > a && (toks[t-1].Tag == "IN" && d.class(t-1)&wSubordinator == 0 || toks[t-1].Tag == "TO" || toks[t-1].Tag == "VBG" || toks[t-1].Tag == "VBN") {
			t = m.last - 1
			continue
		}
		if inParens(toks, a, t) {
			t = m.last - 1
			continue
		}
		s := subj{first: m.first, last: m.last, ent: m.ent}
		if p.noun && d.finiteBetween(m.last, p.first) && !d.figureBefore(p.first) {
			// "Jassy's doctrine demands a return on investment": the noun
			// is not this entity's event.
			t = m.last - 1
			continue
		}
		if !isNamed(m.ent.Label) {
			if fallback.ent == nil {
				fallback = s
			}
			t = m.last - 1
			continue
		}
		// "AWS CEO Matt Garman": the person, not the company before the
		// title; "Quillon's rival Stellarc": the rival.
		if m.ent.Label != quarry.Person {
			k := m.last
			poss := k < p.first && toks[k].Tag == "POS"
			if poss {
				k++
			}
			for k < p.first && k < m.last+4 && d.tokMent[k] < 0 && (strings.HasPrefix(toks[k].Tag, "NN") || poss && toks[k].Tag == "JJ") {
				k++
			}
			if k > m.last && k < p.first {
				if mj := d.tokMent[k]; mj >= 0 && (d.ments[mj].ent.Label == quarry.Person || poss && isNamed(d.ments[mj].ent.Label)) {
					n := d.ments[mj]
					return subj{first: n.first, last: n.last, ent: n.ent}
				}
			}
		}
		return s
	}
	// Pronouns and "the company" just before the predicate.
	for t := max(a, p.first-5); t < p.first; t++ {
		w := d.low(t)
		if toks[t].Tag == "PRP" && d.expletive(t, p.first) {
			break
		}
		switch {
		case toks[t].Tag == "PRP" && d.class(t)&wPersonPronoun != 0 && d.lastPerson != nil:
			return subj{first: t, last: t + 1, ent: d.lastPerson, pronoun: true}
		case toks[t].Tag == "PRP" && d.class(t)&wOrgPronoun != 0 && (w != "we" || cl.quote != nil && cl.quote.Speaker != nil):
			if e := d.orgRef(cl); e != nil {
				return subj{first: t, last: t + 1, ent: e, pronoun: true}
			}
		case w == "the" && t+1 < p.first:
			k := t + 1
			for k < p.first && k < t+4 && (strings.HasPrefix(toks[k].Tag, "NN") || toks[k].Tag == "JJ") && d.phrase(k, p.first, cCompanyNoun) == 0 {
				k++
			}
			if n := d.phrase(k, p.first, cCompanyNoun); n > 0 && k+n <= p.first && (k+n >= b || toks[k+n].Tag != "POS") {
				k += n - 1
				if e := d.orgRef(cl); e != nil {
					return subj{first: t, last: k + 1, ent: e, pronoun: true}
				}
			}
		}
		if strings.HasPrefix(toks[t].Tag, "VB") || toks[t].Tag == "MD" {
			break
		}
	}
	if fallback.ent != nil {
		return fallback
	}
	// Event nouns name the actor after them ("job cuts at Amazon", "the
	// layoff of 14,000 Amazon employees"), passives after "by".
	for t := p.last; t < b && t < p.last+8; t++ {
		tag := toks[t].Tag
		if (tag == "VBZ" || tag == "VBP" || tag == "VBD" || tag == "MD") && !d.passiveAt(t, b) {
			break
		}
		mi := d.tokMent[t]
		if mi < 0 || !isNamed(d.ments[mi].ent.Label) {
			continue
		}
		if p.noun || toks[p.first].Tag == "VBN" && eqFold(toks[t-1].Norm, "by") {
			m := d.ments[mi]
			return subj{first: m.first, last: m.last, ent: m.ent}
		}
		break
	}
	// A clause after a heading ("Amazon's Pivot: Why 14,000 Layoffs ...").
	if cl.colon {
		s := d.doc.Sentences[cl.sent]
		for t := s.First; t < a; t++ {
			if mi := d.tokMent[t]; mi >= 0 && isNamed(d.ments[mi].ent.Label) && d.ments[mi].ent.Label != quarry.Person {
				m := d.ments[mi]
				return subj{first: m.first, last: m.last, ent: m.ent}
			}
		}
	}
	return subj{first: -1}
}

// expletive: "it" in "It's easy to ...", standing for nothing.
func (d *docState) expletive(t, p int) bool {
	toks := d.doc.Tokens
	if !eqFold(toks[t].Norm, "it") {
		return false
	}
	for k := t + 1; k < p; k++ {
		if toks[k].Tag == "JJ" || toks[k].Tag == "DT" || toks[k].Tag == "NN" {
			return true
		}
	}
	return false
}

// finiteBetween reports a finite verb in tokens [from, to).
func (d *docState) finiteBetween(from, to int) bool {
	for k := from; k < to; k++ {
		if tg := d.doc.Tokens[k].Tag; tg == "VBZ" || tg == "VBP" || tg == "VBD" || tg == "MD" {
			return true
		}
	}
	return false
}

// figureBefore: a figure ends within three tokens before token t ("its $4
// billion investment").
func (d *docState) figureBefore(t int) bool {
	toks := d.doc.Tokens
	lo := toks[max(0, t-3)].Start
	for _, f := range d.figuresNear(lo, toks[t].Start) {
		if f.End > lo && f.End <= toks[t].Start {
			return true
		}
	}
	return false
}

// figureNear: a figure within a few tokens of an event noun ("14,000
// layoffs", "the layoff of 14,000 employees").
func (d *docState) figureNear(p pred) bool {
	toks := d.doc.Tokens
	lo := toks[max(0, p.first-4)].Start
	hi := toks[min(len(toks)-1, p.last+3)].End
	for _, f := range d.figuresNear(lo, hi) {
		if f.Start < hi && f.End > lo && !placing(f) {
			return true
		}
	}
	return false
}

// passiveAt: a finite "be"/"have" opening a passive ("have been confirmed").
func (d *docState) passiveAt(t, b int) bool {
	for k := t; k < b && k < t+3; k++ {
		if w := d.low(k); w == "been" || w == "being" {
			return true
		}
	}
	return false
}

// orgRef resolves "it", "we", "the company": in a quote, the speaker's
// organisation; else the last company a claim was about, or the company the
// article names most.
func (d *docState) orgRef(cl clause) *quarry.Entity {
	speaker := ""
	if cl.quote != nil && cl.quote.Speaker != nil {
		speaker = cl.quote.Speaker.Entity
	} else if cl.src != nil {
		speaker = cl.src.Entity
	}
	if speaker != "" {
		if e := d.entity(speaker); e != nil {
			if e.Label != quarry.Person {
				return e
			}
			if e.Affiliation != "" {
				return d.entity(e.Affiliation)
			}
		}
	}
	if d.lastOrg != nil {
		return d.lastOrg
	}
	return d.mainOrg
}

func (d *docState) entity(id string) *quarry.Entity { return d.entityByID(id) }

func inParens(toks []analysis.Token, a, t int) bool {
	depth := 0
	for k := a; k < t; k++ {
		switch toks[k].Norm {
		case "(":
			depth++
		case ")":
			depth--
		}
	}
	return depth > 0
}

// object is the text after the predicate up to the next clause boundary.
func (d *docState) object(a, b int, p pred) string {
	toks := d.doc.Tokens
	t := p.last
	for t < b && (toks[t].Tag == "RP" || toks[t].Tag == "RB") {
		t++
	}
	if p.noun && t < b && (toks[t].Tag == "IN" || toks[t].Tag == "TO") {
		t++
	}
	if p.noun && t < b && (strings.HasPrefix(toks[t].Tag, "VB") || toks[t].Tag == "MD" || d.aux(t)) {
		return ""
	}
	start := t
	// "cut as many as 300 jobs": an object opening inside a figure opens
	// with it, and no word of the figure ends it.
	figEnd := 0
	if t < b {
		if f, ok := d.figureAcross(toks[t].Start); ok {
			for start > p.last && toks[start-1].Start >= f.Start {
				start--
			}
			figEnd = f.End
		}
	}
	depth := 0
	end := start
	for ; t < b && t < start+16; t++ {
		n := toks[t].Norm
		switch {
		case n == "(":
			depth++
		case n == ")":
			depth--
		case depth > 0, toks[t].End <= figEnd:
		case n == "," || n == ";" || n == ":" || n == "—" || n == "." || n == "?" || n == "!":
			t = b
			continue
		case t > start && (toks[t].Tag == "VBZ" || toks[t].Tag == "VBP" || toks[t].Tag == "VBD" || toks[t].Tag == "MD" || toks[t].Tag == "WDT"):
			t = b
			continue
		case t > start && (eqFold(n, "while") || eqFold(n, "because") || eqFold(n, "as") || eqFold(n, "amid") || eqFold(n, "after")):
			t = b
			continue
		}
		if depth >= 0 {
			end = t + 1
		}
	}
	end = trimObject(toks, start, end)
	if end <= start {
		return ""
	}
	// The cap may cut inside a figure ("(£2m to £"): take the rest of it
	// when it ends close by in the clause, else end before it.
	if f, ok := d.figureAcross(toks[end-1].End); ok && end < b {
		k := end
		for k < b && k < end+3 && toks[k].End < f.End {
			k++
		}
		if k < b && toks[k].End == f.End {
			end = k + 1
		} else {
			for end > start && toks[end-1].End > f.Start {
				end--
			}
			end = trimObject(toks, start, end)
		}
	}
	if end <= start {
		return ""
	}
	return d.text[toks[start].Start:toks[end-1].End]
}

// figureAcross is the figure that starts before byte at and ends after it.
func (d *docState) figureAcross(at int) (quarry.Figure, bool) {
	for _, f := range d.figuresNear(at, at) {
		if f.Start < at && f.End > at {
			return f, true
		}
	}
	return quarry.Figure{}, false
}

// trimObject drops trailing punctuation from the object tokens [start,
// end), but not a closing bracket or the "%" of a figure.
func trimObject(toks []analysis.Token, start, end int) int {
	for end > start && isPunctTok(&toks[end-1]) && toks[end-1].Norm != ")" && toks[end-1].Norm != "%" {
		end--
	}
	return end
}

// figureIDs are the ids of figs, a claim's Figures (nil for none).
func figureIDs(figs []quarry.Figure) []string {
	if len(figs) == 0 {
		return nil
	}
	ids := make([]string, len(figs))
	for i, f := range figs {
		ids[i] = f.ID
	}
	return ids
}

// figuresIn returns the figures inside bytes [start, end).
func (d *docState) figuresIn(start, end int) []quarry.Figure {
	near, n := d.figuresNear(start, end), 0
	if d.figs != nil {
		// In text order and disjoint, starts and ends both rise: the
		// figures inside are one run of near, read in place.
		i, j := 0, len(near)
		for i < j && near[i].Start < start {
			i++
		}
		for j > i && near[j-1].End > end {
			j--
		}
		if i == j {
			return nil
		}
		return near[i:j:j]
	}
	for _, f := range near {
		if f.Start >= start && f.End <= end {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	// Counted first: a Figure is large, and growing by appends copied them.
	out := make([]quarry.Figure, 0, n)
	for _, f := range near {
		if f.Start >= start && f.End <= end {
			out = append(out, f)
		}
	}
	return out
}

// entitiesIn counts the named entities of a clause other than the subject.
func (d *docState) entitiesIn(a, b int, s subj) int {
	seen := d.seen[:0] // a clause names few: a list, not a map
	for t := a; t < b; t++ {
		if mi := d.tokMent[t]; mi >= 0 && isNamed(d.ments[mi].ent.Label) && (s.ent == nil || d.ments[mi].ent.ID != s.ent.ID) {
			if id := d.ments[mi].ent.ID; !slices.Contains(seen, id) {
				seen = append(seen, id)
			}
		}
	}
	d.seen = seen
	return len(seen)
}

// superlative: a superlative tag or a ranking cue ("second-largest").
func (d *docState) superlative(a, b int) bool {
	for t := a; t < b; t++ {
		if tg := d.doc.Tokens[t].Tag; tg == "JJS" || tg == "RBS" {
			return true
		}
	}
	return d.has(a, b, cRanking)
}

// comparative: a superlative or comparative tag, or a comparative or
// ranking cue.
func (d *docState) comparative(a, b int) bool {
	toks := d.doc.Tokens
	for t := a; t < b; t++ {
		tag := toks[t].Tag
		if tag == "JJS" || tag == "RBS" || (tag == "JJR" || tag == "RBR") && t+1 < b && eqFold(toks[t+1].Norm, "than") {
			return true
		}
	}
	return d.has(a, b, cComparative|cRanking)
}

// source says who asserts a clause.
func (d *docState) source(cl clause, a, b int, p pred) quarry.ClaimSource {
	if cl.src != nil {
		return *cl.src
	}
	if q := cl.quote; q != nil && q.Speaker != nil && !d.inHypo(q.Start, q.End) {
		if q.Speaker.Entity != "" {
			if e := d.entity(q.Speaker.Entity); e != nil && !isNamed(e.Label) {
				return quarry.ClaimSource{Type: SourceArticle}
			}
		}
		return quarry.ClaimSource{Type: SourceSpeaker, Quote: q.ID, Entity: q.Speaker.Entity}
	}
	toks := d.doc.Tokens
	for t := a; t < b; t++ {
		if d.cues.mask[t]&cUnnamedSource != 0 && d.phrase(t, b, cUnnamedSource) > 0 && d.sourceAt(t, a, p) {
			return quarry.ClaimSource{Type: SourceReported}
		}
		if eqFold(toks[t].Norm, "according") && t+2 < b && eqFold(toks[t+1].Norm, "to") {
			if mi := d.tokMent[t+2]; mi >= 0 && isNamed(d.ments[mi].ent.Label) {
				return quarry.ClaimSource{Type: SourceSpeaker, Entity: d.ments[mi].ent.ID}
			}
			return quarry.ClaimSource{Type: SourceReported}
		}
	}
	return quarry.ClaimSource{Type: SourceArticle}
}

// sourceAt: an unnamed-source cue at t attributes the clause. A noun
// ("analysts") must be the subject: "Analysts expect ...", not "beat
// analysts' estimates".
func (d *docState) sourceAt(t, a int, p pred) bool {
	toks := d.doc.Tokens
	if !strings.HasPrefix(toks[t].Tag, "NN") {
		return true
	}
	if t >= p.first || t+1 < len(toks) && toks[t+1].Tag == "POS" {
		return false
	}
	return t == a || toks[t-1].Tag != "IN" && toks[t-1].Tag != "TO"
}

// modality reads the cues of the clause's verb group: from the subject (past
// an appositive) to the predicate. Questions and conditionals look at the
// whole clause; future time phrases anywhere make a prediction.
func (d *docState) modality(cl clause, a, b int, p pred, s subj) string {
	toks := d.doc.Tokens
	sent := d.doc.Sentences[cl.sent]
	if last := toks[sent.Last-1].Norm; last == "?" || sent.Last-2 >= sent.First && toks[sent.Last-2].Norm == "?" {
		return Question
	}
	if d.inHypo(toks[a].Start, toks[b-1].End) {
		return Conditional
	}
	ws := a
	if s.ent != nil && s.last <= p.first {
		ws = s.last
	} else if p.first-5 > a {
		ws = p.first - 5
	}
	if ws < p.first && toks[ws].Norm == "," {
		for k := ws + 1; k < p.first; k++ {
			if toks[k].Norm == "," {
				ws = k + 1
				break
			}
		}
	}
	we := min(p.last+1, b)
	if p.noun {
		// The event noun's own verb group: "hiring ... is projected to".
		for k := p.last; k < b; k++ {
			if tg := toks[k].Tag; tg == "VBZ" || tg == "VBP" || tg == "VBD" || tg == "MD" {
				we = min(k+4, b)
				break
			}
		}
	}
	reported := cl.reported()
	// A modal conditional ("would") in reported speech is a past "will".
	reportedWill := false
	for t := d.cues.next(a, b, cConditional); t < b; t = d.cues.next(t+1, b, cConditional) {
		if d.phrase(t, b, cConditional) == 0 {
			continue
		}
		if toks[t].Tag == "MD" && reported {
			reportedWill = reportedWill || t >= ws && t < we
			continue
		}
		return Conditional
	}
	// Single-word cues count in the verb group, longer ones anywhere (a
	// negation in the verb group, a hedge up to the predicate). pre: a
	// verbal prediction ("will", "is set to"); when: a time phrase or noun
	// ("next year", "outlook") only.
	var neg, pre, when, hedge bool
	pre = reportedWill
	const cues = cNegation | cPrediction | cHedge
	for t := d.cues.next(a, b, cues); t < b; t = d.cues.next(t+1, b, cues) {
		inWin := t >= ws && t < we
		hs := d.cues.from(t)
		for i := range hs {
			h := &hs[i]
			if int(h.last) > b {
				continue
			}
			single := h.last-h.first == 1
			if single && properNoun(&toks[t]) {
				continue
			}
			switch h.bit {
			case cNegation:
				neg = neg || inWin
			case cPrediction:
				if !single || inWin {
					if d.verbal(t, int(h.last)) {
						pre = true
					} else {
						when = true
					}
				}
			case cHedge:
				// "reportedly" names a source rather than hedging.
				if d.cues.mask[t]&cUnnamedSource != 0 {
					continue
				}
				// "Data suggest ...": a hedging verb governing the clause.
				governs := t < p.first && strings.HasPrefix(toks[t].Tag, "VB")
				if inWin || !single && t <= p.last || governs {
					hedge = true
				}
			}
		}
	}
	// "Data suggest ...", "Analysts say it may ...": a hedge in the frame
	// that reports the clause hedges what it reports.
	if cl.reported() && !hedge {
		hedge = d.framedHedge(sent.First, a)
	}
	switch {
	case neg || cl.denied:
		return Negated
	case pre:
		return Predicted
	case hedge:
		return Hedged
	case when:
		return Predicted
	}
	return Asserted
}

// framedHedge: tokens [f, a), the frame before a reported clause, hold a
// hedge that names no source.
func (d *docState) framedHedge(f, a int) bool {
	for t := d.cues.next(f, a, cHedge); t < a; t = d.cues.next(t+1, a, cHedge) {
		if d.cues.mask[t]&cUnnamedSource != 0 {
			continue
		}
		hs := d.cues.from(t)
		for i := range hs {
			if h := &hs[i]; h.bit == cHedge && int(h.last) <= a && !(h.last-h.first == 1 && properNoun(&d.doc.Tokens[t])) {
				return true
			}
		}
	}
	return false
}

// verbal: tokens [a, b) hold a verb or modal.
func (d *docState) verbal(a, b int) bool {
	for i := a; i < b; i++ {
		if t := d.doc.Tokens[i].Tag; t == "MD" || strings.HasPrefix(t, "VB") {
			return true
		}
	}
	return false
}

type scoreIn struct {
	figs, dates, others int
	subject             subj
	action, comparative bool
	causal, attributed  bool
	a, b                int
}

// modalityWeight says how much a claim's modality leaves to check.
var modalityWeight = map[string]float64{
	Asserted: 1, Predicted: 0.75, Hedged: 0.7, Negated: 0.8, Conditional: 0.3, Question: 0.2,
}

// score sets Checkworthy and the features that drove it. The conversions
// around products keep the compiler from fusing them with the sums (FMA,
// as arm64 and GOAMD64=v3 builds do), so scores are the same everywhere.
func (d *docState) score(c *quarry.Claim, in scoreIn) {
	f := map[string]float64{}
	sc := 0.05
	if in.figs > 0 {
		f["figures"] = float64(in.figs)
		sc += 0.3
	}
	if in.dates > 0 {
		f["dates"] = float64(in.dates)
		sc += 0.05
	}
	if in.subject.ent != nil {
		if isNamed(in.subject.ent.Label) && !in.subject.pronoun {
			f["named_subject"] = 1
			sc += 0.2
		} else {
			f["named_subject"] = 0.5
			sc += 0.1
		}
	}
	if in.others > 0 {
		f["entities"] = float64(in.others)
		sc += float64(0.05 * math.Min(2, float64(in.others)))
	}
	if in.action {
		f["action"] = 1
		sc += 0.15
	}
	if in.comparative {
		f["comparative"] = 1
		sc += 0.1
	}
	if in.causal {
		f["causal"] = 1
		sc += 0.05
	}
	if in.attributed {
		f["attributed"] = 1
		sc += 0.15
	}
	// Specificity: share of proper nouns and numbers among the words.
	var words, specific float64
	for i := in.a; i < in.b; i++ {
		t := &d.doc.Tokens[i]
		if isPunctTok(t) {
			continue
		}
		words++
		if t.Tag == "NNP" || t.Tag == "NNPS" || t.Tag == "CD" {
			specific++
		}
	}
	if words > 0 {
		sp := math.Min(1, 3*specific/words)
		f["specificity"] = round3(sp)
		sc += float64(0.1 * sp)
	}
	w := modalityWeight[c.Modality]
	f["modality"] = w
	sc *= w
	c.Checkworthy = round3(math.Max(0, math.Min(1, sc)))
	c.Features = f
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }
