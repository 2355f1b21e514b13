package claims

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/quarrylabs/quarry"
)

func f64(v float64) *float64 { return &v }

// groupDoc is a document with one claim: subject entity, predicate, object
// entity (may be empty) and one figure.
func groupDoc(id, subject, pred, object, claimText string, fig quarry.Figure) quarry.Document {
	d := quarry.Document{ID: id}
	d.Entities = append(d.Entities, quarry.Entity{ID: "e1", Label: quarry.Company, Name: subject,
		Mentions: []quarry.Mention{{Start: 0, End: len(subject), Text: subject}}})
	c := quarry.Claim{ID: "c1", Start: 0, End: len(claimText), Text: claimText, Predicate: pred,
		Subject:  &quarry.ClaimSubject{Entity: "e1", Start: 0, End: len(subject), Text: subject},
		Source:   quarry.ClaimSource{Type: SourceArticle},
		Modality: Asserted}
	if object != "" {
		i := strings.Index(claimText, object)
		d.Entities = append(d.Entities, quarry.Entity{ID: "e2", Label: quarry.Company, Name: object,
			Mentions: []quarry.Mention{{Start: i, End: i + len(object), Text: object}}})
		c.Object = claimText[strings.Index(claimText, fig.Text):]
	}
	fig.ID = "f1"
	fig.Start = strings.Index(claimText, fig.Text)
	fig.End = fig.Start + len(fig.Text)
	d.Figures = []quarry.Figure{fig}
	c.Figures = []string{"f1"}
	d.Claims = []quarry.Claim{c}
	return d
}

func seq(docs ...quarry.Document) func(func(quarry.Document) bool) {
	return func(yield func(quarry.Document) bool) {
		for _, d := range docs {
			if !yield(d) {
				return
			}
		}
	}
}

func money(text string, v float64, approx ...string) quarry.Figure {
	return quarry.Figure{Text: text, Kind: "money", Value: f64(v), Currency: "USD", Approx: approx}
}

func count(text string, v float64, approx ...string) quarry.Figure {
	return quarry.Figure{Text: text, Kind: "number", Value: f64(v), Approx: approx}
}

func TestGroupDisagreement(t *testing.T) {
	cases := []struct {
		name       string
		a, b       quarry.Document
		disagree   bool
		scoped     bool
		wantObject string
	}{
		{"stake vs up to",
			groupDoc("d1", "Amazon", "invest", "Anthropic", "Amazon holds an $8 billion stake in Anthropic", money("$8 billion", 8e9)),
			groupDoc("d2", "amazon", "stake", "Anthropic", "Amazon made an up to $4 billion investment in Anthropic", money("up to $4 billion", 4e9, "up_to")),
			true, false, "anthropic"},
		{"about admits exact",
			groupDoc("d1", "Pellmar", "cut", "", "Pellmar cut about 12,000 jobs", count("about 12,000", 12000, "about")),
			groupDoc("d2", "Pellmar", "cut", "", "Pellmar cut 12,000 jobs", count("12,000", 12000)),
			false, false, ""},
		{"different counts",
			groupDoc("d1", "Pellmar", "cut", "", "Pellmar cut 14,000 jobs", count("14,000", 14000)),
			groupDoc("d2", "Pellmar", "cut", "", "Pellmar cut 27,000 jobs", count("27,000", 27000)),
			true, false, ""},
		{"scoped apart",
			groupDoc("d1", "Pellmar", "cut", "", "Pellmar is cutting 14,000 corporate jobs", count("14,000", 14000)),
			groupDoc("d2", "Pellmar", "cut", "", "Pellmar ~27,000+ (including previous rounds)", count("~27,000+", 27000, "about", "at_least")),
			false, true, ""},
		{"more than admits larger",
			groupDoc("d1", "Pellmar", "raise", "", "Pellmar raised more than $1 billion", money("more than $1 billion", 1e9, "more_than")),
			groupDoc("d2", "Pellmar", "raise", "", "Pellmar raised $1.4 billion", money("$1.4 billion", 1.4e9)),
			false, false, ""},
	}
	for _, c := range cases {
		gs := Group(seq(c.a, c.b))
		if len(gs) != 1 {
			t.Errorf("%s: %d groups, want 1: %+v", c.name, len(gs), gs)
			continue
		}
		g := gs[0]
		if g.Docs != 2 || len(g.Claims) != 2 {
			t.Errorf("%s: docs %d claims %d", c.name, g.Docs, len(g.Claims))
		}
		if g.Key.Object != c.wantObject {
			t.Errorf("%s: key %+v, want object %q", c.name, g.Key, c.wantObject)
		}
		if g.Disagreement != c.disagree {
			t.Errorf("%s: disagreement %v, want %v (%+v)", c.name, g.Disagreement, c.disagree, g.Conflicts)
		}
		if (len(g.Scoped) > 0) != c.scoped {
			t.Errorf("%s: scoped %+v, want %v", c.name, g.Scoped, c.scoped)
		}
		if c.scoped && !strings.Contains(g.Scoped[0].Reason, "including previous rounds") {
			t.Errorf("%s: scoped reason %q does not show the scope", c.name, g.Scoped[0].Reason)
		}
	}
}

