package entities

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// fakeRules is a gazetteer of whole-token names, with optional pattern
// matches (no entry).
type fakeRules struct {
	gaz      map[string]string // name -> label
	aliases  map[string]string // alias -> label
	patterns map[string]string
	stop     map[string]bool
}

func (f *fakeRules) hits(doc *analysis.Doc, _ *scratch) []ruleHit {
	var out []ruleHit
	for name, label := range f.gaz {
		n := len(strings.Fields(name))
		for i := 0; i+n <= len(doc.Tokens); i++ {
			if doc.Text[doc.Tokens[i].Start:doc.Tokens[i+n-1].End] == name {
				out = append(out, ruleHit{first: i, last: i + n, label: label, entry: &hitEntry{ID: strings.ToLower(name), Name: name, Label: label}})
			}
		}
	}
	for name, label := range f.aliases {
		for i := range doc.Tokens {
			if doc.Tokens[i].Text == name {
				out = append(out, ruleHit{first: i, last: i + 1, label: label, alias: true, entry: &hitEntry{ID: strings.ToLower(name), Name: name + " Group", Label: label}})
			}
		}
	}
	for name, label := range f.patterns {
		n := len(strings.Fields(name))
		for i := 0; i+n <= len(doc.Tokens); i++ {
			if doc.Text[doc.Tokens[i].Start:doc.Tokens[i+n-1].End] == name {
				out = append(out, ruleHit{first: i, last: i + n, label: label, pattern: true})
			}
		}
	}
	return out
}
func (f *fakeRules) stopped(label, text string) bool { return f.stop[text] }
func (f *fakeRules) roles(*analysis.Doc, []bool)     {}
func (f *fakeRules) lookup(name string) *hitEntry {
	if l, ok := f.gaz[name]; ok {
		return &hitEntry{ID: strings.ToLower(name), Name: name, Label: l}
	}
	return nil
}

var testTypes = []string{"PERSON", "ORG", "LOC", "MISC"}

// spansAt gives model spans for every occurrence of each "text=LABEL" or
// "text=LABEL@confidence" item, as whole tokens.
func spansAt(t *testing.T, doc *analysis.Doc, items ...string) []tokSpan {
	var out []tokSpan
	for _, it := range items {
		text, label, _ := strings.Cut(it, "=")
		label, confText, _ := strings.Cut(label, "@")
		conf, _ := strconv.ParseFloat(confText, 32)
		typ := -1
		for k, tt := range testTypes {
			if tt == label {
				typ = k
			}
		}
		found := false
		for i := range doc.Tokens {
			for j := i; j < len(doc.Tokens); j++ {
				if doc.Text[doc.Tokens[i].Start:doc.Tokens[j].End] == text {
					out = append(out, tokSpan{first: i, last: j + 1, typ: typ, conf: float32(conf)})
					found = true
				}
			}
		}
		if !found {
			t.Fatalf("%q not in text", text)
		}
	}
	return out
}

func resolveText(t *testing.T, rules ruleSource, text string, items ...string) []quarry.Entity {
	t.Helper()
	doc := wordDoc(text)
	e := &Extractor{rules: rules}
	var hits []ruleHit
	if rules != nil {
		hits = rules.hits(doc, nil)
	}
	ents := e.resolve(doc, spansAt(t, doc, items...), testTypes, hits, nil)
	for i, en := range ents {
		if en.ID != "e"+string(rune('1'+i)) && i < 9 {
			t.Errorf("entity %d has id %s", i, en.ID)
		}
		for _, m := range en.Mentions {
			if text[m.Start:m.End] != m.Text {
				t.Errorf("mention %q at [%d,%d) is %q", m.Text, m.Start, m.End, text[m.Start:m.End])
			}
		}
	}
	return ents
}

func byName(ents []quarry.Entity, name string) *quarry.Entity {
	for i := range ents {
		if ents[i].Name == name {
			return &ents[i]
		}
	}
	return nil
}

func mentionTexts(e *quarry.Entity) []string {
	var out []string
	for _, m := range e.Mentions {
		out = append(out, m.Text)
	}
	return out
}

func TestSurnameJoinsFullName(t *testing.T) {
	text := "Mara Okafor runs the lab. Okafor said the work would continue. Later Okafor left."
	// The model found the full name and one surname; the other is propagated.
	ents := resolveText(t, nil, text, "Mara Okafor=PERSON", "Okafor=PERSON")
	e := byName(ents, "Mara Okafor")
	if len(ents) != 1 || e == nil || e.Label != quarry.Person {
		t.Fatalf("got %+v", ents)
	}
	if got := mentionTexts(e); len(got) != 3 {
		t.Errorf("mentions %v, want the full name and two surnames", got)
	}
}

