package rules

import (
	"strings"
	"testing"
)

func TestStoplist(t *testing.T) {
	s := mustLoad(t, false, map[string]string{"s.yaml": `kind: stoplist
entries:
  - id: ai
    labels: [COMPANY, ORG]
    words: [AI, Generative  AI]
  - labels: ["*"]
    words: [Monday]
  - labels: [PERSON]
    words: [May]
    case: sensitive
  - labels: ["*"]
    patterns: ['\d+%?', 'Q[1-4]']
`})
	cases := []struct {
		label, text string
		want        bool
	}{
		{"COMPANY", "AI", true},
		{"COMPANY", "ai", true},
		{"ORG", "Generative AI", true},
		{"ORG", "generative   ai", true},
		{"PERSON", "AI", false},
		{"COMPANY", "AI21", false},
		{"LOC", "Monday", true},
		{"PERSON", "May", true},
		{"PERSON", "MAY", false},
		{"COMPANY", "May", false},
		{"COMPANY", "45%", true},
		{"COMPANY", "Q3", true},
		{"COMPANY", "Q3 Capital", false},
	}
	for _, c := range cases {
		if got := s.Stopped(c.label, c.text); got != c.want {
			t.Errorf("Stopped(%s, %q) = %v, want %v", c.label, c.text, got, c.want)
		}
	}
	// A user group with the same id replaces the default one.
	s = mustLoad(t, true, map[string]string{"u.yaml": `kind: stoplist
entries:
  - id: ai-terms
    labels: [COMPANY]
    words: [Quantum]
`})
	if s.Stopped("COMPANY", "AI") || !s.Stopped("COMPANY", "Quantum") || !s.Stopped("COMPANY", "Monday") {
		t.Error("user stoplist group did not replace the default")
	}
}

// Entities merges gazetteer and pattern matches and drops stopped ones.
func TestEntitiesUseStoplist(t *testing.T) {
	s := mustLoad(t, false, map[string]string{"e.yaml": `kind: gazetteer
entries:
  - {name: Nimbus, label: COMPANY}
  - {name: Nimbus Cloud, label: PRODUCT, parent: Nimbus}
---
kind: pattern
rules:
  - id: x-ai
    label: COMPANY
    pattern: [{is: title, op: "+"}, {text: AI}]
---
kind: stoplist
entries:
  - labels: [COMPANY]
    words: [Generative AI]
`})
	text := "Nimbus Cloud beat Generative AI; Tallow AI and Nimbus agreed."
	var got []string
	for _, m := range s.Entities(text, toks(text)) {
		got = append(got, m.Name(text)+"/"+m.Label)
	}
	if strings.Join(got, " ") != "Nimbus Cloud/PRODUCT Tallow AI/COMPANY Nimbus/COMPANY" {
		t.Errorf("got %v", got)
	}
}

func TestQuoteCues(t *testing.T) {
	s := mustLoad(t, false, map[string]string{"q.yaml": `kind: quote-cues
verbs:
  - warn
  - {lemma: say, forms: [says, said, saying]}
  - {lemma: point out, forms: [pointed out]}
  - {lemma: carry, regular: true}
phrases: [according to]
`})
	q := s.QuoteCues()
	for form, lemma := range map[string]string{"said": "say", "Says": "say", "warned": "warn", "warns": "warn", "warning": "warn", "carried": "carry", "carries": "carry"} {
		if got, ok := q.Verb(form); !ok || got != lemma {
			t.Errorf("Verb(%q) = %q, %v; want %q", form, got, ok, lemma)
		}
	}
	if _, ok := q.Verb("according"); ok {
		t.Error("a phrase word counted as a verb")
	}
	text := "She pointed out, according to Reuters, that he said so."
	var got []string
	for _, m := range q.Match(toks(text)) {
		got = append(got, text[m.Start:m.End]+"="+m.Cue.Category+":"+m.Cue.Lemma)
	}
	if strings.Join(got, "|") != "pointed out=verb:point out|according to=phrase:according to|said=verb:say" {
		t.Errorf("got %q", strings.Join(got, "|"))
	}
}

func TestRegularForms(t *testing.T) {
	for lemma, want := range map[string]string{
		"warn": "warn warns warned warning", "note": "note notes noted noting", "deny": "deny denies denied denying",
		"stress": "stress stresses stressed stressing", "agree": "agree agrees agreed agreeing", "tie": "tie ties tied tying",
		"say that": "say that",
	} {
		if got := strings.Join(regularForms(lemma), " "); got != want {
			t.Errorf("regularForms(%q) = %q, want %q", lemma, got, want)
		}
	}
}

