// Package extractors defines how extraction steps plug into the pipeline.
package extractors

import (
	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// Extractor adds records to a document. Extractors run in order, so a later
// one (quotes) can read what an earlier one (entities) found in out.
// Extractors are shared between goroutines and must not keep per-call state.
type Extractor interface {
	Name() string
	Extract(doc *analysis.Doc, out *quarry.Document) error
}