func TestHonorificSurnameJoinsFullName(t *testing.T) {
	text := "Mara Okafor runs the lab. Dr. Okafor said the work would continue."
	ents := resolveText(t, nil, text, "Mara Okafor=PERSON", "Dr. Okafor=PERSON")
	e := byName(ents, "Mara Okafor")
	if len(ents) != 1 || e == nil {
		t.Fatalf("got %+v", ents)
	}
	if got := mentionTexts(e); len(got) != 2 || got[1] != "Dr. Okafor" {
		t.Errorf("mentions %v, want the full name and Dr. Okafor", got)
	}
}

func TestSurnameRelabelled(t *testing.T) {
	text := "Investors backed Tomas Brenn in March. Brenn later sold his stake."
	ents := resolveText(t, nil, text, "Tomas Brenn=PERSON", "Brenn=LOC")
	if len(ents) != 1 || ents[0].Label != quarry.Person || len(ents[0].Mentions) != 2 {
		t.Fatalf("got %+v", ents)
	}
}

func TestAliasInBrackets(t *testing.T) {
	text := "Nimbus Cloud Services (NCS) cut prices. Rivals of NCS followed."
	ents := resolveText(t, nil, text, "Nimbus Cloud Services=ORG")
	e := byName(ents, "Nimbus Cloud Services")
	if len(ents) != 1 || e == nil {
		t.Fatalf("got %+v", ents)
	}
	if got := strings.Join(mentionTexts(e), "|"); got != "Nimbus Cloud Services|NCS|NCS" {
		t.Errorf("mentions %s", got)
	}
	// A bracketed country after a person is no alias.
	ents = resolveText(t, nil, "Ana Ruiz (Spain) won.", "Ana Ruiz=PERSON", "Spain=LOC")
	if len(ents) != 2 {
		t.Errorf("got %+v", ents)
	}
}

func TestPossessive(t *testing.T) {
	for _, text := range []string{
		"Kelvar’s profits rose. Kelvar hired staff.",
		"Kelvar's profits rose. Kelvar hired staff.",
	} {
		ents := resolveText(t, nil, text, "Kelvar=ORG")
		if len(ents) != 1 || len(ents[0].Mentions) != 2 || ents[0].Mentions[0].Text != "Kelvar" {
			t.Errorf("%s: got %+v", text, ents)
		}
	}
	// A possessive inside one token ("Kelvar’s"), as some tokenizers give.
	doc := spaceDoc("Kelvar’s profits rose .")
	e := &Extractor{}
	ents := e.resolve(doc, []tokSpan{{first: 0, last: 1, typ: 1}}, testTypes, nil, nil)
	if len(ents) != 1 || ents[0].Mentions[0].Text != "Kelvar" {
		t.Errorf("got %+v", ents)
	}
}

func TestHeadlines(t *testing.T) {
	// All caps: the body's name is found in the headline.
	text := "ORVANE TO CUT JOBS\nOrvane said on Monday it would cut jobs."
	ents := resolveText(t, nil, text, "Orvane=ORG")
	if len(ents) != 1 || len(ents[0].Mentions) != 2 || ents[0].Mentions[0].Text != "ORVANE" {
		t.Fatalf("got %+v", ents)
	}
	// Title case: capitalised words the body never names are not entities.
	text = "What the Rise of Quiet Robots Means for the Future\nOrvane said robots sell well."
	ents = resolveText(t, nil, text, "Quiet Robots=ORG", "Orvane=ORG")
	if len(ents) != 1 || ents[0].Name != "Orvane" {
		t.Fatalf("got %+v", ents)
	}
	// A line that breaks mid-sentence is no headline.
	text = "Orvane said robots sell well.\nResults of the Grand Robot League\nmatches played on Friday:"
	ents = resolveText(t, nil, text, "Grand Robot League=MISC", "Orvane=ORG")
	if len(ents) != 2 || byName(ents, "Grand Robot League") == nil {
		t.Fatalf("got %+v", ents)
	}
}

