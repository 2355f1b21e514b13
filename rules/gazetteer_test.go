package rules

import (
	"math/rand"
	"slices"
	"testing"
)

const qvh = `kind: gazetteer
entries:
  - name: Quillmore Vantage Holdings     # the canonical name
    label: COMPANY
    aliases: [QVH, Quillmore]
`

// The smallest gazetteer from the issue must work exactly as written.
func TestSmallestGazetteer(t *testing.T) {
	s := mustLoad(t, false, map[string]string{"q.yaml": qvh})
	text := "Shares of QVH rose after Quillmore Vantage Holdings said Quillmore’s unit grew."
	ms := s.Gazetteer().Match(toks(text))
	if got := gazTexts(text, ms); got != "QVH|Quillmore Vantage Holdings|Quillmore" {
		t.Fatalf("matches = %q", got)
	}
	for i, wantAlias := range []bool{true, false, true} {
		m := ms[i]
		if m.Entry.Name != "Quillmore Vantage Holdings" || m.Entry.Label != "COMPANY" || m.Alias != wantAlias {
			t.Errorf("match %d = %+v (entry %+v)", i, m, *m.Entry)
		}
		if text[m.Start:m.End] != toksText(text, m.First, m.Last) {
			t.Errorf("match %d: bytes and tokens disagree", i)
		}
	}
	if e := s.Gazetteer().Lookup("qvh"); e == nil || e.Name != "Quillmore Vantage Holdings" {
		t.Errorf("Lookup(qvh) = %v", e)
	}
	if e := s.Gazetteer().Lookup("Quillmore Vantage Holdings"); e == nil || e.ID != "company:quillmore-vantage-holdings" {
		t.Errorf("Lookup by name = %+v", e)
	}
	if s.Gazetteer().Lookup("Vantage") != nil {
		t.Error("Lookup(Vantage) found something")
	}
}

func toksText(text string, first, last int) string {
	ts := toks(text)
	return text[ts[first].Start:ts[last-1].End]
}