func TestGroupKeys(t *testing.T) {
	a := groupDoc("d1", "Pellmar", "cut", "", "Pellmar cut 300 jobs", count("300", 300))
	b := groupDoc("d2", "Pellmar", "hire", "", "Pellmar hired 300 people", count("300", 300))
	c := groupDoc("d3", "Orvane", "cut", "", "Orvane cut 300 jobs", count("300", 300))
	d := groupDoc("d4", "PELLMAR", "laid off", "", "PELLMAR laid off 300 staff", count("300", 300))
	gs := Group(seq(a, b, c, d))
	var keys []string
	for _, g := range gs {
		keys = append(keys, g.Key.Subject+"/"+g.Key.Predicate)
	}
	want := []string{"pellmar/cut", "orvane/cut", "pellmar/hire"}
	if !slices.Equal(keys, want) {
		t.Errorf("keys %v, want %v", keys, want)
	}
	if gs[0].Docs != 2 {
		t.Errorf("pellmar/cut spans %d docs, want 2", gs[0].Docs)
	}
	// Claims without a subject are not grouped.
	a.Claims[0].Subject = nil
	if gs := Group(seq(a)); len(gs) != 0 {
		t.Errorf("subjectless claim grouped: %+v", gs)
	}
}

func TestInterval(t *testing.T) {
	inf := math.Inf(1)
	cases := []struct {
		f      quarry.Figure
		lo, hi float64
	}{
		{count("100", 100), 98, 102},
		{count("about 100", 100, "about"), 85, 115},
		{count("up to 100", 100, "up_to"), 0, 102},
		{count("100+", 100, "at_least"), 98, inf},
		{quarry.Figure{Kind: "number", Min: f64(200), Max: f64(999)}, 196, 1018.98},
	}
	for _, c := range cases {
		lo, hi, ok := Interval(c.f)
		if !ok || math.Abs(lo-c.lo) > 1e-6 || (hi != c.hi && math.Abs(hi-c.hi) > 1e-6) {
			t.Errorf("Interval(%+v) = %v..%v %v, want %v..%v", c.f, lo, hi, ok, c.lo, c.hi)
		}
	}
	if _, _, ok := Interval(quarry.Figure{Kind: "number"}); ok {
		t.Error("a figure without value has an interval")
	}
}

// TestGroupRepeatedText: a claim whose text a document repeats (a headline
// printed again above the body) is one member; another document's claim
// with the same text is its own.
func TestGroupRepeatedText(t *testing.T) {
	a := groupDoc("a", "Orvane Foods", "cut", "", "Orvane Foods to cut 300 jobs", count("300", 300))
	again := a.Claims[0]
	again.ID, again.Start, again.End = "c2", 40, 40+len(again.Text)
	a.Claims = append(a.Claims, again)
	b := groupDoc("b", "Orvane Foods", "cut", "", "Orvane Foods to cut 300 jobs", count("300", 300))
	gs := Group(seq(a, b))
	if len(gs) != 1 {
		t.Fatalf("%d groups, want 1", len(gs))
	}
	var got []string
	for _, m := range gs[0].Claims {
		got = append(got, m.Doc+"/"+m.Claim)
	}
	if want := []string{"a/c1", "b/c1"}; !slices.Equal(got, want) {
		t.Errorf("members %v, want %v", got, want)
	}
	if gs[0].Docs != 2 {
		t.Errorf("docs %d, want 2", gs[0].Docs)
	}
}
