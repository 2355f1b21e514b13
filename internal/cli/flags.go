package cli

import (
	"flag"
	"strings"
)

// Parse parses flags that may come before, between or after positional
// arguments ("quarry extract dir/ --workers 2") and returns the positionals.
// "--" ends flag parsing; "-" is a positional (stdin).
func Parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		// flag stops at "--" (and consumes it) or at the first positional.
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// List is a flag that may be repeated and takes comma-separated values:
// --with text --with sentences == --with text,sentences.
type List []string

func (l *List) String() string { return strings.Join(*l, ",") }

// Set adds each comma-separated value.
func (l *List) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

// Repeated is a flag that may be repeated; values are kept whole (paths may
// contain commas).
type Repeated []string

func (r *Repeated) String() string { return strings.Join(*r, " ") }

// Set adds one value.
func (r *Repeated) Set(v string) error { *r = append(*r, v); return nil }
