package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/extractors"
	"github.com/quarrylabs/quarry/pipeline/analysis"
)

func TestCutWindows(t *testing.T) {
	for _, c := range []struct {
		name, text string
		w          int
		want       []string // the windows
	}{
		{"short: one window", "One. Two.", 20, []string{"One. Two."}},
		{"a paragraph break before a later line break", "aaaa bbbb\n\ncc\ndd ee", 16,
			[]string{"aaaa bbbb\n\n", "cc\ndd ee"}},
		{"a line break in the second half, not a paragraph break in the first", "aaaa\n\nbbb\ncc dd. ee ff", 16,
			[]string{"aaaa\n\nbbb\n", "cc dd. ee ff"}},
		{"blank line with spaces", "aaaaaaa\n  \nbbbb cc", 14,
			[]string{"aaaaaaa\n  \n", "bbbb cc"}},
		{"else a line break", "aaaa bbbb\ncc. dd ee", 16, []string{"aaaa bbbb\n", "cc. dd ee"}},
		{"else a sentence end", "aaaa bb. cc dd ee", 14, []string{"aaaa bb. ", "cc dd ee"}},
		{"else a space", "aaaa bbbb cccccc", 12, []string{"aaaa bbbb ", "cccccc"}},
		{"a break in the first half is too early", "a\n\nbbbbbb cccccc", 12, []string{"a\n\nbbbbbb ", "cccccc"}},
		{"no space: between characters", "ééééééé", 5, []string{"éé", "éé", "éé", "é"}},
		{"a character across the middle of a window", "a𝄞𝄞", 4, []string{"a", "𝄞", "𝄞"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			start := 0
			for _, end := range cutWindows(c.text, c.w) {
				got = append(got, c.text[start:end])
				start = end
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("windows %q, want %q", got, c.want)
			}
		})
	}
}

func FuzzCutWindows(f *testing.F) {
	f.Add("Short.\n\nA paragraph. Another one here.\nAnd a line.", 12)
	f.Add("ééééé€€€€𝄞𝄞", 5)
	f.Add("nospacesatalltotellwheretocut", 7)
	f.Fuzz(func(t *testing.T, text string, w int) {
		if w < 4 || w > 1<<16 || !utf8.ValidString(text) {
			return
		}
		start := 0
		ends := cutWindows(text, w)
		for _, end := range ends {
			if end <= start && len(text) > 0 || end-start > w {
				t.Fatalf("window [%d,%d) of %d bytes (w %d) in %q", start, end, len(text), w, text)
			}
			if !utf8.ValidString(text[start:end]) {
				t.Fatalf("window [%d,%d) cuts a character", start, end)
			}
			start = end
		}
		if start != len(text) {
			t.Fatalf("windows end at %d of %d", start, len(text))
		}
	})
}

// longArticle is the repo's plain-text articles run together, n times.
func longArticle(t testing.TB, n int) string {
	var parts []string
	for _, name := range []string{"01-quillmore-halvern-deal.txt", "02-brightwell-layoffs.md", "04-harbour-council-budget.txt"} {
		b, err := os.ReadFile(filepath.Join("../testdata/articles", name))
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, strings.TrimSpace(string(b)))
	}
	return strings.Repeat(strings.Join(parts, "\n\n")+"\n\n", n)
}

// realConfig is the standard chain with sentences in the output.
func realConfig(t *testing.T, workers int) Config {
	return Config{Workers: workers, Extractors: standardChain(t), Output: OutputOptions{WithSentences: true}}
}

