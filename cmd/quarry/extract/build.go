package extract

import (
	"errors"
	"strings"

	"github.com/quarrylabs/quarry/extractors"
	"github.com/quarrylabs/quarry/extractors/chain"
	"github.com/quarrylabs/quarry/rules"
)

// rulesError carries rule-file problems, printed as FILE:LINE:COL lines.
type rulesError struct{ msg string }

func (e *rulesError) Error() string { return e.msg }

// build loads the rules and makes the extractors, in the order they run.
func build(opts *Options) (exs, resolvers []extractors.Extractor, err error) {
	set, err := rules.Load(rules.Options{NoDefaults: opts.NoDefault, Paths: opts.Rules})
	if err != nil {
		var rerrs rules.Errors
		if errors.As(err, &rerrs) {
			var b strings.Builder
			for _, e := range rerrs {
				b.WriteString(e.Error())
				b.WriteByte('\n')
			}
			b.WriteString("quarry extract: fix the rule files above; nothing was read")
			return nil, nil, &rulesError{b.String()}
		}
		return nil, nil, err
	}
	exs, err = chain.New(set, chain.Options{})
	return exs, nil, err
}
