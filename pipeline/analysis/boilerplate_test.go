package analysis

import (
	"strings"
	"testing"
)

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
		{"Related: Orvane to cut 400 jobs in restructuring", true},
		{"Read more: Biotech stocks rally as rates fall", true},
		{"Published: 12 March 2024, 10:30 GMT | Updated: 12 March 2024, 14:05 GMT", true},
		{"Photo: Reuters/Ilsa Varga", true},
		{"Updated: Orvane said on Wednesday that it had reached a deal with its lenders and would keep its stores open", false},
		{"Follow us on Twitter @orvanenews", true},
		{"Tags: Pellam Motors, recalls, cars", true},
		{"Sign up for our newsletter", true},
		{"© 2024 Eastmoor Media Ltd. All rights reserved.", true},
		{"Copyright 2024 Eastmoor Media", true},
		{"Watch the match: Orvane beat Pellam 2-1", false},
		{"Relatedly, the board met on Monday: it approved the plan", false},
		{"Copyright infringement claims rose 30% last year to 4,200 cases", false},
		{"Copyright 2024 Eastmoor Media Ltd. All rights reserved.", true},
		{"Updated: Police say 12 people have died in the fire", false},
		{"Photo: Firefighters at the scene in Dunmere", false},
		{"Follow the Money: How Orvane lost £2bn", false},
		{"Sign up for a pension? Only 12% of workers do", false},
		{"Follow her on X @ilsavarga", true},
		{"Related stories and other links in a line that has its colon too late: x", false},
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

// Furniture reads lines whole, and lists under a share or related line.
func TestFurniture(t *testing.T) {
	text := "Orvane shares jump after trial\nShare\nFacebook\nTwitter\n" +
		"Orvane said on Monday that its heart drug worked in a trial of 4,200 patients.\n" +
		"Related stories\n- Orvane to cut 400 jobs\n- Rates held at 5%\n" +
		"Analysts at Pellam said the drug could sell well. Twitter users agreed.\n" +
		"Twitter\n" +
		"- Orvane will file in May\n" +
		"© 2024 Eastmoor Media Ltd. All rights reserved.\n"
	doc := Default().Analyze(text)
	for _, c := range []struct {
		sentence string
		want     bool
	}{
		{"Facebook", true},
		{"Orvane to cut 400 jobs", true},
		{"Rates held at 5%", true},
		{"© 2024 Eastmoor Media Ltd.", true},
		{"All rights reserved.", true},
		{"Twitter users agreed.", false},
		{"Orvane said on Monday", false},
		{"Orvane will file in May", false}, // a list under no related line
	} {
		found := false
		for _, s := range doc.Sentences {
			if strings.Contains(text[s.Start:s.End], c.sentence) {
				found = true
				if got := Furniture(text, s); got != c.want {
					t.Errorf("Furniture(%q) = %v, want %v", text[s.Start:s.End], got, c.want)
				}
			}
		}
		if !found {
			t.Errorf("no sentence holds %q", c.sentence)
		}
	}
	// The lone "Twitter" line after the paragraph is under no share line.
	at := strings.Index(text, "Twitter\n-")
	if listedFurniture(text, at, "Twitter") {
		t.Errorf("a lone network line after prose is furniture")
	}
}

// Furniture at the edges of the text, on long lines and under long lists.
func TestFurnitureEdges(t *testing.T) {
	long := strings.Repeat("Orvane said sales rose in Dunmere. ", 10)
	for _, c := range []struct {
		text, sentence string
		want           bool
	}{
		{"Orvane rose 5%.\n© 2024 Eastmoor Media", "© 2024 Eastmoor Media", true}, // no final newline
		{long + "Related: Orvane to cut 400 jobs", "Related: Orvane", false},      // part of a long line
		{"Orvane rose 5%.\nFollow us on\nFacebook\nX\n", "X", true},
		{"Share\n" + strings.Repeat("Facebook\n", 12) + "X\n", "X", false}, // a list too long for a share bar
		{"The changes its panel\nrecommended:\n• Raise the levy by 5%\n", "Raise the levy", false},
		{long + "\n- Orvane to cut 400 jobs\n", "Orvane to cut", false},
	} {
		doc := Default().Analyze(c.text)
		found := false
		for _, s := range doc.Sentences {
			if strings.Contains(c.text[s.Start:s.End], c.sentence) {
				found = true
				if got := Furniture(c.text, s); got != c.want {
					t.Errorf("Furniture(%q) in %q = %v, want %v", c.text[s.Start:s.End], c.text, got, c.want)
				}
			}
		}
		if !found {
			t.Errorf("no sentence holds %q", c.sentence)
		}
	}
}
