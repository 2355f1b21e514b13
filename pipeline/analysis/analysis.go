// Package analysis turns article text into tokens, part-of-speech tags and
// sentences, all with exact byte offsets into the text as given. It is the
// only package that talks to prose: models are loaded once and shared.
//
// Tokenization conventions are listed in tokenize.go, segmentation rules in
// segment.go, and how the tagger relates to prose's in tag.go.
package analysis

import "sync"

// Token is one word or punctuation mark. Text is always Doc.Text[Start:End].
type Token struct {
	Start, End int
	Text       string
	// Norm is the form the tagger and matchers see: curly quotes and
	// apostrophes folded to ASCII, otherwise Text.
	Norm string
	// Tag is the Penn Treebank part-of-speech tag ("" when tagging is off).
	Tag string
	// Sent is the index of the sentence holding the token.
	Sent int
	// SpaceBefore is true when whitespace (or the start of text) precedes the token.
	SpaceBefore bool
	// seg holds tokenize's hints for the segmenter (segWord, segJoins):
	// set only when true, so a token without them is just looked at.
	seg uint8
	// Word numbers Norm process-wide (see vocab.go); 0 means none.
	Word uint32
}

// Sentence is a span of text and the tokens inside it (Tokens[First:Last]).
type Sentence struct {
	Start, End  int
	First, Last int
	// Para is the index of the paragraph (blank-line separated block).
	Para int
	// Furniture marks a sentence in page furniture (see Furniture),
	// which names, counts, quotes and claims nothing.
	Furniture bool
}

// Doc is an analysed text.
type Doc struct {
	Text      string
	Tokens    []Token
	Sentences []Sentence

	// stale is how many tokens of a recycled array the last document
	// used: Analyze clears those past its own, whose strings would keep
	// that document's text alive.
	stale int
}

// SentenceTokens returns the tokens of sentence i.
func (d *Doc) SentenceTokens(i int) []Token {
	s := d.Sentences[i]
	return d.Tokens[s.First:s.Last]
}

// Option configures an Analyzer.
type Option func(*config)

type config struct {
	tagging bool
}

// WithTagging turns part-of-speech tagging on (the default) or off; without
// it Token.Tag stays empty and no model is loaded.
func WithTagging(on bool) Option {
	return func(c *config) { c.tagging = on }
}

// Analyzer tokenizes, segments and tags text. It is safe for concurrent use;
// all analyzers share one copy of the tagger model.
type Analyzer struct {
	model *tagModel
}

// New returns an Analyzer. Loading the tagger model (once per process) is the
// only thing that can fail.
func New(opts ...Option) (*Analyzer, error) {
	c := config{tagging: true}
	for _, o := range opts {
		o(&c)
	}
	a := &Analyzer{}
	if c.tagging {
		m, err := sharedModel()
		if err != nil {
			return nil, err
		}
		a.model = m
	}
	return a, nil
}

var (
	defaultOnce sync.Once
	defaultA    *Analyzer
)

// Default returns the process-wide Analyzer with default options. It panics
// if the model embedded in prose cannot be decoded, which is a build defect.
func Default() *Analyzer {
	defaultOnce.Do(func() {
		a, err := New()
		if err != nil {
			panic(err)
		}
		defaultA = a
	})
	return defaultA
}

// Analyze returns the tokens and sentences of text, with offsets into text as
// given (a BOM, CRLF line ends or invalid UTF-8 are left in place and skipped).
func (a *Analyzer) Analyze(text string) *Doc {
	doc, _ := docPool.Get().(*Doc)
	if doc == nil {
		doc = &Doc{}
	}
	doc.Text = text
	// News text averages about 4.8 bytes per token; len/4 avoids regrowing.
	toks := doc.Tokens[:0]
	if n := len(text)/4 + 16; cap(toks) < n {
		toks = make([]Token, 0, n)
	}
	doc.Tokens = tokenize(text, toks)
	if k := len(doc.Tokens); k < doc.stale {
		clear(doc.Tokens[k:doc.stale])
	}
	doc.stale = 0
	sents := doc.Sentences[:0]
	if n := len(doc.Tokens)/16 + 1; cap(sents) < n {
		sents = make([]Sentence, 0, n)
	}
	doc.Sentences = segment(text, doc.Tokens, sents)
	MarkFurniture(doc)
	if a.model != nil {
		for _, s := range doc.Sentences {
			a.model.tag(doc.Tokens[s.First:s.Last])
		}
	}
	return doc
}

// Docs handed back by Recycle: a reused token array costs neither an
// allocation nor its zeroing, about a fifth of the bytes a run allocates.
var docPool sync.Pool

// MaxPooledTokens bounds the per-article buffers that pools keep, here and
// in the extractors: an article of more tokens (~40 KB of text) gets fresh
// ones, so that the longest articles of a run do not pin their arrays, one
// set per pooled buffer, for the rest of it.
const MaxPooledTokens = 1 << 13

// Recycle hands d back for reuse by a later Analyze: neither d nor its
// Tokens and Sentences may be used afterwards. Strings taken from them
// (a token's Text, say) stay valid.
func (a *Analyzer) Recycle(d *Doc) {
	if d == nil || cap(d.Tokens) > MaxPooledTokens {
		return
	}
	*d = Doc{Tokens: d.Tokens[:0], Sentences: d.Sentences[:0], stale: len(d.Tokens)}
	docPool.Put(d)
}
