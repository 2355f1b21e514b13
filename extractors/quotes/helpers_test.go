package quotes

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/extractors/entities"
	"github.com/quarrylabs/quarry/pipeline/analysis"
	"github.com/quarrylabs/quarry/rules"
)

var (
	pipeOnce sync.Once
	pipeEnts *entities.Extractor
	pipeX    *Extractor
	pipeErr  error
)

func pipeline(t testing.TB) (*entities.Extractor, *Extractor) {
	pipeOnce.Do(func() {
		set, err := rules.Default()
		if err != nil {
			pipeErr = err
			return
		}
		m, err := entities.DefaultModel()
		if err != nil {
			pipeErr = err
			return
		}
		pipeEnts = entities.New(m, set)
		pipeX = New(set)
	})
	if pipeErr != nil {
		t.Fatal(pipeErr)
	}
	return pipeEnts, pipeX
}

// extract runs analysis, entities and quotes (with x, or the default
// extractor) over text.
func extract(t testing.TB, text string, x *Extractor) *quarry.Document {
	ents, def := pipeline(t)
	if x == nil {
		x = def
	}
	doc := analysis.Default().Analyze(text)
	out := &quarry.Document{}
	if err := ents.Extract(doc, out); err != nil {
		t.Fatal(err)
	}
	if err := x.Extract(doc, out); err != nil {
		t.Fatal(err)
	}
	checkOffsets(t, text, out.Quotes)
	return out
}

// checkOffsets asserts the span invariants of every record.
func checkOffsets(t testing.TB, text string, qs []quarry.Quote) {
	t.Helper()
	for i, q := range qs {
		if q.Start < 0 || q.End > len(text) || q.Start >= q.End || text[q.Start:q.End] != q.Text {
			t.Errorf("quote %s [%d,%d) text %q is not the text there", q.ID, q.Start, q.End, q.Text)
		}
		if want := "q" + itoa(i+1); q.ID != want {
			t.Errorf("quote %d has id %s, want %s", i, q.ID, want)
		}
		if i > 0 && q.Start < qs[i-1].Start {
			t.Errorf("quote %s out of text order", q.ID)
		}
		if s := q.Speaker; s != nil && (s.Start < 0 || s.End > len(text) || s.Start >= s.End || text[s.Start:s.End] != s.Text || s.Name == "") {
			t.Errorf("quote %s speaker %+v does not match the text", q.ID, *s)
		}
		if c := q.Cue; c != nil && (c.Start < 0 || c.End > len(text) || c.Start >= c.End || text[c.Start:c.End] != c.Text) {
			t.Errorf("quote %s cue %+v does not match the text", q.ID, *c)
		}
		if q.Kind == Term && (q.Speaker != nil || q.Cue != nil) {
			t.Errorf("term %s has a speaker or cue", q.ID)
		}
	}
}

func itoa(i int) string {
	b := []byte{}
	for i >= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
		i /= 10
	}
	return string(append([]byte{byte('0' + i)}, b...))
}

func sharedDir(t testing.TB) string {
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared data absent (%s)", dir)
	}
	return dir
}

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

type docQuotes struct{ quotes []quarry.Quote }

// find returns the first quote whose text starts with prefix.
func (d *docQuotes) find(prefix string) *quarry.Quote {
	for i := range d.quotes {
		if strings.HasPrefix(d.quotes[i].Text, prefix) {
			return &d.quotes[i]
		}
	}
	return nil
}