// Case rules: all-caps aliases match exactly; capitalised names as written
// or in capitals; lower-case words in any case; per-entry and per-alias
// overrides.
func TestCaseRules(t *testing.T) {
	s := mustLoad(t, false, map[string]string{"c.yaml": `kind: gazetteer
entries:
  - name: Quillmore Vantage Holdings
    label: COMPANY
    aliases: [QVH, Quillmore]
  - name: eBrill
    label: COMPANY
  - name: Brindle Bank of Ostrava
    label: COMPANY
  - name: Tallow
    label: COMPANY
    case: insensitive
  - name: Marrow
    label: COMPANY
    case: sensitive
    aliases: [{text: MRW, case: insensitive}]
`})
	cases := []struct {
		text, want string
	}{
		{"QVH rose", "QVH"},
		{"Qvh rose", ""},
		{"qvh rose", ""},
		{"Quillmore rose", "Quillmore"},
		{"QUILLMORE rose", "QUILLMORE"},
		{"quillmore rose", ""},
		{"QuillMore rose", ""},
		{"QUILLMORE VANTAGE HOLDINGS rose", "QUILLMORE VANTAGE HOLDINGS"},
		{"eBrill and EBRILL and ebrill", "eBrill|EBRILL|ebrill"},
		{"Brindle Bank Of Ostrava and Brindle Bank of Ostrava", "Brindle Bank Of Ostrava|Brindle Bank of Ostrava"},
		{"tallow and TALLOW", "tallow|TALLOW"},
		{"Marrow, MARROW and mrw", "Marrow|mrw"},
	}
	for _, c := range cases {
		if got := gazTexts(c.text, s.Gazetteer().Match(toks(c.text))); got != c.want {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
	}
}

// Matching works on atoms, so tokenization of punctuation inside names
// does not matter, but a match never ends inside a token.
func TestPunctuationAndBoundaries(t *testing.T) {
	s := mustLoad(t, false, map[string]string{"p.yaml": `kind: gazetteer
entries:
  - {name: Quill & Vane, label: COMPANY, aliases: [Q&V]}
  - {name: Brill.io, label: COMPANY}
  - {name: Orlo, label: COMPANY}
  - {name: Harrow's, label: COMPANY}
`})
	cases := []struct{ text, want string }{
		{"Q&V and Quill & Vane merged.", "Q&V|Quill & Vane"},
		{"Brill.io rose.", "Brill.io"},
		{"Orlo's shares and Orlo’s unit", "Orlo|Orlo"},
		{"Orlovsky left", ""},
		{"Harrow's and Harrow’s", "Harrow's|Harrow’s"},
	}
	for _, c := range cases {
		if got := gazTexts(c.text, s.Gazetteer().Match(toks(c.text))); got != c.want {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
	}
	// A token holding more than the name ("Orlo-based") is not a match.
	tk := toks("Orlo-based firms")
	if len(tk) != 2 {
		t.Fatalf("tokens: %+v", tk)
	}
	if ms := s.Gazetteer().Match(tk); len(ms) != 0 {
		t.Errorf("matched inside a token: %+v", ms)
	}
}

// Longest match wins over a shorter one it overlaps; then priority; then
// user over default.
func TestGazetteerPrecedence(t *testing.T) {
	s := mustLoad(t, false, map[string]string{"p.yaml": `kind: gazetteer
entries:
  - {name: Harbour, label: COMPANY}
  - {name: Harbour Lights, label: COMPANY}
  - {name: Harbour Lights Fund, label: ORG}
  - {name: Vell, label: PERSON}
  - {name: Vell Corp, label: COMPANY, aliases: [Vell], priority: 5}
`})
	text := "Harbour Lights Fund bought Harbour Lights and Harbour; Vell said."
	ms := s.Gazetteer().Match(toks(text))
	if got := gazTexts(text, ms); got != "Harbour Lights Fund|Harbour Lights|Harbour|Vell" {
		t.Fatalf("matches = %q", got)
	}
	if ms[0].Entry.Label != "ORG" || ms[1].Entry.Name != "Harbour Lights" {
		t.Errorf("longest: %+v %+v", ms[0].Entry, ms[1].Entry)
	}
	if ms[3].Entry.Name != "Vell Corp" {
		t.Errorf("priority: got %q, want Vell Corp", ms[3].Entry.Name)
	}
}

// A user entry replaces the default with the same name and label, and wins
// ties on aliases; disabled removes a default entry.
func TestUserOverridesDefault(t *testing.T) {
	s := mustLoad(t, true, map[string]string{"u.yaml": `kind: gazetteer
entries:
  - name: Amazon
    label: COMPANY
    aliases: [Bezos Co]
    ticker: AMZN.X
  - name: Gemini Trust
    label: COMPANY
    aliases: [Gemini]
  - name: Sora
    label: PRODUCT
    disabled: true
`})
	g := s.Gazetteer()
	a := g.Lookup("Amazon")
	if a == nil || a.Attrs["ticker"] != "AMZN.X" || !a.IsUser() {
		t.Fatalf("Amazon = %+v", a)
	}
	text := "Bezos Co and Amazon.com rose; Gemini fell; Sora launched."
	ms := g.Match(toks(text))
	if got := gazTexts(text, ms); got != "Bezos Co|Gemini" {
		// Amazon.com was an alias of the replaced default entry.
		t.Fatalf("matches = %q", got)
	}
	if ms[1].Entry.Name != "Gemini Trust" {
		t.Errorf("Gemini resolved to %q, want the user entry", ms[1].Entry.Name)
	}
	if g.Lookup("Sora") != nil {
		t.Error("disabled entry still there")
	}
	// Parent links into the defaults still resolve.
	aws := g.Lookup("AWS")
	if aws == nil || g.Parent(aws) != a {
		t.Errorf("AWS parent = %v", g.Parent(aws))
	}
}

func TestOverrideByID(t *testing.T) {
	s := mustLoad(t, true, map[string]string{"u.yaml": `kind: gazetteer
entries:
  - id: company:anthropic
    name: Anthropic Public Benefit Corp
    label: COMPANY
    aliases: [Anthropic]
`})
	e := s.Gazetteer().ByID("company:anthropic")
	if e == nil || e.Name != "Anthropic Public Benefit Corp" {
		t.Fatalf("ByID = %+v", e)
	}
	if got := s.Gazetteer().Lookup("Anthropic"); got != e {
		t.Errorf("Lookup(Anthropic) = %+v, want the user entry", got)
	}
	if got := s.Gazetteer().Lookup("Anthropic PBC"); got != nil {
		t.Errorf("an alias of the replaced default survived: %+v", got)
	}
	// The default product Claude names Anthropic as parent; it now
	// resolves to the user entry.
	if p := s.Gazetteer().Parent(s.Gazetteer().Lookup("Claude")); p != e {
		t.Errorf("Claude's parent = %+v", p)
	}
}

func TestMatchStaysInSentence(t *testing.T) {
	s := mustLoad(t, false, map[string]string{"g.yaml": `kind: gazetteer
entries:
  - {name: Tern Holdings, label: COMPANY}
`})
	tk := toks("They met Tern. Holdings fell.")
	tk2 := toks("They met Tern Holdings.")
	if ms := s.Gazetteer().Match(tk); len(ms) != 0 {
		t.Errorf("matched across sentences: %+v", ms)
	}
	if ms := s.Gazetteer().Match(tk2); len(ms) != 1 {
		t.Errorf("want one match, got %+v", ms)
	}
}

func TestTitles(t *testing.T) {
	s := mustLoad(t, false, map[string]string{"t.yaml": `kind: titles
entries:
  - name: chief executive officer
    aliases: [CEO, chief executive]
    category: executive
  - name: General
    case: sensitive
`})
	text := "Chief Executive Ada Quill, the CEO, met the general and General Ross."
	ms := s.Titles().Match(toks(text))
	if got := gazTexts(text, ms); got != "Chief Executive|CEO|General" {
		t.Fatalf("titles = %q", got)
	}
	if ms[0].Entry.Label != TitleLabel || ms[0].Entry.Attrs["category"] != "executive" || ms[0].Entry.Name != "chief executive officer" {
		t.Errorf("entry = %+v", ms[0].Entry)
	}
}

func TestAtoms(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"AT&T", []string{"AT", "&", "T"}},
		{"Amazon.com Inc.", []string{"Amazon", ".", "com", "Inc", "."}},
		{"AI21 Labs", []string{"AI", "21", "Labs"}},
		{"Nestlé", []string{"Nestlé"}},
		{"  ", nil},
	}
	for _, c := range cases {
		got := appendAtoms(nil, c.in)
		if len(got) != len(c.want) {
			t.Errorf("%q: %q", c.in, got)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%q: %q", c.in, got)
			}
		}
	}
}

