// Package traincmd is `quarry train`: it trains the entity model from gold
// annotations.
package traincmd

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/quarrylabs/quarry/extractors/entities"
	"github.com/quarrylabs/quarry/internal/cli"
	"github.com/quarrylabs/quarry/pipeline/analysis"
	"github.com/quarrylabs/quarry/rules"
)

// Command is `quarry train`.
var Command = cli.Command{
	Name:  "train",
	Short: "train an entity model from annotated JSONL",
	Run:   run,
}

func run(ctx context.Context, io *cli.IO, args []string) int {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.SetOutput(io.Err)
	gold := fs.String("gold", "", "training data: JSONL {\"id\",\"text\",\"entities\":[{\"start\",\"end\",\"label\"}]}, byte offsets")
	dev := fs.String("dev", "", "development data in the same format: scored after each epoch for the log (the last epoch is kept)")
	out := fs.String("o", "", "model file to write")
	epochs := fs.Int("epochs", 10, "passes over the training data")
	seed := fs.Int64("seed", 1, "shuffling seed; the same data and seed give the same model")
	restarts := fs.Int("restarts", 1, "train each pass this many times (seeds seed, seed+1, ...) and sum the averaged weights")
	greedy := fs.Bool("greedy", false, "greedy left-to-right decoding instead of Viterbi")
	pos := fs.Bool("pos", false, "use part-of-speech features")
	bits := fs.Uint("bits", 20, "log2 of the feature table size")
	folds := fs.Int("folds", 5, "train a second, document-aware pass on first-pass output from this many folds (0: one pass)")
	noRules := fs.Bool("no-rules", false, "do not give the model the default rule set's matches as features")
	unlabeled := fs.String("unlabeled", "", "comma-separated unlabelled text for word clusters: directories of .txt files, .jsonl files with a \"text\" field, or text files")
	fs.Usage = func() {
		fmt.Fprintln(io.Err, "Usage: quarry train --gold train.jsonl [--dev dev.jsonl] -o model.file")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cli.ExitOK
		}
		return cli.ExitUsage
	}
	if *gold == "" || *out == "" || fs.NArg() > 0 || *bits < 10 || *bits > 24 {
		fs.Usage()
		return cli.ExitUsage
	}
	an, err := analysis.New(analysis.WithTagging(*pos))
	if err != nil {
		return fail(io, ctx, err)
	}
	load := func(path string) ([]entities.TrainDoc, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		gd, err := entities.ReadGold(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		docs := make([]entities.TrainDoc, len(gd))
		for i, g := range gd {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			docs[i] = entities.TrainDoc{ID: g.ID, Doc: an.Analyze(g.Text), Spans: g.Entities}
		}
		return docs, nil
	}
	start := time.Now()
	train, err := load(*gold)
	if err != nil {
		return fail(io, ctx, err)
	}
	var devDocs []entities.TrainDoc
	if *dev != "" {
		if devDocs, err = load(*dev); err != nil {
			return fail(io, ctx, err)
		}
	}
	var raw []*analysis.Doc
	if *unlabeled != "" {
		for _, p := range strings.Split(*unlabeled, ",") {
			texts, err := entities.ReadTexts(p)
			if err != nil {
				return fail(io, ctx, err)
			}
			for _, t := range texts {
				if ctx.Err() != nil {
					return fail(io, ctx, ctx.Err())
				}
				raw = append(raw, an.Analyze(t))
			}
		}
	}
	fmt.Fprintf(io.Err, "train: %d documents (%d dev, %d unlabelled) analysed in %v\n", len(train), len(devDocs), len(raw), time.Since(start).Round(time.Millisecond))
	var set *rules.Set
	if !*noRules {
		if set, err = rules.Default(); err != nil {
			return fail(io, ctx, err)
		}
	}
	m, err := entities.Train(train, entities.TrainOptions{
		Epochs: *epochs, Seed: *seed, Restarts: *restarts, Bits: uint8(*bits), Greedy: *greedy, UsePOS: *pos, Folds: *folds, Rules: set, Unlabeled: raw, Dev: devDocs, Log: io.Err,
	})
	if err != nil {
		return fail(io, ctx, err)
	}
	f, err := os.Create(*out)
	if err != nil {
		return fail(io, ctx, err)
	}
	n, err := m.WriteTo(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fail(io, ctx, err)
	}
	fmt.Fprintf(io.Err, "train: wrote %s (%d bytes, labels %v) in %v\n", *out, n, m.Types, time.Since(start).Round(time.Millisecond))
	return cli.ExitOK
}

func fail(io *cli.IO, ctx context.Context, err error) int {
	if ctx.Err() != nil {
		fmt.Fprintln(io.Err, "train: interrupted")
		return cli.ExitInterrupted
	}
	fmt.Fprintln(io.Err, "train:", err)
	return cli.ExitFatal
}