// Web text puts a heading on a line of its own with no blank line around
// it: what it alone names in title case is no entity. Table rows, bulleted
// items and hard-wrapped prose keep theirs.
func TestHeadingLines(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		spans      []string
		want       []string
	}{
		{"heading between paragraphs",
			"Orvane said on Monday it would cut jobs .\nThe Strategic Cull: Pruning Mature Branches to Fuel Growth\nThe company is closing stores in the north .",
			[]string{"Orvane=ORG", "Pruning Mature Branches=ORG"}, []string{"Orvane"}},
		{"a surname from a heading names nothing",
			"Orvane said on Monday it would cut jobs .\nFrom Get Big Fast to Get Smart Fast\nThe era of growth at all costs is over at Orvane .",
			[]string{"Orvane=ORG", "Smart Fast=PERSON", "Fast=PERSON"}, []string{"Orvane"}},
		{"a name the body gives stays",
			"Orvane said on Monday it would cut jobs .\nThe Doctrine of Mara Okafor in Action\nMara Okafor runs the company from the north .",
			[]string{"Orvane=ORG", "Mara Okafor=PERSON"}, []string{"Orvane", "Mara Okafor"}},
		{"table rows",
			"Orvane said on Monday the draw was made .\nPellam at Vostra Republic\nKindor at Ostavia",
			[]string{"Orvane=ORG", "Vostra Republic=LOC", "Pellam=LOC", "Kindor=LOC", "Ostavia=LOC"}, []string{"Orvane", "Pellam", "Vostra Republic", "Kindor", "Ostavia"}},
		{"a number in a heading",
			"Orvane said on Monday it would cut jobs .\nOrvane to Cut 400 Jobs Amid Strategic Streamlining\nThe company is closing stores in the north .",
			[]string{"Orvane=ORG", "Strategic Streamlining=PERSON"}, []string{"Orvane"}},
		{"an ampersand in a heading",
			"Orvane said on Monday it would cut jobs .\nFuture Trajectories & Strategic Signposts\nThe company is closing stores in the north .",
			[]string{"Orvane=ORG", "Future Trajectories & Strategic Signposts=ORG"}, []string{"Orvane"}},
		{"a row above a short sentence",
			"Orvane said on Monday the draw was made .\nPellam at Vostra Republic\nKindor won .",
			[]string{"Orvane=ORG", "Pellam=LOC", "Vostra Republic=LOC", "Kindor=PERSON"}, []string{"Orvane", "Pellam", "Vostra Republic", "Kindor"}},
		{"a row above a long row",
			"Orvane said on Monday the draw was made .\nPellam at Vostra Republic\nKindor at Ostavia in the North Stadium on Sunday",
			[]string{"Orvane=ORG", "Pellam=LOC", "Vostra Republic=LOC", "Kindor=LOC", "Ostavia=LOC"}, []string{"Orvane", "Pellam", "Vostra Republic", "Kindor", "Ostavia"}},
		{"a heading above a quoted paragraph",
			"Orvane said on Monday it would cut jobs .\nThe Strategic Cull of Pruning Mature Branches\nThe company said it was \"closing stores in the north .\"",
			[]string{"Orvane=ORG", "Pruning Mature Branches=ORG"}, []string{"Orvane"}},
		{"the last row of a list above a paragraph",
			"Orvane said on Monday the draw was made :\nPellam at Vostra Republic\nKindor at North Ostavia\nThe matches will be played in the north on Sunday .",
			[]string{"Orvane=ORG", "Pellam=LOC", "Vostra Republic=LOC", "Kindor=LOC", "North Ostavia=LOC"}, []string{"Orvane", "Pellam", "Vostra Republic", "Kindor", "North Ostavia"}},
		{"a byline under the title",
			"Orvane to Cut Jobs in the North\nBy Ilsa Varga and Tomas Leclerc\nOrvane said on Monday it would cut jobs in the north .",
			[]string{"Orvane=ORG", "Ilsa Varga=PERSON", "Tomas Leclerc=PERSON"}, []string{"Orvane", "Ilsa Varga", "Tomas Leclerc"}},
		{"a hard-wrapped line that starts with a name",
			"The third stage was run on Tuesday between\nPellam and Kindor on Tuesday :\nTomas Leclerc of Orvane won it in four hours .",
			[]string{"Pellam=LOC", "Kindor=LOC", "Tomas Leclerc=PERSON", "Orvane=ORG"}, []string{"Pellam", "Kindor", "Tomas Leclerc", "Orvane"}},
		{"a line of hard-wrapped prose",
			"Orvane said on Monday the draw was made .\nThe Rise of Vostra Republic\nand its rivals was debated at length in the north .",
			[]string{"Orvane=ORG", "Vostra Republic=LOC"}, []string{"Orvane", "Vostra Republic"}},
		{"a run-in heading in a bulleted item",
			"Orvane said on Monday it would open its platform .\n• Build on the Shoulders of Giants: The new platforms from Orvane are open .",
			[]string{"Orvane=ORG", "Shoulders of Giants=ORG"}, []string{"Orvane"}},
		{"a run-in heading in a numbered item",
			"Orvane said on Monday it would build tools .\n2) Developer Tools and Automation: Orvane is building tools for developers .",
			[]string{"Orvane=ORG", "Tools=PERSON"}, []string{"Orvane"}},
		{"a name before a colon in a list",
			"Orvane named its board on Monday .\n• Ilsa Varga: chief executive of Orvane .\n• Tomas Leclerc of Pellam: chair .",
			[]string{"Orvane=ORG", "Ilsa Varga=PERSON", "Tomas Leclerc=PERSON", "Pellam=ORG"}, []string{"Orvane", "Ilsa Varga", "Tomas Leclerc", "Pellam"}},
		{"a colon without a list marker",
			"Orvane said on Monday the draw was made .\nResults of the Grand Robot League: Orvane won on Sunday .",
			[]string{"Orvane=ORG", "Grand Robot League=MISC"}, []string{"Orvane", "Grand Robot League"}},
		{"page furniture",
			"Image Not FoundImage Not Found\nOrvane said on Monday it would cut jobs .",
			[]string{"FoundImage Not Found=MISC", "Orvane=ORG"}, []string{"Orvane"}},
		{"bulleted item",
			"Orvane said on Monday the awards were given .\n- Best Revival - Hamlet by Ilsa Varga at the Rook\nThe ceremony was held in the north on Sunday .",
			[]string{"Orvane=ORG", "Ilsa Varga=PERSON"}, []string{"Orvane", "Ilsa Varga"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ents := resolveText(t, nil, tc.text, tc.spans...)
			var got []string
			for _, e := range ents {
				got = append(got, e.Name)
			}
			slices.Sort(got)
			want := slices.Clone(tc.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("entities %q, want %q", got, want)
			}
		})
	}
}