// The table form loads the same entries as mappings.
func TestRows(t *testing.T) {
	s := mustLoad(t, false, map[string]string{"r.yaml": `kind: gazetteer
columns: [name, label, aliases, ticker, parent, case]
rows: |
  # name                     | label   | aliases        | ticker | parent | case
  Halvern Group              | COMPANY |                | HVG    |        |
  Quillmore Vantage Holdings | COMPANY | QVH; Quillmore | QVH    | Halvern Group |
  Marrow                     | PERSON  |                |        |        | sensitive
`})
	g := s.Gazetteer()
	if g.Len() != 3 {
		t.Fatalf("%d entries", g.Len())
	}
	q := g.Lookup("Quillmore")
	if q == nil || q.Name != "Quillmore Vantage Holdings" || q.Attrs["ticker"] != "QVH" || q.Line != 6 {
		t.Fatalf("entry = %+v", q)
	}
	if p := g.Parent(q); p == nil || p.Name != "Halvern Group" {
		t.Errorf("parent = %+v", p)
	}
	text := "QVH and MARROW and Marrow"
	if got := gazTexts(text, g.Match(toks(text))); got != "QVH|Marrow" {
		t.Errorf("matches = %q", got)
	}
	if fi := s.Files(); len(fi) != 1 || fi[0].Counts["entries"] != 3 || fi[0].Kinds[0] != "gazetteer" {
		t.Errorf("files = %+v", fi)
	}
}

// TestResolveSpansInOrder checks that spans already disjoint and in text
// order, which resolveSpans returns as they are, are what it makes of them
// in any other order.
func TestResolveSpansInOrder(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for range 500 {
		var in []span
		for at := rng.Intn(3); at < 40 && len(in) < 8; at += rng.Intn(4) {
			n := 1 + rng.Intn(3)
			in = append(in, span{first: at, last: at + n, prio: rng.Intn(2), user: rng.Intn(2) == 0, canon: rng.Intn(2) == 0, order: len(in)})
			at += n
		}
		if len(in) < 2 || !inOrder(in) {
			t.Fatalf("%v: not in order", in)
		}
		for _, prioFirst := range []bool{false, true} {
			mixed := slices.Clone(in)
			rng.Shuffle(len(mixed), func(i, j int) { mixed[i], mixed[j] = mixed[j], mixed[i] })
			if inOrder(mixed) {
				continue
			}
			if got := resolveSpans(mixed, 50, prioFirst); !slices.Equal(got, in) {
				t.Fatalf("resolveSpans(%v) = %v, want %v", mixed, got, in)
			}
		}
	}
	if inOrder([]span{{first: 2, last: 4}, {first: 3, last: 5}}) || inOrder([]span{{first: 2, last: 2}}) {
		t.Fatal("overlapping or empty spans taken as in order")
	}
}
