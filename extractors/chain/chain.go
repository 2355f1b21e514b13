// Package chain builds quarry's standard extractors in the order they must
// run: entities first (the others refer to them), then figures, quotes and
// claims. The CLI, eval and tests all build the chain here.
package chain

import (
	"github.com/quarrylabs/quarry/extractors"
	"github.com/quarrylabs/quarry/extractors/claims"
	"github.com/quarrylabs/quarry/extractors/entities"
	"github.com/quarrylabs/quarry/extractors/figures"
	"github.com/quarrylabs/quarry/extractors/quotes"
	"github.com/quarrylabs/quarry/rules"
)

// Options select what the chain does.
type Options struct {
	// Model is the entity model; nil means the embedded default.
	Model *entities.Model
	// NoTerms leaves out quoted terms and scare quotes (kind "term").
	NoTerms bool
}

// New returns the standard extractors for a rule set.
func New(set *rules.Set, opt Options) ([]extractors.Extractor, error) {
	model := opt.Model
	if model == nil {
		m, err := entities.DefaultModel()
		if err != nil {
			return nil, err
		}
		model = m
	}
	return []extractors.Extractor{
		entities.New(model, set),
		figures.New(set),
		quotes.New(set, quotes.WithTerms(!opt.NoTerms)),
		claims.New(set),
	}, nil
}
