package quotes

import (
	"strings"
	"testing"
)

// want is one expected quote: the start of its text, its kind, the speaker
// as written ("" for none), the resolved name when it differs, the cue.
type want struct {
	starts, kind, spk, name, cue string
}

func checkQuotes(t *testing.T, text string, ws []want) {
	t.Helper()
	out := extract(t, text, nil)
	d := &docQuotes{quotes: out.Quotes}
	for _, w := range ws {
		q := d.find(w.starts)
		if q == nil {
			t.Errorf("no quote starting %q; got %+v", w.starts, out.Quotes)
			continue
		}
		if q.Kind != w.kind {
			t.Errorf("%q: kind %s, want %s", w.starts, q.Kind, w.kind)
		}
		switch {
		case w.spk == "" && q.Speaker != nil:
			t.Errorf("%q: speaker %q, want none", w.starts, q.Speaker.Text)
		case w.spk != "" && q.Speaker == nil:
			t.Errorf("%q: no speaker, want %q", w.starts, w.spk)
		case w.spk != "" && q.Speaker.Text != w.spk:
			t.Errorf("%q: speaker %q, want %q", w.starts, q.Speaker.Text, w.spk)
		case w.name != "" && q.Speaker.Name != w.name:
			t.Errorf("%q: speaker name %q, want %q", w.starts, q.Speaker.Name, w.name)
		}
		if w.cue != "" && (q.Cue == nil || q.Cue.Text != w.cue) {
			t.Errorf("%q: cue %+v, want %q", w.starts, q.Cue, w.cue)
		}
	}
}

