package claims

import "github.com/quarrylabs/quarry"

// tables finds rows of a plain-text table ("Google (Alphabet) ~12,000+
// Re-engineering ...") under a header that names the event ("Laid Off"):
// each row is one claim about the entity that starts it, with its figures.
func (d *docState) tables() []quarry.Claim {
	sents := d.doc.Sentences
	var out []quarry.Claim
	for i := 0; i < len(sents); {
		j := i
		for j < len(sents) && d.isRow(j) && (j == i || sents[j].Para == sents[i].Para) {
			j++
		}
		if j-i < 2 || i == 0 {
			i = max(j, i+1)
			continue
		}
		p, ok := d.tablePredicate(i - 1)
		if !ok && i >= 2 {
			p, ok = d.tablePredicate(i - 2)
		}
		if !ok {
			i = j
			continue
		}
		for r := i; r < j; r++ {
			if c, ok := d.row(r, p); ok {
				out = append(out, c)
				d.tableRow[r] = true
			}
		}
		i = j
	}
	return out
}

// isRow: a line with no final stop that opens with a named entity and
// carries a count or amount, with no finite verb before it.
func (d *docState) isRow(si int) bool {
	s := d.doc.Sentences[si]
	toks := d.doc.Tokens
	if s.Last-s.First < 2 || s.Last-s.First > 60 {
		return false
	}
	switch toks[s.Last-1].Norm {
	case ".", "?", "!", ":":
		return false
	}
	// Any label: a row's first cell is a name whatever the tagger says.
	if mi := d.tokMent[s.First]; mi < 0 {
		return false
	}
	for _, f := range d.figuresIn(s.Start, s.End) {
		if f.Kind == "number" || f.Kind == "money" || f.Kind == "percent" || f.Kind == "quantity" {
			for t := s.First; t < s.Last && toks[t].Start < f.Start; t++ {
				// A name the tagger read as a verb ("Solen Airways") is no verb.
				if tg := toks[t].Tag; (tg == "VBZ" || tg == "VBP" || tg == "MD") && d.tokMent[t] < 0 {
					return false
				}
			}
			return true
		}
	}
	return false
}

// tablePredicate reads the event a header or title names ("Laid Off",
// "Layoffs"), else the verb it uses ("Passengers carried in 2024").
func (d *docState) tablePredicate(si int) (string, bool) {
	s := d.doc.Sentences[si]
	for t := s.First; t < s.Last; t++ {
		if h := d.cue(t, s.Last, cEvent|cEventNoun); h != nil {
			return h.cue.Lemma, true
		}
	}
	toks := d.doc.Tokens
	for t := s.First; t < s.Last; t++ {
		if tg := toks[t].Tag; (tg == "VBD" || tg == "VBN") && t > s.First {
			return tokLemma(&toks[t]), true
		}
	}
	return "", false
}

func (d *docState) row(si int, predicate string) (quarry.Claim, bool) {
	s := d.doc.Sentences[si]
	toks := d.doc.Tokens
	m := d.ments[d.tokMent[s.First]]
	start, end := toks[s.First].Start, toks[s.Last-1].End
	c := quarry.Claim{
		Start: start, End: end, Text: d.text[start:end], Sentence: si,
		Subject:   &quarry.ClaimSubject{Entity: m.ent.ID, Start: toks[m.first].Start, End: toks[m.last-1].End},
		Predicate: predicate,
		Source:    quarry.ClaimSource{Type: SourceArticle},
		Modality:  Asserted,
	}
	c.Subject.Text = d.text[c.Subject.Start:c.Subject.End]
	figs := d.figuresIn(start, end)
	c.Figures = figureIDs(figs)
	n := 0
	for _, f := range figs {
		if f.Kind != "year" && f.Kind != "date" {
			n++
		}
	}
	if n == 0 {
		return c, false
	}
	d.score(&c, scoreIn{figs: n, subject: subj{first: m.first, last: m.last, ent: m.ent}, action: true, a: s.First, b: s.Last})
	c.Features["table_row"] = 1
	return c, true
}