// checkDoc fails unless d, the record of text, has no error, its offsets
// index text, its ids run e1, e2... in order, every reference names a
// record of d, sentence numbers index d.Sentences, and records come in
// text order.
func checkDoc(t *testing.T, d *quarry.Document, text string) {
	t.Helper()
	if d.Error != nil {
		t.Fatal(d.Error)
	}
	if err := d.CheckOffsets(text); err != nil {
		t.Fatal(err)
	}
	ents, figs, quotes := map[string]bool{"": true}, map[string]*quarry.Figure{}, map[string]*quarry.Quote{"": nil}
	for i, e := range d.Entities {
		if e.ID != fmt.Sprintf("e%d", i+1) {
			t.Fatalf("entity %d has id %s", i, e.ID)
		}
		ents[e.ID] = true
		if i > 0 && e.Mentions[0].Start < d.Entities[i-1].Mentions[0].Start {
			t.Errorf("%s is first mentioned before %s", e.ID, d.Entities[i-1].ID)
		}
		if !slices.IsSortedFunc(e.Mentions, func(a, b quarry.Mention) int { return a.Start - b.Start }) {
			t.Errorf("%s: mentions out of order", e.ID)
		}
	}
	// A figure or claim starts in its sentence. A quote's sentence is
	// that of its opening mark or of its first token, which may lie a
	// sentence before or after where its content starts: next to it.
	sent := func(what string, i, start, end int) {
		if i < 0 || i >= len(d.Sentences) {
			t.Fatalf("%s: sentence %d of %d", what, i, len(d.Sentences))
		}
		at, _ := slices.BinarySearchFunc(d.Sentences, start, func(s quarry.Sentence, off int) int { return s.Start - off })
		if at < len(d.Sentences) && d.Sentences[at].Start > start || at == len(d.Sentences) {
			at-- // the last sentence starting at or before start
		}
		if what[0] == 'q' && (i < at-1 || i > at+1) || what[0] != 'q' && (i != at || start >= d.Sentences[i].End) {
			t.Errorf("%s [%d,%d) is in sentence %d, not in or next to its sentence %d", what, start, end, at, i)
		}
	}
	for i, f := range d.Figures {
		if f.ID != fmt.Sprintf("f%d", i+1) || !ents[f.Entity] {
			t.Fatalf("figure %d: id %s, entity %q", i, f.ID, f.Entity)
		}
		figs[f.ID] = &d.Figures[i]
		sent(f.ID, f.Sentence, f.Start, f.End)
	}
	for i, q := range d.Quotes {
		if q.ID != fmt.Sprintf("q%d", i+1) || q.Speaker != nil && !ents[q.Speaker.Entity] {
			t.Fatalf("quote %d: id %s, speaker %+v", i, q.ID, q.Speaker)
		}
		quotes[q.ID] = &d.Quotes[i]
		sent(q.ID, q.Sentence, q.Start, q.End)
	}
	for i, c := range d.Claims {
		q, ok := quotes[c.Source.Quote]
		if c.ID != fmt.Sprintf("c%d", i+1) || !ents[c.Source.Entity] || !ok || c.Subject != nil && !ents[c.Subject.Entity] {
			t.Fatalf("claim %d: %+v", i, c)
		}
		if q != nil && (q.End <= c.Start || q.Start >= c.End) {
			t.Errorf("claim %s [%d,%d) is sourced to quote %s [%d,%d) apart from it", c.ID, c.Start, c.End, q.ID, q.Start, q.End)
		}
		for _, id := range c.Figures {
			f := figs[id]
			if f == nil {
				t.Fatalf("claim %s names figure %s, not in the document", c.ID, id)
			}
			if f.Start < c.Start || f.End > c.End {
				t.Errorf("claim %s [%d,%d) names figure %s [%d,%d) outside it", c.ID, c.Start, c.End, id, f.Start, f.End)
			}
		}
		sent(c.ID, c.Sentence, c.Start, c.End)
	}
	for i, e := range d.Entities {
		if !ents[e.Affiliation] {
			t.Fatalf("entity %d: affiliation %q", i, e.Affiliation)
		}
		// An affiliation is an organisation, never the entity itself.
		if a := e.Affiliation; a != "" {
			if l := d.Entities[entityIndex(a)].Label; a == e.ID || l != quarry.Org && l != quarry.Company {
				t.Errorf("%s (%s) is affiliated with %s, a %s", e.ID, e.Label, a, l)
			}
		}
	}
	for i := 1; i < len(d.Sentences); i++ {
		if d.Sentences[i].Start < d.Sentences[i-1].End {
			t.Fatalf("sentence %d starts inside sentence %d", i, i-1)
		}
	}
}

// entityIndex is the index in Entities of the entity with id "eN".
func entityIndex(id string) int {
	var n int
	fmt.Sscanf(id, "e%d", &n)
	return n - 1
}

