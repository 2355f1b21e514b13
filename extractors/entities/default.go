package entities

import (
	"bytes"
	_ "embed"
	"sync"
)

// The default model is trained on CoNLL-2003 train by scripts/train-model.sh.
//
//go:embed model/default.model
var defaultModelFile []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// DefaultModel returns the embedded model, loaded once and shared.
func DefaultModel() (*Model, error) {
	defaultOnce.Do(func() {
		defaultModel, defaultErr = ReadModel(bytes.NewReader(defaultModelFile))
	})
	return defaultModel, defaultErr
}
