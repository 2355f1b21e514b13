package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"strings"
	"testing"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/extractors"
	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// bigDoc is a document whose line spills many times over.
func bigDoc(text string) *quarry.Document {
	d := newDocument(quarry.Article{ID: "big", Text: text}, nil, nil)
	d.Text = &text
	for i := 0; i < 4000; i++ {
		d.Entities = append(d.Entities, quarry.Entity{ID: fmt.Sprintf("e%d", i+1), Label: quarry.Misc, Name: "Name",
			Mentions: []quarry.Mention{{Start: i, End: i + 1, Text: "x"}}})
	}
	return d
}

// A float json cannot encode fails the article before any of its output
// is written, with the error encode gives, as when the line is whole.
func TestEncodeToRefusesNaNBeforeWriting(t *testing.T) {
	d := bigDoc(strings.Repeat("Some text. ", 30000))
	inf, one := math.Inf(1), 1.0
	d.Figures = []quarry.Figure{{ID: "f1", Value: &one}, {ID: "f2", Max: &inf}}
	d.Claims = []quarry.Claim{{ID: "c1", Checkworthy: math.NaN()}}
	for _, format := range []string{OutDocs, OutRecords} {
		opt := OutputOptions{Format: format}
		_, want := encode(d, opt)
		if want == nil {
			t.Fatalf("%s: encode took a NaN", format)
		}
		var out bytes.Buffer
		encErr, writeErr := encodeTo(&out, d, opt, nil)
		if writeErr != nil || encErr == nil || encErr.Error() != want.Error() {
			t.Errorf("%s: encodeTo = %v, %v; want %v", format, encErr, writeErr, want)
		}
		if out.Len() > 0 {
			t.Errorf("%s: %d bytes of a line that fails were written", format, out.Len())
		}
	}
}

// encodeTo writes what encode does, for texts and records full of escapes
// (a piece of a long text may end anywhere).
func TestEncodeToMatchesEncodeRandom(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for n := 0; n < 20; n++ {
		var sb strings.Builder
		for sb.Len() < 3*spillAt+r.Intn(spillAt) {
			sb.WriteString(awkward[r.Intn(len(awkward))])
		}
		text := strings.ToValidUTF8(sb.String(), "\x1a")
		d := randDoc(r)
		d.Text = &text
		checkEncodeTo(t, d)
	}
}

// nanExtractor gives an article holding "NAN" a claim json cannot encode.
type nanExtractor struct{}

func (nanExtractor) Name() string { return "nan" }
func (nanExtractor) Extract(d *analysis.Doc, out *quarry.Document) error {
	if strings.Contains(d.Text, "NAN") {
		out.Claims = append(out.Claims, quarry.Claim{ID: fmt.Sprintf("c%d", len(out.Claims)+1), Checkworthy: math.NaN()})
	}
	return nil
}

// When a long article cannot be encoded the run stops, as for any
// article: the lines before it are written whole, and nothing of its own.
func TestStreamedEncodeErrorLeavesWholeLines(t *testing.T) {
	defer func(w int) { windowBytes = w }(windowBytes)
	windowBytes = 4 << 10
	dir := t.TempDir()
	write(t, dir, "a.txt", "Alpha Beta.")
	write(t, dir, "b.txt", strings.Repeat("Many Capital Words Here. ", 30000)+"NAN")
	write(t, dir, "c.txt", "Gamma.")
	out, stats := runFailingB(t, dir, 2)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(out) == 0 {
		lines = nil
	}
	for _, l := range lines {
		if !json.Valid([]byte(l)) {
			t.Fatalf("a partial line of %d bytes was written", len(l))
		}
	}
	if len(lines) != 1 || int64(len(lines)) != stats.Written {
		t.Errorf("%d lines written, %d counted; want a.txt's", len(lines), stats.Written)
	}
}

// runFailingB runs dir, whose b.txt holds "NAN", with workers workers and
// fails unless the run stops on encoding b.txt; it returns the output.
func runFailingB(t *testing.T, dir string, workers int) (string, Stats) {
	t.Helper()
	cfg := Config{Workers: workers, Extractors: []extractors.Extractor{capsExtractor{}, nanExtractor{}}}
	var out bytes.Buffer
	stats, err := Run(context.Background(), cfg, []string{dir}, &out, nil)
	if err == nil || !strings.Contains(err.Error(), "encoding b.txt") {
		t.Fatalf("err = %v", err)
	}
	return out.String(), stats
}

// The lines before an article that cannot be encoded are written, and
// counted, even when they wait in the buffer.
func TestEncodeErrorKeepsLinesBefore(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 20; i++ {
		write(t, dir, fmt.Sprintf("a%02d.txt", i), "Alpha Beta.")
	}
	write(t, dir, "b.txt", "Some NAN here.")
	out, stats := runFailingB(t, dir, 1)
	if n := int64(strings.Count(out, "\n")); n != 20 || stats.Written != 20 {
		t.Errorf("%d lines written, %d counted; want 20", n, stats.Written)
	}
}

// limitWriter keeps what it takes, up to limit bytes, then fails.
type limitWriter struct {
	bytes.Buffer
	limit int
}

func (w *limitWriter) Write(p []byte) (int, error) {
	if w.Len()+len(p) > w.limit {
		return 0, fmt.Errorf("disk full")
	}
	return w.Buffer.Write(p)
}

// On a write error, the records counted written are those whose lines
// went out whole: not the lines bw held when it failed, whether a short
// line or a streamed one filled it.
func TestWriteErrorCountsLinesOut(t *testing.T) {
	defer func(w int) { windowBytes = w }(windowBytes)
	windowBytes = 4 << 10
	for _, c := range []struct {
		name  string
		files map[string]string
	}{
		{"short lines", func() map[string]string {
			m := map[string]string{}
			for i := 0; i < 1200; i++ {
				m[fmt.Sprintf("a%04d.txt", i)] = "Alpha Beta Gamma Delta."
			}
			return m
		}()},
		{"a streamed line", map[string]string{
			"a.txt": "Alpha Beta.",
			"b.txt": strings.Repeat("Many Capital Words Here. ", 30000),
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range c.files {
				write(t, dir, name, text)
			}
			w := &limitWriter{limit: 100 << 10}
			stats, err := Run(context.Background(), testConfig(1), []string{dir}, w, nil)
			if err == nil || !strings.Contains(err.Error(), "disk full") {
				t.Fatalf("err = %v", err)
			}
			if n := int64(strings.Count(w.String(), "\n")); stats.Written != n {
				t.Errorf("%d lines out, %d counted written", n, stats.Written)
			}
		})
	}
}
