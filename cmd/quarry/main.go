// Command quarry turns news articles into structured JSON records.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/quarrylabs/quarry/cmd/quarry/claimscmd"
	"github.com/quarrylabs/quarry/cmd/quarry/evalcmd"
	"github.com/quarrylabs/quarry/cmd/quarry/extract"
	"github.com/quarrylabs/quarry/cmd/quarry/loadcmd"
	"github.com/quarrylabs/quarry/cmd/quarry/rulescmd"
	"github.com/quarrylabs/quarry/cmd/quarry/schemacmd"
	"github.com/quarrylabs/quarry/cmd/quarry/traincmd"
	"github.com/quarrylabs/quarry/cmd/quarry/versioncmd"
	"github.com/quarrylabs/quarry/internal/cli"
	"github.com/quarrylabs/quarry/internal/memlimit"
)

func commands() []cli.Command {
	return []cli.Command{
		extract.Command,
		traincmd.Command,
		evalcmd.Command,
		rulescmd.Command,
		claimscmd.Command,
		loadcmd.Command,
		schemacmd.Command,
		versioncmd.Command,
	}
}

func main() {
	memlimit.Tune()
	if len(os.Args) > 1 && os.Args[1] == "extract" {
		adviseHugePages()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// After the first signal, a second one kills the process at once.
		<-ctx.Done()
		stop()
	}()
	code := run(ctx, cli.StdIO(), os.Args[1:])
	stop()
	os.Exit(code)
}

func run(ctx context.Context, io *cli.IO, args []string) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) > 1 {
			for _, c := range cmds {
				if c.Name == args[1] {
					return c.Run(ctx, io, []string{"--help"})
				}
			}
		}
		usage(io, cmds)
		if len(args) == 0 {
			return cli.ExitUsage
		}
		return cli.ExitOK
	}
	for _, c := range cmds {
		if c.Name == args[0] {
			return c.Run(ctx, io, args[1:])
		}
	}
	fmt.Fprintf(io.Err, "quarry: unknown command %q\n\n", args[0])
	usage(io, cmds)
	return cli.ExitUsage
}

func usage(io *cli.IO, cmds []cli.Command) {
	fmt.Fprintln(io.Err, "quarry turns news articles into JSON: people, companies, figures, quotes and claims.")
	fmt.Fprintln(io.Err, "\nUsage:\n  quarry COMMAND [flags] [args]\n\nCommands:")
	for _, c := range cmds {
		fmt.Fprintf(io.Err, "  %-9s %s\n", c.Name, c.Short)
	}
	fmt.Fprintln(io.Err, "\nRun 'quarry COMMAND --help' for a command's flags.")
	fmt.Fprintln(io.Err, "Exit codes: 0 ok, 1 fatal, 2 usage, 3 some articles failed, 130 interrupted.")
}
