package rules

import (
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/quarrylabs/quarry/pipeline/analysis"
)

const claimCueFile = `kind: claim-cues
events:
  cut:
    verbs: [slash, {lemma: lay off, forms: [laid off]}]
    nouns: [layoffs]
  invest:
    verbs: [invest]
negations: [not, "n't", "isn't"]
predictions: [will]
conditionals: [if, would]
metrics: [profit]
exceptions:
  negations: [not just, "n't just"]
  predictions: [will now]
`

// scanned renders Scan's matches as text=category(lemma).
func scanned(c *ClaimCues, text string, toks []analysis.Token) string {
	var out []string
	for _, m := range c.Scan(toks) {
		out = append(out, text[m.Start:m.End]+"="+m.Cue.Category+"("+m.Cue.Lemma+")")
	}
	return strings.Join(out, " ")
}

func TestClaimCueKinds(t *testing.T) {
	s := mustLoad(t, false, map[string]string{"c.yaml": claimCueFile})
	c := s.ClaimCues()
	if len(c.Events) != 3 || len(c.EventNouns) != 1 || len(c.Conditionals) != 2 || len(c.Metrics) != 1 || len(c.Exceptions) != 3 {
		t.Fatalf("counts: events %d nouns %d conditionals %d metrics %d exceptions %d",
			len(c.Events), len(c.EventNouns), len(c.Conditionals), len(c.Metrics), len(c.Exceptions))
	}
	cases := []struct{ text, want string }{
		// Event cues carry their predicate; regular forms of a bare verb.
		{"Acme slashed costs and laid off staff after layoffs.", "slashed=event(cut) laid off=event(cut) layoffs=event_noun(cut)"},
		{"Acme invests.", "invests=event(invest)"},
		// Forms match across the tokens that spell them.
		{"Acme isn't hiring.", "isn't=negation(isn't) n't=negation(n't)"},
		// Exceptions drop the cues they overlap, of their own list only.
		{"Acme is not just cutting; it isn't just hiring.", ""},
		{"Acme will now hire, if profit will rise.", "if=conditional(if) profit=metric(profit) will=prediction(will)"},
	}
	for _, tc := range cases {
		if got := scanned(c, tc.text, toks(tc.text)); got != tc.want {
			t.Errorf("%q:\n got  %s\n want %s", tc.text, got, tc.want)
		}
	}
	// Scan keeps overlaps; Match resolves them within a category.
	text := "Acme isn't hiring."
	var got []string
	for _, m := range c.Match(toks(text)) {
		got = append(got, text[m.Start:m.End])
	}
	if strings.Join(got, "|") != "isn't" {
		t.Errorf("Match(%q) = %q, want the longer negation only", text, got)
	}
	for _, cs := range [][]*Cue{c.Lookup("not"), c.Lookup("Will")} {
		if len(cs) != 1 {
			t.Errorf("Lookup: %+v", cs)
		}
	}
}

func TestClaimCueOverride(t *testing.T) {
	// A user file moves "slash" to reduce and drops "layoffs"; the other
	// default forms stay.
	s, err := LoadFiles(true, map[string]string{"a.yaml": claimCueFile})
	if err != nil {
		t.Fatal(err)
	}
	base := s.ClaimCues()
	b := newBuilder()
	b.loadFile("default.yaml", []byte(claimCueFile), false)
	b.loadFile("user.yaml", []byte(`kind: claim-cues
events:
  reduce:
    verbs: [slash]
    nouns: [{lemma: layoffs, disabled: true}]
`), true)
	u, err := b.finish()
	if err != nil {
		t.Fatal(err)
	}
	text := "Acme slashed jobs and laid off staff after layoffs."
	if got, want := scanned(base, text, toks(text)), "slashed=event(cut) laid off=event(cut) layoffs=event_noun(cut)"; got != want {
		t.Errorf("defaults: %s", got)
	}
	if got, want := scanned(u.ClaimCues(), text, toks(text)), "slashed=event(reduce) laid off=event(cut)"; got != want {
		t.Errorf("override:\n got  %s\n want %s", got, want)
	}
}

