package extract

import (
	"runtime/debug"

	"github.com/quarrylabs/quarry/extractors"
	"github.com/quarrylabs/quarry/extractors/chain"
	"github.com/quarrylabs/quarry/extractors/entities"
	"github.com/quarrylabs/quarry/pipeline/analysis"
	"github.com/quarrylabs/quarry/rules"
)

// rulesError wraps a failure to load the rule files: a usage error (exit 2).
type rulesError struct{ err error }

func (e *rulesError) Error() string { return e.err.Error() }
func (e *rulesError) Unwrap() error { return e.err }

// build loads the rules and makes the extractors, in the order they run.
func build(opts *Options) (exs, resolvers []extractors.Extractor, err error) {
	// Loading leaves ~30 MB of short-lived garbage; collecting while the
	// heap grows from nothing cost a fifth of start-up, so the collector
	// waits until the rules and the entity model are in.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	// The models load once per process; start them while the rules load.
	go analysis.Default()
	go entities.DefaultModel()
	set, err := rules.Load(rules.Options{NoDefaults: opts.NoDefault, Paths: opts.Rules})
	if err != nil {
		return nil, nil, &rulesError{err}
	}
	exs, err = chain.New(set, chain.Options{NoTerms: opts.NoTerms})
	return exs, nil, err
}
