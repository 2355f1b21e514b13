// Package schemacmd is the `quarry schema` command.
package schemacmd

import (
	"context"
	"fmt"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/internal/cli"
)

// Command is `quarry schema`.
var Command = cli.Command{
	Name:  "schema",
	Short: "print the JSON Schema of quarry's output records",
	Run: func(ctx context.Context, io *cli.IO, args []string) int {
		if len(args) > 0 {
			fmt.Fprintln(io.Err, "Usage: quarry schema\n\nPrints the JSON Schema (draft 2020-12) of one --format docs line.")
			if args[0] == "-h" || args[0] == "--help" {
				return cli.ExitOK
			}
			return cli.ExitUsage
		}
		io.Out.Write(quarry.JSONSchema)
		return cli.ExitOK
	},
}