func TestNamePieces(t *testing.T) {
	text := "Police met a neo-Nazi leader, then de Klerk and the Orvane board."
	ents := resolveText(t, nil, text, "neo-Nazi=MISC", "de Klerk=PERSON", "the Orvane=ORG")
	for _, name := range []string{"neo-Nazi", "de Klerk", "Orvane"} {
		if byName(ents, name) == nil {
			t.Errorf("no %q in %+v", name, ents)
		}
	}
}

func TestModelOverRules(t *testing.T) {
	rules := &fakeRules{
		gaz:      map[string]string{"Tarrow": "COMPANY", "Vanta": "ORG", "Orla Group": "COMPANY", "Zeno": "PRODUCT", "Takeda": "COMPANY"},
		aliases:  map[string]string{"RBX": "ORG", "NMB": "COMPANY"},
		patterns: map[string]string{"Both Kelvar Inc": "COMPANY"},
	}
	text := "Sato drove a Tarrow Celica at the Vanta rally. Orla Group hired NMB staff. Both Kelvar Inc and Zeno grew. " +
		"Ito had two RBX. Yuichi Takeda won, and Takeda smiled."
	ents := resolveText(t, rules, text,
		"Tarrow Celica=MISC",   // a longer name around a hit: the model's
		"Vanta=MISC@50",        // a listed name beats even a sure model
		"Orla=ORG",             // a listed longer name beats a shorter span
		"NMB=MISC@1",           // an alias beats an unsure model...
		"RBX=MISC@50",          // ...but not a sure one
		"Kelvar Inc=ORG",       // a pattern hit yields to any model span
		"Zeno=PERSON@50",       // a listed product is no person...
		"Yuichi Takeda=PERSON", // ...but a surname of a named person is
		"Takeda=PERSON@50")
	want := map[string]string{"Tarrow Celica": quarry.Misc, "Vanta": quarry.Org, "Orla Group": quarry.Company,
		"NMB Group": quarry.Company, "RBX": quarry.Misc, "Kelvar Inc": quarry.Company, "Zeno": quarry.Misc, "Yuichi Takeda": quarry.Person}
	for name, l := range want {
		if e := byName(ents, name); e == nil || e.Label != l {
			t.Errorf("%s: got %+v, want %s", name, e, l)
		}
	}
	if e := byName(ents, "Yuichi Takeda"); e != nil && len(e.Mentions) != 2 {
		t.Errorf("Takeda mentions %v", mentionTexts(e))
	}
	// Sato and Ito are not spans here.
	if len(ents) != len(want) {
		t.Errorf("got %d entities, want %d: %+v", len(ents), len(want), ents)
	}
}

func TestTitleAndAffiliation(t *testing.T) {
	rules := &fakeRules{gaz: map[string]string{"Orbix": "COMPANY", "Orbix Cloud": "COMPANY"}}
	text := "Orbix CEO Lena Marsh said demand was strong. Orbix Cloud CEO Raj Patel agreed."
	ents := resolveText(t, rules, text, "Orbix CEO Lena Marsh=PERSON", "Raj Patel=PERSON")
	lena, raj, orbix, cloud := byName(ents, "Lena Marsh"), byName(ents, "Raj Patel"), byName(ents, "Orbix"), byName(ents, "Orbix Cloud")
	if lena == nil || raj == nil || orbix == nil || cloud == nil {
		t.Fatalf("got %+v", ents)
	}
	if lena.Title != "CEO" || lena.Affiliation != orbix.ID || orbix.Label != quarry.Company {
		t.Errorf("Lena: %+v, Orbix %+v", lena, orbix)
	}
	if raj.Title != "CEO" || raj.Affiliation != cloud.ID {
		t.Errorf("Raj: %+v", raj)
	}
}

