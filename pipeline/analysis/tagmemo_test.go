package analysis

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTagParts checks that a word's shared partial sums are its bias,
// suffix and prefix rows added up, and that words with the same two rows
// share one sum.
func TestTagParts(t *testing.T) {
	m, err := unmarshalModel(taggerBin)
	if err != nil {
		t.Fatal(err)
	}
	sc := new(tagScratch)
	byPair := map[[2]int32]*partSum{}
	n := 0
	for w := range m.words {
		for _, v := range []string{w, strings.ToUpper(w), strings.ToUpper(w[:1]) + w[1:]} {
			f := m.lookup(v, sc)
			if f.done != (f.part == nil) {
				t.Fatalf("lookup(%q): done %v with part %v", v, f.done, f.part)
			}
			if f.done {
				continue
			}
			n++
			var want [tagStart]int32
			for _, r := range []int32{m.bias, m.rawSuf(&f), m.pref1[v[0]]} {
				if r >= 0 {
					_, es := m.row(r)
					for _, e := range es {
						want[e&0xff] += int32(e) >> 8
					}
				}
			}
			if f.part.sums() != want {
				t.Fatalf("lookup(%q): partial sums %v, want %v", v, f.part.sums(), want)
			}
			key := [2]int32{m.rawSuf(&f), m.pref1[v[0]]}
			if p, ok := byPair[key]; ok && p != f.part {
				t.Fatalf("lookup(%q): a second sum for rows %v", v, key)
			}
			byPair[key] = f.part
		}
	}
	if n < len(m.words) {
		t.Fatalf("only %d spellings of %d words are scored", n, len(m.words))
	}
	if f := m.lookup("the", sc); !f.done {
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

// TestTagPairs checks that the shared sums for two previous tags are their
// three rows added up, made once per pair.
func TestTagPairs(t *testing.T) {
	m, err := unmarshalModel(taggerBin)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range [][2]uint8{{tagStart, tagStart2}, {0, tagStart}, {m.tagID["NN"], m.tagID["DT"]}, {m.tagID["VBD"], tagOther}} {
		got := m.pairFor(p[0], p[1])
		var want [tagStart]int32
		var seen uint64
		for _, r := range []int32{m.prevTag[p[0]], m.prev2Tag[p[1]], m.tagPair[int(p[0])*numTags+int(p[1])]} {
			if r >= 0 {
				h, es := m.row(r)
				seen |= h
				for _, e := range es {
					want[e&0xff] += int32(e) >> 8
				}
			}
		}
		if got.sums() != want || got.seen != seen&(1<<tagStart-1) {
			t.Errorf("pairFor(%d, %d) = %v %b, want %v %b", p[0], p[1], got.sums(), got.seen, want, seen)
		}
		if seen == 0 {
			t.Errorf("pair %v has no rows: the test checks nothing", p)
		}
		if again := m.pairFor(p[0], p[1]); again != got {
			t.Errorf("pairFor(%d, %d) made a second sum", p[0], p[1])
		}
	}
}

// TestTagContext checks that what a word gives its neighbours is its
// "i-1"/"i+1" word and suffix rows added up, shared per word and suffix.
func TestTagContext(t *testing.T) {
	m, err := unmarshalModel(taggerBin)
	if err != nil {
		t.Fatal(err)
	}
	sum := func(rows ...int32) (v [tagStart]int32) {
		for _, r := range rows {
			if r >= 0 {
				_, es := m.row(r)
				for _, e := range es {
					v[e&0xff] += int32(e) >> 8
				}
			}
		}
		return v
	}
	sc := new(tagScratch)
	checked := 0
	for _, w := range []string{"the", "Bank", "said", "zxqv", "running", "1999", "well-known", "-START-", "."} {
		f := m.lookup(w, sc)
		pw, nw, ps, ns := int32(noRow), int32(noRow), int32(noRow), int32(noRow)
		if f.word >= 0 {
			pw, nw = m.wordInfo[f.word].prev, m.wordInfo[f.word].next
		}
		if f.nsuf >= 0 {
			ps, ns = m.sufInfo[f.nsuf].prev, m.sufInfo[f.nsuf].next
		}
		if f.ctx.prev.sums() != sum(pw, ps) || f.ctx.next.sums() != sum(nw, ns) {
			t.Errorf("%q: context sums differ from its rows", w)
		}
		if pw >= 0 || ps >= 0 {
			checked++
		}
		if f.word >= 0 {
			// An i±2 row is summed densely or walked, not both.
			for _, next := range []bool{false, true} {
				p, r := m.farSum(f.prev2)
				want := sum(m.wordInfo[f.word].prev2)
				if next {
					p, r = m.farSum(f.next2)
					want = sum(m.wordInfo[f.word].next2)
				}
				got, ps := sum(r), p.sums()
				for c := range got {
					got[c] += ps[c]
				}
				if got != want {
					t.Errorf("%q: i±2 sums differ from the row (next %v)", w, next)
				}
			}
		}
		if again := m.lookup(w, sc); again.ctx != f.ctx {
			t.Errorf("%q: a second context sum", w)
		}
	}
	for i, p := range m.pads {
		if p.ctx == nil {
			t.Errorf("pad %d has no context sums", i)
		}
	}
	if checked < 5 {
		t.Errorf("only %d words have context rows: the test checks little", checked)
	}
}

// sums returns p's sums by class, without sumBias.
func (p *partSum) sums() (v [tagStart]int32) {
	for c := range v {
		v[c] = p.v[c] - sumBias
	}
	if p.v[tagStart] != sumBias {
		panic("partSum: padding lane changed")
	}
	return v
}

// TestSufTable checks the derived suffix table against m.suffixes.
func TestSufTable(t *testing.T) {
	m, err := unmarshalModel(taggerBin)
	if err != nil {
		t.Fatal(err)
	}
	for s, i := range m.suffixes {
		if got := m.sufs.find(sufKey(s)); got != i {
			t.Fatalf("suffix %q: %d, want %d", s, got, i)
		}
	}
	for _, s := range []string{"q", "zq", "xqz", "\xff\xfe", "é"} {
		want := int32(-1)
		if i, ok := m.suffixes[s]; ok {
			want = i
		}
		if got := m.sufs.find(sufKey(s)); got != want {
			t.Errorf("suffix %q: %d, want %d", s, got, want)
		}
	}
}
