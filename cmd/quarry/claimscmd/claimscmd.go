// Package claimscmd is `quarry claims`: tools over the claims of extracted
// documents. `quarry claims group` clusters claims from many articles by
// subject, predicate and object and flags groups whose figures disagree.
package claimscmd

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/extractors/claims"
	"github.com/quarrylabs/quarry/internal/cli"
)

// Command is `quarry claims`.
var Command = cli.Command{
	Name:  "claims",
	Short: "group claims across articles and flag disagreeing figures",
	Run:   run,
}

func usage(w io.Writer) {
	fmt.Fprintln(w, `Usage: quarry claims group [--min-docs N] [--all] [--disagreements] [FILE...]

Reads documents as written by quarry extract (JSON Lines, one document a
line) from the files, or stdin when none or "-" is given, and writes one JSON
line per group of claims about the same subject, predicate and object.`)
}

func run(ctx context.Context, io *cli.IO, args []string) int {
	if len(args) == 0 {
		usage(io.Err)
		return cli.ExitUsage
	}
	switch args[0] {
	case "group":
		return group(ctx, io, args[1:])
	case "-h", "--help", "help":
		usage(io.Err)
		return cli.ExitOK
	}
	fmt.Fprintf(io.Err, "quarry claims: unknown subcommand %q\n", args[0])
	usage(io.Err)
	return cli.ExitUsage
}

func group(ctx context.Context, io *cli.IO, args []string) int {
	fs := flag.NewFlagSet("claims group", flag.ContinueOnError)
	fs.SetOutput(io.Err)
	minDocs := fs.Int("min-docs", 2, "keep groups whose claims come from at least N documents")
	all := fs.Bool("all", false, "keep every group, single claims included (same as --min-docs 1)")
	onlyDis := fs.Bool("disagreements", false, "keep only groups whose figures disagree")
	fs.Usage = func() { usage(io.Err); fs.PrintDefaults() }
	files, err := cli.Parse(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cli.ExitOK
		}
		return cli.ExitUsage
	}
	if *all {
		*minDocs = 1
	}
	if *minDocs < 1 {
		fmt.Fprintln(io.Err, "quarry claims group: --min-docs must be at least 1")
		return cli.ExitUsage
	}
	if len(files) == 0 {
		files = []string{"-"}
	}
	var docs []quarry.Document
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return cli.ExitInterrupted
		}
		ds, err := readDocs(f, io.In)
		if err != nil {
			fmt.Fprintln(io.Err, "quarry claims group:", err)
			return cli.ExitFatal
		}
		docs = append(docs, ds...)
	}
	if err := WriteGroups(io.Out, docs, *minDocs, *onlyDis); err != nil {
		fmt.Fprintln(io.Err, "quarry claims group:", err)
		return cli.ExitFatal
	}
	return cli.ExitOK
}

// WriteGroups clusters the claims of docs and writes one JSON line per group
// with claims from at least minDocs documents (only disagreeing groups when
// onlyDisagreements). quarry extract --group uses it too.
func WriteGroups(out io.Writer, docs []quarry.Document, minDocs int, onlyDisagreements bool) error {
	groups := claims.Group(func(yield func(quarry.Document) bool) {
		for _, d := range docs {
			if !yield(d) {
				return
			}
		}
	})
	w := bufio.NewWriter(out)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, g := range groups {
		if g.Docs < minDocs || (onlyDisagreements && !g.Disagreement) {
			continue
		}
		if err := enc.Encode(g); err != nil {
			return err
		}
	}
	return w.Flush()
}

// readDocs reads one document per line; blank lines are skipped, a line
// that is not a document is an error naming its place.
func readDocs(path string, stdin io.Reader) ([]quarry.Document, error) {
	r := stdin
	name := "stdin"
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r, name = f, path
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 1<<30)
	var out []quarry.Document
	for n := 1; sc.Scan(); n++ {
		line := sc.Bytes()
		if len(trimSpace(line)) == 0 {
			continue
		}
		var d quarry.Document
		if err := json.Unmarshal(line, &d); err != nil {
			return nil, fmt.Errorf("%s:%d: not a quarry document: %v", name, n, err)
		}
		if d.ID == "" {
			d.ID = fmt.Sprintf("%s:%d", name, n)
		}
		out = append(out, d)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return out, nil
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r' || b[0] == '\n') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t' || b[len(b)-1] == '\r' || b[len(b)-1] == '\n') {
		b = b[:len(b)-1]
	}
	return b
}
