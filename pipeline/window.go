package pipeline

import (
	"context"
	"fmt"
	"strings"
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
// window, not the article. 256 KiB is ~40,000 words, longer than any news
// article, so only books, transcripts and dumps are cut.
const WindowBytes = 256 << 10

// windowBytes is WindowBytes, lowered by tests.
var windowBytes = WindowBytes

// cutWindows returns the end offsets of the windows text is cut into, each
// at most w bytes and the last at len(text). A window ends in its second
// half at its last paragraph break (a line holding only spaces), else its
// last line break, else its last sentence end (., ! or ? before a space),
// else its last space, else between two characters: a token is never cut
// unless a quarter of a window holds no space.
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
// window, one window at a time, and merges the windows' records into the
// article's document. Sentences are kept (shifted) when the output wants
// them, since no analysis of the whole text is left for encode. When ctx
// ends (the run is interrupted) it stops at the next window and fails the
// article rather than keep a stopping run busy for seconds.
func extractWindows(ctx context.Context, j *job, cfg *Config) {
	text := j.art.Text
	m := newMerger(j.doc)
	start := 0
	for _, end := range cutWindows(text, windowBytes) {
		if ctx.Err() != nil {
			fail(j.doc, &quarry.Error{Code: "interrupted", Message: fmt.Sprintf("the run was stopped after %d of the article's %d bytes", start, len(text))})
			j.doc.Sentences = nil
			return
		}
		an := cfg.Analyzer.Analyze(text[start:end])
		part := &quarry.Document{}
		err := extractAll(an, part, cfg.Extractors)
		if err == nil {
			err = extractAll(an, part, cfg.Resolvers)
		}
		if err != nil {
			fail(j.doc, extractFailure(err))
			j.doc.Sentences = nil
			recycle(cfg.Analyzer, an)
			return
		}
		m.add(part, start, len(an.Sentences))
		if cfg.Output.WithSentences {
			for _, s := range an.Sentences {
				j.doc.Sentences = append(j.doc.Sentences, quarry.Sentence{Start: start + s.Start, End: start + s.End})
			}
		}
		recycle(cfg.Analyzer, an)
		start = end
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
			return &extractError{name: ex.Name(), err: err}
		}
	}
	return nil
}

type extractError struct {
	name string
	err  error
}

func (e *extractError) Error() string { return e.name + ": " + e.err.Error() }

// extractFailure is the error of an article an extractor failed.
func extractFailure(err error) *quarry.Error {
	return &quarry.Error{Code: "extract_error", Message: err.Error()}
}

// fail marks doc as failed and drops its records.
func fail(doc *quarry.Document, e *quarry.Error) {
	doc.Error = e
	doc.Entities, doc.Figures, doc.Quotes, doc.Claims = []quarry.Entity{}, []quarry.Figure{}, []quarry.Quote{}, []quarry.Claim{}
}
