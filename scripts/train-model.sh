#!/bin/sh
# Rebuilds the embedded entity model from CoNLL-2003 train, keeping the best
# epoch on dev. Deterministic: the same data and flags give the same bytes.
# Run from the repository root; ../shared must hold the data.
set -eu
cd "$(dirname "$0")/.."
go run ./cmd/quarry train \
  --gold ../shared/data/conll2003/train.jsonl \
  --dev ../shared/data/conll2003/dev.jsonl \
  --epochs 10 --seed 1 \
  -o extractors/entities/model/default.model
