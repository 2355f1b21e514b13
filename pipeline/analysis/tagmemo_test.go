package analysis

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTagParts checks that a word's shared partial sums are its bias,
// suffix and prefix rows added one at a time, in order, and that words
// with the same two rows share one sum.
func TestTagParts(t *testing.T) {
	m, err := unmarshalModel(taggerBin)
	if err != nil {
		t.Fatal(err)
	}
	var buf []byte
	byPair := map[[2]int32]*partSum{}
	n := 0
	for w := range m.words {
		for _, v := range []string{w, strings.ToUpper(w), strings.ToUpper(w[:1]) + w[1:]} {
			f := m.lookup(v, &buf)
			if f.done != (f.part == nil) {
				t.Fatalf("lookup(%q): done %v with part %v", v, f.done, f.part)
			}
			if f.done {
				continue
			}
			n++
			var want [tagStart]float32
			for _, r := range []int32{m.bias, f.rawSuf, f.pref} {
				if r >= 0 {
					_, es := m.row(r)
					for _, e := range es {
						want[uint8(e>>32)] += math.Float32frombits(uint32(e))
					}
				}
			}
			if f.part.v != want {
				t.Fatalf("lookup(%q): partial sums %v, want %v", v, f.part.v, want)
			}
			key := [2]int32{f.rawSuf, f.pref}
			if p, ok := byPair[key]; ok && p != f.part {
				t.Fatalf("lookup(%q): a second sum for rows %v", v, key)
			}
			byPair[key] = f.part
		}
	}
	if n < len(m.words) {
		t.Fatalf("only %d spellings of %d words are scored", n, len(m.words))
	}
	if f := m.lookup("the", &buf); !f.done {
		t.Error(`"the" is not tagged from the dictionary`)
	}
}

// TestTagWarmSameTags tags the same text with the shared model, its word
// cache filled by earlier runs, and with a fresh copy of the model.
func TestTagWarmSameTags(t *testing.T) {
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
	for _, s := range sents {
		m.tag(toks[s.First:s.Last]) // warm
	}
	fresh, err := unmarshalModel(taggerBin)
	if err != nil {
		t.Fatal(err)
	}
	want := append([]Token(nil), toks...)
	for _, s := range sents {
		m.tag(toks[s.First:s.Last])
		fresh.tag(want[s.First:s.Last])
	}
	for i := range toks {
		if toks[i].Tag != want[i].Tag {
			t.Fatalf("token %d %q: warm model tags %q, fresh %q", i, toks[i].Text, toks[i].Tag, want[i].Tag)
		}
	}
}
