// Package loadcmd is the `quarry load` command.
package loadcmd

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/sirupsen/logrus"

	"github.com/quarrylabs/quarry/internal/cli"
	"github.com/quarrylabs/quarry/store"
)

// Command is `quarry load`.
var Command = cli.Command{
	Name:  "load",
	Short: "load extract's output into PostgreSQL or SQLite",
	Run:   Run,
}

const help = `Usage: quarry load --db DSN [flags] [PATH...]

Loads quarry extract output (--format docs or --format records, JSON lines)
and claim groups (quarry claims group, extract --group), alone or mixed,
from files or "-" for stdin (the default) into a database, creating or
upgrading quarry's tables first. Each article's rows, and each group's, are
replaced in one transaction: loading the same output twice leaves the same
rows, and a load stopped midway leaves every article either fully old or
fully new.

  quarry extract articles/ | quarry load --db postgres://user@localhost/news
  quarry load --db sqlite:news.db out.jsonl
  quarry load --db sqlite:news.db groups.jsonl             # claim groups
  quarry load --db sqlite:news.db --schema-only            # print the DDL
  quarry load --db postgres://... --schema-only --apply    # create/upgrade the tables only

DSN: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=...] (postgresql:// too),
or sqlite:PATH (sqlite://PATH too; the file is created if missing).

Malformed lines are reported with their line numbers and skipped.

Exit codes: 0 ok, 1 fatal (database error, unreadable input, --strict stop),
2 usage or bad --db, 3 some lines skipped, 130 interrupted.

Flags:
`

type options struct {
	db         string
	schemaOnly bool
	apply      bool
	strict     bool
	batch      int
	logLevel   string
	paths      []string
}

// Run runs `quarry load` with args and returns the exit code.
func Run(ctx context.Context, io *cli.IO, args []string) int {
	opts, code, ok := parse(io, args)
	if !ok {
		return code
	}
	log := logrus.New()
	log.SetOutput(io.Err)
	lvl, _ := logrus.ParseLevel(opts.logLevel)
	log.SetLevel(lvl)
	log.SetFormatter(&logrus.TextFormatter{DisableTimestamp: true, DisableColors: !io.ErrIsTerminal})

	dialect, _, err := store.ParseDSN(opts.db)
	if err != nil {
		fmt.Fprintf(io.Err, "quarry load: --db: %v\n", err)
		return cli.ExitUsage
	}
	if opts.schemaOnly && !opts.apply {
		fmt.Fprint(io.Out, store.DDL(dialect))
		return cli.ExitOK
	}

	st, err := store.Open(ctx, opts.db)
	if err != nil {
		return fail(ctx, io, err)
	}
	defer st.Close()
	if opts.schemaOnly {
		if err := st.Migrate(ctx); err != nil {
			return fail(ctx, io, err)
		}
		fmt.Fprintf(io.Err, "quarry load: schema version %d ready\n", store.Version)
		return cli.ExitOK
	}

	paths := opts.paths
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	var total store.Stats
	for _, p := range paths {
		s, err := loadOne(ctx, io, st, p, opts, log)
		total.Documents += s.Documents
		total.Groups += s.Groups
		total.Rows += s.Rows
		total.SkippedLines += s.SkippedLines
		total.Duration += s.Duration
		if err != nil {
			summary(log, total, "stopped")
			return fail(ctx, io, err)
		}
	}
	summary(log, total, "done")
	if total.SkippedLines > 0 {
		return cli.ExitSomeFailed
	}
	return cli.ExitOK
}

func loadOne(ctx context.Context, cio *cli.IO, st *store.Store, path string, opts *options, log *logrus.Logger) (store.Stats, error) {
	var r io.Reader = cio.In
	name := "stdin"
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return store.Stats{}, err
		}
		defer f.Close()
		r, name = f, path
	}
	return st.Load(ctx, r, store.Options{Source: name, Strict: opts.strict, Batch: opts.batch, Log: log})
}

func summary(log *logrus.Logger, s store.Stats, msg string) {
	log.WithFields(logrus.Fields{
		"documents": s.Documents, "groups": s.Groups, "rows": s.Rows, "skipped_lines": s.SkippedLines,
		"seconds": fmt.Sprintf("%.2f", s.Duration.Seconds()), "rows_per_s": fmt.Sprintf("%.0f", s.RowsPerSec()),
	}).Info(msg)
}

func fail(ctx context.Context, io *cli.IO, err error) int {
	if ctx.Err() != nil {
		fmt.Fprintln(io.Err, "quarry load: interrupted; every article is either fully loaded or untouched")
		return cli.ExitInterrupted
	}
	fmt.Fprintf(io.Err, "quarry load: %v\n", err)
	if errors.Is(err, store.ErrBadDSN) {
		return cli.ExitUsage
	}
	return cli.ExitFatal
}

func parse(io *cli.IO, args []string) (*options, int, bool) {
	opts := &options{}
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.SetOutput(io.Err)
	fs.StringVar(&opts.db, "db", "", "database: postgres://USER@HOST/DB or sqlite:PATH (required)")
	fs.BoolVar(&opts.schemaOnly, "schema-only", false, "print the DDL for --db's dialect and load nothing (with --apply: create or upgrade the tables)")
	fs.BoolVar(&opts.apply, "apply", false, "with --schema-only: apply the schema to the database instead of printing it")
	fs.BoolVar(&opts.strict, "strict", false, "stop at the first malformed line instead of skipping it")
	fs.IntVar(&opts.batch, "batch", store.DefaultBatch, "articles (and claim groups) per transaction")
	fs.StringVar(&opts.logLevel, "log-level", "info", "log level: debug, info, warn, error")
	fs.Usage = func() {
		fmt.Fprint(io.Err, help)
		fs.PrintDefaults()
	}
	paths, err := cli.Parse(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return nil, cli.ExitOK, false
	}
	if err != nil {
		return nil, cli.ExitUsage, false
	}
	opts.paths = paths
	bad := func(format string, a ...any) (*options, int, bool) {
		fmt.Fprintf(io.Err, "quarry load: "+format+"\n", a...)
		return nil, cli.ExitUsage, false
	}
	switch {
	case opts.db == "":
		return bad("--db is required (postgres://USER@HOST/DB or sqlite:PATH)")
	case opts.batch < 1:
		return bad("--batch must be at least 1")
	case opts.apply && !opts.schemaOnly:
		return bad("--apply goes with --schema-only (a load applies the schema itself)")
	case opts.schemaOnly && len(paths) > 0:
		return bad("--schema-only reads no input; drop the PATH arguments")
	}
	if _, err := logrus.ParseLevel(opts.logLevel); err != nil {
		return bad("--log-level: %v", err)
	}
	return opts, 0, true
}