func TestAppositiveTitle(t *testing.T) {
	text := "\"Start small,\" says Janet Oduya, a digital transformation consultant with 15 years of work behind her."
	ents := resolveText(t, nil, text, "Janet Oduya=PERSON")
	if len(ents) != 1 || ents[0].Title != "digital transformation consultant" {
		t.Fatalf("got %+v", ents)
	}
	text = "Paul Vance, chief executive of Kelvar Dynamics, resigned."
	ents = resolveText(t, nil, text, "Paul Vance=PERSON", "Kelvar Dynamics=ORG")
	p, k := byName(ents, "Paul Vance"), byName(ents, "Kelvar Dynamics")
	if p == nil || k == nil || p.Title != "chief executive" || p.Affiliation != k.ID || k.Label != quarry.Company {
		t.Fatalf("got %+v", ents)
	}
}

func TestCompanyOrOrg(t *testing.T) {
	text := "Brask bought a stake in Tollen. The Ministry of Water said Halvex Inc and the Water Board disagreed."
	ents := resolveText(t, nil, text, "Brask=ORG", "Tollen=ORG", "Ministry of Water=ORG", "Halvex Inc=ORG", "Water Board=ORG")
	want := map[string]string{"Tollen": quarry.Company, "Ministry of Water": quarry.Org, "Halvex Inc": quarry.Company, "Water Board": quarry.Org}
	for name, l := range want {
		if e := byName(ents, name); e == nil || e.Label != l {
			t.Errorf("%s: got %+v, want %s", name, e, l)
		}
	}
}

func TestRulesPrecedence(t *testing.T) {
	rules := &fakeRules{
		gaz:  map[string]string{"Zentro": "COMPANY", "Lumen": "PRODUCT"},
		stop: map[string]bool{"GenBot": true},
	}
	text := "Zentro launched Lumen and GenBot. Zentro stock rose."
	// The model calls Zentro a person, Lumen a person and GenBot an org.
	ents := resolveText(t, rules, text, "Zentro=PERSON", "Lumen=PERSON", "GenBot=ORG")
	z := byName(ents, "Zentro")
	if z == nil || z.Label != quarry.Company || len(z.Mentions) != 2 || z.Origin != "rules" {
		t.Fatalf("Zentro: %+v", z)
	}
	if l := byName(ents, "Lumen"); l == nil || l.Label != quarry.Misc {
		t.Errorf("Lumen: %+v", l)
	}
	if g := byName(ents, "GenBot"); g != nil {
		t.Errorf("stopped GenBot kept: %+v", g)
	}
}

func TestFindOffsets(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	text := "Dr. Helga Brandt, the head of Fenwick Analytics Ltd., told the Senate on Tuesday that Fenwick’s tools work. “Brandt is right,” said Senator Joan Pike."
	ents := New(m, nil).Find(analysis.Default().Analyze(text))
	if len(ents) == 0 {
		t.Fatal("no entities")
	}
	for _, e := range ents {
		for _, mn := range e.Mentions {
			if text[mn.Start:mn.End] != mn.Text {
				t.Errorf("mention %q at [%d,%d)", mn.Text, mn.Start, mn.End)
			}
		}
	}
	if e := byName(ents, "Helga Brandt"); e == nil || len(e.Mentions) != 2 {
		t.Errorf("Helga Brandt: %+v (all %+v)", e, ents)
	}
}

