package claims

import (
	"math"
	"strings"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/pipeline/analysis"
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
	if d.opinion(a, b) {
		return quarry.Claim{}, false
	}
	p, ok := d.predicate(a, b)
	if !ok {
		return quarry.Claim{}, false
	}
	s := d.subject(cl, a, b, p)
	start, end := toks[a].Start, toks[b-1].End
	figs := d.figuresIn(start, end)
	trigFigs, dates := 0, 0
	rank := false
	for _, f := range figs {
		switch {
		case f.Kind == "year" || f.Kind == "date" || f.Kind == "duration":
			dates++
		case f.Kind == "ordinal":
			rank = true
			trigFigs++
		case specificFigure(f):
			trigFigs++
		}
	}
	comparative := rank || d.comparative(a, b)
	causalLink := d.has(a, b, causal)
	named := s.ent != nil && isNamed(s.ent.Label) && !s.pronoun
	anyEnt := s.ent != nil || d.entitiesIn(a, b, s) > 0
	src := d.source(cl, a, b)
	attributed := src.Type == SourceSpeaker && src.Entity != ""
	switch {
	case p.action && p.noun && (named || d.figureNear(p)):
	case p.action && !p.noun && (s.ent != nil && (isNamed(s.ent.Label) || attributed) || trigFigs > 0):
	case trigFigs > 0 && anyEnt:
	case comparative && named && (rank || d.superlative(a, b)):
	case causalLink && named:
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
	for _, f := range figs {
		c.Figures = append(c.Figures, f.ID)
	}
	c.Source = src
	c.Modality = d.modality(cl, a, b, p, s)
	d.score(&c, scoreIn{
		figs: trigFigs, dates: dates, subject: s, action: p.action, comparative: comparative,
		causal: causalLink, others: d.entitiesIn(a, b, s), a: a, b: b, attributed: attributed,
	})
	return c, true
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

// trimClause drops leading conjunctions and punctuation and trailing
// separators so the span reads as a clause.
func trimClause(toks []analysis.Token, a, b int) (int, int) {
	for a < b {
		n := strings.ToLower(toks[a].Norm)
		if isPunctTok(toks[a]) && n != "\"" && n != "``" || n == "and" || n == "but" || n == "so" || n == "however" || n == "•" {
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

func isPunctTok(t analysis.Token) bool {
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
	for t := a; t < b; t++ {
		if toks[t].Norm == "I" && toks[t].Tag == "PRP" {
			return true
		}
		if n := d.phrase(t, b, opinion); n > 0 {
			w := strings.ToLower(toks[t].Norm)
			// "I" itself is handled above, case-sensitively.
			if w != "i" {
				return true
			}
		}
	}
	// Imperatives: a bare verb first, or "Don't".
	f := a
	for f < b && (toks[f].Tag == "CD" || toks[f].Tag == "LS" || isPunctTok(toks[f])) {
		f++
	}
	if f < b {
		w := strings.ToLower(toks[f].Norm)
		if toks[f].Tag == "VB" || imperatives[w] && (f+1 >= b || !strings.HasPrefix(toks[f+1].Tag, "VB") && toks[f+1].Tag != "MD") {
			if !(toks[f].Tag == "NN" || toks[f].Tag == "NNS") || imperatives[w] {
				return true
			}
		}
		if w == "you" || w == "we" && d.quoteAt(toks[f].Start, toks[f].End) == nil {
			return true
		}
	}
	return false
}

// aux are the verbs that carry tense and leave the predicate to the next verb.
var aux = set("be", "have", "do", "get")

// predicate finds the event of a clause, or its main verb.
func (d *docState) predicate(a, b int) (pred, bool) {
	toks := d.doc.Tokens
	var nounHit *pred
	for t := a; t < b; t++ {
		n := d.phrase(t, b, actionSet)
		if n == 0 {
			// "named Priya Natarajan (as) ...": an appointment.
			if w := strings.ToLower(toks[t].Norm); (w == "named" || w == "names") && strings.HasPrefix(toks[t].Tag, "VB") &&
				t+1 < b && d.tokMent[t+1] >= 0 && d.ments[d.tokMent[t+1]].ent.Label == quarry.Person {
				return pred{first: t, last: t + 1, lemma: "appoint", action: true}, true
			}
			continue
		}
		form := joinNorm(toks[t : t+n])
		tag := toks[t].Tag
		gerund := tag == "VBG" && t > a && (toks[t-1].Tag == "IN" || toks[t-1].Tag == "DT" || toks[t-1].Tag == "JJ" || toks[t-1].Tag == "PRP$")
		isNoun := actionNouns[form] && (strings.HasPrefix(tag, "NN") || !strings.HasPrefix(tag, "VB") || gerund) ||
			strings.HasPrefix(tag, "NN") && !strings.HasPrefix(tag, "NNP")
		if !isNoun && !(strings.HasPrefix(tag, "VB") || strings.HasPrefix(tag, "NNP") || tag == "JJ" && n > 1) {
			continue
		}
		if isNoun && !actionNouns[form] {
			continue
		}
		if !isNoun && d.modifier(t, a, b) {
			continue
		}
		p := pred{first: t, last: t + n, lemma: actions[form], action: true, noun: isNoun}
		if !isNoun {
			return p, true
		}
		if nounHit == nil {
			nounHit = &p
		}
	}
	if nounHit != nil {
		return *nounHit, true
	}
	// The main verb: the last of the first verb group.
	for t := a; t < b; t++ {
		tag := toks[t].Tag
		if !strings.HasPrefix(tag, "VB") || tag == "VBG" && t == a {
			continue
		}
		k := t
		for k+1 < b && aux[lemma(toks[k].Norm)] && (strings.HasPrefix(toks[k+1].Tag, "VB") || toks[k+1].Tag == "RB" && k+2 < b && strings.HasPrefix(toks[k+2].Tag, "VB")) {
			if toks[k+1].Tag == "RB" {
				k++
			}
			k++
		}
		return pred{first: k, last: k + 1, lemma: lemma(toks[k].Norm)}, true
	}
	return pred{}, false
}

// modifier: a participle used as an adjective ("increased AI efficiency")
// or an idiom ("get lost"), not the clause's verb.
func (d *docState) modifier(t, a, b int) bool {
	toks := d.doc.Tokens
	tag := toks[t].Tag
	prev := ""
	if t > a {
		prev = strings.ToLower(toks[t-1].Norm)
	}
	if prev == "get" || prev == "got" || prev == "gets" {
		return true
	}
	if (tag == "VBD" || tag == "VBN") && t+1 < b {
		next := toks[t+1].Tag
		nounNext := strings.HasPrefix(next, "NN") || next == "JJ"
		if nounNext && (t == a || toks[t-1].Tag == "DT" || toks[t-1].Tag == "IN" || toks[t-1].Tag == "PRP$" || isPunctTok(toks[t-1])) {
			return true
		}
	}
	return false
}

func joinNorm(toks []analysis.Token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 && t.SpaceBefore {
			b.WriteByte(' ')
		}
		b.WriteString(strings.ToLower(t.Norm))
	}
	return b.String()
}

// subject picks the entity a clause is about: the first named mention in
// subject position before the predicate, a resolved pronoun, or for event
// nouns and passives the entity after it.
func (d *docState) subject(cl clause, a, b int, p pred) subj {
	toks := d.doc.Tokens
	var fallback *subj
	for t := a; t < p.first; t++ {
		mi := d.tokMent[t]
		if mi < 0 || d.ments[mi].first != t {
			continue
		}
		m := d.ments[mi]
		if m.last > p.first && m.first < p.last {
			continue // the predicate word itself ("Layoffs")
		}
		if t > a && (toks[t-1].Tag == "IN" && !subordinators[strings.ToLower(toks[t-1].Norm)] || toks[t-1].Tag == "TO" || toks[t-1].Tag == "VBG" || toks[t-1].Tag == "VBN") {
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
			if fallback == nil {
				fallback = &s
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
		w := strings.ToLower(toks[t].Norm)
		if toks[t].Tag == "PRP" && d.expletive(t, p.first) {
			break
		}
		switch {
		case toks[t].Tag == "PRP" && personPronouns[w] && d.lastPerson != nil:
			return subj{first: t, last: t + 1, ent: d.lastPerson, pronoun: true}
		case toks[t].Tag == "PRP" && orgPronouns[w] && (w != "we" || cl.quote != nil && cl.quote.Speaker != nil):
			if e := d.orgRef(cl); e != nil {
				return subj{first: t, last: t + 1, ent: e, pronoun: true}
			}
		case w == "the" && t+1 < p.first:
			k := t + 1
			for k < p.first && k < t+4 && (strings.HasPrefix(toks[k].Tag, "NN") || toks[k].Tag == "JJ") && !orgNouns[strings.ToLower(toks[k].Norm)] {
				k++
			}
			if k < p.first && orgNouns[strings.ToLower(toks[k].Norm)] && (k+1 >= b || toks[k+1].Tag != "POS") {
				if e := d.orgRef(cl); e != nil {
					return subj{first: t, last: k + 1, ent: e, pronoun: true}
				}
			}
		}
		if strings.HasPrefix(toks[t].Tag, "VB") || toks[t].Tag == "MD" {
			break
		}
	}
	if fallback != nil {
		return *fallback
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
	for _, f := range d.out.Figures {
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
	for _, f := range d.out.Figures {
		if f.Start < hi && f.End > lo && f.Kind != "year" && f.Kind != "date" && f.Kind != "duration" {
			return true
		}
	}
	return false
}

// passiveAt: a finite "be"/"have" opening a passive ("have been confirmed").
func (d *docState) passiveAt(t, b int) bool {
	toks := d.doc.Tokens
	for k := t; k < b && k < t+3; k++ {
		if w := strings.ToLower(toks[k].Norm); w == "been" || w == "being" {
			return true
		}
	}
	return false
}

// orgRef resolves "it", "we", "the company": in a quote, the speaker's
// organisation; else the last company a claim was about, or the company the
// article names most.
func (d *docState) orgRef(cl clause) *quarry.Entity {
	if cl.quote != nil && cl.quote.Speaker != nil && cl.quote.Speaker.Entity != "" {
		if e := d.entity(cl.quote.Speaker.Entity); e != nil {
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

func (d *docState) entity(id string) *quarry.Entity {
	for i := range d.out.Entities {
		if d.out.Entities[i].ID == id {
			return &d.out.Entities[i]
		}
	}
	return nil
}

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
	if p.noun && t < b && (strings.HasPrefix(toks[t].Tag, "VB") || toks[t].Tag == "MD" || aux[lemma(toks[t].Norm)]) {
		return ""
	}
	start := t
	depth := 0
	end := start
	for ; t < b && t < start+16; t++ {
		n := toks[t].Norm
		switch {
		case n == "(":
			depth++
		case n == ")":
			depth--
		case depth > 0:
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
	if end <= start {
		return ""
	}
	for end > start && isPunctTok(toks[end-1]) && toks[end-1].Norm != ")" {
		end--
	}
	if end <= start {
		return ""
	}
	return d.text[toks[start].Start:toks[end-1].End]
}

// figuresIn returns the figures inside bytes [start, end).
func (d *docState) figuresIn(start, end int) []quarry.Figure {
	var out []quarry.Figure
	for _, f := range d.out.Figures {
		if f.Start >= start && f.End <= end {
			out = append(out, f)
		}
	}
	return out
}

// entitiesIn counts the named entities of a clause other than the subject.
func (d *docState) entitiesIn(a, b int, s subj) int {
	seen := map[string]bool{}
	for t := a; t < b; t++ {
		if mi := d.tokMent[t]; mi >= 0 && isNamed(d.ments[mi].ent.Label) && (s.ent == nil || d.ments[mi].ent.ID != s.ent.ID) {
			seen[d.ments[mi].ent.ID] = true
		}
	}
	return len(seen)
}

func (d *docState) has(a, b int, set map[string]bool) bool {
	for t := a; t < b; t++ {
		if d.phrase(t, b, set) > 0 {
			return true
		}
	}
	return false
}

func (d *docState) superlative(a, b int) bool {
	for t := a; t < b; t++ {
		tk := d.doc.Tokens[t]
		if tk.Tag == "JJS" || tk.Tag == "RBS" || rankWords[strings.ToLower(tk.Norm)] {
			return true
		}
	}
	return false
}

// rankWords rank without a superlative tag.
var rankWords = set("largest", "biggest", "second-largest", "third-largest", "second-biggest", "record")

// comparative: a superlative or comparative tag, a comparison phrase, or a
// comparative cue from the rules.
func (d *docState) comparative(a, b int) bool {
	toks := d.doc.Tokens
	for t := a; t < b; t++ {
		tag := toks[t].Tag
		if tag == "JJS" || tag == "RBS" || (tag == "JJR" || tag == "RBR") && t+1 < b && eqFold(toks[t+1].Norm, "than") {
			return true
		}
		if d.phrase(t, b, comparativeWords) > 0 && !eqFold(toks[t].Norm, "than") && !eqFold(toks[t].Norm, "top") && !eqFold(toks[t].Norm, "number") {
			return true
		}
	}
	if d.x.cues != nil {
		for _, m := range d.x.cues.Match(toks[a:b]) {
			if m.Cue.Category == "comparative" && strings.Contains(m.Cue.Lemma, " ") {
				return true
			}
		}
	}
	return false
}

// source says who asserts a clause.
func (d *docState) source(cl clause, a, b int) quarry.ClaimSource {
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
		if d.phrase(t, b, reportedCues) > 0 {
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
	for t := a; t < b; t++ {
		if n := d.phrase(t, b, conditionals); n > 0 {
			w := strings.ToLower(toks[t].Norm)
			if (w == "would" || w == "'d") && (toks[t].Tag != "MD" || cl.src != nil || cl.quote != nil && cl.quote.Kind == "indirect") {
				continue
			}
			if w == "if" && t > a && eqFold(toks[t-1].Norm, "as") {
				continue
			}
			return Conditional
		}
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
	reported := cl.src != nil || cl.quote != nil && cl.quote.Kind == "indirect"
	// pre: a modal or verb of prediction; when: a future time phrase only.
	var neg, pre, when, hedge bool
	for t := ws; t < we; t++ {
		w := strings.ToLower(toks[t].Norm)
		if d.phrase(t, we+1, notNegations) > 0 || d.phrase(t, we, notPredictions) > 0 {
			t++
			continue
		}
		if d.x.cues != nil {
			for _, c := range d.x.cues.Lookup(toks[t].Norm) {
				switch c.Category {
				case "negation":
					neg = neg || !notNegations[w]
				case "prediction":
					if (w == "will" || w == "would" || w == "shall") && toks[t].Tag != "MD" {
						continue
					}
					if (w == "would" || w == "'d") && !reported {
						continue
					}
					pre = true
				case "hedge":
					if notHedges[w] || (w == "may" || w == "might" || w == "could") && toks[t].Tag != "MD" {
						continue
					}
					hedge = true
				}
			}
		}
		if builtinNeg[w] {
			neg = true
		}
		if builtinPred[w] && (toks[t].Tag == "MD" || w == "expected" || w == "projected" || w == "forecast") {
			pre = true
		}
		if builtinHedge[w] && (toks[t].Tag == "MD" || w != "may" && w != "might" && w != "could") {
			hedge = true
		}
	}
	// Multi-word cues ("is expected to", "next year") anywhere in the clause.
	if d.x.cues != nil {
		for _, m := range d.x.cues.Match(toks[a:b]) {
			if m.Last-m.First < 2 {
				continue
			}
			l := strings.ToLower(m.Cue.Lemma)
			switch m.Cue.Category {
			case "prediction":
				if notPredictions[l] {
					continue
				}
				if strings.HasPrefix(l, "by ") || strings.HasPrefix(l, "next ") || strings.HasPrefix(l, "in the coming") {
					when = true
				} else {
					pre = true
				}
			case "hedge":
				if !notHedges[l] && a+m.First < p.last+1 {
					hedge = true
				}
			case "negation":
				if !notNegations[l] && a+m.First >= ws && a+m.First < we {
					neg = true
				}
			}
		}
	}
	// "suggest"/"appear" governing the clause.
	for t := a; t < p.first; t++ {
		if w := strings.ToLower(toks[t].Norm); w == "suggest" || w == "suggests" || w == "suggested" {
			hedge = true
		}
	}
	switch {
	case neg:
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

// Built-in single-word cues, used when the rule set lacks them (or is nil).
var (
	builtinNeg   = set("not", "n't", "never", "no longer", "denied", "denies", "refused", "cannot")
	builtinPred  = set("will", "'ll", "shall", "expected", "projected", "forecast", "forecasts")
	builtinHedge = set("may", "might", "could", "possibly", "perhaps", "likely", "probably", "apparently", "potentially", "suggests")
)

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

// score sets Checkworthy and the features that drove it.
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
		sc += 0.05 * math.Min(2, float64(in.others))
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
	for _, t := range d.doc.Tokens[in.a:in.b] {
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
		sc += 0.1 * sp
	}
	w := modalityWeight[c.Modality]
	f["modality"] = w
	sc *= w
	c.Checkworthy = round3(math.Max(0, math.Min(1, sc)))
	c.Features = f
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }
