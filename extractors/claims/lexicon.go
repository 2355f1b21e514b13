package claims

import "strings"

// The word lists below are what claim detection needs beyond the claim-cues
// rule file: the event verbs a claim is built on, and the cue categories the
// rule format has no key for yet (conditionals, opinion, causal links,
// reported sources, scope). They are kept here so the extractor works with
// any rule set; docs in the report name them for moving into YAML.

// actions maps a word form to its canonical predicate. Multi-word forms are
// matched on lower-cased token norms joined by spaces.
var actions = map[string]string{}

// actionSet holds the forms of actions, for phrase matching.
var actionSet = map[string]bool{}

// actionNouns are forms that name the event rather than perform it ("the
// $8 billion stake", "14,000 layoffs").
var actionNouns = map[string]bool{}

func init() {
	verb := func(pred string, forms ...string) {
		for _, f := range forms {
			actions[f] = pred
		}
	}
	noun := func(pred string, forms ...string) {
		verb(pred, forms...)
		for _, f := range forms {
			actionNouns[f] = true
		}
	}
	verb("cut", "cut", "cuts", "cutting", "eliminate", "eliminates", "eliminated", "eliminating",
		"slash", "slashes", "slashed", "slashing", "shed", "sheds", "shedding", "trim", "trims",
		"trimmed", "trimming", "axe", "axes", "axed", "axing", "lay off", "lays off", "laid off",
		"laying off", "let go")
	noun("cut", "layoff", "layoffs", "job cuts", "elimination", "redundancies", "cuts")
	verb("reduce", "reduce", "reduces", "reduced", "reducing")
	noun("reduce", "reduction", "reductions")
	verb("hire", "hire", "hires", "hired", "recruit", "recruits", "recruited", "recruiting")
	noun("hire", "hiring", "hires")
	verb("invest", "invest", "invests", "invested", "investing")
	noun("invest", "investment", "investments", "stake", "stakes")
	verb("acquire", "acquire", "acquires", "acquired", "acquiring", "buy", "buys", "bought",
		"purchase", "purchases", "purchased", "take over", "takes over", "took over")
	noun("acquire", "acquisition", "acquisitions", "takeover")
	verb("launch", "launch", "launches", "launched", "unveil", "unveils", "unveiled",
		"roll out", "rolls out", "rolled out", "introduce", "introduces", "introduced", "debut", "debuted")
	verb("leave", "leave", "leaves", "left", "leaving", "exit", "exits", "exited", "depart", "departs",
		"departed", "resign", "resigns", "resigned", "quit", "quits", "step down", "steps down",
		"stepped down", "stepping down")
	noun("leave", "departure", "resignation", "exodus")
	verb("appoint", "appoint", "appoints", "appointed", "promote", "promoted", "named as",
		"step into", "steps into", "stepped into", "stepping into", "take the helm", "took the helm")
	noun("appoint", "appointment")
	verb("raise", "raise", "raises", "raised", "raising")
	verb("lose", "lose", "loses", "lost", "losing")
	noun("lose", "loss", "losses")
	verb("increase", "rise", "rises", "rose", "risen", "grow", "grows", "grew", "grown", "increase",
		"increases", "increased", "jump", "jumped", "surge", "surged", "climb", "climbed", "double", "doubled")
	verb("decrease", "fall", "falls", "fell", "fallen", "decline", "declines", "declined", "drop",
		"drops", "dropped", "plunge", "plunged", "slump", "slumped", "decrease", "decreased", "halved")
	verb("sell", "sell", "sells", "sold", "selling")
	verb("earn", "earn", "earns", "earned", "post", "posted", "generate", "generated")
	verb("sue", "sue", "sues", "sued")
	verb("fine", "fined")
	for f := range actions {
		actionSet[f] = true
	}
}

// synonyms folds predicates that name the same event for grouping; the
// extractor already emits canonical lemmas, this also covers gold files and
// other producers.
var synonyms = map[string]string{
	"stake": "invest", "investment": "invest", "fund": "invest", "back": "invest",
	"layoff": "cut", "lay off": "cut", "eliminate": "cut", "slash": "cut", "shed": "cut", "trim": "cut", "axe": "cut",
	"exit": "leave", "depart": "leave", "resign": "leave", "quit": "leave", "step down": "leave", "departure": "leave",
	"name": "appoint", "step into": "appoint", "promote": "appoint", "appointment": "appoint",
	"buy": "acquire", "purchase": "acquire", "take over": "acquire", "acquisition": "acquire",
	"recruit": "hire", "unveil": "launch", "release": "launch", "introduce": "launch",
	"rise": "increase", "grow": "increase", "fall": "decrease", "decline": "decrease", "drop": "decrease",
}

// Canonical returns the grouping form of a predicate lemma.
func Canonical(pred string) string {
	p := strings.ToLower(strings.TrimSpace(pred))
	if s, ok := synonyms[p]; ok {
		return s
	}
	if s, ok := actions[p]; ok {
		return s
	}
	return p
}

// conditionals make a clause hypothetical. "would" is listed as a
// prediction in the rule file; read alone it marks a condition.
var conditionals = set("if", "unless", "provided that", "assuming", "suppose", "supposing",
	"imagine", "hypothetically", "in the event", "scenario", "would", "'d", "were to", "in theory")

// hypotheticalFrames introduce an imagined text: a quote that follows one is
// not asserted by anybody.
var hypotheticalFrames = set("case study", "imagine", "picture this", "scenario", "hypothetical",
	"hypothetically", "you can almost see", "you can see it now", "one day we will read")

// opinion marks a clause as the writer's view or advice, not a claim.
var opinion = set("i", "i'm", "i'd", "i've", "imo", "imho", "in my opinion", "in my view",
	"should", "must", "ought to", "need to", "needs to", "let's", "let us", "would be wise",
	"would like", "'d like", "would rather", "'d rather")

// causal links make a clause a causal statement.
var causal = set("because", "because of", "due to", "thanks to", "as a result", "led to", "leads to",
	"lead to", "caused", "causes", "cause", "driven by", "resulting in", "result in", "resulted in",
	"fueling", "fuelled", "fueled", "so that", "in order to", "prompting")

// reportedCues attribute a claim to unnamed sources.
var reportedCues = set("reportedly", "allegedly", "according to sources", "sources say", "sources said",
	"according to reports", "according to people", "people familiar with", "it is understood",
	"is said to", "are said to", "is understood to", "are understood to", "rumoured", "rumored")

// notHedges are hedge-list words that qualify a figure ("about 12,000",
// "up to $4 billion") or attribute it (reportedly): the figure or the source
// carries them, not the claim's modality.
var notHedges = set("about", "around", "roughly", "approximately", "nearly", "almost", "some",
	"up to", "as many as", "as much as", "estimated", "an estimated", "reportedly", "allegedly",
	"sources say", "according to estimates", "is said to", "are said to", "is understood to", "it is understood")

// notNegations read as emphasis, not denial ("not just layoffs").
var notNegations = set("not just", "not only", "not merely", "not mere", "not simply", "n't just",
	"n't only", "n't merely", "n't simply", "without")

// notPredictions are forms of "will" that announce the present ("will now").
var notPredictions = set("will now", "'ll now")

// comparativeWords mark rankings and comparisons beyond the tags (JJS, JJR).
var comparativeWords = set("largest", "biggest", "smallest", "highest", "lowest", "fastest",
	"slowest", "best", "worst", "leading", "top", "number", "more than", "less than", "fewer than",
	"compared with", "compared to", "versus", "vs", "vs.", "than", "second-largest", "third-largest", "record")

// pronouns stand for an earlier entity when they are a claim's subject.
var personPronouns = set("he", "she", "him", "her")
var orgPronouns = set("it", "they", "we")
var orgNouns = set("company", "firm", "giant", "group", "retailer", "startup", "business", "carrier", "bank", "lender", "maker")

// subordinators open a clause whose subject follows them ("As Amazon
// continues ..."); other prepositions put the next entity out of subject
// position.
var subordinators = set("as", "while", "because", "although", "though", "if", "since", "when",
	"after", "before", "whereas", "once", "until", "that", "so")

// imperatives start advice ("Stay alert", "Focus on learning").
var imperatives = set("stay", "focus", "learn", "get", "think", "embrace", "find", "build", "don't",
	"do", "let", "expect", "monitor", "track", "analyze", "analyse", "consider", "remember", "try",
	"make", "keep", "avoid", "start", "upskill", "watch")

// phraseSets are the lists phrase matches against.
var phraseSets = []map[string]bool{actionSet}

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	phraseSets = append(phraseSets, m)
	return m
}

// irregular verb forms the fallback lemmatiser needs.
var irregular = map[string]string{
	"is": "be", "are": "be", "was": "be", "were": "be", "been": "be", "being": "be", "am": "be",
	"'s": "be", "'re": "be", "'m": "be", "has": "have", "had": "have", "'ve": "have", "does": "do",
	"did": "do", "done": "do", "went": "go", "gone": "go", "made": "make", "said": "say", "says": "say",
	"took": "take", "taken": "take", "gave": "give", "given": "give", "saw": "see", "seen": "see",
	"held": "hold", "holds": "hold", "became": "become", "began": "begin", "begun": "begin", "led": "lead",
	"built": "build", "brought": "bring", "thought": "think", "told": "tell", "found": "find",
	"won": "win", "spent": "spend", "paid": "pay", "struck": "strike", "ran": "run", "came": "come",
}

// lemma is a small English verb lemmatiser for predicates outside the
// action list; it is right for the regular cases and the common irregulars.
func lemma(w string) string {
	w = strings.ToLower(w)
	if l, ok := irregular[w]; ok {
		return l
	}
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 4 && strings.HasSuffix(w, "ied"):
		return w[:n-3] + "y"
	case n > 4 && (strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "xes")):
		return w[:n-2]
	case n > 5 && strings.HasSuffix(w, "ing"):
		return restoreE(undouble(w[:n-3]))
	case n > 4 && strings.HasSuffix(w, "ed"):
		return restoreE(undouble(w[:n-2]))
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		return w[:n-1]
	}
	return w
}

func undouble(s string) string {
	n := len(s)
	if n > 2 && s[n-1] == s[n-2] && !strings.ContainsRune("aeioulsz", rune(s[n-1])) {
		return s[:n-1]
	}
	return s
}

// restoreE puts back the e dropped before -ed/-ing ("hired" → "hire") for
// the endings where English nearly always has one.
func restoreE(s string) string {
	if strings.HasSuffix(s, "eak") || strings.HasSuffix(s, "oak") {
		return s
	}
	for _, suf := range []string{"at", "iz", "is", "v", "c", "ur", "ir", "dg", "rg", "ut", "od", "ud", "as", "ak"} {
		if strings.HasSuffix(s, suf) {
			return s + "e"
		}
	}
	return s
}