func TestAttributionPatterns(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"says name, appositive",
			"Quillmore cut its forecast on Tuesday. \"The churn is inevitable when demand outpaces talent,\" says Marta Okonjo, a consultant with long experience.",
			[]want{{"The churn is inevitable", Direct, "Marta Okonjo", "", "says"}}},
		{"pronoun quips, then continuation",
			"Marta Okonjo advises small firms on software. \"You don't have to go all in,\" she quips. \"But you do need a plan.\"",
			[]want{{"You don't have", Direct, "she", "Marta Okonjo", "quips"}, {"But you do need", Direct, "she", "Marta Okonjo", ""}}},
		{"name said colon",
			"Harbour council met late on Monday. Deputy mayor Ines Varga said: \"We cannot fund the ferry and the library in the same year.\"",
			[]want{{"We cannot fund", Direct, "Ines Varga", "", "said"}}},
		{"one speaker for both halves",
			"\"The numbers are weak,\" Okonjo said. \"Nobody should pretend otherwise.\"",
			[]want{{"The numbers are weak", Direct, "Okonjo", "", "said"}, {"Nobody should pretend", Direct, "Okonjo", "", "said"}}},
		{"partial quote after cue",
			"In a memo to staff, Brightwell chief executive Tomas Reyes noted the need to \u201cfocus our money where the growth is,\u201d underscoring the cuts.",
			[]want{{"focus our money", Partial, "Tomas Reyes", "", "noted"}}},
		{"role speaker",
			"\u201cWe are rolling up our sleeves to serve customers better,\u201d a company spokesperson stated, framing the cuts as a fresh start.",
			[]want{{"We are rolling up", Direct, "a company spokesperson", "a company spokesperson", "stated"}}},
		{"according to after",
			"\"The deal is off,\" according to Lena Marsh, a lawyer for the sellers.",
			[]want{{"The deal is off", Direct, "Lena Marsh", "", "according to"}}},
		{"according to before",
			"According to Lena Marsh, \"the deal is off for good.\"",
			[]want{{"the deal is off", Direct, "Lena Marsh", "", "According to"}}},
		{"told Reuters",
			"\"We will appeal the ruling,\" Marsh told Reuters.",
			[]want{{"We will appeal", Direct, "Marsh", "", "told"}}},
		{"dash attribution",
			"\"We will not close a single library.\" \u2014 Commissioner Ada Holm",
			[]want{{"We will not close", Direct, "Ada Holm", "", ""}}},
		{"colon attribution without verb",
			"Commissioner Ada Holm: \"We will not close a single library.\"",
			[]want{{"We will not close", Direct, "Ada Holm", "", ""}}},
		{"inverted said",
			"\"It was a long night,\" said Petra Lund, who chairs the committee.",
			[]want{{"It was a long night", Direct, "Petra Lund", "", "said"}}},
		{"he resolves to the person",
			"Oskar Brandt runs the port authority. He spoke after the vote. \"We lost this round,\" he said.",
			[]want{{"We lost this round", Direct, "he", "Oskar Brandt", "said"}}},
		{"description resolves to the analyst",
			"Nadia Ferro, an analyst at Kestrel Research, follows the chip makers. \"Margins will fall,\" the analyst said.",
			[]want{{"Margins will fall", Direct, "the analyst", "Nadia Ferro", "said"}}},
		{"unattributed quote",
			"The letter ended abruptly.\n\n\"Nobody reads these reports, and nobody ever will.\"",
			[]want{{"Nobody reads these", Direct, "", "", ""}}},
		{"scare quotes are terms",
			"I still don't see how the new tool is somehow the \"cloud killer\". Nobody in \"GenAI\" makes money yet.",
			[]want{{"cloud killer", Term, "", "", ""}, {"GenAI", Term, "", "", ""}}},
		{"say after to is no cue",
			"They don't even have to say they are \"behind\".",
			[]want{{"behind", Term, "", "", ""}}},
		{"called a phrase",
			"Senator Maya Ruiz called the budget \"a disgrace to this state\" on Friday.",
			[]want{{"a disgrace", Partial, "Maya Ruiz", "", "called"}}},
		{"indirect speech",
			"Osterby chief executive Jonas Ek noted that higher prices will reduce demand for new boats next year.",
			[]want{{"higher prices will reduce", Indirect, "Jonas Ek", "", "noted"}}},
		{"indirect speech after clause",
			"The plant will close by March, the company said on Monday.",
			[]want{{"The plant will close", Indirect, "the company", "", "said"}}},
		{"named appositive before the quote",
			"Mayor Elena Ruiz left early. Her deputy, Tom Baker, told reporters: \u201cThe budget is final.\u201d",
			[]want{{"The budget is final", Direct, "Tom Baker", "", "told"}}},
		{"named appositive after the quote",
			"\"Sales fell in every region,\" the chief financial officer, Ana Costa, said.",
			[]want{{"Sales fell", Direct, "Ana Costa", "", "said"}}},
		{"party tag",
			"\"There is real energy in this town,\" Rep. Anna Lutz (D-Ore.) said.",
			[]want{{"There is real energy", Direct, "Anna Lutz", "", "said"}}},
		{"relative clause between speaker and verb",
			"\"We tried to keep it simple,\" Holm, who used to run the port authority, said about the plan.",
			[]want{{"We tried to keep", Direct, "Holm", "", "said"}}},
		{"any verb after a comma-ended quote",
			"\"An awful lot of people said no,\" remembered Tom Reyes, the firm's former spokesman.",
			[]want{{"An awful lot", Direct, "Tom Reyes", "", "remembered"}}},
		{"time between speaker and verb",
			"Maria Lopez later Thursday told reporters: \"The deal is done.\"",
			[]want{{"The deal is done", Direct, "Maria Lopez", "", "told"}}},
		{"quote after an attribution sentence",
			"The vote was close. Harbour University's Dina Marsh agreed. \u201cNobody expected the council to move this fast.\u201d",
			[]want{{"Nobody expected", Direct, "Dina Marsh", "", "agreed"}}},
		{"signature line below",
			"Readers wrote in.\n\n\"The tax break is gaming the system and must close.\"\n\n\u2014 Harry Reed, Senate leader",
			[]want{{"The tax break", Direct, "Harry Reed", "", ""}}},
		{"horizontal bar signature",
			"\u201cThe mayor must stop portraying us as dangerous.\u201d \u2015 Carla Sanz",
			[]want{{"The mayor must stop", Direct, "Carla Sanz", "", ""}}},
		{"source after a headline dash",
			"Polls ended too early - Jeffrey Mond: \u201cThe surveys stopped days before the vote.\u201d",
			[]want{{"The surveys stopped", Direct, "Jeffrey Mond", "", ""}}},
		{"fragment spoken by the subject",
			"Senator Dana Webb worried that the fund was becoming \u201ca hammock that lulls people into idleness for years.\u201d",
			[]want{{"a hammock", Partial, "Dana Webb", "", ""}}},
		{"statement saying",
			"His office put out a statement saying the city \u201cdoes not have the staff to check every single request.\u201d",
			[]want{{"does not have", Partial, "His office", "", "saying"}}},
		{"reporting verb across a clause break",
			"While not everything Okafor says is true, Jamieson said Okafor is \u201ctelling his supporters what they want to hear.\u201d",
			[]want{{"telling his supporters", Partial, "Jamieson", "", "said"}}},
		{"no attribution from a coordinated clause",
			"Cruz accuses the mayor of \u201cleading from behind on every single issue\u201d and Holm says the city is losing.",
			[]want{{"leading from behind", Partial, "Cruz", "", "accuses"}}},
		{"passive ask has no speaker",
			"Okafor was asked, \u201cWhat is the most dangerous place you have been to?\u201d",
			[]want{{"What is the most", Direct, "", "", ""}}},
		{"pronoun skips a person of the other gender",
			"Ada Holm said she would run again. Tom Baker said he backed the plan. \u201cWe will win,\u201d she said.",
			[]want{{"We will win", Direct, "she", "Ada Holm", "said"}}},
		{"another person between two quotes breaks the carry-over",
			"\"The port stays open,\" Ada Holm said. Tom Baker disagreed. \"The port closes in May.\"",
			[]want{{"The port stays open", Direct, "Ada Holm", "", "said"}, {"The port closes", Direct, "Tom Baker", "", ""}}},
		{"writer's sentence about the same person keeps the carry-over",
			"\"The port stays open,\" Ada Holm said. Holm chairs the board. \"Nobody will close it.\"",
			[]want{{"Nobody will close", Direct, "Ada Holm", "", ""}}},
		{"where it was said is not part of the speaker",
			"Brightwell Ltd cut its forecast. \"Demand has fallen in every market,\" said the company in a statement.",
			[]want{{"Demand has fallen", Direct, "the company", "Brightwell Ltd", "said"}}},
		{"when it was said is not part of the speaker",
			"\"Demand has fallen in every market,\" said a spokeswoman on Monday.",
			[]want{{"Demand has fallen", Direct, "a spokeswoman", "", "said"}}},
		{"the role's organisation stays in the speaker",
			"\"Demand has fallen in every market,\" said a spokeswoman for the ministry.",
			[]want{{"Demand has fallen", Direct, "a spokeswoman for the ministry", "", "said"}}},
		{"lost paragraph break, new speaker",
			"Deputy mayor Ines Varga said: \"The repairs will take 26 weeks. \"We are going to close the pool until spring,\" said Tom Berg, the manager.",
			[]want{{"The repairs will take", Direct, "Ines Varga", "", "said"}, {"We are going to close", Direct, "Tom Berg", "", "said"}}},
		{"lost paragraph break, same speaker",
			"Ines Varga told the council: \"The repairs will take 26 weeks. \"Nobody wants the pool shut that long.\" Members voted on Monday.",
			[]want{{"The repairs will take", Direct, "Ines Varga", "", "told"}, {"Nobody wants the pool", Direct, "Ines Varga", "", "told"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { checkQuotes(t, tc.text, tc.want) })
	}
}