func TestFirstWordsShortForm(t *testing.T) {
	cases := []struct {
		name, text string
		items      []string // model spans; the last is the short form
		full       string
		mentions   int // of full; 0: the short form stays apart
	}{
		{"company short form", "Trelawny Grain Holdings bought a mill. Trelawny said it would keep the staff.",
			[]string{"Trelawny Grain Holdings=ORG", "Trelawny=ORG"}, "Trelawny Grain Holdings", 2},
		{"place-like short form with business context", "Halvern Systems makes batteries. Quillmore took a stake in Halvern on Monday.",
			[]string{"Halvern Systems=ORG", "Halvern=LOC"}, "Halvern Systems", 2},
		{"place-like short form, no business context", "Halvern Systems makes batteries. The rain fell on Halvern all day.",
			[]string{"Halvern Systems=ORG", "Halvern=LOC"}, "Halvern Systems", 0},
		{"two names share the first word", "Eastmoor Harbour reopened and Eastmoor Gazette reported it. Eastmoor was busy.",
			[]string{"Eastmoor Harbour=ORG", "Eastmoor Gazette=ORG", "Eastmoor=ORG"}, "Eastmoor Harbour", 0},
		{"short form before the full name", "Delmar rallied. Later Delmar Gold Mining said output rose.",
			[]string{"Delmar Gold Mining=ORG", "Delmar=ORG"}, "Delmar Gold Mining", 0},
		{"a one-off span that runs past the name", "Tarnby Unveils Foldable Phone With Big Screen. Tarnby said sales would start in June.",
			[]string{"Tarnby Unveils Foldable Phone=ORG", "Tarnby=ORG"}, "Tarnby Unveils Foldable Phone", 0},
		{"a place that opens a recurring name", "The Wall Street Journal reported the deal. The Wall Street Journal said Wall Street shares fell on the news.",
			[]string{"Wall Street Journal=ORG", "Wall Street=LOC"}, "Wall Street Journal", 0},
		{"a city that opens a newspaper's name", "The New York Times said the New York Times would cut staff. Later New York shares fell.",
			[]string{"New York Times=ORG", "New York=LOC"}, "New York Times", 0},
		{"a word before a connector", "The Bank of England raised rates. The Bank of England said inflation was high. Bank shares rose.",
			[]string{"Bank of England=ORG", "Bank=ORG"}, "Bank of England", 0},
		{"shared with a name said once", "Eastmoor Harbour Holdings reopened and Eastmoor Gazette reported it. Eastmoor was busy.",
			[]string{"Eastmoor Harbour Holdings=ORG", "Eastmoor Gazette=ORG", "Eastmoor=ORG"}, "Eastmoor Harbour Holdings", 0},
		{"the name with and without its legal form", "Brightwell Logistics cut jobs. Brightwell Logistics Ltd confirmed it. Brightwell declined to comment.",
			[]string{"Brightwell Logistics Ltd=ORG", "Brightwell Logistics=ORG", "Brightwell=ORG"}, "Brightwell Logistics Ltd", 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ents := resolveText(t, nil, c.text, c.items...)
			e := byName(ents, c.full)
			if e == nil {
				t.Fatalf("no %q in %+v", c.full, ents)
			}
			// The last item is the short form ("Wall Street", not "Wall").
			short, _, _ := strings.Cut(c.items[len(c.items)-1], "=")
			joined := false
			for _, m := range e.Mentions {
				joined = joined || m.Text == short
			}
			if c.mentions == 0 && joined {
				t.Errorf("%q joined %q: %v", short, c.full, mentionTexts(e))
			}
			if c.mentions > 0 && (!joined || len(e.Mentions) != c.mentions) {
				t.Errorf("%q mentions %v, want %d including %q", c.full, mentionTexts(e), c.mentions, short)
			}
		})
	}
}

func TestBusinessWordEndsName(t *testing.T) {
	// The model read a name ending in a business word as a place.
	text := "Osmer Airways added flights. Its rival flies to Osmer too."
	ents := resolveText(t, nil, text, "Osmer Airways=LOC")
	e := byName(ents, "Osmer Airways")
	if e == nil || e.Label != quarry.Org && e.Label != quarry.Company {
		t.Fatalf("got %+v", ents)
	}
}

func TestClosedTokens(t *testing.T) {
	for _, c := range []struct {
		tok  string
		want bool
	}{
		{"said", true}, {"dam", true}, {",", false}, {"of", false}, {"van", false}, {"&", false},
		{"Amazon", false}, {"iPhone", false}, {"AWS", false}, {"3m", false}, {"1996", false}, {"’s", false},
	} {
		_, _, flags := shapes(c.tok)
		if got := closed(flags, []byte(strings.ToLower(c.tok))); got != c.want {
			t.Errorf("closed(%q) = %v, want %v", c.tok, got, c.want)
		}
	}
}

func TestMarketIndex(t *testing.T) {
	rules := &fakeRules{gaz: map[string]string{"Dow Jones": "COMPANY"}}
	text := "The Dow Jones industrial average fell 2 percent. Separately, Dow Jones hired 20 reporters. The Kelvar composite rose."
	ents := resolveText(t, rules, text, "Kelvar=ORG")
	var index, company, kelvar *quarry.Entity
	for i := range ents {
		e := &ents[i]
		switch {
		case e.Name == "Dow Jones" && e.Mentions[0].Start == 4:
			index = e
		case e.Name == "Dow Jones":
			company = e
		case e.Name == "Kelvar":
			kelvar = e
		}
	}
	if index == nil || index.Label != quarry.Misc || len(index.Mentions) != 1 {
		t.Errorf("index: %+v", index)
	}
	if company == nil || company.Label != quarry.Company {
		t.Errorf("company: %+v", company)
	}
	if kelvar == nil || kelvar.Label != quarry.Misc {
		t.Errorf("model span before 'composite': %+v", kelvar)
	}
}

// TestSpacedFullStop: pre-tokenised text sets a name's "." off by a space
// ("Kelvar Bros . said"); the mention leaves it out, as it leaves out "'s".
func TestSpacedFullStop(t *testing.T) {
	text := "Kelvar Bros . said sales rose . Acme Inc. said so too ."
	doc := analysis.Default().Analyze(text)
	e := &Extractor{}
	ents := e.resolve(doc, spansAt(t, doc, "Kelvar Bros .=ORG", "Acme Inc.=ORG"), testTypes, nil, nil)
	var got []string
	for _, en := range ents {
		got = append(got, mentionTexts(&en)...)
	}
	if strings.Join(got, "|") != "Kelvar Bros|Acme Inc." {
		t.Errorf("mentions %q, want Kelvar Bros and Acme Inc.", got)
	}
}

