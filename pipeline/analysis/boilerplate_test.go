package analysis

import "testing"

func TestBoilerplate(t *testing.T) {
	for _, c := range []struct {
		line string
		want bool
	}{
		{"Image Not Found", true},
		{"Image Not FoundImage Not Found", true},
		{"IMAGE NOT FOUND", true},
		{"Advertisement", true},
		{"  Skip to main content ", true},
		{"11 mins read", true},
		{"5 min read", true},
		{"Share this article:", true},
		{"Home", true},
		{"Loading...", true},
		{"• Home", true},
		{"Facebook · Twitter · Email", true},
		{"Share | X | LinkedIn | Print", true},
		{" · Facebook · ", false},
		{"Facebook", false},
		{"Facebook · Meta · Email", false},
		{"Home • News • Acme buys Globex", false},
		{"Image Not Found Today", false},
		{"Home sales rose 5% in May", false},
		{"Read more about Acme", false},
		{"read 11 mins", false},
		{"2024", false},
		{"Home 2024", false}, // a number only before the words
		{"Loading…", true},
		{"11\u00a0mins read", true},
		{"5 min read ·", true},
		{"Image Not Found é", false},
		{"", false},
		{"Ça ne va pas", false},
		{"Home — 11", false},
		{"Image Not FoundImage Not FoundImage Not FoundImage Not FoundImage Not Found", false}, // past maxBoilerplate
	} {
		if got := Boilerplate(c.line); got != c.want {
			t.Errorf("Boilerplate(%q) = %v, want %v", c.line, got, c.want)
		}
	}
}
