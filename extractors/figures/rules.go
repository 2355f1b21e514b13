package figures

import "github.com/quarrylabs/quarry/rules"

// New returns an extractor reading currencies, scales, units, parts of
// currencies and counted nouns from the rule set's figure units. A nil set,
// or one without currencies and units (--no-default-rules and no
// figure-units file), reads them from the embedded default rules.
func New(set *rules.Set) *Extractor {
	return &Extractor{lx: newLexicon(unitsOf(set))}
}

func unitsOf(set *rules.Set) *rules.FigureUnits {
	if set != nil {
		if fu := set.FigureUnits(); fu != nil && (len(fu.Currencies) > 0 || len(fu.Units) > 0) {
			return fu
		}
	}
	def, err := rules.Default()
	if err != nil {
		return &rules.FigureUnits{} // the embedded rules are broken: digits and number words still read
	}
	return def.FigureUnits()
}