func TestCollapseSpaces(t *testing.T) {
	for _, s := range []string{"", "Acme", "Andy Jassy", "Andy  Jassy", " Acme", "Acme ", "Warner\nBros", "Nestlé SA", "Acme\u00a0Inc", "a\u2003b", "A B C"} {
		if got, want := collapseSpaces(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapseSpaces(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestKeyOfASCII(t *testing.T) {
	for _, s := range []string{"", "acme", "Acme", "Andy Jassy", "AT&T Inc.", "New\tYork\n", " a  B "} {
		if got, want := keyOf(s), keyOfRunes(s); got != want {
			t.Errorf("keyOf(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestSameKeyTwoLabels: mentions that share a key (spaces and case aside)
// but were read as a person and as an organisation at high confidence are
// one entity, labelled by most mentions.
func TestSameKeyTwoLabels(t *testing.T) {
	text := "Time Warner grew. TimeWarner said so. Later TimeWarner sold units. Time Warner rose. TimeWarner won."
	ents := resolveText(t, nil, text, "Time Warner=PERSON@40", "TimeWarner=ORG@40")
	if len(ents) != 1 || ents[0].Label != quarry.Org || len(ents[0].Mentions) != 5 {
		t.Fatalf("person and organisation: got %+v, want one ORG of 5 mentions", ents)
	}
}

// TestSameKeyManyLabels: five mentions of "Wales" read with the labels
// given, in order. A place and an organisation stay two entities however
// the labels alternate; a person joins the first other label only, and
// joining it must not carry the place into the organisation.
func TestSameKeyManyLabels(t *testing.T) {
	for _, c := range []struct {
		name string
		typs []int // indexes into testTypes
		want map[string]int
	}{
		{"place and organisation", []int{1, 2, 1, 2, 1}, map[string]int{quarry.Org: 3, quarry.Loc: 2}},
		{"person first", []int{0, 1, 2, 1, 2}, map[string]int{quarry.Org: 3, quarry.Loc: 2}},
	} {
		doc := wordDoc("Wales spoke. Wales won. Wales rained. Wales lost. Wales flooded.")
		var spans []tokSpan
		for k, tok := range doc.Tokens {
			if tok.Text == "Wales" {
				spans = append(spans, tokSpan{first: k, last: k + 1, typ: c.typs[len(spans)], conf: 40})
			}
		}
		ents := (&Extractor{}).resolve(doc, spans, testTypes, nil, nil)
		if len(ents) != len(c.want) {
			t.Errorf("%s: got %d entities, want %d: %+v", c.name, len(ents), len(c.want), ents)
			continue
		}
		for _, e := range ents {
			if len(e.Mentions) != c.want[e.Label] {
				t.Errorf("%s: %s %s has %d mentions, want %d", c.name, e.Label, e.Name, len(e.Mentions), c.want[e.Label])
			}
		}
	}
}

// TestFirstNameJoinsFullName: a first name said alone after the full name
// joins it, unless two people share it or it is someone's surname.
func TestFirstNameJoinsFullName(t *testing.T) {
	text := "Ozzy Osbourne toured. Later Ozzy said he was tired."
	ents := resolveText(t, nil, text, "Ozzy Osbourne=PERSON", "Ozzy=PERSON")
	if len(ents) != 1 || len(ents[0].Mentions) != 2 || ents[0].Name != "Ozzy Osbourne" {
		t.Fatalf("got %+v", ents)
	}
	// Two people called Sharon: it stays apart.
	text = "Sharon Osbourne and Sharon Lake spoke. Sharon said no."
	ents = resolveText(t, nil, text, "Sharon Osbourne=PERSON", "Sharon Lake=PERSON", "Sharon=PERSON")
	if len(ents) != 3 {
		t.Errorf("two Sharons: got %d entities, want 3: %+v", len(ents), ents)
	}
	// Before the full name: stays apart.
	text = "Ozzy waved. Ozzy Osbourne toured."
	ents = resolveText(t, nil, text, "Ozzy Osbourne=PERSON", "Ozzy=PERSON")
	if e := byName(ents, "Ozzy Osbourne"); len(ents) != 2 || e == nil || len(e.Mentions) != 1 {
		t.Errorf("first name before the full name: got %d entities, want 2: %+v", len(ents), ents)
	}
	// Someone's surname too ("Thomas Jones" and "Ann Thomas"): left to partials.
	text = "Thomas Jones met Ann Thomas. Thomas left."
	ents = resolveText(t, nil, text, "Thomas Jones=PERSON", "Ann Thomas=PERSON", "Thomas=PERSON")
	if e := byName(ents, "Thomas Jones"); e == nil || len(e.Mentions) != 1 {
		t.Errorf("Thomas joined Thomas Jones though Ann Thomas has it as surname: %+v", ents)
	}
}

// TestTitleWithModifiers: lower-case words between an organisation and a
// role belong to the title, and the organisation is the affiliation.
func TestTitleWithModifiers(t *testing.T) {
	rules := &fakeRules{gaz: map[string]string{"Kestrel Theatre": "ORG"}}
	text := "Kestrel Theatre artistic director Nina Vale said the season was full. Kestrel Theatre's new executive director Omar Hale agreed."
	ents := resolveText(t, rules, text, "Nina Vale=PERSON", "Omar Hale=PERSON")
	nina, omar, th := byName(ents, "Nina Vale"), byName(ents, "Omar Hale"), byName(ents, "Kestrel Theatre")
	if nina == nil || omar == nil || th == nil {
		t.Fatalf("got %+v", ents)
	}
	if nina.Title != "artistic director" || nina.Affiliation != th.ID {
		t.Errorf("Nina: title %q, affiliation %q", nina.Title, nina.Affiliation)
	}
	if omar.Title != "new executive director" || omar.Affiliation != th.ID {
		t.Errorf("Omar: title %q, affiliation %q", omar.Title, omar.Affiliation)
	}
	// With no organisation before them, the words stay out of the title.
	ents = resolveText(t, nil, "The artistic director Nina Vale said so.", "Nina Vale=PERSON")
	if n := byName(ents, "Nina Vale"); n == nil || n.Title != "director" {
		t.Errorf("no organisation: got %+v", ents)
	}
}

// A share bar names nothing, even a name the body gives.
func TestShareBar(t *testing.T) {
	text := "Share this article\nFacebook · Twitter · Email\n\nOrvane said on Monday it would leave Twitter ."
	ents := resolveText(t, nil, text, "Facebook=ORG", "Twitter=ORG", "Orvane=ORG")
	tw := byName(ents, "Twitter")
	if len(ents) != 2 || tw == nil || len(tw.Mentions) != 1 || tw.Mentions[0].Start < strings.Index(text, "Orvane") {
		t.Fatalf("got %+v", ents)
	}
}

func TestOwnLine(t *testing.T) {
	for _, tc := range []struct {
		text, sentence string
		want           bool
	}{
		{"Body text .\nA Heading Here\nMore .", "A Heading Here", true},
		{"A Heading Here\r\nMore .", "A Heading Here", true},
		{"Body text .\n  A Heading Here  \nMore .", "A Heading Here", true},
		{"Body text .\nA Heading Here", "A Heading Here", true},
		{"Body text . A Heading Here\nMore .", "A Heading Here", false},
		{"Body text .\nA Heading Here and more\n", "A Heading Here", false},
		{"Body text .\n- A Heading Here\nMore .", "A Heading Here", false},
		{"Body text .\n- A Heading Here\nMore .", "- A Heading Here", false},
		{"Body text .\n• A Heading Here\nMore .", "• A Heading Here", false},
	} {
		start := strings.LastIndex(tc.text, tc.sentence)
		s := analysis.Sentence{Start: start, End: start + len(tc.sentence)}
		if got := ownLine(tc.text, s, strings.Fields(tc.sentence)[0]); got != tc.want {
			t.Errorf("ownLine(%q, %q) = %v, want %v", tc.text, tc.sentence, got, tc.want)
		}
	}
}

// A byline's beat and role are no organisation; the same words elsewhere
// are left to the model.
func TestBylineRole(t *testing.T) {
	text := "Orvane Said Its Drug Worked\nBy Ilsa Varga , Health Correspondent\nOrvane said on Monday that its drug worked ."
	ents := resolveText(t, nil, text, "Ilsa Varga=PERSON", "Health Correspondent=ORG", "Orvane=ORG")
	if len(ents) != 2 || byName(ents, "Ilsa Varga") == nil || byName(ents, "Orvane") == nil {
		t.Errorf("byline: got %+v", ents)
	}
	text = "By contrast , the Ministry of Justice said it would appeal ."
	ents = resolveText(t, nil, text, "Ministry of Justice=ORG")
	if byName(ents, "Ministry of Justice") == nil {
		t.Errorf("prose opening By: got %+v", ents)
	}
	text = "In Dunmere , Health Correspondent is a weekly show .\nBy the way , it airs on Mondays ."
	ents = resolveText(t, nil, text, "Health Correspondent=MISC", "Dunmere=LOC")
	if len(ents) != 2 || byName(ents, "Health Correspondent") == nil {
		t.Errorf("no byline: got %+v", ents)
	}
}

// A name ending in a business word is an organisation, even when the
// model read a person ("Kellin Pharma", "Daiwa Securities").
func TestBusinessWordNotPerson(t *testing.T) {
	ents := resolveText(t, nil, "Orvane signed a deal with Kellin Pharma on Monday .", "Kellin Pharma=PERSON", "Orvane=ORG")
	if e := byName(ents, "Kellin Pharma"); e == nil || e.Label == quarry.Person {
		t.Errorf("got %+v", ents)
	}
}
