// Package extract is the `quarry extract` command.
package extract

import (
	"context"
	"errors"
	"flag"
	"fmt"
	goio "io"
	"os"
	"runtime"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/cmd/quarry/claimscmd"
	"github.com/quarrylabs/quarry/cmd/quarry/rulescmd"
	"github.com/quarrylabs/quarry/internal/cli"
	"github.com/quarrylabs/quarry/internal/memlimit"
	"github.com/quarrylabs/quarry/pipeline"
	"github.com/quarrylabs/quarry/store"
)

// Command is `quarry extract`.
var Command = cli.Command{
	Name:  "extract",
	Short: "extract people, companies, figures, quotes and claims as JSON lines",
	Run:   func(ctx context.Context, io *cli.IO, args []string) int { return Run(ctx, io, args) },
}

const help = `Usage: quarry extract [flags] [PATH...]

Reads articles from files, folders (walked recursively, sorted; hidden files
skipped) or "-" for stdin (the default), and writes one JSON record per
article to stdout, in input order.

Input formats, by extension or forced with --input-format:
  .txt .text .md     plain text; the first non-empty line is the title
  .json              one article object: {"text": ..., "id", "title", "url", "published", ...}
  .jsonl .ndjson     one article object per line

Exit codes: 0 ok, 1 fatal, 2 usage or broken rule files, 3 some articles
failed (their records carry "error"), 130 interrupted.

Flags:
`

// Options are the parsed flags of one run.
type Options struct {
	Input     pipeline.InputOptions
	Output    pipeline.OutputOptions
	Workers   int
	Rules     cli.Repeated
	NoDefault bool
	NoTerms   bool
	// Group names a file for cross-article claim groups.
	Group string
	// Sink is a database DSN to load records into instead of stdout.
	Sink      string
	LogLevel  string
	LogFormat string
	Quiet     bool
	Paths     []string
	// CPUProfile and MemProfile name pprof output files (for profiling runs).
	CPUProfile string
	MemProfile string
}

