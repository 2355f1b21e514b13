package quotes

import (
	"strings"
)

// Heads of descriptions that stand for an organisation.
var (
	companyHeads = map[string]bool{"company": true, "firm": true, "retailer": true, "group": true, "bank": true,
		"carrier": true, "maker": true, "automaker": true, "giant": true, "startup": true, "insurer": true,
		"lender": true, "business": true, "brand": true, "conglomerate": true, "manufacturer": true, "chain": true}
	orgHeads = map[string]bool{"agency": true, "ministry": true, "department": true, "council": true, "committee": true,
		"government": true, "campaign": true, "administration": true, "party": true, "court": true, "commission": true,
		"organization": true, "organisation": true, "union": true, "board": true, "regulator": true, "office": true,
		"university": true, "institute": true, "foundation": true, "newspaper": true, "network": true, "team": true}
)

// maxBack bounds how far back an antecedent may sit, in bytes.
const maxBack = 3000

// resolve returns the entity index a speaker phrase stands for, or -1.
func (r *run) resolve(p np) int {
	switch p.kind {
	case npName:
		if p.ment >= 0 {
			return r.ments[p.ment].ent
		}
		return r.byName(r.text[r.toks[p.first].Start:r.toks[p.last-1].End])
	case npPron:
		switch n := lowerNorm(&r.toks[p.first]); n {
		case "he", "she":
			g := male
			if n == "she" {
				g = female
			}
			fits := func(ei int) bool { return r.ents[ei].Label == "PERSON" && r.genderOf(ei) != -g }
			if e := r.reporter(p.first, fits); e >= 0 {
				return e
			}
			return r.antecedentOf(p.first, fits)
		case "they", "it":
			return r.orgSubject(p.first)
		case "we":
			return r.antecedent(p.first, func(l string) bool { return l == "COMPANY" || l == "ORG" })
		}
	case npRole:
		return r.roleAntecedent(p)
	}
	return -1
}

// orgSubject is the organisation "they" or "it" at token k takes up: the
// subject of a clause in k's sentence or the writer's sentence before it,
// nearest first, an organisation's name or "the company". A plural common
// noun subject on the way ("analysts said", "the firms want") is who
// "they" mostly are, and the nearest organisation named anywhere was wrong
// as often as right: then, or with no such subject, -1.
func (r *run) orgSubject(k int) int {
	si := r.toks[k].Sent
	// The sentence before, past sentences that are all quotation.
	for n := 0; si > 0 && n < 3; n++ {
		si--
		if !r.allQuoted(si) {
			break
		}
	}
	lo := r.doc.Sentences[si].First
	for j := k - 1; j >= lo; j-- {
		t := &r.toks[j]
		if r.quoted[j] {
			continue
		}
		if m := r.mentAt(j); m >= 0 {
			mt := r.ments[m]
			if mt.last-1 != j {
				continue
			}
			if l := r.ents[mt.ent].Label; (l == "ORG" || l == "COMPANY") && r.subjectHere(mt.first, mt.last) {
				return mt.ent
			}
			continue
		}
		switch {
		case t.Tag == "NNS" && r.subjectHere(j, j+1):
			return -1
		case (companyHeads[lowerNorm(t)] || orgHeads[lowerNorm(t)]) && j > lo && lowerNorm(&r.toks[j-1]) == "the" && r.subjectHere(j-1, j+1):
			return r.roleAntecedent(np{first: j - 1, last: j + 1, next: j + 1, kind: npRole, ment: -1})
		}
	}
	return -1
}

// allQuoted reports whether sentence si has no word outside quotation.
func (r *run) allQuoted(si int) bool {
	sent := r.doc.Sentences[si]
	for j := sent.First; j < sent.Last; j++ {
		if !r.quoted[j] && !isPunctTok(&r.toks[j]) {
			return false
		}
	}
	return true
}

// subjectHere reports whether tokens [a, b) are the subject of a clause:
// a verb follows (past an aside) and only titles and descriptions stand
// between them and the clause's start ("German bank Deutsche Bank has").
func (r *run) subjectHere(a, b int) bool {
	sent := r.doc.Sentences[r.toks[a].Sent]
	hi := sent.Last
	j := b
	if j < hi && r.toks[j].Norm == "," && !r.verbAt(j+1, hi) {
		e := r.asideEnd(j, hi)
		if e < 0 {
			return false
		}
		j = e + 1
	} else if j < hi && r.toks[j].Norm == "," {
		j++ // the comma closing an appositive: "Its lobby, the EEF, said"
	}
	j = r.skipTime(j, hi)
	if !r.verbAt(j, hi) || j < hi && r.toks[j].Tag == "VBG" {
		return false
	}
	i := a
	for i > sent.First && a-i < 6 && !r.quoted[i-1] && (r.toks[i-1].Tag == "DT" || r.toks[i-1].Tag == "JJ" || r.toks[i-1].Tag == "RB" || r.toks[i-1].Tag == "NN" || r.isNameTok(i-1)) {
		i--
	}
	if i == sent.First || r.quoted[i-1] {
		return true
	}
	t := &r.toks[i-1]
	return isPunctTok(t) && t.Norm != "'s" || t.Tag == "CC" || clauseOpeners[lowerNorm(t)]
}

// clauseOpeners start a clause whose subject follows.
var clauseOpeners = map[string]bool{"that": true, "because": true, "as": true, "while": true, "when": true,
	"although": true, "though": true, "after": true, "before": true, "since": true, "if": true, "whereas": true}

