package rules

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// matchReference is Match without its shortcuts (per-token flags, the
// first-token gate, the needed token within reach, the shared lower-case
// arena), to check they change nothing.
func matchReference(p *Patterns, toks []analysis.Token) []PatternMatch {
	if len(p.rules) == 0 || len(toks) == 0 {
		return nil
	}
	lows := make([]string, len(toks))
	for i := range toks {
		lows[i] = lower(tokenNorm(&toks[i]))
	}
	byProd := map[string][]span{}
	var m matcher
	try := func(r altRef, i int) {
		if end := m.longest(r.alt, toks, lows, i); end > i {
			rule := p.rules[r.rule]
			byProd[rule.Produces] = append(byProd[rule.Produces], span{first: i, last: end, prio: rule.Priority, user: rule.user, canon: true, order: r.rule})
		}
	}
	for i := range toks {
		for _, r := range p.ruled[p.byWord[lows[i]]].first {
			try(r, i)
		}
		for _, r := range p.wild {
			try(r, i)
		}
	}
	var out []PatternMatch
	for _, cands := range byProd {
		for _, s := range resolveSpans(dedupeSpans(cands), len(toks), true) {
			out = append(out, PatternMatch{First: s.first, Last: s.last, Start: toks[s.first].Start, End: toks[s.last-1].End, Rule: p.rules[s.order]})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].First != out[j].First {
			return out[i].First < out[j].First
		}
		return out[i].Rule.Produces < out[j].Rule.Produces
	})
	return out
}

// matchTexts is our own articles plus, when present, the shared seed articles.
func matchTexts(t testing.TB) []string {
	files, _ := filepath.Glob("../testdata/articles/*.txt")
	seeds, _ := filepath.Glob("../../shared/articles/seeds/*.txt")
	var out []string
	for _, f := range append(files, seeds...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	if len(out) == 0 {
		t.Skip("no articles")
	}
	return out
}

func TestMatchSameAsReference(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	// Wild rules with every kind of first token, so each shortcut is used.
	user, err := LoadFiles(true, map[string]string{"wild.yaml": `kind: pattern
rules:
  - {id: t1, label: PERSON, pattern: [{is: title}, {is: title}]}
  - {id: t2, label: PERSON, pattern: [{is: [upper, alpha]}, {is: punct, op: "?"}]}
  - {id: t3, produces: figure, label: count, pattern: [{is: digit, op: "+"}, {lower: people}]}
  - {id: t4, label: COMPANY, pattern: [{is: lower, op: "!"}, {text: Group}]}
  - {id: t5, label: COMPANY, pattern: [{shape: Xxxxx}, {suffix: ing}]}
  - {id: t6, produces: figure, label: count, pattern: [{is: num, op: "*"}, {lower: million}]}
  - {id: t7, label: COMPANY, pattern: [{is: title}, {text: [Inc, "’s"], op: "!"}, {lower: [group, "’s", said], op: "?"}]}
`})
	if err != nil {
		t.Fatal(err)
	}
	a := analysis.Default()
	for _, set := range []*Set{s, user} {
		n := 0
		for _, text := range append(matchTexts(t), "Forty MİLLION people; ONE-HUNDRED. İstanbul’s “Big” Group SAID 3,000 people") {
			toks := a.Analyze(text).Tokens
			got, want := set.Patterns().Match(toks), matchReference(set.Patterns(), toks)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("Match differs from the reference:\n got %v\nwant %v", got, want)
			}
			n += len(got)
		}
		if n == 0 {
			t.Fatal("no matches: the comparison tests nothing")
		}
	}
}