// Run runs `quarry extract` with args and returns the exit code.
func Run(ctx context.Context, io *cli.IO, args []string) int {
	opts, code, ok := parse(io, args)
	if !ok {
		return code
	}
	errw := &lineWriter{w: io.Err}
	log := newLogger(io, errw, opts)
	if opts.Workers < runtime.GOMAXPROCS(0) {
		// The reader, the sink and the collector run beside the workers,
		// so N workers could keep more than N cores busy: --workers also
		// caps the cores used.
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(opts.Workers))
	}

	exs, resolvers, err := build(opts)
	if err != nil {
		var rerr *rulesError
		if errors.As(err, &rerr) {
			rulescmd.Report(io.Err, rerr.err)
			fmt.Fprintln(io.Err, "quarry extract: nothing was read")
			return cli.ExitUsage
		}
		log.WithError(err).Error("cannot start")
		return cli.ExitFatal
	}

	var grouped []quarry.Document
	cfg := pipeline.Config{
		Workers:    opts.Workers,
		Input:      opts.Input,
		Output:     opts.Output,
		Extractors: exs,
		Resolvers:  resolvers,
		// Grouping reads the claims of every article, long ones too.
		KeepRecords: opts.Group != "",
		OnRead: func(n int) {
			memlimit.Fit(int64(n), int64(min(n, pipeline.WindowBytes)), opts.Workers)
		},
		OnRecord: func(doc *quarry.Document) {
			if doc.Error != nil {
				log.WithFields(logrus.Fields{"doc": doc.ID, "code": doc.Error.Code}).Error(doc.Error.Message)
			}
			for _, w := range doc.Warnings {
				log.WithFields(logrus.Fields{"doc": doc.ID, "code": w.Code}).Warn(w.Message)
			}
			if opts.Group != "" && len(doc.Claims) > 0 {
				// Keep only what grouping reads.
				grouped = append(grouped, quarry.Document{ID: doc.ID, Entities: doc.Entities, Figures: doc.Figures, Claims: doc.Claims})
			}
		},
	}
	if cfg.Input.Stdin == nil {
		cfg.Input.Stdin = io.In
	}
	stopProfile, err := startProfile(opts)
	if err != nil {
		log.WithError(err).Error("cannot profile")
		return cli.ExitFatal
	}
	defer stopProfile()
	progress := &pipeline.Progress{}
	stopBar := startProgress(io, errw, opts, progress)
	start := time.Now()
	out, finishSink, err := openSink(ctx, opts, io.Out, log)
	if err != nil {
		log.WithError(err).Error("cannot open the database")
		if errors.Is(err, store.ErrBadDSN) {
			return cli.ExitUsage
		}
		return cli.ExitFatal
	}
	stats, err := pipeline.Run(ctx, cfg, opts.Paths, out, progress)
	if serr := finishSink(err); serr != nil && err == nil {
		err = serr
	}
	stopBar()

	fields := logrus.Fields{"read": stats.Read, "written": stats.Written, "failed": stats.Failed,
		"seconds": fmt.Sprintf("%.2f", time.Since(start).Seconds())}
	switch {
	case err != nil && ctx.Err() != nil:
		log.WithFields(fields).Warn("interrupted")
		return cli.ExitInterrupted
	case err != nil:
		log.WithFields(fields).WithError(err).Error("failed")
		return cli.ExitFatal
	}
	if opts.Group != "" {
		if err := writeGroups(opts.Group, grouped); err != nil {
			log.WithError(err).Error("cannot write claim groups")
			return cli.ExitFatal
		}
		if opts.Sink != "" {
			if err := loadGroups(ctx, opts, log); err != nil {
				log.WithError(err).Error("cannot load claim groups")
				return cli.ExitFatal
			}
		}
	}
	log.WithFields(fields).Info("done")
	if stats.Failed > 0 {
		return cli.ExitSomeFailed
	}
	return cli.ExitOK
}

// openSink returns where records go: stdout, or a pipe into a database
// loader. finish closes the pipe with the pipeline's error and waits for the
// loader, returning its error.
func openSink(ctx context.Context, opts *Options, stdout goio.Writer, log *logrus.Logger) (goio.Writer, func(error) error, error) {
	if opts.Sink == "" {
		return stdout, func(error) error { return nil }, nil
	}
	st, err := store.Open(ctx, opts.Sink)
	if err != nil {
		return nil, nil, err
	}
	pr, pw := goio.Pipe()
	done := make(chan error, 1)
	go func() {
		stats, err := st.Load(ctx, pr, store.Options{Source: "extract", Strict: true, Log: log})
		pr.CloseWithError(err) // a failed load must not leave the pipeline blocked
		if err == nil {
			log.WithFields(logrus.Fields{"documents": stats.Documents, "rows": stats.Rows}).Info("loaded")
		}
		done <- err
	}()
	return pw, func(runErr error) error {
		pw.CloseWithError(runErr)
		err := <-done
		if cerr := st.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("loading %s: %w", opts.Sink, err)
		}
		return nil
	}, nil
}

// loadGroups loads the groups file into the --sink database as well.
func loadGroups(ctx context.Context, opts *Options, log *logrus.Logger) error {
	f, err := os.Open(opts.Group)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := store.Open(ctx, opts.Sink)
	if err != nil {
		return err
	}
	_, err = st.Load(ctx, f, store.Options{Source: opts.Group, Strict: true, Log: log})
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	return err
}