func TestClaimCues(t *testing.T) {
	s := mustLoad(t, false, map[string]string{"c.yaml": `kind: claim-cues
hedges: [may, reportedly, is expected to]
predictions: [will, is expected to]
negations: [not, "n't"]
reporting: [{lemma: show, forms: [shows, showed, shown]}]
comparatives: [more than]
boosters: [clearly]
`})
	c := s.ClaimCues()
	if len(c.Hedges) != 3 || len(c.Predictions) != 2 || len(c.Negations) != 2 || len(c.Reporting) != 1 || len(c.Comparatives) != 1 || len(c.Boosters) != 1 {
		t.Fatalf("counts: %d %d %d %d %d %d", len(c.Hedges), len(c.Predictions), len(c.Negations), len(c.Reporting), len(c.Comparatives), len(c.Boosters))
	}
	text := "Data showed it is expected to grow more than 5%, but it didn't clearly."
	var got []string
	for _, m := range c.Match(toks(text)) {
		got = append(got, text[m.Start:m.End]+"="+m.Cue.Category)
	}
	want := "showed=reporting|is expected to=hedge|is expected to=prediction|more than=comparative|n't=negation|clearly=booster"
	if strings.Join(got, "|") != want {
		t.Errorf("got  %q\nwant %q", strings.Join(got, "|"), want)
	}
	if cs := c.Lookup("SHOWN"); len(cs) != 1 || cs[0].Lemma != "show" {
		t.Errorf("Lookup(SHOWN) = %+v", cs)
	}
}

func TestFigureUnits(t *testing.T) {
	s := mustLoad(t, false, map[string]string{"f.yaml": `kind: figure-units
currencies:
  - {code: USD, symbols: [$, US$], words: [dollar, dollars]}
  - {code: CAD, symbols: [C$], words: [Canadian dollar, Canadian dollars]}
scales: {bn: 1e9, million: 1_000_000, lakh: 100000}
units:
  - {name: percent, dimension: ratio, forms: ["%", per cent]}
  - {name: kilometre, dimension: length, factor: 1000, forms: [km, kilometres]}
  - {name: megawatt, dimension: power, factor: 1e6, forms: [MW]}
counted: [jobs, data centres]
`})
	f := s.FigureUnits()
	if v, ok := f.Scale("BN"); !ok || v != 1e9 {
		t.Errorf("Scale(BN) = %v %v", v, ok)
	}
	if v, _ := f.Scale("million"); v != 1e6 {
		t.Errorf("Scale(million) = %v", v)
	}
	if c := f.CurrencyBySymbol("US$"); c == nil || c.Code != "USD" {
		t.Errorf("CurrencyBySymbol(US$) = %+v", c)
	}
	if c := f.CurrencyByWord("Canadian Dollars"); c == nil || c.Code != "CAD" {
		t.Errorf("CurrencyByWord = %+v", c)
	}
	if c := f.CurrencyByCode("cad"); c == nil || c.Code != "CAD" {
		t.Errorf("CurrencyByCode = %+v", c)
	}
	if u := f.Unit("Per Cent"); u == nil || u.Name != "percent" {
		t.Errorf("Unit(Per Cent) = %+v", u)
	}
	if !f.Counted("Jobs") || f.Counted("cats") {
		t.Error("Counted")
	}
	text := "C$ 5 bn and 40 Canadian dollars, 3 per cent of 200 km, 12 MW not 12 mw, 900 jobs in data centres."
	var got []string
	for _, m := range f.Match(toks(text)) {
		x := text[m.Start:m.End] + "=" + m.Kind
		switch m.Kind {
		case "currency":
			x += ":" + m.Currency.Code
		case "unit":
			x += ":" + m.Unit.Name
		}
		got = append(got, x)
	}
	want := "C$=currency:CAD|bn=scale|Canadian dollars=currency:CAD|per cent=unit:percent|km=unit:kilometre|MW=unit:megawatt|jobs=counted|data centres=counted"
	if strings.Join(got, "|") != want {
		t.Errorf("got  %q\nwant %q", strings.Join(got, "|"), want)
	}
}