// An article longer than a window is analysed a window at a time; its
// record holds what a reading at once finds, with offsets into the whole
// text, ids in order and references kept.
func TestLongArticleInWindows(t *testing.T) {
	text := longArticle(t, 6)
	dir := t.TempDir()
	path := write(t, dir, "long.txt", text)

	whole, _, _ := runDocs(t, realConfig(t, 1), path)
	checkDoc(t, &whole[0], text)
	defer func(w int) { windowBytes = w }(windowBytes)
	windowBytes = 4 << 10
	if n := len(cutWindows(text, windowBytes)); n < 5 {
		t.Fatalf("only %d windows: the test needs a longer text", n)
	}
	cut, _, one := runDocs(t, realConfig(t, 1), path)
	_, _, three := runDocs(t, realConfig(t, 3), path)
	if !bytes.Equal(one, three) {
		t.Fatal("output with 1 worker differs from output with 3")
	}
	d := &cut[0]
	checkDoc(t, d, text)
	if len(d.Sentences) != len(whole[0].Sentences) {
		t.Errorf("%d sentences in windows, %d at once", len(d.Sentences), len(whole[0].Sentences))
	}

	// Figures and quotes lie within a paragraph, so windows cut at
	// paragraph breaks find them all.
	spans := func(d *quarry.Document) (figs, quotes []string) {
		for _, f := range d.Figures {
			figs = append(figs, fmt.Sprintf("%d:%s:%s", f.Start, f.Text, f.Kind))
		}
		for _, q := range d.Quotes {
			quotes = append(quotes, fmt.Sprintf("%d:%d:%s", q.Start, q.End, q.Kind))
		}
		return
	}
	wf, wq := spans(&whole[0])
	cf, cq := spans(d)
	if !slices.Equal(wf, cf) {
		t.Errorf("figures differ:\nat once    %v\nin windows %v", wf, cf)
	}
	if !slices.Equal(wq, cq) {
		t.Errorf("quotes differ:\nat once    %v\nin windows %v", wq, cq)
	}
	// The text repeats, so every entity found at once is one entity in
	// windows too, its mentions gathered from all of them.
	names := map[string]int{}
	for _, e := range d.Entities {
		names[e.Label+" "+e.Name]++
	}
	for _, e := range whole[0].Entities {
		if names[e.Label+" "+e.Name] != 1 {
			t.Errorf("%s %q: %d entities in windows", e.Label, e.Name, names[e.Label+" "+e.Name])
		}
	}
	if len(d.Claims) == 0 || len(d.Quotes) == 0 {
		t.Errorf("%d claims, %d quotes", len(d.Claims), len(d.Quotes))
	}
}

// encodeTo writes what encode renders, in pieces, for both formats.
func TestEncodeToMatchesEncode(t *testing.T) {
	text := longArticle(t, 60)
	if len(text) < 3*spillAt {
		t.Fatalf("text of %d bytes spills too little", len(text))
	}
	dir := t.TempDir()
	path := write(t, dir, "long.txt", text)
	docs, _, _ := runDocs(t, realConfig(t, 2), path)
	d := &docs[0]
	d.Text = &text
	if writes := checkEncodeTo(t, d); writes < 3 {
		t.Errorf("%d writes: nothing was spilled", writes)
	}
}

// checkEncodeTo fails unless encodeTo writes what encode renders for d in
// both formats; it returns how many writes the docs line took.
func checkEncodeTo(t *testing.T, d *quarry.Document) int {
	t.Helper()
	writes := 0
	for _, format := range []string{OutDocs, OutRecords} {
		opt := OutputOptions{Format: format}
		want, err := encode(d, opt)
		if err != nil {
			t.Fatal(err)
		}
		var got countingWriter
		if encErr, writeErr := encodeTo(&got, d, opt, nil); encErr != nil || writeErr != nil {
			t.Fatal(encErr, writeErr)
		}
		if !bytes.Equal(got.Bytes(), want) {
			t.Fatalf("%s: encodeTo wrote %d bytes, encode %d; they differ", format, got.Len(), len(want))
		}
		if format == OutDocs {
			writes = got.writes
		}
	}
	return writes
}

type countingWriter struct {
	bytes.Buffer
	writes int
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.writes++
	return w.Buffer.Write(p)
}

// Texts cut at unusual places still give records that index the text:
// CRLF line ends, a text of spaces only, one long token, long words of
// multi-byte characters.
func TestWindowEdgeTexts(t *testing.T) {
	defer func(w int) { windowBytes = w }(windowBytes)
	windowBytes = 4 << 10
	for name, text := range map[string]string{
		"crlf":         strings.ReplaceAll(longArticle(t, 2), "\n", "\r\n"),
		"spaces":       strings.Repeat(" ", 20<<10),
		"newlines":     strings.Repeat("\r\n", 10<<10),
		"one token":    strings.Repeat("a", 20<<10),
		"accents":      strings.Repeat("Économie "+strings.Repeat("é", 3000)+" Zürich. ", 4),
		"no sentences": strings.Repeat("Acme Corp said 5% ", 2000),
	} {
		t.Run(name, func(t *testing.T) {
			path := write(t, t.TempDir(), "long.txt", text)
			docs, _, _ := runDocs(t, realConfig(t, 2), path)
			checkDoc(t, &docs[0], text)
		})
	}
}

