package store

import (
	"encoding/json"
	"errors"
	"fmt"
)

// groupKey is what a claim group is about; it identifies the group.
type groupKey struct{ subject, predicate, object string }

func (k groupKey) less(o groupKey) bool {
	if k.subject != o.subject {
		return k.subject < o.subject
	}
	if k.predicate != o.predicate {
		return k.predicate < o.predicate
	}
	return k.object < o.object
}

func (k groupKey) String() string {
	return fmt.Sprintf("%s / %s / %s", k.subject, k.predicate, k.object)
}

// group is one claim group and its rows, the unit of replacement of the
// claim group tables.
type group struct {
	key  groupKey
	line int
	rows [nTables][][]any
}

// isGroupLine tells a claim group line (claims group, extract --group) from
// a document line: both lack "type", but a document always has "id" and
// "schema", a group never, and a group has a "key". A line with a key and an
// id is a document (with an unknown field), so a document never turns into
// a group.
func isGroupLine(fields map[string]json.RawMessage) bool {
	_, key := fields["key"]
	_, id := fields["id"]
	_, schema := fields["schema"]
	return key && !id && !schema
}

// The shape of claims.Cluster, decoded here so that the store does not
// depend on the extractor. Pointers tell absent fields from zero ones.
type groupJSON struct {
	Key *struct {
		Subject   *string `json:"subject"`
		Predicate *string `json:"predicate"`
		Object    string  `json:"object"`
	} `json:"key"`
	Docs   *int `json:"docs"`
	Claims *[]struct {
		Doc      string `json:"doc"`
		Claim    string `json:"claim"`
		Text     string `json:"text"`
		Modality string `json:"modality"`
		Scope    string `json:"scope"`
		Source   struct {
			Type string `json:"type"`
		} `json:"source"`
	} `json:"claims"`
	Disagreement *bool          `json:"disagreement"`
	Conflicts    []conflictJSON `json:"conflicts"`
	Scoped       []conflictJSON `json:"scoped"`
}

type refJSON struct {
	Doc    string `json:"doc"`
	Claim  string `json:"claim"`
	Figure string `json:"figure"`
	Text   string `json:"text"`
	Scope  string `json:"scope"`
}

type conflictJSON struct {
	A      refJSON `json:"a"`
	B      refJSON `json:"b"`
	Reason string  `json:"reason"`
}

// parseGroupLine turns a claim group line into its rows.
func parseGroupLine(fields map[string]json.RawMessage, line int) (*group, error) {
	rec, err := encodeJSON(fields)
	if err != nil {
		return nil, err
	}
	var gj groupJSON
	if err := json.Unmarshal([]byte(rec), &gj); err != nil {
		return nil, fmt.Errorf("claim group: %v", err)
	}
	switch {
	case gj.Key == nil:
		return nil, errors.New(`claim group: "key" must be an object`)
	case gj.Key.Subject == nil || *gj.Key.Subject == "" || gj.Key.Predicate == nil || *gj.Key.Predicate == "":
		return nil, errors.New("claim group: key needs a non-empty subject and predicate")
	case gj.Docs == nil || gj.Claims == nil || gj.Disagreement == nil:
		return nil, errors.New(`claim group: "docs", "claims" and "disagreement" are required`)
	}
	g := &group{key: groupKey{*gj.Key.Subject, *gj.Key.Predicate, gj.Key.Object}, line: line}
	k := g.key
	fail := func(format string, a ...any) (*group, error) {
		return nil, fmt.Errorf("claim group %s: "+format, append([]any{k}, a...)...)
	}
	type member struct{ doc, claim string }
	seen := map[member]bool{}
	for i, m := range *gj.Claims {
		if m.Doc == "" || m.Claim == "" {
			return fail("claims[%d] needs a doc and a claim id", i)
		}
		// The same claim twice (a document given twice to claims group) is
		// one member; seq still points into record's claims array.
		if seen[member{m.Doc, m.Claim}] {
			continue
		}
		seen[member{m.Doc, m.Claim}] = true
		g.add(tGroupMembers, k.subject, k.predicate, k.object, m.Doc, m.Claim, int64(i),
			str(m.Text), str(m.Modality), str(m.Scope), str(m.Source.Type))
	}
	seq := 0
	for _, list := range []struct {
		name   string
		scoped bool
		items  []conflictJSON
	}{{"conflicts", false, gj.Conflicts}, {"scoped", true, gj.Scoped}} {
		for i, c := range list.items {
			if c.A.Doc == "" || c.A.Claim == "" || c.B.Doc == "" || c.B.Claim == "" {
				return fail("%s[%d] needs a doc and a claim id on both sides", list.name, i)
			}
			g.add(tGroupConflicts, k.subject, k.predicate, k.object, int64(seq), list.scoped, str(c.Reason),
				c.A.Doc, c.A.Claim, str(c.A.Figure), str(c.A.Text), str(c.A.Scope),
				c.B.Doc, c.B.Claim, str(c.B.Figure), str(c.B.Text), str(c.B.Scope))
			seq++
		}
	}
	g.rows[tGroups] = [][]any{{k.subject, k.predicate, k.object, int64(*gj.Docs), int64(len(g.rows[tGroupMembers])), *gj.Disagreement, rec}}
	return g, nil
}

func (g *group) add(t int, row ...any) { g.rows[t] = append(g.rows[t], row) }
