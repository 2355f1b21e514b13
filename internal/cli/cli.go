// Package cli holds what every quarry subcommand shares: injected I/O streams
// and the exit codes.
package cli

import (
	"context"
	"io"
	"os"
)

// Exit codes, documented in the README.
const (
	ExitOK          = 0
	ExitFatal       = 1
	ExitUsage       = 2
	ExitSomeFailed  = 3
	ExitInterrupted = 130
)

// IO is the streams a command reads and writes. Tests pass buffers.
type IO struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
	// ErrIsTerminal enables progress output on Err.
	ErrIsTerminal bool
}

// StdIO returns the process streams.
func StdIO() *IO {
	return &IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, ErrIsTerminal: isTerminal(os.Stderr)}
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// Command is one subcommand: quarry NAME args...
type Command struct {
	Name  string
	Short string
	// Run returns the process exit code.
	Run func(ctx context.Context, io *IO, args []string) int
}