func TestPrepareLows(t *testing.T) {
	words := []string{"the", "The", "THE", "", "İstanbul", "“Quoted”", "`tick", "A1-B", "MİLLION", "x"}
	toks := make([]analysis.Token, 2*len(words))
	for i, w := range words {
		// Each word twice: once numbered (the word cache), once not. The
		// numbers are ones the test's vocabulary never reaches, since the
		// process-wide caches (Token.Lower) take a number for its word.
		toks[i] = analysis.Token{Text: w, Norm: w, Word: uint32(analysis.MaxWords - 1 - i)}
		toks[len(words)+i] = analysis.Token{Text: w, Norm: w}
	}
	ref := []altRef{{rule: 7}}
	p := &Patterns{wildMask: isFlagBit("capitalised") | isFlagBit("num"), byWord: map[string]int32{}}
	p.ruledAs("the").first = ref
	var sc matchScratch
	for range 2 { // the second pass reuses the buffers and reads the cache
		starts, _ := p.prepare(&sc, toks, 0)
		firsts, startFlags := map[int][]altRef{}, map[int]uint16{}
		for k, s := range starts {
			if k > 0 && s.i <= starts[k-1].i {
				t.Errorf("start %d: %+v after %+v", k, s, starts[k-1])
			}
			firsts[s.i], startFlags[s.i] = s.first, s.flags
		}
		for i := range toks {
			w := p.wordAt(toks, i)
			if w := words[i%len(words)]; (lower(w) == "the") != (len(firsts[i]) == 1) {
				t.Errorf("rules keyed on %q: %v", w, firsts[i])
			}
			if _, ok := firsts[i]; ok != (w.flags != 0 || len(firsts[i]) > 0) {
				t.Errorf("token %d (%q) is a start: %v", i, toks[i].Norm, ok)
			}
			if _, ok := firsts[i]; ok && startFlags[i] != w.flags {
				t.Errorf("token %d (%q): start flags %b, word's %b", i, toks[i].Norm, startFlags[i], w.flags)
			}
			if want := lower(tokenNorm(&toks[i])); w.low != want {
				t.Errorf("low %q = %q, want %q", toks[i].Norm, w.low, want)
			}
			norm := tokenNorm(&toks[i])
			want := uint16(0)
			if isFlags["capitalised"](norm) {
				want |= isFlagBit("capitalised")
			}
			if likeNum(norm) {
				want |= isFlagBit("num")
			}
			if w.flags != want {
				t.Errorf("flags %q = %b, want %b", toks[i].Norm, w.flags, want)
			}
		}
	}
}

func TestFlagFuncs(t *testing.T) {
	// The reference forms of the flags rewritten to avoid allocating.
	title := func(s string) bool {
		r := []rune(s)
		if len(r) == 0 || !unicode.IsUpper(r[0]) {
			return false
		}
		for _, c := range r[1:] {
			if unicode.IsUpper(c) {
				return false
			}
		}
		return true
	}
	num := func(s string) bool {
		return s != "" && (numRE.MatchString(s) || numberWords[strings.ToLower(s)])
	}
	for _, s := range []string{"", "Title", "TItle", "title", "É", "Éa", "aÉ", "\xff", "A\xff", "Seven",
		"SEVENTEEN", "seventeen", "SEVENTEENS", "MİLLION", "Mİllion", "1,000", "-3.5", ".5", "one@", "Forty"} {
		if got, want := isFlags["title"](s), title(s); got != want {
			t.Errorf("title(%q) = %v, want %v", s, got, want)
		}
		if got, want := likeNum(s), num(s); got != want {
			t.Errorf("likeNum(%q) = %v, want %v", s, got, want)
		}
	}
}

func BenchmarkPatternMatchDefaults(b *testing.B) {
	s, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	benchMatch(b, s, func(tk []analysis.Token) { s.Patterns().Match(tk) })
}

// TestIsNumeral compares isNumeral with numRE on every string of up to six
// bytes over the characters that matter.
func TestIsNumeral(t *testing.T) {
	const alphabet = "01.,-+a "
	var walk func(s string)
	walk = func(s string) {
		if got, want := isNumeral(s), numRE.MatchString(s); got != want {
			t.Fatalf("isNumeral(%q) = %v, numRE says %v", s, got, want)
		}
		if len(s) == 6 {
			return
		}
		for i := 0; i < len(alphabet); i++ {
			walk(s + alphabet[i:i+1])
		}
	}
	walk("")
}
