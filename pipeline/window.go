package pipeline

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/extractors"
	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// WindowBytes is the most text analysed at once. Analysis and extraction
// hold ~100 bytes of memory per byte of text (tokens, tags, the entity
// model's lattice, the extractors' indexes), so a longer article is cut
// into windows, each analysed and extracted as a text of its own, and their
// records are merged (merge.go): the working memory then follows the
// window, not the article. 128 KiB is ~20,000 words, longer than all but
// the longest long reads, so mostly books, transcripts and dumps are cut.
// With 256 KiB windows a folder of 1 MB articles peaked at 190 MB of RSS,
// with 128 KiB at 165 MB, in the same CPU time.
const WindowBytes = 128 << 10

// windowBytes is WindowBytes, lowered by tests.
var windowBytes = WindowBytes

// cutWindows returns the end offsets of the windows text is cut into, each
// at most w bytes and the last at len(text). A window ends in its second
// half at its last paragraph break (a line holding only spaces), else its
// last line break, else its last sentence end (., ! or ? before a space),
// else its last space, else between two characters: a token is cut only
// when the second half of a window holds no space at all.
func cutWindows(text string, w int) []int {
	var ends []int
	for start := 0; len(text)-start > w; start = ends[len(ends)-1] {
		ends = append(ends, cutAt(text, start, start+w/2, start+w))
	}
	return append(ends, len(text))
}

// cutAt picks the end of the window from start in text[from:to].
func cutAt(text string, start, from, to int) int {
	span := text[from:to]
	// A paragraph break: a newline whose line before holds only spaces.
	for i := strings.LastIndexByte(span, '\n'); i > 0; i = strings.LastIndexByte(span[:i], '\n') {
		j := i - 1
		for j >= 0 && (span[j] == ' ' || span[j] == '\t' || span[j] == '\r') {
			j--
		}
		if j >= 0 && span[j] == '\n' {
			return from + i + 1
		}
	}
	if i := strings.LastIndexByte(span, '\n'); i >= 0 {
		return from + i + 1
	}
	for i := len(span) - 1; i > 0; i-- {
		if span[i] == ' ' && strings.IndexByte(".!?", span[i-1]) >= 0 {
			return from + i + 1
		}
	}
	if i := strings.LastIndexAny(span, " \t"); i >= 0 {
		return from + i + 1
	}
	end := to
	for end > start+1 && !utf8.RuneStart(text[end]) {
		end--
	}
	return end
}

// extractWindows analyses, extracts and resolves an article longer than a
// window and merges the windows' records into the article's document. It
// takes as many windows at a time as the run has workers, each on its own
// goroutine holding a core of the run's (the worker gives back its own
// while it waits for them), so that a long article alone in flight (as one
// over the in-flight budget is) still keeps every core busy, and two long
// articles at once hold no more windows in memory than one; the merge goes
// in text order. Sentences are kept (shifted) when the output wants them,
// since no analysis of the whole text is left for encode. When ctx ends
// (the run is interrupted) it stops before the next windows and fails the
// article rather than keep a stopping run busy for seconds.
//
// Unless cfg.KeepRecords, the figures, quotes and claims of each batch of
// windows go to a stash once merged (stash.go), so that a long article's
// records are not all in memory until it is written.
func extractWindows(ctx context.Context, j *job, cfg *Config, cores cores) {
	cores.give()
	defer cores.take()
	text := j.art.Text
	if !cfg.KeepRecords {
		j.stash = newStash(cfg.Output.Format, text)
	}
	// A failed article has no records to write.
	defer func() {
		if j.doc.Error != nil {
			j.stash.close()
			j.stash = nil
		}
	}()
	m := newMerger(j.doc, j.stash != nil)
	batch := make([]window, max(cfg.Workers, 1))
	start := 0
	for ends := cutWindows(text, windowBytes); len(ends) > 0; {
		if ctx.Err() != nil {
			fail(j.doc, &quarry.Error{Code: "interrupted", Message: fmt.Sprintf("the run was stopped after %d of the article's %d bytes", start, len(text))})
			return
		}
		n := min(len(batch), len(ends))
		for k := range n {
			batch[k] = window{start: start, end: ends[k]}
			start = ends[k]
		}
		ends = ends[n:]
		var wg sync.WaitGroup
		for k := range n {
			wg.Go(func() {
				cores.take()
				defer cores.give()
				batch[k].extract(text, cfg)
			})
		}
		wg.Wait()
		for k := range n {
			w := &batch[k]
			if w.err != nil {
				fail(j.doc, extractFailure(w.err))
				return
			}
			m.add(w.part, w.start, w.sents)
			j.doc.Sentences = append(j.doc.Sentences, w.spans...)
			batch[k] = window{}
		}
		if len(j.doc.Entities) > maxEntities {
			fail(j.doc, &quarry.Error{Code: "too_many_entities", Message: fmt.Sprintf("more than %d distinct entities in the first %d bytes of %d (a list or a data dump rather than an article?); split it to read it", maxEntities, start, len(text))})
			return
		}
		if j.stash != nil {
			if err := j.stash.put(j.doc); err != nil {
				fail(j.doc, err)
				return
			}
		}
	}
	if j.stash != nil {
		j.stash.mentions = m.packed
	}
}

