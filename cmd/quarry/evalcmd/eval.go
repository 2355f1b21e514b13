// Package evalcmd is `quarry eval`: it runs quarry over gold annotations and
// reports precision, recall and F1. The task (entities, figures, quotes) is
// chosen from the fields the gold records carry; each task has its own file.
package evalcmd

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/quarrylabs/quarry/internal/cli"
)

// Command is `quarry eval`.
var Command = cli.Command{
	Name:  "eval",
	Short: "score quarry against gold annotations (P/R/F1)",
	Run:   run,
}

// options are the flags every task sees.
type options struct {
	model   string // entity model file; empty: the embedded default
	noRules bool
	noModel bool
}

// task scores one kind of record. field is the gold record key that selects
// it ("entities"); run returns a report that prints as text or JSON.
type task struct {
	field string
	run   func(ctx context.Context, opt options, recs []json.RawMessage) (report, error)
}

type report interface {
	writeText(w io.Writer)
}

// tasks are tried in order; the first whose field the first record has wins.
var tasks = []task{
	{field: "entities", run: evalEntities},
	{field: "figures", run: evalFigures},
	{field: "quotes", run: evalQuotes},
	{field: "claims", run: evalClaims},
}

func run(ctx context.Context, io *cli.IO, args []string) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(io.Err)
	gold := fs.String("gold", "", "gold JSONL; the task is chosen from its fields ("+fieldNames()+")")
	format := fs.String("format", "text", "output format: text or json")
	taskName := fs.String("task", "", "force the task instead of guessing it ("+fieldNames()+")")
	var opt options
	fs.StringVar(&opt.model, "model", "", "entity model file (default: the embedded model)")
	fs.BoolVar(&opt.noRules, "no-rules", false, "entities: leave out the rule set (gazetteer, stoplists, patterns)")
	fs.BoolVar(&opt.noModel, "no-model", false, "entities: rules only")
	fs.Usage = func() {
		fmt.Fprintln(io.Err, "Usage: quarry eval --gold FILE.jsonl [--format json]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cli.ExitOK
		}
		return cli.ExitUsage
	}
	if *gold == "" || fs.NArg() > 0 || (*format != "text" && *format != "json") {
		fs.Usage()
		return cli.ExitUsage
	}
	recs, err := readRecords(*gold)
	if err != nil {
		fmt.Fprintln(io.Err, "eval:", err)
		return cli.ExitFatal
	}
	if len(recs) == 0 {
		fmt.Fprintf(io.Err, "eval: %s holds no records\n", *gold)
		return cli.ExitFatal
	}
	t, err := pickTask(*taskName, recs[0])
	if err != nil {
		fmt.Fprintln(io.Err, "eval:", err)
		return cli.ExitUsage
	}
	rep, err := t.run(ctx, opt, recs)
	if err != nil {
		if ctx.Err() != nil {
			fmt.Fprintln(io.Err, "eval: interrupted")
			return cli.ExitInterrupted
		}
		fmt.Fprintln(io.Err, "eval:", err)
		return cli.ExitFatal
	}
	if *format == "json" {
		enc := json.NewEncoder(io.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			fmt.Fprintln(io.Err, "eval:", err)
			return cli.ExitFatal
		}
		return cli.ExitOK
	}
	rep.writeText(io.Out)
	return cli.ExitOK
}

func fieldNames() string {
	var names []string
	for _, t := range tasks {
		names = append(names, t.field)
	}
	return strings.Join(names, ", ")
}

func pickTask(name string, first json.RawMessage) (task, error) {
	if name != "" {
		for _, t := range tasks {
			if t.field == name {
				return t, nil
			}
		}
		return task{}, fmt.Errorf("unknown task %q (known: %s)", name, fieldNames())
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(first, &fields); err != nil {
		return task{}, fmt.Errorf("first record: %w", err)
	}
	for _, t := range tasks {
		if _, ok := fields[t.field]; ok {
			return t, nil
		}
	}
	return task{}, fmt.Errorf("cannot tell the task: the first record has none of the fields %s", fieldNames())
}

func readRecords(path string) ([]json.RawMessage, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var recs []json.RawMessage
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<28)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(strings.TrimSpace(string(b))) == 0 {
			continue
		}
		if !json.Valid(b) {
			return nil, fmt.Errorf("%s:%d: not a JSON object", path, line)
		}
		recs = append(recs, append(json.RawMessage(nil), b...))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", path, line+1, err)
	}
	return recs, nil
}
