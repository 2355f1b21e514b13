package analysis

import (
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tagPlain is the tagger without shared sums, blocks or passes: each
// token's score adds up every row of its features afresh, as prose does
// (in exact thousandths), and the first touched class with the highest
// score wins.
func (m *tagModel) tagPlain(toks []Token) []string {
	var buf []byte
	feats := make([]tokFeat, len(toks))
	prefs := make([]int32, len(toks))
	out := make([]string, len(toks))
	for i := range toks {
		w := tagInput(toks, i)
		f := m.features(w, &buf)
		if t, ok := m.decided(w); ok {
			f.done, f.id, out[i] = true, t.id, t.tag
		}
		feats[i], prefs[i] = f, m.pref1[w[0]]
	}
	ctx := func(j int) tokFeat {
		switch {
		case j >= 0 && j < len(toks):
			return feats[j]
		case j == -2:
			return m.pads[0]
		case j == -1:
			return m.pads[1]
		case j == len(toks):
			return m.pads[2]
		}
		return m.pads[3]
	}
	word := func(f tokFeat, pick func(*wordRows) int32) int32 {
		if f.word < 0 {
			return noRow
		}
		return pick(&m.wordInfo[f.word])
	}
	suf := func(f tokFeat, pick func(*sufRows) int32) int32 {
		if f.nsuf < 0 {
			return noRow
		}
		return pick(&m.sufInfo[f.nsuf])
	}
	p1, p2 := uint8(tagStart), uint8(tagStart2)
	for i, f := range feats {
		if f.done {
			p2, p1 = p1, f.id
			continue
		}
		rows := []int32{m.bias, m.rawSuf(&f), prefs[i],
			word(f, func(w *wordRows) int32 { return w.cur }),
			word(ctx(i-1), func(w *wordRows) int32 { return w.prev }),
			suf(ctx(i-1), func(s *sufRows) int32 { return s.prev }),
			word(ctx(i+1), func(w *wordRows) int32 { return w.next }),
			suf(ctx(i+1), func(s *sufRows) int32 { return s.next }),
			word(ctx(i-2), func(w *wordRows) int32 { return w.prev2 }),
			word(ctx(i+2), func(w *wordRows) int32 { return w.next2 }),
			m.prevTag[p1], m.prev2Tag[p2], m.tagPair[int(p1)*numTags+int(p2)]}
		if f.word >= 0 {
			wr := m.wordInfo[f.word]
			for _, tw := range m.tagWord[wr.twOff : wr.twOff+wr.twLen] {
				if tw.tag == p1 {
					rows = append(rows, tw.row)
				}
			}
		}
		var scores [tagStart]int64
		var seen [tagStart]bool
		for _, r := range rows {
			if r < 0 {
				continue
			}
			_, es := m.row(r)
			for _, e := range es {
				scores[uint8(e)] += int64(int32(e) >> 8)
				seen[uint8(e)] = true
			}
		}
		best, top := -1, int64(math.MinInt64)
		for c := range scores {
			if seen[c] && scores[c] > top {
				best, top = c, scores[c]
			}
		}
		if best < 0 {
			p2, p1 = p1, tagOther
			continue
		}
		out[i] = m.classes[best]
		p2, p1 = p1, uint8(best)
	}
	return out
}

// TestTagMatchesPlain checks the tagger against tagPlain, token for token,
// on our texts tagged as whole paragraphs (sequences longer than a block)
// and as sentences, and on the BBC corpus when ../shared has it.
func TestTagMatchesPlain(t *testing.T) {
	m, err := sharedModel()
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, toks []Token) {
		t.Helper()
		want := m.tagPlain(toks)
		m.tag(toks)
		for i := range toks {
			if toks[i].Tag != want[i] {
				t.Fatalf("%s: token %d %q tagged %q, plain sums say %q", name, i, toks[i].Text, toks[i].Tag, want[i])
			}
		}
	}
	n := 0
	for _, f := range []string{"testdata/tagging.txt", "testdata/bench.txt"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, para := range strings.Split(string(b), "\n\n") {
			toks := tokenize(para, nil)
			check(f, toks)
			for _, s := range segment(para, toks, nil) {
				check(f, toks[s.First:s.Last])
			}
			n += len(toks)
		}
	}
	// Edge cases: empty, one token, exactly a block, a block and one.
	check("empty", nil)
	check("one", tokenize("Hello", nil))
	long := strings.Repeat("the cat sat on the mat and ", 20)
	for _, k := range []int{tagBlock - 1, tagBlock, tagBlock + 1, 3 * tagBlock} {
		check("block", tokenize(long, nil)[:k])
	}
	if n < 1000 {
		t.Fatalf("only %d tokens of our own text", n)
	}

	bbc := "../../../shared/data/bbc"
	if _, err := os.Stat(bbc); err != nil {
		t.Logf("%s not found: checked our own texts only", bbc)
		return
	}
	filepath.WalkDir(bbc, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") {
			return nil
		}
		b, _ := os.ReadFile(p)
		text := string(b)
		toks := tokenize(text, nil)
		for _, s := range segment(text, toks, nil) {
			check(p, toks[s.First:s.Last])
		}
		return nil
	})
}