// Examples pass and fail on what the rules find; failures carry the file,
// the example's line and the missing expectation's line.
func TestExamplesFail(t *testing.T) {
	s := mustLoad(t, false, map[string]string{"ex.yaml": `kind: gazetteer
entries:
  - name: Quillmore Vantage Holdings
    label: COMPANY
    aliases: [QVH]
examples:
  - text: "Shares of QVH rose after Quillmore Vantage Holdings said..."
    expect: [{text: QVH, label: COMPANY}, {text: Quillmore Vantage Holdings, label: COMPANY}]
    reject: [{text: Shares}]
  - text: "Quillmore rose."
    expect:
      - {text: Quillmore, label: COMPANY}
  - text: "QVH is not an ORG."
    reject: [{text: QVH, label: COMPANY}]
`})
	fails := s.RunExamples(s.Runner(toks), nil)
	if len(fails) != 2 {
		t.Fatalf("got %d failures: %v", len(fails), fails)
	}
	if msg := fails[0].Error(); !strings.HasPrefix(msg, `ex.yaml:10:5: example "Quillmore rose." failed: line 12: expected "Quillmore" COMPANY, not found`) {
		t.Errorf("failure 0 = %s", msg)
	}
	if msg := fails[1].Error(); !strings.HasPrefix(msg, `ex.yaml:13:5: example "QVH is not an ORG." failed: found "QVH" entity COMPANY`) {
		t.Errorf("failure 1 = %s", msg)
	}
	// A swapped runner decides what is found.
	none := func(string) []Found { return nil }
	if n := len(s.RunExamples(none, nil)); n != 2 {
		t.Errorf("with an empty runner: %d failures, want 2 (both expect something)", n)
	}
	all := func(text string) []Found {
		qvh := "COMPANY"
		if strings.Contains(text, "ORG") {
			qvh = "ORG"
		}
		return []Found{{Kind: FoundEntity, Text: "Quillmore", Label: "COMPANY"}, {Kind: FoundEntity, Text: "QVH", Label: qvh},
			{Kind: FoundEntity, Text: "Quillmore Vantage Holdings", Label: "COMPANY"}}
	}
	if fails := s.RunExamples(all, nil); len(fails) != 0 {
		t.Errorf("with a runner finding everything: %v", fails)
	}
}

// The defaults load with no errors, hold what the issue asks for, and
// their examples pass with the real analyzer and with the test tokenizer.
func TestDefaults(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if s2, _ := Default(); s2 != s {
		t.Error("Default is not cached")
	}
	if n := s.Gazetteer().Len(); n < 300 {
		t.Errorf("only %d gazetteer entries", n)
	}
	for _, f := range s.Files() {
		if f.Origin != OriginDefault || !strings.HasPrefix(f.Path, "rules/default/") || len(f.Kinds) == 0 {
			t.Errorf("file info %+v", f)
		}
	}
	if len(s.Examples()) < 10 {
		t.Errorf("only %d examples", len(s.Examples()))
	}
	for name, run := range map[string]ExampleRunner{"analysis": s.Runner(nil), "simple": s.Runner(toks)} {
		for _, f := range s.RunExamples(run, nil) {
			t.Errorf("%s: %v", name, f)
		}
	}
	g := s.Gazetteer()
	for alias, want := range map[string]string{"AWS": "Amazon Web Services", "Facebook": "Meta Platforms", "Google": "Google", "GitHub": "GitHub", "AI21": "AI21 Labs"} {
		e := g.Lookup(alias)
		if e == nil || e.Name != want {
			t.Errorf("Lookup(%q) = %v, want %s", alias, e, want)
		}
	}
	for child, parent := range map[string]string{"AWS": "Amazon", "Google": "Alphabet", "GitHub": "Microsoft", "Alexa": "Amazon", "ChatGPT": "OpenAI"} {
		if p := g.Parent(g.Lookup(child)); p == nil || p.Name != parent {
			t.Errorf("Parent(%s) = %v, want %s", child, p, parent)
		}
	}
	if !s.Stopped("COMPANY", "AI") || !s.Stopped("ORG", "GenAI") || !s.Stopped("PERSON", "CEO") || !s.Stopped("COMPANY", "ChatGPT") {
		t.Error("default stoplist")
	}
	if l, ok := s.QuoteCues().Verb("quipped"); !ok || l != "quip" {
		t.Error("default quote cues")
	}
	if v, ok := s.FigureUnits().Scale("bn"); !ok || v != 1e9 {
		t.Error("default scales")
	}
	if e := s.Titles().Lookup("CEO"); e == nil || e.Name != "chief executive officer" {
		t.Errorf("title CEO = %v", e)
	}
}

// Matching is safe from many goroutines on one Set.
func TestConcurrentMatch(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	text := "AWS chief executive said on Monday that Nvidia and OpenAI will spend $5bn, up 12%."
	tk := toks(text)
	want := len(s.Find(text, tk))
	done := make(chan int)
	for i := 0; i < 8; i++ {
		go func() { done <- len(s.Find(text, tk)) }()
	}
	for i := 0; i < 8; i++ {
		if got := <-done; got != want {
			t.Errorf("got %d finds, want %d", got, want)
		}
	}
}
