// Package analysis turns article text into tokens, part-of-speech tags and
// sentences, all with exact byte offsets into the text as given. It is the
// only package that talks to prose: models are loaded once and shared.
package analysis

// Token is one word or punctuation mark. Text is always Doc.Text[Start:End].
type Token struct {
	Start, End int
	Text       string
	// Norm is the form the tagger and matchers see: curly quotes and
	// apostrophes folded to ASCII, otherwise Text.
	Norm string
	// Tag is the Penn Treebank part-of-speech tag.
	Tag string
	// Sent is the index of the sentence holding the token.
	Sent int
	// SpaceBefore is true when whitespace (or the start of text) precedes the token.
	SpaceBefore bool
}

// Sentence is a span of text and the tokens inside it (Tokens[First:Last]).
type Sentence struct {
	Start, End  int
	First, Last int
	// Para is the index of the paragraph (blank-line separated block).
	Para int
}

// Doc is an analysed text.
type Doc struct {
	Text      string
	Tokens    []Token
	Sentences []Sentence
}

// SentenceTokens returns the tokens of sentence i.
func (d *Doc) SentenceTokens(i int) []Token {
	s := d.Sentences[i]
	return d.Tokens[s.First:s.Last]
}