// cancelExtractor ends a run's context the first time it runs.
type cancelExtractor struct{ cancel context.CancelFunc }

func (cancelExtractor) Name() string { return "cancel" }
func (c cancelExtractor) Extract(*analysis.Doc, *quarry.Document) error {
	c.cancel()
	return nil
}

// An interrupted run stops a long article at the next window instead of
// reading the rest of it: its record says so and holds no records.
func TestLongArticleInterrupted(t *testing.T) {
	defer func(w int) { windowBytes = w }(windowBytes)
	windowBytes = 1 << 10
	text := longArticle(t, 2)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cfg := Config{Analyzer: analysis.Default(), Extractors: []extractors.Extractor{capsExtractor{}, cancelExtractor{cancel}}}
	art := quarry.Article{ID: "long", Text: text}
	j := &job{art: art, doc: newDocument(art, nil, nil)}
	extractWindows(ctx, j, &cfg, nil)
	e := j.doc.Error
	if e == nil || e.Code != "interrupted" || !strings.Contains(e.Message, fmt.Sprintf("after %d of", cutWindows(text, windowBytes)[0])) {
		t.Fatalf("error %+v, want interrupted after the first window", e)
	}
	if len(j.doc.Entities) != 0 {
		t.Errorf("%d entities kept from an interrupted article", len(j.doc.Entities))
	}
}

// Any text cut into small windows gives records that index the text, with
// ids in order and references that hold, whatever the windows cut.
func FuzzWindows(f *testing.F) {
	f.Add(longArticle(f, 1), 700)
	f.Add("Acme Corp. said revenue rose 5% to $8 billion.\n\n\"We grew,\" said Ada Halvern, its chief executive. Halvern added: \"More to come.\"", 64)
	f.Add("“Quote across\n\nparagraphs,” she said. Smith — the CEO — said ~12,000+ jobs, 5–10% of staff.", 40)
	cfg := Config{Workers: 2, Analyzer: analysis.Default(), Extractors: standardChain(f), Output: OutputOptions{WithSentences: true}}
	defer func(w int) { windowBytes = w }(windowBytes)
	f.Fuzz(func(t *testing.T, text string, w int) {
		if w < 32 || w > 4096 || len(text) > 1<<15 {
			return
		}
		// What decode hands on: valid UTF-8, no NUL.
		text = strings.ReplaceAll(strings.ToValidUTF8(text, "\x1a"), "\x00", "")
		windowBytes = w
		d := windowedDoc(t, &cfg, text)
		checkDoc(t, d, text)
	})
}

// windowedDoc runs extractWindows on text and returns the document its
// output line holds. The line is the same whether the records are stashed
// or kept, in both formats.
func windowedDoc(t *testing.T, cfg *Config, text string) *quarry.Document {
	t.Helper()
	var docsLine []byte
	defer func(n int) { stashInMemory = n }(stashInMemory)
	for _, format := range []string{OutDocs, OutRecords} {
		// Kept in the document, stashed in memory, stashed in a file.
		var lines [3][]byte
		for k, inMemory := range []int{-1, 1 << 30, 0} {
			c := *cfg
			c.KeepRecords = inMemory < 0
			c.Output.Format = format
			stashInMemory = inMemory
			art := quarry.Article{ID: "fuzz", Text: text}
			j := &job{art: art, doc: newDocument(art, nil, nil)}
			extractWindows(context.Background(), j, &c, nil)
			if c.KeepRecords != (j.stash == nil) {
				t.Fatalf("KeepRecords %v, stash %v", c.KeepRecords, j.stash)
			}
			if inMemory == 0 && j.stash.size > 0 && j.stash.f == nil {
				t.Fatalf("%d bytes stashed, no file", j.stash.size)
			}
			var out bytes.Buffer
			encErr, writeErr := encodeTo(&out, j.doc, c.Output, j.stash)
			j.stash.close()
			if encErr != nil || writeErr != nil {
				t.Fatal(encErr, writeErr)
			}
			lines[k] = out.Bytes()
		}
		for k := 1; k < len(lines); k++ {
			if !bytes.Equal(lines[0], lines[k]) {
				t.Fatalf("%s: the line with records stashed (%d) differs from the line with records kept:\n%s\n%s", format, k, lines[k], lines[0])
			}
		}
		if format == OutDocs {
			docsLine = lines[0]
		}
	}
	var d quarry.Document
	if err := json.Unmarshal(docsLine, &d); err != nil {
		t.Fatal(err)
	}
	return &d
}
