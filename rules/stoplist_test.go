package rules

import (
	"regexp/syntax"
	"strings"
	"testing"
)

// stoppedReference is Stopped without its shortcuts.
func stoppedReference(s *Stoplist, label, text string) bool {
	t := strings.Join(strings.Fields(foldQuotes(text)), " ")
	if s.exact[t]&(labelBit(label)|labelBit(AnyLabel)) != 0 {
		return true
	}
	lt := strings.ToLower(t)
	if s.fold[lt]&(labelBit(label)|labelBit(AnyLabel)) != 0 {
		return true
	}
	for _, g := range s.res {
		if !containsString(g.labels, label) && !containsString(g.labels, AnyLabel) {
			continue
		}
		for _, re := range g.patterns {
			if re.MatchString(t) {
				return true
			}
		}
	}
	return false
}

func TestStoppedShortcuts(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"", " ", "Monday", "MONDAY", " Monday", "Monday ", "Thank  You", "Thank\tYou", "Thank\u00a0You",
		"AI", "Generative AI", "Siri", "siri", "5%", "$5bn", "2024", "1990s", "Q3 2024", "10:30 am", "10 pm",
		"Acme", "İstanbul", "Ｍonday", "It’s", "“Yes”", strings.Repeat("Monday ", 20)}
	for _, g := range set.stop.res {
		if g.id == "numbers-and-dates" && !g.digits {
			t.Error("numbers-and-dates patterns should all need a digit")
		}
	}
	for _, label := range append([]string{AnyLabel, TitleLabel}, Labels...) {
		for _, text := range texts {
			if got, want := set.stop.Stopped(label, text), stoppedReference(set.stop, label, text); got != want {
				t.Errorf("Stopped(%q, %q) = %v, want %v", label, text, got, want)
			}
		}
	}
}

func TestNeedsDigit(t *testing.T) {
	for re, want := range map[string]bool{
		`\d`: true, `[0-9]+`: true, `x\d?`: false, `(19|20)\d\d(s)?`: true, `a|1`: false, `1|2`: true,
		`[^a]`: false, `\d{0,2}`: false, `\d{1,2}`: true, `.*`: false, `(?i)q[1-4]`: true, `[-+]?\d[\d,.]*`: true,
	} {
		tree, err := syntax.Parse(re, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := needsDigit(tree); got != want {
			t.Errorf("needsDigit(%q) = %v, want %v", re, got, want)
		}
	}
}