func TestPronounSpeakers(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"it, the organisation subject of the sentence before",
			"Brightwell Foods cut its forecast on Monday. It said that demand for frozen meals had fallen sharply.",
			[]want{{"demand for frozen", Indirect, "It", "Brightwell Foods", "said"}}},
		{"it, the organisation only in a phrase",
			"Shares in Brightwell Foods fell sharply on Monday. It said that the market for frozen meals had peaked.",
			[]want{{"the market for frozen", Indirect, "It", "It", "said"}}},
		{"they after analysts",
			"Brightwell Foods cut its forecast on Monday. Analysts said the cut was overdue. They said that margins would shrink again next year.",
			[]want{{"margins would shrink", Indirect, "They", "They", "said"}}},
		{"they, experts in the same sentence",
			"Brightwell Foods will close two plants, experts warned. They say that the closures will cost 400 jobs in the region.",
			[]want{{"the closures will cost", Indirect, "They", "They", "say"}}},
		{"it after the company",
			"Halvern Systems reported record sales in March. The company said its new chip had sold well. It added that prices would rise in the autumn.",
			[]want{{"prices would rise", Indirect, "It", "Halvern Systems", "added"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { checkQuotes(t, tc.text, tc.want) })
	}
}

func TestImpersonalPassive(t *testing.T) {
	for _, text := range []string{
		"It is thought that the council will sell the harbour site next year.",
		"It was announced that the ferry service would end in June.",
		"The ferry will stop in June, it has been reported.",
	} {
		for _, q := range extract(t, text, nil).Quotes {
			t.Errorf("%q: got quote %q by %+v", text, q.Text, q.Speaker)
		}
	}
}