func writeGroups(path string, docs []quarry.Document) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := claimscmd.WriteGroups(f, docs, 2, false); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func parse(io *cli.IO, args []string) (*Options, int, bool) {
	opts := &Options{}
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(io.Err)
	var with cli.List
	fs.StringVar(&opts.Input.Format, "input-format", "", "force the input format: text, json or jsonl")
	fs.StringVar(&opts.Input.TextField, "text-field", "text", "name of the text field in JSON input")
	fs.StringVar(&opts.Input.IDField, "id-field", "id", "name of the id field in JSON input")
	opts.Input.MaxBytes = pipeline.DefaultMaxBytes
	fs.Var((*cli.Size)(&opts.Input.MaxBytes), "max-bytes", "refuse articles larger than this: bytes, or with a unit (64M = 64 MiB, 100MB = 10^8 bytes)")
	fs.IntVar(&opts.Workers, "workers", runtime.GOMAXPROCS(0), "worker goroutines, each taking an article through every step, and the most CPU cores used (default: the CPUs the process may use, a container's CPU limit included)")
	fs.StringVar(&opts.Output.Format, "format", pipeline.OutDocs, "output: docs (one line per article) or records (one line per record, with a type)")
	fs.Var(&with, "with", "add to each record: text, sentences (comma-separated, repeatable)")
	fs.Var(&opts.Rules, "rules", "a rule file or folder to load after the defaults (repeatable)")
	fs.BoolVar(&opts.NoDefault, "no-default-rules", false, "do not load the built-in rules")
	fs.BoolVar(&opts.NoTerms, "no-terms", false, "leave out quoted terms and scare quotes (quotes of kind \"term\")")
	fs.StringVar(&opts.Sink, "sink", "", "load the records into a database (postgres://... or sqlite:PATH) instead of writing them to stdout")
	fs.StringVar(&opts.Group, "group", "", "also write cross-article claim groups (as quarry claims group does) to this file")
	fs.StringVar(&opts.LogLevel, "log-level", "info", "log level: debug, info, warn, error")
	fs.StringVar(&opts.LogFormat, "log-format", "text", "log format on stderr: text or json")
	fs.BoolVar(&opts.Quiet, "quiet", false, "no progress bar")
	fs.StringVar(&opts.CPUProfile, "cpuprofile", "", "write a pprof CPU profile of the run to this file")
	fs.StringVar(&opts.MemProfile, "memprofile", "", "write a pprof heap profile at the end of the run to this file")
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
	opts.Paths = paths
	bad := func(format string, a ...any) (*Options, int, bool) {
		fmt.Fprintf(io.Err, "quarry extract: "+format+"\n", a...)
		return nil, cli.ExitUsage, false
	}
	if !pipeline.ValidFormat(opts.Input.Format) {
		return bad("--input-format must be text, json or jsonl, not %q", opts.Input.Format)
	}
	if opts.Output.Format != pipeline.OutDocs && opts.Output.Format != pipeline.OutRecords {
		return bad("--format must be docs or records, not %q", opts.Output.Format)
	}
	for _, w := range with {
		switch w {
		case "text":
			opts.Output.WithText = true
		case "sentences":
			opts.Output.WithSentences = true
		default:
			return bad("--with takes text or sentences, not %q", w)
		}
	}
	if opts.Workers < 1 {
		return bad("--workers must be at least 1")
	}
	if opts.Input.MaxBytes < 1 {
		return bad("--max-bytes must be positive")
	}
	if _, err := logrus.ParseLevel(opts.LogLevel); err != nil {
		return bad("--log-level: %v", err)
	}
	if opts.LogFormat != "text" && opts.LogFormat != "json" {
		return bad("--log-format must be text or json")
	}
	return opts, 0, true
}

// newLogger logs to w (io.Err, through the progress line's writer).
func newLogger(io *cli.IO, w goio.Writer, opts *Options) *logrus.Logger {
	log := logrus.New()
	log.SetOutput(w)
	lvl, _ := logrus.ParseLevel(opts.LogLevel)
	log.SetLevel(lvl)
	if opts.LogFormat == "json" {
		log.SetFormatter(&logrus.JSONFormatter{})
	} else {
		log.SetFormatter(&logrus.TextFormatter{DisableTimestamp: true, ForceColors: io.ErrIsTerminal, DisableColors: !io.ErrIsTerminal})
	}
	return log
}