func TestClaimCueErrors(t *testing.T) {
	cases := []struct {
		name, doc string
		want      []string
	}{
		{"unknown list", "kind: claim-cues\nhedgez: [may]\n", []string{`2:1: unknown key "hedgez" in claim-cues document; did you mean "hedges"?`}},
		{"unknown exception list", "kind: claim-cues\nexceptions:\n  negatoins: [not just]\n", []string{`3:3: unknown key "negatoins" in exceptions; did you mean "negations"?`}},
		{"events not a mapping", "kind: claim-cues\nevents: [cut]\n", []string{`2:9: events must be a mapping of predicate to verbs and nouns`}},
		{"event key typo", "kind: claim-cues\nevents:\n  cut: {verbz: [slash]}\n", []string{`3:9: unknown key "verbz" in event cut; did you mean "verbs"?`}},
		{"empty event", "kind: claim-cues\nevents:\n  cut: {}\n", []string{`3:8: event cut has neither verbs nor nouns`}},
		{"event twice", "kind: claim-cues\nevents:\n  cut: {verbs: [slash]}\n  cut: {verbs: [trim]}\n", []string{`4:3: event "cut" appears twice in events (first at line 3)`}},
		{"verb twice", "kind: claim-cues\nevents:\n  cut: {verbs: [slash]}\n  reduce: {verbs: [slash]}\n", []string{`4:20: duplicate claim cue "slash" (first at c.yaml:3:17)`}},
		{"bad verb item", "kind: claim-cues\nevents:\n  cut:\n    verbs: [{lemma: cut, forms: {past: cut}}]\n", []string{`4:33: forms must be a list of strings, got a mapping`}},
	}
	for _, tc := range cases {
		got := loadErrs(t, map[string]string{"c.yaml": tc.doc})
		all := strings.Join(got, "\n")
		for _, w := range tc.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: errors\n%s\nlack %q", tc.name, all, w)
			}
		}
		if len(got) != len(tc.want) {
			t.Errorf("%s: %d errors, want %d:\n%s", tc.name, len(got), len(tc.want), all)
		}
	}
}

// TestSortCueMatches checks the sort against the insertion sort it
// replaced (stable, by first token then category) on interleaved
// categories with ties.
func TestSortCueMatches(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	cats := []*Cue{{Category: "verb"}, {Category: "phrase"}, {Category: "naming"}}
	for round := 0; round < 200; round++ {
		ms := make([]CueMatch, rng.Intn(60))
		for i := range ms {
			ms[i] = CueMatch{First: rng.Intn(20), Last: i, Cue: cats[rng.Intn(len(cats))]}
		}
		want := slices.Clone(ms)
		for i := 1; i < len(want); i++ {
			for j := i; j > 0 && (want[j].First < want[j-1].First || want[j].First == want[j-1].First && want[j].Cue.Category < want[j-1].Cue.Category); j-- {
				want[j], want[j-1] = want[j-1], want[j]
			}
		}
		sortCueMatches(ms)
		if !slices.Equal(ms, want) {
			t.Fatalf("got %v, want %v", ms, want)
		}
	}
}

// narrow must keep exactly the forms that start with the reading so far,
// a space if asked, and the next token's reading, in order.
func TestNarrow(t *testing.T) {
	forms := []string{"in", "in fact", "in talks", "in talks with", "in-house", "in-talks", "infact", "int"}
	var fs []tmForm
	for _, f := range forms {
		fs = append(fs, tmForm{form: f})
	}
	for _, low := range []string{"", "fact", "talks", "-", "-house", "t", "x", "fac"} {
		for _, space := range []bool{false, true} {
			pre := "in" + map[bool]string{true: " "}[space] + low
			var want []string
			for _, f := range forms {
				if strings.HasPrefix(f, pre) {
					want = append(want, f)
				}
			}
			got, n := narrow(fs, 2, space, low)
			var gs []string
			for _, f := range got {
				gs = append(gs, f.form)
			}
			if !slices.Equal(gs, want) || n != len(pre) {
				t.Errorf("narrow(%q, %v) = %q, %d; want %q, %d", low, space, gs, n, want, len(pre))
			}
		}
	}
}

// scan must find, from each token, the forms of its reading's list that
// the readings of it and the tokens after it spell, as joining the
// readings and looking each up does.
func TestTokenMatcherJoined(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	an, err := analysis.New(analysis.WithTagging(false))
	if err != nil {
		t.Fatal(err)
	}
	c := set.ClaimCues()
	m := &c.tm
	doc := an.Analyze("The firm is expected to cut jobs, according to reports; it isn't the lowest since 2019 and " +
		"in talks year-on-year vs. rivals, the highest since records began. Profits doubled compared with " +
		"last year but didn't step down; in fact, the most since the airline was not just in the red.")
	toks := doc.Tokens
	var want []CueMatch
	for i := range toks {
		k, ok := m.byFirst[m.add(&toks[i]).low]
		if !ok {
			continue
		}
		forms := map[string][]int32{}
		for _, f := range m.lists[k].forms {
			forms[f.form] = f.cues
		}
		joined := ""
		for j := i; j < len(toks) && toks[j].Sent == toks[i].Sent; j++ {
			if j > i && toks[j].SpaceBefore {
				joined += " "
			}
			joined += m.add(&toks[j]).low
			for _, ci := range forms[joined] {
				want = append(want, CueMatch{First: i, Last: j + 1, Start: toks[i].Start, End: toks[j].End, Cue: c.idx.cues[ci]})
			}
		}
	}
	if len(want) < 10 {
		t.Fatalf("only %d matches: the text should hold more cues", len(want))
	}
	if got := m.scan(c.idx.cues, toks, nil); !slices.Equal(got, want) {
		t.Fatalf("scan found %v, want %v", got, want)
	}
}