// byName finds an entity named name, by a mention's text or, for one
// word, a person's surname.
func (r *run) byName(name string) int {
	single := !strings.Contains(name, " ")
	for ei, e := range r.ents {
		if e.Name == name {
			return ei
		}
		for _, m := range e.Mentions {
			if m.Text == name {
				return ei
			}
		}
		if single && e.Label == "PERSON" && strings.HasSuffix(e.Name, " "+name) {
			return ei
		}
	}
	return -1
}

// antecedent is the entity of the nearest mention before token k, outside
// quotations, whose label fits.
func (r *run) antecedent(k int, fits func(string) bool) int {
	return r.antecedentOf(k, func(ei int) bool { return fits(r.ents[ei].Label) })
}

// Genders, as read from the text.
const (
	female = -1
	male   = 1
)

// genderOf tells a person's gender from the text around their mentions: a
// title (Mr., Mrs., Ms.) or a pronoun taking up the name as a subject
// ("Clinton said she"). 0 when the text does not say.
func (r *run) genderOf(ei int) int {
	if r.gender == nil {
		r.gender = make([]int8, len(r.ents))
		votes := make([]int, len(r.ents))
		for _, m := range r.ments {
			if r.ents[m.ent].Label != "PERSON" || r.quoted[m.first] {
				continue
			}
			if m.first > 0 {
				votes[m.ent] += 3 * titleGender[lowerNorm(&r.toks[m.first-1])]
			}
			// "Clinton said she", "Cruz says that he".
			k := m.last
			for k < len(r.toks) && k < m.last+3 && (strings.HasPrefix(r.toks[k].Tag, "VB") || r.toks[k].Tag == "MD" || r.toks[k].Tag == "RB") {
				k++
			}
			if k > m.last && k < len(r.toks) && lowerNorm(&r.toks[k]) == "that" {
				k++
			}
			if k > m.last && k < len(r.toks) {
				votes[m.ent] += pronounGender[lowerNorm(&r.toks[k])]
			}
		}
		for i, v := range votes {
			switch {
			case v > 0:
				r.gender[i] = male
			case v < 0:
				r.gender[i] = female
			}
		}
	}
	return int(r.gender[ei])
}

var (
	titleGender   = map[string]int{"mr.": male, "mr": male, "mrs.": female, "mrs": female, "ms.": female, "ms": female, "miss": female}
	pronounGender = map[string]int{"he": male, "she": female}
)

// reporter is the person who speaks in the sentence of token k before it
// ("Cross said he would vote for Clinton, whom he called ..."): a pronoun
// there most often takes them up.
func (r *run) reporter(k int, fits func(int) bool) int {
	for j := r.doc.Sentences[r.toks[k].Sent].First; j < k; j++ {
		c, ok := r.cueKind(j)
		if !ok || c.Cue.Category != "verb" || r.quoted[j] {
			continue
		}
		if p := r.subjectOf(j, r.doc.Sentences[r.toks[k].Sent].First); p.kind == npName && p.ment >= 0 && fits(r.ments[p.ment].ent) {
			return r.ments[p.ment].ent
		}
	}
	return -1
}

// antecedentOf is the entity of the nearest mention before token k,
// outside quotations, that fits.
func (r *run) antecedentOf(k int, fits func(int) bool) int {
	pos := r.toks[k].Start
	for i := len(r.ments) - 1; i >= 0; i-- {
		m := r.ments[i]
		if m.start >= pos {
			continue
		}
		if pos-m.start > maxBack {
			break
		}
		if r.quoted[m.first] {
			continue
		}
		if fits(m.ent) {
			return m.ent
		}
	}
	return -1
}

// roleAntecedent links a definite description to what it stands for: "the
// company" to the nearest company, "the analyst" to the person the text
// called an analyst. Indefinite roles ("a company spokesperson") stand
// alone.
func (r *run) roleAntecedent(p np) int {
	if lowerNorm(&r.toks[p.first]) != "the" || p.last-p.first > 3 {
		return -1
	}
	head := lowerNorm(&r.toks[p.last-1])
	switch {
	case companyHeads[head]:
		return r.antecedent(p.first, func(l string) bool { return l == "COMPANY" || l == "ORG" })
	case orgHeads[head]:
		return r.antecedent(p.first, func(l string) bool { return l == "ORG" || l == "COMPANY" })
	}
	// A person the text gave this title.
	for ei, e := range r.ents {
		if e.Label == "PERSON" && e.Title != "" && strings.Contains(strings.ToLower(e.Title), head) && r.mentionedBefore(ei, r.toks[p.first].Start) {
			return ei
		}
	}
	// "Jane Doe, an analyst at ..." or "analyst Jane Doe" earlier on.
	for k := p.first - 1; k >= 0 && r.toks[p.first].Start-r.toks[k].Start < maxBack; k-- {
		if r.quoted[k] || lowerNorm(&r.toks[k]) != head {
			continue
		}
		best, dist := -1, 99
		for j := k - 6; j <= k+6; j++ {
			if j < 0 || j >= len(r.toks) || r.toks[j].Sent != r.toks[k].Sent {
				continue
			}
			if m := r.mentAt(j); m >= 0 && r.isPerson(m) {
				d := j - k
				if d < 0 {
					d = -d
				}
				if d < dist {
					best, dist = r.ments[m].ent, d
				}
			}
		}
		if best >= 0 {
			return best
		}
	}
	return -1
}

func (r *run) mentionedBefore(ei, pos int) bool {
	for _, m := range r.ents[ei].Mentions {
		if m.Start < pos {
			return true
		}
	}
	return false
}
