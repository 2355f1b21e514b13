package cli

import "testing"

func TestSize(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"104857600", 104857600, true},
		{"1e8", 100000000, true},
		{"0", 0, true},
		{"-5", 0, false},
		{"-16777215T", 0, false}, // would wrap round to 1 TiB
		{"512K", 512 << 10, true},
		{"100M", 100 << 20, true},
		{"100m", 100 << 20, true},
		{"100MiB", 100 << 20, true},
		{"100MB", 100e6, true},
		{"100 MB", 100e6, true},
		{"1.5G", 3 << 29, true},
		{"2GB", 2e9, true},
		{"1T", 1 << 40, true},
		{"64B", 64, true},
		{"1.5", 0, false},
		{"", 0, false},
		{"MB", 0, false},
		{"ten", 0, false},
		{"10 parsecs", 0, false},
		{"100X", 0, false},
		{"9999999999T", 0, false},
		{"1e30", 0, false},
	} {
		var s Size
		err := s.Set(c.in)
		if (err == nil) != c.ok || c.ok && int64(s) != c.want {
			t.Errorf("Set(%q) = %d, %v; want %d, ok %v", c.in, s, err, c.want, c.ok)
		}
	}
}
