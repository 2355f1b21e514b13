// Package rulescmd is `quarry rules`: check, test and list rule files.
package rulescmd

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/quarrylabs/quarry/internal/cli"
	"github.com/quarrylabs/quarry/rules"
)

// Command is `quarry rules` running examples against the rules alone.
var Command = NewCommand(nil)

// NewCommand builds `quarry rules`; runner, when not nil, makes the
// ExampleRunner `rules test` uses (for instance one running the full
// extractor), else examples are checked against the rules alone.
func NewCommand(runner func(*rules.Set) rules.ExampleRunner) cli.Command {
	return cli.Command{
		Name:  "rules",
		Short: "check, test and list rule files",
		Run: func(ctx context.Context, io *cli.IO, args []string) int {
			return run(io, args, runner)
		},
	}
}

const usage = `Usage:
  quarry rules check [--format text|json] [--no-default-rules] [PATH...]
  quarry rules test  [--all] [-v] [--no-default-rules] [PATH...]
  quarry rules list  [--rules PATH]... [--no-default-rules] [--format text|json] [PATH...]

PATH is a rule file or a folder of *.yaml / *.yml files. The embedded
default rules load first unless --no-default-rules; user files override
defaults by id or name. The format is described in docs/rules.md.

  check  report every problem as FILE:LINE:COL: message; exit 1 if any
  test   run the examples the rule files carry (those of PATH, or the
         defaults' when no PATH is given; --all runs both); exit 1 if any fail
  list   print each loaded file with its origin, kinds and counts
`

func run(io *cli.IO, args []string, runner func(*rules.Set) rules.ExampleRunner) int {
	if len(args) == 0 {
		fmt.Fprint(io.Err, usage)
		return cli.ExitUsage
	}
	switch args[0] {
	case "-h", "--help", "-help", "help":
		fmt.Fprint(io.Out, usage)
		return cli.ExitOK
	case "check":
		return check(io, args[1:])
	case "test":
		return test(io, args[1:], runner)
	case "list":
		return list(io, args[1:])
	}
	fmt.Fprintf(io.Err, "quarry rules: unknown subcommand %q\n\n%s", args[0], usage)
	return cli.ExitUsage
}

// PathsFlag is a repeatable --rules flag.
type PathsFlag []string

func (p *PathsFlag) String() string { return strings.Join(*p, ",") }

// Set adds one path.
func (p *PathsFlag) Set(s string) error {
	if s == "" {
		return errors.New("empty path")
	}
	*p = append(*p, s)
	return nil
}

func newFlags(io *cli.IO, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet("quarry rules "+name, flag.ContinueOnError)
	fs.SetOutput(io.Err)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: quarry rules %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// flagExit maps a flag parsing error to an exit code (--help is not an error).
func flagExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return cli.ExitOK
	}
	return cli.ExitUsage
}

func validFormat(io *cli.IO, f string) bool {
	if f == "text" || f == "json" {
		return true
	}
	fmt.Fprintf(io.Err, "quarry rules: --format must be text or json, not %q\n", f)
	return false
}