func TestQuoteMarks(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		content []string // every direct/partial/term quote text, in order
	}{
		{"straight and curly", "He said \"yes\" and then \u201cno, never\u201d twice.", []string{"yes", "no, never"}},
		{"apostrophes are not marks", "Halvern\u2019s chief said he doesn\u2019t miss the \u201990s or investors\u2019 money.", nil},
		{"single quotes as marks", "The board called it 'a clear mistake' in 'Project Nimbus'.", []string{"a clear mistake", "Project Nimbus"}},
		{"straight apostrophes", "Rock 'n' roll isn't dead, and the '80s aren't back.", nil},
		{"guillemets", "Varga said: \u00abWe stay in the harbour.\u00bb", []string{"We stay in the harbour."}},
		{"nested", "\u201cShe told me \u2018never again,\u2019 and meant it,\u201d Ward said.", []string{"She told me \u2018never again,\u2019 and meant it"}},
		{"nested straight", "\"She told me \"never\" and meant it,\" Ward said.", []string{"She told me \"never\" and meant it"}},
		{"double apostrophe marks", "''We finally see wage growth,'' the economist said.", []string{"We finally see wage growth"}},
		{"odd mark stays in its paragraph", "Ward said \"we will fight this\n\nThe council met on Monday. \"It is over,\" Holm said.", []string{"we will fight this", "It is over"}},
		{"odd closing mark", "The plan failed.\u201d Nobody came.\n\n\u201cIt is over,\u201d Holm said.", []string{"It is over"}},
		{"across paragraphs", "\u201cWe tried everything.\n\n\u201cIn the end the money ran out,\u201d Holm said.\n\nThe hall closed.", []string{"We tried everything.\n\n\u201cIn the end the money ran out"}},
		{"lost paragraph break", "Holm said: \"The repairs will take 26 weeks. \"We are going to close the pool,\" she said.", []string{"The repairs will take 26 weeks.", "We are going to close the pool"}},
		{"lost break after an inner quote", "Holm said: \"I thought: 'Not today.' \"But we won,\" she said.", []string{"I thought: 'Not today.'", "But we won"}},
		{"lost break, curly", "Holm said: \u201cThe hall is shut. \u201cIt will reopen in May.\u201d", []string{"The hall is shut.", "It will reopen in May."}},
		{"nested quote after a period stays nested", "\"The U.S. \"war on drugs\" failed,\" Holm said.", []string{"The U.S. \"war on drugs\" failed"}},
		{"hard-wrapped line", "\"We will not\nstop now,\" Holm said.", []string{"We will not\nstop now"}},
		{"empty marks", "He wrote \"\" in the box.", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := extract(t, tc.text, nil)
			var got []string
			for _, q := range out.Quotes {
				if q.Kind != Indirect {
					got = append(got, q.Text)
				}
			}
			if strings.Join(got, "|") != strings.Join(tc.content, "|") {
				t.Errorf("quotes %q, want %q", got, tc.content)
			}
		})
	}
}

func TestCrossParagraphSpeaker(t *testing.T) {
	text := "\u201cWe tried everything.\n\n\u201cIn the end the money ran out,\u201d said Ada Holm, the commissioner.\n\nThe hall closed."
	out := extract(t, text, nil)
	if len(out.Quotes) == 0 || out.Quotes[0].Speaker == nil || out.Quotes[0].Speaker.Text != "Ada Holm" {
		t.Fatalf("got %+v, want one quote by Ada Holm", out.Quotes)
	}
}

func TestTermsOption(t *testing.T) {
	text := "Nobody in \"GenAI\" makes money, Ward said. \"It is a bubble,\" she added."
	with := extract(t, text, nil)
	without := extract(t, text, New(nil, WithTerms(false)))
	terms := 0
	for _, q := range with.Quotes {
		if q.Kind == Term {
			terms++
		}
	}
	if terms != 1 {
		t.Errorf("default kept %d terms, want 1: %+v", terms, with.Quotes)
	}
	for _, q := range without.Quotes {
		if q.Kind == Term {
			t.Errorf("WithTerms(false) kept term %q", q.Text)
		}
	}
	if len(without.Quotes) != len(with.Quotes)-1 {
		t.Errorf("WithTerms(false) gave %d quotes, want %d", len(without.Quotes), len(with.Quotes)-1)
	}
}

func TestIndirectOption(t *testing.T) {
	text := "Jonas Ek noted that higher prices will reduce demand next year."
	if out := extract(t, text, New(nil, WithIndirect(false))); len(out.Quotes) != 0 {
		t.Errorf("WithIndirect(false) gave %+v", out.Quotes)
	}
}

// TestNoCrash feeds odd inputs; extract checks the offsets of every record.
func TestNoCrash(t *testing.T) {
	for _, s := range []string{"", "\"", "\u201d\u201c", "'", "\"\"\"", "said: \"", "\u00ab", "a \"b\" c \"d", "\n\n\"\n\n\"", "\"x\" \u2014", "\xff\"\xfe\""} {
		extract(t, s, nil)
	}
}

// A related link's headline is page furniture: it quotes no one in this
// article.
func TestFurnitureQuotesNoOne(t *testing.T) {
	_, x := pipeline(t)
	text := "Orvane cuts jobs\n\nOrvane said on Monday it would cut 400 jobs in Dunmere.\n\n" +
		"Related: \"We will fight on,\" says Orvane chief\n\n" +
		"\"It is a hard day,\" said Mara Okafor, its chief executive.\n"
	doc := extract(t, text, x)
	if len(doc.Quotes) != 1 || !strings.HasPrefix(doc.Quotes[0].Text, "It is a hard day") {
		t.Errorf("quotes %+v, want only Mara Okafor's", doc.Quotes)
	}
}
