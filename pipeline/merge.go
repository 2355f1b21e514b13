package pipeline

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/quarrylabs/quarry"
)

// merger gathers the records of an article's windows (window.go) into its
// document, as if the article had been read at once: offsets and sentence
// numbers shifted to the article, ids renumbered in order, references
// between records kept.
//
// An entity of a window joins one of an earlier window when both name the
// same thing the same way (the same name and label, a company and an
// organisation being one), or when it is a person named by one word that
// is the last word of exactly one person already seen ("Halvern" after
// "Ada Halvern"), as the resolver would join them inside a window.
// Everything else stays apart: coreference does not reach across windows.
type merger struct {
	doc   *quarry.Document
	byKey map[entityKey]int // index into doc.Entities
	// bySurname is the person a last name stands for, -1 when it stands
	// for more than one.
	bySurname map[string]int
	sents     int // sentences in the windows merged so far
	// Figures, quotes and claims merged so far: the document's lists
	// may have been emptied into a stash since.
	figs, quotes, claims int
	// packed, when not nil, holds the mentions of each entity of doc
	// instead of its Mentions: a quarter of the memory (a 100 MB article
	// of names had ~7 million), their text being the article's. See
	// packMentions.
	packed [][]uint64
}

type entityKey struct{ label, name string }

// newMerger returns a merger into doc; a packing merger keeps mentions
// packed (see merger.packed).
func newMerger(doc *quarry.Document, packing bool) *merger {
	m := &merger{doc: doc, byKey: map[entityKey]int{}, bySurname: map[string]int{}}
	if packing {
		m.packed = [][]uint64{}
	}
	return m
}

// mentionBits is the bits of a packed mention that hold its length; the
// rest hold its start. A mention lies in a window, far shorter than 2^24
// bytes, and the start may reach 2^40.
const mentionBits = 24

// packMentions appends ms packed to dst, each as start<<mentionBits | length.
func packMentions(dst []uint64, ms []quarry.Mention) []uint64 {
	for _, mt := range ms {
		dst = append(dst, uint64(mt.Start)<<mentionBits|uint64(mt.End-mt.Start))
	}
	return dst
}

// unpackMention returns the mention p packs in text.
func unpackMention(p uint64, text string) quarry.Mention {
	start := int(p >> mentionBits)
	end := start + int(p&(1<<mentionBits-1))
	return quarry.Mention{Start: start, End: end, Text: text[start:end]}
}

func keyOf(e *quarry.Entity) entityKey {
	label := e.Label
	if label == quarry.Company {
		label = quarry.Org
	}
	return entityKey{label, e.Name}
}

