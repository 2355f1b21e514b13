package cli

import (
	"flag"
	"fmt"
	"math"
	"strconv"
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

// Size is a flag holding a number of bytes, written plainly (104857600)
// or with a unit: K, M, G and T (or KiB, MiB, GiB, TiB) are powers of
// 1024 and KB, MB, GB and TB powers of 1000, as the GNU tools read them,
// in either case, and B is bytes; a decimal point is allowed before a unit ("1.5G"), and an
// exponent for whole bytes ("1e8").
type Size int64

func (s *Size) String() string { return strconv.FormatInt(int64(*s), 10) }

// Set parses v.
func (s *Size) Set(v string) error {
	t := strings.TrimSpace(v)
	i := len(t)
	for i > 0 && (t[i-1] < '0' || t[i-1] > '9') {
		i--
	}
	num, unit := t[:i], strings.ToUpper(strings.TrimSpace(t[i:]))
	if strings.HasPrefix(num, "-") {
		return fmt.Errorf("%q is negative", v)
	}
	mult, ok := sizeUnits[unit]
	if !ok {
		return fmt.Errorf("unknown unit %q in %q: use bytes, or K, M, G (powers of 1024) or KB, MB, GB (powers of 1000)", strings.TrimSpace(t[i:]), v)
	}
	if n, err := strconv.ParseInt(num, 10, 64); err == nil {
		if n > math.MaxInt64/mult {
			return fmt.Errorf("%q is too large", v)
		}
		*s = Size(n * mult)
		return nil
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || mult == 1 && f != math.Trunc(f) {
		return fmt.Errorf("%q is not a size: write bytes (104857600) or a number with a unit (100M, 1.5GB)", v)
	}
	if f*float64(mult) >= math.MaxInt64 {
		return fmt.Errorf("%q is too large", v)
	}
	*s = Size(f * float64(mult))
	return nil
}

var sizeUnits = map[string]int64{
	"": 1, "B": 1,
	"K": 1 << 10, "KIB": 1 << 10, "KB": 1e3,
	"M": 1 << 20, "MIB": 1 << 20, "MB": 1e6,
	"G": 1 << 30, "GIB": 1 << 30, "GB": 1e9,
	"T": 1 << 40, "TIB": 1 << 40, "TB": 1e12,
}