// Report prints rule loading errors, one FILE:LINE:COL: message per line,
// for commands that load rules (quarry extract exits 2 after it).
func Report(w io.Writer, err error) {
	var es rules.Errors
	if errors.As(err, &es) {
		for _, e := range es {
			fmt.Fprintln(w, e.Error())
		}
		fmt.Fprintf(w, "%d problem%s in rule files; run `quarry rules check` after fixing them\n", len(es), plural(len(es)))
		return
	}
	fmt.Fprintf(w, "rules: %v\n", err)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func check(io *cli.IO, args []string) int {
	fs := newFlags(io, "check", "check [--format text|json] [--no-default-rules] [PATH...]")
	format := fs.String("format", "text", "output format: text or json")
	noDefaults := fs.Bool("no-default-rules", false, "do not load the embedded default rules")
	paths, err := cli.Parse(fs, args)
	if err != nil {
		return flagExit(err)
	}
	if !validFormat(io, *format) {
		return cli.ExitUsage
	}
	set, err := rules.Load(rules.Options{NoDefaults: *noDefaults, Paths: paths})
	var es rules.Errors
	if err != nil && !errors.As(err, &es) {
		es = rules.Errors{{File: "rules", Msg: err.Error()}}
	}
	if *format == "json" {
		out := struct {
			OK     bool           `json:"ok"`
			Errors []*rules.Error `json:"errors"`
			Files  []string       `json:"files,omitempty"`
		}{OK: len(es) == 0, Errors: es}
		if out.Errors == nil {
			out.Errors = []*rules.Error{}
		}
		if set != nil {
			for _, f := range set.Files() {
				out.Files = append(out.Files, f.Path)
			}
		}
		enc := json.NewEncoder(io.Out)
		enc.SetIndent("", "  ")
		enc.Encode(out)
	} else if len(es) > 0 {
		for _, e := range es {
			fmt.Fprintln(io.Out, e.Error())
		}
		fmt.Fprintf(io.Err, "%d problem%s\n", len(es), plural(len(es)))
	} else {
		fmt.Fprintln(io.Out, "ok: "+summary(set))
	}
	if len(es) > 0 {
		return cli.ExitFatal
	}
	return cli.ExitOK
}

// summary is a one-line account of a Set.
func summary(s *rules.Set) string {
	user := 0
	for _, f := range s.Files() {
		if f.Origin == rules.OriginUser {
			user++
		}
	}
	fu := s.FigureUnits()
	return fmt.Sprintf("%d files (%d user): %d gazetteer entries, %d titles, %d patterns, %d stop words, %d quote cues, %d claim cues, %d currencies, %d units, %d examples",
		len(s.Files()), user, s.Gazetteer().Len(), s.Titles().Len(), len(s.Patterns().Rules()), s.Stoplist().Len(),
		len(s.QuoteCues().Verbs)+len(s.QuoteCues().Phrases), s.ClaimCues().Len(), len(fu.Currencies), len(fu.Units), len(s.Examples()))
}

func test(io *cli.IO, args []string, runner func(*rules.Set) rules.ExampleRunner) int {
	fs := newFlags(io, "test", "test [--all] [-v] [--no-default-rules] [PATH...]")
	noDefaults := fs.Bool("no-default-rules", false, "do not load the embedded default rules")
	all := fs.Bool("all", false, "run the default rules' examples too")
	verbose := fs.Bool("v", false, "print everything found for each failing example")
	paths, err := cli.Parse(fs, args)
	if err != nil {
		return flagExit(err)
	}
	set, err := rules.Load(rules.Options{NoDefaults: *noDefaults, Paths: paths})
	if err != nil {
		Report(io.Err, err)
		return cli.ExitFatal
	}
	keep := func(e *rules.Example) bool { return *all || e.User == (len(paths) > 0) }
	var run rules.ExampleRunner
	if runner != nil {
		run = runner(set)
	}
	n := 0
	for _, e := range set.Examples() {
		if keep(e) {
			n++
		}
	}
	fails := set.RunExamples(run, keep)
	for _, f := range fails {
		fmt.Fprintln(io.Out, f.Error())
		if *verbose {
			for _, x := range f.Found {
				fmt.Fprintf(io.Out, "    found %s at %d-%d\n", x, x.Start, x.End)
			}
		}
	}
	if n == 0 {
		fmt.Fprintln(io.Err, "no examples to run; add `examples:` to your rule files (see docs/rules.md)")
	}
	fmt.Fprintf(io.Out, "%d example%s, %d failed\n", n, plural(n), len(fails))
	if len(fails) > 0 {
		return cli.ExitFatal
	}
	return cli.ExitOK
}

func list(io *cli.IO, args []string) int {
	fs := newFlags(io, "list", "list [--rules PATH]... [--no-default-rules] [--format text|json] [PATH...]")
	var paths PathsFlag
	fs.Var(&paths, "rules", "a user rule file or folder (repeatable)")
	noDefaults := fs.Bool("no-default-rules", false, "do not load the embedded default rules")
	format := fs.String("format", "text", "output format: text or json")
	pos, err := cli.Parse(fs, args)
	if err != nil {
		return flagExit(err)
	}
	if !validFormat(io, *format) {
		return cli.ExitUsage
	}
	set, err := rules.Load(rules.Options{NoDefaults: *noDefaults, Paths: append(paths, pos...)})
	if err != nil {
		Report(io.Err, err)
		return cli.ExitFatal
	}
	if *format == "json" {
		enc := json.NewEncoder(io.Out)
		enc.SetIndent("", "  ")
		enc.Encode(set.Files())
		return cli.ExitOK
	}
	tw := tabwriter.NewWriter(io.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ORIGIN\tFILE\tKINDS\tCOUNTS")
	for _, f := range set.Files() {
		keys := make([]string, 0, len(f.Counts))
		for k := range f.Counts {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var counts []string
		for _, k := range keys {
			counts = append(counts, fmt.Sprintf("%d %s", f.Counts[k], k))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", f.Origin, f.Path, strings.Join(f.Kinds, ","), strings.Join(counts, ", "))
	}
	tw.Flush()
	fmt.Fprintln(io.Out, summary(set))
	return cli.ExitOK
}