// add merges the records of the window starting at byte off, which has
// sents sentences. It takes over part's records.
func (m *merger) add(part *quarry.Document, off, sents int) {
	d := m.doc
	ents := make(map[string]string, len(part.Entities))
	joined := make([]int, len(part.Entities)) // index in d.Entities
	fresh := make([]bool, len(part.Entities)) // added, not joined
	grown := map[int]bool{}                   // article entities joined
	for i := range part.Entities {
		e := &part.Entities[i]
		// The window's own id, which its records name: e.ID is renumbered
		// below when e is added.
		wid := e.ID
		for k := range e.Mentions {
			mt := &e.Mentions[k]
			mt.Start += off
			mt.End += off
		}
		at, ok := m.byKey[keyOf(e)]
		if !ok && e.Label == quarry.Person && !strings.ContainsRune(e.Name, ' ') {
			if p, one := m.bySurname[e.Name]; one && p >= 0 {
				at, ok = p, true
			}
		}
		if ok {
			m.join(at, e)
			grown[at] = true
		} else {
			at = len(d.Entities)
			fresh[i] = true
			e.ID = "e" + strconv.Itoa(at+1)
			// The window's entities share one array of mentions: a copy
			// lets it go with the window.
			if m.packed != nil {
				m.packed = append(m.packed, packMentions(nil, e.Mentions))
				e.Mentions = nil
			} else {
				e.Mentions = slices.Clone(e.Mentions)
			}
			d.Entities = append(d.Entities, *e)
			m.byKey[keyOf(e)] = at
			if e.Label == quarry.Person {
				if sp := strings.LastIndexByte(e.Name, ' '); sp >= 0 {
					last := e.Name[sp+1:]
					if _, seen := m.bySurname[last]; seen {
						m.bySurname[last] = -1
					} else {
						m.bySurname[last] = at
					}
				}
			}
		}
		ents[wid] = d.Entities[at].ID
		joined[i] = at
	}
	// Two entities of the window may join one of the article (a surname
	// and the full name the window adds, a name found as an organisation
	// and as a company): their mentions then interleave.
	for at := range grown {
		if m.packed != nil {
			if ps := m.packed[at]; !slices.IsSortedFunc(ps, byPackedStart) {
				slices.SortStableFunc(ps, byPackedStart)
			}
			continue
		}
		ms := d.Entities[at].Mentions
		if !slices.IsSortedFunc(ms, byStart) {
			slices.SortStableFunc(ms, byStart)
		}
	}
	// Affiliations name entities of the window: those added carry them
	// as they were, and an entity joined takes one only if it had none.
	for i := range part.Entities {
		e := &d.Entities[joined[i]]
		if a := part.Entities[i].Affiliation; fresh[i] || e.Affiliation == "" && a != "" {
			e.Affiliation = ents[a]
		}
	}

	figs := make(map[string]string, len(part.Figures))
	for _, f := range part.Figures {
		f.ID = renumber(figs, f.ID, "f", &m.figs)
		f.Start += off
		f.End += off
		f.Entity = ents[f.Entity]
		f.Sentence += m.sents
		d.Figures = append(d.Figures, f)
	}
	quotes := make(map[string]string, len(part.Quotes))
	for _, q := range part.Quotes {
		q.ID = renumber(quotes, q.ID, "q", &m.quotes)
		q.Start += off
		q.End += off
		if s := q.Speaker; s != nil {
			s.Start += off
			s.End += off
			s.Entity = ents[s.Entity]
		}
		if c := q.Cue; c != nil {
			c.Start += off
			c.End += off
		}
		q.Sentence += m.sents
		d.Quotes = append(d.Quotes, q)
	}
	for _, c := range part.Claims {
		c.ID = nextID("c", &m.claims)
		c.Start += off
		c.End += off
		if s := c.Subject; s != nil {
			s.Start += off
			s.End += off
			s.Entity = ents[s.Entity]
		}
		for k, f := range c.Figures {
			c.Figures[k] = figs[f]
		}
		c.Source.Quote = quotes[c.Source.Quote]
		c.Source.Entity = ents[c.Source.Entity]
		c.Sentence += m.sents
		d.Claims = append(d.Claims, c)
	}
	m.sents += sents
}

func byStart(a, b quarry.Mention) int { return a.Start - b.Start }

func byPackedStart(a, b uint64) int { return cmp.Compare(a>>mentionBits, b>>mentionBits) }

// nextID counts one more record of a kind in n, which counts the
// article's, and returns the record's id.
func nextID(prefix string, n *int) string {
	*n++
	return prefix + strconv.Itoa(*n)
}

// renumber returns nextID(prefix, n) and notes it in ids under the
// window's id.
func renumber(ids map[string]string, wid, prefix string, n *int) string {
	id := nextID(prefix, n)
	ids[wid] = id
	return id
}

// join adds window entity e to the article's entity at.
func (m *merger) join(at int, e *quarry.Entity) {
	into := &m.doc.Entities[at]
	if m.packed != nil {
		m.packed[at] = packMentions(m.packed[at], e.Mentions)
	} else {
		into.Mentions = append(into.Mentions, e.Mentions...)
	}
	if e.Label == quarry.Company {
		into.Label = quarry.Company
	}
	if into.Title == "" {
		into.Title = e.Title
	}
	if into.Attrs == nil {
		into.Attrs = e.Attrs
	}
	if into.Origin != e.Origin && e.Origin != "" {
		if into.Origin == "" {
			into.Origin = e.Origin
		} else {
			into.Origin = "model+rules"
		}
	}
}
