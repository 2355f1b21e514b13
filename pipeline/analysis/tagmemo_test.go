package analysis

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTagMemo checks that every memo entry is what the uncached path
// computes, and that the memo covers the common spellings of known words.
func TestTagMemo(t *testing.T) {
	m, err := sharedModel()
	if err != nil {
		t.Fatal(err)
	}
	<-m.memoDone
	memo := m.memo.Load().feats
	parts := m.memo.Load().parts
	if len(memo) < len(m.words) {
		t.Fatalf("memo has %d entries for %d words", len(memo), len(m.words))
	}
	var buf []byte
	for w, f := range memo {
		part := f.part
		f.part = 0
		if got := m.lookup(w, &buf); got != f {
			t.Fatalf("memo[%q] = %+v, lookup gives %+v", w, f, got)
		}
		if f.done != (part == 0) {
			t.Fatalf("memo[%q]: done %v with part %d", w, f.done, part)
		}
		if part == 0 {
			continue
		}
		// Rows added one at a time, as tag does without the memo.
		var want [tagStart]float32
		for _, r := range []int32{m.bias, f.rawSuf, f.pref} {
			if r >= 0 {
				_, es := m.row(r)
				for _, e := range es {
					want[uint8(e>>32)] += math.Float32frombits(uint32(e))
				}
			}
		}
		if parts[part-1].v != want {
			t.Fatalf("memo[%q]: partial sums %v, want %v", w, parts[part-1].v, want)
		}
	}
	for _, w := range []string{"the", "The", "THE", "said", "Said", "SAID"} {
		if _, ok := memo[w]; !ok {
			t.Errorf("memo lacks %q", w)
		}
	}
	if _, ok := memo[strings.Repeat("zq", 20)]; ok {
		t.Error("memo has an unknown word")
	}
}

// TestTagMemoSameTags tags the same text with and without the memo.
func TestTagMemoSameTags(t *testing.T) {
	m, err := sharedModel()
	if err != nil {
		t.Fatal(err)
	}
	// Our own bench text, plus the shared seed articles when present.
	files, _ := filepath.Glob("../../../shared/articles/seeds/*.txt")
	var text strings.Builder
	for _, f := range append([]string{"testdata/bench.txt"}, files...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text.Write(b)
		text.WriteString("\n\n")
	}
	data := text.String()
	toks := tokenize(data, nil)
	sents := segment(data, toks, nil)
	<-m.memoDone
	plain, err := unmarshalModel(taggerBin) // no memo
	if err != nil {
		t.Fatal(err)
	}
	want := append([]Token(nil), toks...)
	for _, s := range sents {
		m.tag(toks[s.First:s.Last])
		plain.tag(want[s.First:s.Last])
	}
	for i := range toks {
		if toks[i].Tag != want[i].Tag {
			t.Fatalf("token %d %q: memo tags %q, plain path %q", i, toks[i].Text, toks[i].Tag, want[i].Tag)
		}
	}
}

func BenchmarkBuildTagMemo(b *testing.B) {
	m, err := unmarshalModel(taggerBin)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		m.buildMemo()
	}
	b.ReportMetric(float64(len(m.memo.Load().feats)), "entries")
	b.ReportMetric(float64(len(m.memo.Load().parts)), "sums")
}