// maxEntities caps the distinct entities of one article. A long article's
// entities are kept until its line is written (its other records wait on
// disk), at ~400 bytes each with their index: 100 MB of made-up names, 4.4
// million of them, took 1.85 GB. A news article names hundreds; a book a
// few thousand.
var maxEntities = 1 << 20

// cores caps the goroutines analysing at once, whole articles or windows,
// at the run's workers: analysis holds ~100 bytes per byte of text, so the
// cap on cores is the cap on that memory. A nil cores caps nothing.
type cores chan struct{}

func (c cores) take() {
	if c != nil {
		c <- struct{}{}
	}
}

func (c cores) give() {
	if c != nil {
		<-c
	}
}

// window is one window of a long article and what was found in it.
type window struct {
	start, end int
	part       *quarry.Document // records, with offsets into the window
	sents      int              // sentences in the window
	spans      []quarry.Sentence
	err        error
}

// extract runs analysis, the extractors and the resolvers on the window.
func (w *window) extract(text string, cfg *Config) {
	an := cfg.Analyzer.Analyze(text[w.start:w.end])
	defer recycle(cfg.Analyzer, an)
	w.part = &quarry.Document{}
	if w.err = extractAll(an, w.part, cfg.Extractors); w.err == nil {
		w.err = extractAll(an, w.part, cfg.Resolvers)
	}
	w.sents = len(an.Sentences)
	if cfg.Output.WithSentences {
		w.spans = make([]quarry.Sentence, len(an.Sentences))
		for i, s := range an.Sentences {
			w.spans[i] = quarry.Sentence{Start: w.start + s.Start, End: w.start + s.End}
		}
	}
}

// recycle hands an analysis back to an Analyzer that reuses its arrays.
func recycle(a Analyzer, an *analysis.Doc) {
	if r, ok := a.(recycler); ok && an != nil {
		r.Recycle(an)
	}
}

// extractAll applies extractors in order; the first failure (or panic)
// stops them.
func extractAll(an *analysis.Doc, doc *quarry.Document, exs []extractors.Extractor) error {
	for _, ex := range exs {
		if err := safeExtract(ex, an, doc); err != nil {
			return fmt.Errorf("%s: %w", ex.Name(), err)
		}
	}
	return nil
}

// extractFailure is the error of an article an extractor failed.
func extractFailure(err error) *quarry.Error {
	return &quarry.Error{Code: "extract_error", Message: err.Error()}
}

// fail marks doc as failed and drops its records, and the sentences a
// windowed article gathered (a short one's are set at encode).
func fail(doc *quarry.Document, e *quarry.Error) {
	doc.Error = e
	doc.Sentences = nil
	doc.Entities, doc.Figures, doc.Quotes, doc.Claims = []quarry.Entity{}, []quarry.Figure{}, []quarry.Quote{}, []quarry.Claim{}
}
