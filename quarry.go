// Package quarry holds the public types of quarry's output: one Document per
// article, with the entities, figures, quotes and claims found in it.
//
// Every Start/End pair is a UTF-8 byte offset into the article text as given
// (end exclusive), so text[Start:End] is always the record's Text.
package quarry

import "encoding/json"

// Schema names the output contract. Changes to it are additive only.
const Schema = "quarry.v1"

// Labels an entity may carry.
const (
	Person  = "PERSON"
	Company = "COMPANY"
	Org     = "ORG"
	Loc     = "LOC"
	Misc    = "MISC"
)

// Article is one input document after decoding.
type Article struct {
	ID        string
	Title     string
	URL       string
	Published string
	Text      string
	// Meta holds the fields of an input object quarry does not know, untouched.
	Meta   map[string]json.RawMessage
	Source Source
}

// Source says where an article came from.
type Source struct {
	Path string `json:"path,omitempty"`
	Line int    `json:"line,omitempty"`
	// Index is the 1-based position in a .json file holding an array.
	Index int `json:"index,omitempty"`
}

// Document is the output record for one article.
type Document struct {
	Schema    string                     `json:"schema"`
	ID        string                     `json:"id"`
	Source    Source                     `json:"source"`
	Title     string                     `json:"title,omitempty"`
	URL       string                     `json:"url,omitempty"`
	Published string                     `json:"published,omitempty"`
	Meta      map[string]json.RawMessage `json:"meta,omitempty"`
	Text      *string                    `json:"text,omitempty"`
	Entities  []Entity                   `json:"entities"`
	Figures   []Figure                   `json:"figures"`
	Quotes    []Quote                    `json:"quotes"`
	Claims    []Claim                    `json:"claims"`
	Sentences []Sentence                 `json:"sentences,omitempty"`
	Warnings  []Warning                  `json:"warnings,omitempty"`
	Error     *Error                     `json:"error,omitempty"`
}

// Mention is one occurrence of an entity in the text.
type Mention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Entity is one real-world thing named in an article, with all its mentions.
type Entity struct {
	ID       string    `json:"id"`
	Label    string    `json:"label"`
	Name     string    `json:"name"`
	Mentions []Mention `json:"mentions"`
	// Title is a person's role when the text gives it ("CEO").
	Title string `json:"title,omitempty"`
	// Affiliation is the organisation a person is tied to, by entity id.
	Affiliation string `json:"affiliation,omitempty"`
	// Attrs carries gazetteer attributes (ticker, parent, country, ...).
	Attrs map[string]string `json:"attrs,omitempty"`
	// Origin says what found it: "model", "rules" or both.
	Origin string `json:"origin,omitempty"`
}

// Figure is a number in the text with its normalised value.
type Figure struct {
	ID       string   `json:"id"`
	Start    int      `json:"start"`
	End      int      `json:"end"`
	Text     string   `json:"text"`
	Kind     string   `json:"kind"`
	Value    *float64 `json:"value,omitempty"`
	Min      *float64 `json:"min,omitempty"`
	Max      *float64 `json:"max,omitempty"`
	Unit     string   `json:"unit,omitempty"`
	Currency string   `json:"currency,omitempty"`
	// Per is the unit of a rate: "barrel" in "$47 a barrel", "day" in
	// "100,000 barrels per day". The span does not take it in.
	Per       string   `json:"per,omitempty"`
	Approx    []string `json:"approx,omitempty"`
	Counts    string   `json:"counts,omitempty"`
	Entity    string   `json:"entity,omitempty"`
	Direction string   `json:"direction,omitempty"`
	Sentence  int      `json:"sentence"`
}

// Quote is a stretch of reported speech.
type Quote struct {
	ID       string   `json:"id"`
	Start    int      `json:"start"`
	End      int      `json:"end"`
	Text     string   `json:"text"`
	Kind     string   `json:"kind"`
	Speaker  *Speaker `json:"speaker"`
	Cue      *Cue     `json:"cue,omitempty"`
	Sentence int      `json:"sentence"`
}

// Speaker is who a quote is attributed to: the mention as written and the
// entity it resolves to, when there is one.
type Speaker struct {
	Name   string `json:"name"`
	Entity string `json:"entity,omitempty"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Text   string `json:"text"`
}

// Cue is the word or phrase that attributes a quote ("said", "according to").
type Cue struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Claim is a checkable statement.
type Claim struct {
	ID        string        `json:"id"`
	Start     int           `json:"start"`
	End       int           `json:"end"`
	Text      string        `json:"text"`
	Sentence  int           `json:"sentence"`
	Subject   *ClaimSubject `json:"subject,omitempty"`
	Predicate string        `json:"predicate,omitempty"`
	Object    string        `json:"object,omitempty"`
	Figures   []string      `json:"figures,omitempty"`
	// Scope qualifies the figures ("including previous rounds"), so that
	// differently scoped figures are not read as a contradiction.
	Scope       string             `json:"scope,omitempty"`
	Source      ClaimSource        `json:"source"`
	Modality    string             `json:"modality"`
	Checkworthy float64            `json:"checkworthy"`
	Features    map[string]float64 `json:"features,omitempty"`
}

// ClaimSubject is the entity a claim is about.
type ClaimSubject struct {
	Entity string `json:"entity,omitempty"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Text   string `json:"text"`
}

// ClaimSource is who asserts a claim.
type ClaimSource struct {
	Type   string `json:"type"` // article, speaker or reported
	Quote  string `json:"quote,omitempty"`
	Entity string `json:"entity,omitempty"`
}

// Sentence is a sentence span, emitted with --with sentences.
type Sentence struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Warning is a problem that did not stop the article from being processed.
type Warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Error says why an article failed; its record is still written.
type Error struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}
