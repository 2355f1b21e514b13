// Package versioncmd is the `quarry version` command.
package versioncmd

import (
	"context"
	"fmt"
	"runtime/debug"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/internal/cli"
)

// Command is `quarry version`.
var Command = cli.Command{
	Name:  "version",
	Short: "print quarry's version and output schema",
	Run: func(ctx context.Context, io *cli.IO, args []string) int {
		if len(args) > 0 {
			fmt.Fprintln(io.Err, "Usage: quarry version")
			if args[0] == "-h" || args[0] == "--help" {
				return cli.ExitOK
			}
			return cli.ExitUsage
		}
		fmt.Fprintf(io.Out, "quarry %s (schema %s)\n", Version(), quarry.Schema)
		return cli.ExitOK
	},
}

// Version is the module version, or the VCS revision for a source build.
func Version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return "devel-" + rev
}
