package claims

import (
	"strconv"
	"strings"
	"testing"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/extractors/figures"
	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// fixture analyses text and marks the given names as entities (every
// occurrence), so these tests do not depend on the entity model; figures
// come from the figures extractor.
func fixture(t *testing.T, text string, quotes []quarry.Quote, names ...string) (*analysis.Doc, *quarry.Document) {
	t.Helper()
	_, set := pipeline(t)
	doc := analysis.Default().Analyze(text)
	out := &quarry.Document{Quotes: quotes}
	for i := 0; i+1 < len(names); i += 2 {
		e := quarry.Entity{ID: "e" + string(rune('1'+i/2)), Name: names[i], Label: names[i+1]}
		for from := 0; ; {
			k := strings.Index(text[from:], names[i])
			if k < 0 {
				break
			}
			s := from + k
			e.Mentions = append(e.Mentions, quarry.Mention{Start: s, End: s + len(names[i]), Text: names[i]})
			from = s + len(names[i])
		}
		out.Entities = append(out.Entities, e)
	}
	if err := figures.New(set).Extract(doc, out); err != nil {
		t.Fatal(err)
	}
	return doc, out
}

func extract(t *testing.T, text string, quotes []quarry.Quote, names ...string) *quarry.Document {
	t.Helper()
	_, set := pipeline(t)
	doc, out := fixture(t, text, quotes, names...)
	if err := New(set).Extract(doc, out); err != nil {
		t.Fatal(err)
	}
	checkOffsets(t, text, out)
	return out
}

// checkOffsets: every span is exact, ids run c1, c2, ... in text order and
// every figure id exists.
func checkOffsets(t *testing.T, text string, out *quarry.Document) {
	t.Helper()
	figs := map[string]bool{}
	for _, f := range out.Figures {
		figs[f.ID] = true
	}
	last := -1
	for i, c := range out.Claims {
		if c.ID != "c"+strconv.Itoa(i+1) {
			t.Errorf("claim %d has id %s", i, c.ID)
		}
		if c.Start < last {
			t.Errorf("%s out of text order", c.ID)
		}
		last = c.Start
		if c.Start < 0 || c.End > len(text) || text[c.Start:c.End] != c.Text {
			t.Errorf("%s: text %q does not match [%d,%d)", c.ID, c.Text, c.Start, c.End)
		}
		if s := c.Subject; s != nil && (s.Start < 0 || s.End > len(text) || text[s.Start:s.End] != s.Text) {
			t.Errorf("%s: subject %q does not match [%d,%d)", c.ID, s.Text, s.Start, s.End)
		}
		if c.Object != "" && !strings.Contains(c.Text, c.Object) {
			t.Errorf("%s: object %q not in claim text", c.ID, c.Object)
		}
		for _, id := range c.Figures {
			if !figs[id] {
				t.Errorf("%s: unknown figure %s", c.ID, id)
			}
		}
		if c.Checkworthy < 0 || c.Checkworthy > 1 {
			t.Errorf("%s: checkworthy %v out of 0..1", c.ID, c.Checkworthy)
		}
	}
}

func figText(out *quarry.Document, c quarry.Claim) []string {
	var ts []string
	for _, id := range c.Figures {
		for _, f := range out.Figures {
			if f.ID == id {
				ts = append(ts, f.Text)
			}
		}
	}
	return ts
}

var firm = []string{"Orvane Foods", quarry.Company, "Pellmar", quarry.Company, "Ines Marlow", quarry.Person, "Ruth Okafor", quarry.Person}

func TestModality(t *testing.T) {
	cases := []struct{ text, want string }{
		{"Orvane Foods cut 300 jobs in May.", Asserted},
		{"Orvane Foods may cut 300 jobs.", Hedged},
		{"Orvane Foods could acquire Pellmar for $40 million.", Hedged},
		{"Orvane Foods is likely to cut 300 jobs next year.", Hedged},
		{"Orvane Foods will cut 300 jobs next year.", Predicted},
		{"Orvane Foods is expected to hire 150 engineers.", Predicted},
		{"Orvane Foods did not cut any jobs in May.", Negated},
		{"Orvane Foods has never lost money on a store.", Negated},
		{"Did Orvane Foods cut 300 jobs?", Question},
		{"If sales slow, Orvane Foods would cut 300 jobs.", Conditional},
		{"Orvane Foods is not just cutting 300 jobs.", Asserted},
		{"Orvane Foods will now hire 40 drivers.", Asserted},
		{"Analysts suggest Orvane Foods lost $40 million.", Hedged},
		{"The data suggests that Orvane Foods lost $40 million.", Hedged},
		{"Ines Marlow said Orvane Foods lost $40 million.", Asserted},
	}
	for _, c := range cases {
		out := extract(t, c.text, nil, firm...)
		if len(out.Claims) != 1 {
			t.Errorf("%q: %d claims, want 1", c.text, len(out.Claims))
			continue
		}
		if got := out.Claims[0].Modality; got != c.want {
			t.Errorf("%q: modality %s, want %s", c.text, got, c.want)
		}
	}
}

func TestSource(t *testing.T) {
	cases := []struct {
		text   string
		quotes []quarry.Quote
		want   quarry.ClaimSource
	}{
		{"Orvane Foods lost $12 million in 2023.", nil, quarry.ClaimSource{Type: SourceArticle}},
		{"Orvane Foods reportedly lost $12 million in 2023.", nil, quarry.ClaimSource{Type: SourceReported}},
		{"According to sources, Orvane Foods lost $12 million in 2023.", nil, quarry.ClaimSource{Type: SourceReported}},
		{"According to Ines Marlow, Orvane Foods lost $12 million in 2023.", nil, quarry.ClaimSource{Type: SourceSpeaker, Entity: "e3"}},
		{"Finance chief Ines Marlow said that Orvane Foods will invest $50 million in Spain.", nil, quarry.ClaimSource{Type: SourceSpeaker, Entity: "e3"}},
		// A quote from the quotes extractor carries its speaker.
		{`"Orvane Foods lost $12 million last year," Ines Marlow said.`,
			[]quarry.Quote{{ID: "q1", Start: 1, End: 42, Kind: "direct", Speaker: &quarry.Speaker{Name: "Ines Marlow", Entity: "e3"}}},
			quarry.ClaimSource{Type: SourceSpeaker, Quote: "q1", Entity: "e3"}},
		// An unattributed quote is the writer's.
		{`"Orvane Foods lost $12 million last year."`,
			[]quarry.Quote{{ID: "q1", Start: 1, End: 41, Kind: "direct"}},
			quarry.ClaimSource{Type: SourceArticle}},
	}
	for _, c := range cases {
		for i := range c.quotes {
			c.quotes[i].Text = c.text[c.quotes[i].Start:c.quotes[i].End]
		}
		out := extract(t, c.text, c.quotes, firm...)
		if len(out.Claims) != 1 {
			t.Errorf("%q: %d claims, want 1", c.text, len(out.Claims))
			continue
		}
		if got := out.Claims[0].Source; got != c.want {
			t.Errorf("%q: source %+v, want %+v", c.text, got, c.want)
		}
	}
}

func TestSubjectPredicateObject(t *testing.T) {
	cases := []struct {
		text, subject, predicate, object string
		figures                          []string
	}{
		{"Orvane Foods cut 300 jobs in May.", "Orvane Foods", "cut", "300 jobs", []string{"300"}},
		{"Pellmar appointed Ruth Okafor as chief executive.", "Pellmar", "appoint", "Ruth Okafor", nil},
		{"Pellmar named Ruth Okafor chief executive on Monday.", "Pellmar", "appoint", "", nil},
		{"Ruth Okafor left Pellmar after 11 years.", "Ruth Okafor", "leave", "Pellmar", []string{"11 years"}},
		{"Orvane Foods, the country's largest grocer, sold its bakery unit to Pellmar.", "Orvane Foods", "sell", "its bakery unit to Pellmar", nil},
		{"Orvane Foods has agreed a $3 billion stake in Pellmar.", "Orvane Foods", "invest", "Pellmar", []string{"$3 billion"}},
		{"The layoff of 2,000 Pellmar employees was announced on Friday.", "Pellmar", "cut", "2,000 Pellmar employees", []string{"2,000"}},
		{"As Orvane Foods continues to invest in stores, Pellmar is shrinking.", "Orvane Foods", "invest", "in stores", nil},
		{"Pellmar's rival Orvane Foods is hiring 400 drivers.", "Orvane Foods", "hire", "400 drivers", []string{"400"}},
		{"Orvane Foods raised its prices by 4.5%.", "Orvane Foods", "raise", "its prices by 4.5%", []string{"4.5%"}},
		{"The 58-year-old Ruth Okafor left Pellmar aged 61.", "Ruth Okafor", "leave", "Pellmar", []string{"58-year-old", "61"}},
	}
	for _, c := range cases {
		out := extract(t, c.text, nil, firm...)
		if len(out.Claims) == 0 {
			t.Errorf("%q: no claim", c.text)
			continue
		}
		cl := out.Claims[0]
		if cl.Subject == nil || cl.Subject.Text != c.subject {
			t.Errorf("%q: subject %+v, want %q", c.text, cl.Subject, c.subject)
		}
		if cl.Predicate != c.predicate {
			t.Errorf("%q: predicate %q, want %q", c.text, cl.Predicate, c.predicate)
		}
		if c.object != "" && !strings.Contains(cl.Object, c.object) {
			t.Errorf("%q: object %q, want it to hold %q", c.text, cl.Object, c.object)
		}
		if got := figText(out, cl); strings.Join(got, "|") != strings.Join(c.figures, "|") {
			t.Errorf("%q: figures %q, want %q", c.text, got, c.figures)
		}
	}
}

// The object's length cap never ends it inside a figure: it takes the
// rest of a figure that ends close by, or ends before it.
func TestObjectFigureEdge(t *testing.T) {
	const lead = "Orvane Foods will pay the buyer of its former frozen bakery unit in the far north of the country "
	cases := []struct{ text, object string }{
		{lead + "$900m over five years.", "the buyer of its former frozen bakery unit in the far north of the country $900m"},
		{lead + "£2m to £3m over five years.", "the buyer of its former frozen bakery unit in the far north of the country"},
		{lead + "between $2m and $3m over five years.", "the buyer of its former frozen bakery unit in the far north of the country"},
		{"Orvane Foods cut its prices by 4.5%, the first cut in years.", "its prices by 4.5%"},
		{"Orvane Foods could cut as many as 300 staff in May.", "as many as 300 staff in May"},
	}
	for _, c := range cases {
		out := extract(t, c.text, nil, firm...)
		if len(out.Claims) == 0 {
			t.Errorf("%q: no claim", c.text)
			continue
		}
		if got := out.Claims[0].Object; got != c.object {
			t.Errorf("%q: object %q, want %q", c.text, got, c.object)
		}
	}
}

func TestNonClaims(t *testing.T) {
	for _, text := range []string{
		"Stay focused, stay humble, and keep shipping.",
		"Only time will tell.",
		"I think Orvane Foods should cut prices.",
		"You should always read the small print.",
		"Investors must watch the numbers closely over the next 18 months.",
		"Focus on learning Python and cloud tools.",
		"What does this mean for shoppers?",
	} {
		out := extract(t, text, nil, firm...)
		for _, c := range out.Claims {
			if c.Checkworthy > 0.2 {
				t.Errorf("%q: claim %q scores %v, want none or near zero", text, c.Text, c.Checkworthy)
			}
		}
	}
}

func TestCheckworthyOrders(t *testing.T) {
	text := "Orvane Foods cut 300 jobs in May. Orvane Foods may change its logo. If sales slow, Orvane Foods would cut 300 jobs."
	out := extract(t, text, nil, firm...)
	score := map[string]float64{}
	for _, c := range out.Claims {
		score[c.Text] = c.Checkworthy
	}
	hard := score["Orvane Foods cut 300 jobs in May."]
	if hard < 0.6 {
		t.Errorf("asserted figure claim scores %v, want >= 0.6 (%v)", hard, score)
	}
	if s, ok := score["If sales slow, Orvane Foods would cut 300 jobs."]; !ok || s >= hard {
		t.Errorf("conditional scores %v (found %v), want below %v", s, ok, hard)
	}
	if s, ok := score["Orvane Foods may change its logo."]; ok && s > 0.3 {
		t.Errorf("vague hedged statement scores %v", s)
	}
}

func TestTableRows(t *testing.T) {
	text := "Job cuts in 2024\nCompany Jobs Cut Reason\nOrvane Foods 1,200 Store closures\nPellmar 2,300 (including earlier rounds) Automation\n\nThat is all."
	out := extract(t, text, nil, firm...)
	var rows []quarry.Claim
	for _, c := range out.Claims {
		if c.Features["table_row"] == 1 {
			rows = append(rows, c)
		}
	}
	if len(rows) != 2 {
		t.Fatalf("%d table rows, want 2: %+v", len(rows), out.Claims)
	}
	for i, want := range []string{"Orvane Foods", "Pellmar"} {
		if rows[i].Subject == nil || rows[i].Subject.Text != want || rows[i].Predicate != "cut" || len(rows[i].Figures) == 0 {
			t.Errorf("row %d: %+v", i, rows[i])
		}
	}
	if s := Scope(rows[1].Text); s != "including earlier rounds" {
		t.Errorf("row scope %q", s)
	}
}

func TestHypotheticalQuote(t *testing.T) {
	text := "You can almost see the case study now. \u201cPellmar cut 900 jobs and became the number 2 grocer.\u201d"
	out := extract(t, text, nil, firm...)
	if len(out.Claims) == 0 {
		t.Fatal("no claim in the imagined quote")
	}
	for _, c := range out.Claims {
		if c.Modality != Conditional || c.Source.Type != SourceArticle {
			t.Errorf("%q: %s/%s, want conditional/article", c.Text, c.Modality, c.Source.Type)
		}
	}
}

func TestScope(t *testing.T) {
	cases := map[string]string{
		"Amazon ~27,000+ (including previous rounds) Cost-cutting": "including previous rounds",
		"Meta ~21,000+ (in multiple rounds)":                       "in multiple rounds",
		"Pellmar has cut 3,000 jobs since 2022":                    "since 2022",
		"Orvane Foods is cutting 14,000 corporate jobs.":           "",
		"Pellmar has cut 5,000 jobs so far":                        "so far",
	}
	for text, want := range cases {
		if got := Scope(text); got != want {
			t.Errorf("Scope(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestLemma(t *testing.T) {
	cases := map[string]string{"is": "be", "continues": "continue", "pushes": "push", "operated": "operate",
		"stopped": "stop", "carries": "carry", "reported": "report", "signals": "signal", "making": "make", "said": "say", "speaking": "speak",
		"valued": "value", "continued": "continue", "issued": "issue", "argued": "argue",
		"voted": "vote", "filed": "file", "quoted": "quote", "hoped": "hope", "hopped": "hop", "rained": "rain",
		"opened": "open", "visited": "visit", "wanted": "want", "ruled": "rule", "aimed": "aim", "joined": "join", "cited": "cite",
		"opposed": "oppose", "proposing": "propose", "caused": "cause", "focused": "focus", "analysed": "analyse",
		"reversed": "reverse", "collapsed": "collapse", "licensed": "license", "pulsed": "pulse", "closed": "close"}
	for in, want := range cases {
		if got := lemma(in); got != want {
			t.Errorf("lemma(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCanonical(t *testing.T) {
	cases := map[string]string{"stake": "invest", "investment": "invest", "Invest": "invest", "laid off": "cut",
		"layoffs": "cut", "exited": "leave", "step into": "appoint", "be": "be"}
	for in, want := range cases {
		if got := Canonical(in); got != want {
			t.Errorf("Canonical(%q) = %q, want %q", in, got, want)
		}
	}
}

// A negation exception looked one token past the end of the text.
func TestPhraseAtEndOfText(t *testing.T) {
	text := "Zephyrine Tidewater Analytics said profits rose. Analysts at ZTA were pleased, and Zephyrine shares climbed."
	doc := analysis.Default().Analyze(text)
	out := &quarry.Document{}
	if err := New(nil).Extract(doc, out); err != nil {
		t.Fatal(err)
	}
	if err := out.CheckOffsets(text); err != nil {
		t.Error(err)
	}
}

// TestClaimClasses covers the kinds of claims that name no subject entity
// or hang on grammar: each text holds one claim of this shape.
func TestClaimClasses(t *testing.T) {
	type want struct {
		subject, predicate, modality, source, sourceEntity string
	}
	cases := []struct {
		text string
		want want
	}{
		// A change in a metric, forecast by unnamed analysts.
		{"Analysts expect profit to fall next year.", want{"", "decrease", Predicted, SourceReported, ""}},
		// A precise figure with no entity.
		{"Lawyers for the drivers had sought $65 million.", want{"", "seek", Asserted, SourceArticle, ""}},
		// An event done to a named entity by an unnamed one.
		{"A senior engineer left Pellmar in June.", want{"", "leave", Asserted, SourceArticle, ""}},
		// Tenure: a named subject, a duration and another entity.
		{"Ruth Okafor worked at Pellmar for 11 years.", want{"Ruth Okafor", "work", Asserted, SourceArticle, ""}},
		// A ranking about the entity after the verb.
		{"The deal makes Pellmar the largest grocer in Spain.", want{"Pellmar", "make", Asserted, SourceArticle, ""}},
		// Reported speech without "that", after a time phrase; "it" is the speaker.
		{"Orvane Foods said on Tuesday it will cut 300 jobs.", want{"it", "cut", Predicted, SourceSpeaker, "e1"}},
		// "would" in reported speech is a past "will".
		{"Ines Marlow said that Pellmar would save $40 million.", want{"Pellmar", "save", Predicted, SourceSpeaker, "e3"}},
		// An attribution closing the sentence; an unnamed speaker.
		{"Pellmar will not replace her until May, a spokesperson said.", want{"Pellmar", "replace", Negated, SourceSpeaker, ""}},
		// A denial negates what it reports.
		{"Pellmar denied that it had cut 300 jobs.", want{"it", "cut", Negated, SourceSpeaker, "e2"}},
		// A prefixed event verb; the main clause after a condition.
		{"If demand recovers, Pellmar could rehire some staff.", want{"Pellmar", "hire", Conditional, SourceArticle, ""}},
		{"If the ruling stands, Pellmar may have to reclassify 4,000 drivers.", want{"Pellmar", "reclassify", Conditional, SourceArticle, ""}},
		// A catenative verb leaves the predicate to its infinitive.
		{"Pellmar expects to open 40 stores.", want{"Pellmar", "open", Predicted, SourceArticle, ""}},
		{"The airline is projected to carry 14 million passengers.", want{"", "carry", Predicted, SourceArticle, ""}},
		// An event noun after a preposition is not the predicate.
		{"Pellmar would save $40 million from the layoffs.", want{"Pellmar", "save", Conditional, SourceArticle, ""}},
		// A duration as the verb's object is a figure to check.
		{"The battery lasts up to 30 hours.", want{"", "last", Asserted, SourceArticle, ""}},
	}
	for _, c := range cases {
		out := extract(t, c.text, nil, firm...)
		if len(out.Claims) != 1 {
			t.Errorf("%q: %d claims, want 1: %+v", c.text, len(out.Claims), out.Claims)
			continue
		}
		cl := out.Claims[0]
		subject := ""
		if cl.Subject != nil {
			subject = cl.Subject.Text
		}
		got := want{subject, cl.Predicate, cl.Modality, cl.Source.Type, cl.Source.Entity}
		if got != c.want {
			t.Errorf("%q:\n got  %+v\n want %+v", c.text, got, c.want)
		}
	}
}

// A relative clause after a name is its own claim about that name.
func TestRelativeClause(t *testing.T) {
	text := "Pellmar appointed Ines Marlow, who left Orvane Foods in May after six years."
	out := extract(t, text, nil, firm...)
	if len(out.Claims) != 2 {
		t.Fatalf("%d claims, want 2: %+v", len(out.Claims), out.Claims)
	}
	first, second := out.Claims[0], out.Claims[1]
	if first.Predicate != "appoint" || first.Subject == nil || first.Subject.Text != "Pellmar" {
		t.Errorf("first: %+v", first)
	}
	if second.Predicate != "leave" || second.Subject == nil || second.Subject.Text != "Ines Marlow" || !strings.HasPrefix(second.Text, "who") {
		t.Errorf("second: %+v", second)
	}
}

// The tagger sometimes reads "whereas" after a comma as WP, as if it began
// a relative clause about a name before the comma; here there is none (this
// text panicked with index -1), and the clause after it is a claim of its
// own, about the firm in it.
func TestCommaWhereasTaggedWP(t *testing.T) {
	text := "Such games contain a social aspect, whereas Helix Corp cut 300 jobs."
	doc := analysis.Default().Analyze(text)
	wp := false
	for _, tk := range doc.Tokens {
		wp = wp || tk.Norm == "whereas" && tk.Tag == "WP"
	}
	if !wp {
		t.Skip("the tagger no longer tags this \"whereas\" WP; the case needs another text")
	}
	out := extract(t, text, nil, "Helix Corp", quarry.Company)
	var got *quarry.Claim
	for i := range out.Claims {
		if strings.HasPrefix(out.Claims[i].Text, "whereas") {
			got = &out.Claims[i]
		}
	}
	if got == nil {
		t.Fatalf("no claim for the clause after \"whereas\": %+v", out.Claims)
	}
	if got.Subject == nil || got.Subject.Text != "Helix Corp" {
		t.Errorf("subject %+v, want Helix Corp", got.Subject)
	}
}

// A headline name that swallowed the verb ("Top Scientist Leaves Pellmar
// Labs" taken for one company) is split around it.
func TestHeadlineSplit(t *testing.T) {
	text := "Top Scientist Leaves Pellmar Labs\n\nPellmar Labs has lost its head of research."
	doc := analysis.Default().Analyze(text)
	ment := func(s string, from int) quarry.Mention {
		i := from + strings.Index(text[from:], s)
		return quarry.Mention{Start: i, End: i + len(s), Text: s}
	}
	out := &quarry.Document{Entities: []quarry.Entity{
		{ID: "e1", Name: "Top Scientist Leaves Pellmar Labs", Label: quarry.Company, Mentions: []quarry.Mention{ment("Top Scientist Leaves Pellmar Labs", 0)}},
		{ID: "e2", Name: "Pellmar Labs", Label: quarry.Company, Mentions: []quarry.Mention{ment("Pellmar Labs", 10)}},
	}}
	_, set := pipeline(t)
	if err := New(set).Extract(doc, out); err != nil {
		t.Fatal(err)
	}
	if len(out.Claims) == 0 || out.Claims[0].Predicate != "leave" {
		t.Fatalf("headline: %+v", out.Claims)
	}
	h := out.Claims[0]
	if h.Subject == nil || h.Subject.Text != "Top Scientist" || !strings.Contains(h.Object, "Pellmar Labs") {
		t.Errorf("headline claim %+v", h)
	}
}

func TestNoVagueFigureClaims(t *testing.T) {
	for _, text := range []string{
		"Thousands of engineers are now on the market.",
		"11 mins read",
		"It is easy to get lost in the numbers of these layoffs.",
		"Investors should stay patient for another 12 months.",
	} {
		if out := extract(t, text, nil, firm...); len(out.Claims) > 0 {
			t.Errorf("%q: %d claims: %+v", text, len(out.Claims), out.Claims[0])
		}
	}
}

// A comment header ("name · 2 hours ago") is not a claim.
func TestCommentHeaderIsNoClaim(t *testing.T) {
	text := "Comments\n\nriverbend_dev · 2 hours ago\nThe product costs $39 a month per seat.\n"
	doc := analysis.Default().Analyze(text)
	out := &quarry.Document{}
	if err := figures.New(nil).Extract(doc, out); err != nil {
		t.Fatal(err)
	}
	if err := New(nil).Extract(doc, out); err != nil {
		t.Fatal(err)
	}
	for _, c := range out.Claims {
		if strings.Contains(c.Text, "hours ago") {
			t.Errorf("claim %q (predicate %q)", c.Text, c.Predicate)
		}
	}
}

// TestEqFold checks eqFold against strings.EqualFold, with the runes that
// fold to ASCII letters from two or three bytes.
func TestEqFold(t *testing.T) {
	bs := []string{"while", "that", "as", "according", "by", "s", "k", "'s"}
	as := []string{"", "While", "WHILE", "whiles", "While,", "ſ", "K", "kelvin", "Kelvin", "ſtate", "'S", "'ſ",
		"thaK", "thaK", "aſ", "Aſ", "ſſ", "by", "BY", "bY", "Äs", "éAs", "as", "a", "s", "k"}
	for _, b := range bs {
		for _, a := range as {
			if got, want := eqFold(a, b), strings.EqualFold(a, b); got != want {
				t.Errorf("eqFold(%q, %q) = %v, want %v", a, b, got, want)
			}
		}
	}
}

// A related link's headline is page furniture: it claims nothing here.
func TestFurnitureClaimsNothing(t *testing.T) {
	text := "Orvane will close its Dunmere plant in May, the company said.\n\nRelated: Orvane shares fell 5% after the recall\n"
	out := extract(t, text, nil, "Orvane", quarry.Company)
	if len(out.Claims) != 1 || !strings.Contains(out.Claims[0].Text, "Dunmere") {
		t.Errorf("claims %+v, want only the Dunmere one", out.Claims)
	}
}
