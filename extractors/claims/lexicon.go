package claims

import (
	"strings"

	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// Grammar the extractor needs: closed word classes and a small
// lemmatiser. What makes a claim (events, hedges, conditionals, opinion,
// company nouns, ...) comes from the claim-cues rules, not from here.

// pronouns stand for an earlier entity when they are a claim's subject.
var personPronouns = set("he", "she", "him", "her")
var orgPronouns = set("it", "they", "we")

// subordinators open a clause whose subject follows them ("As Amazon
// continues ..."); other prepositions put the next entity out of subject
// position.
var subordinators = set("as", "while", "because", "although", "though", "if", "since", "when",
	"after", "before", "whereas", "once", "until", "that", "so")

// auxForms are the forms of the verbs that carry tense and leave the
// predicate to the next verb: be, have, do, get.
var auxForms = set("be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m",
	"have", "has", "had", "having", "'ve", "'d", "do", "does", "did", "done", "doing",
	"get", "gets", "got", "gotten", "getting")

// Word classes of the sets above, as bits.
const (
	wSubordinator uint8 = 1 << iota
	wAux
	wPersonPronoun
	wOrgPronoun
)

// classes keeps the word classes per word: clauses ask them of most tokens.
var classes analysis.WordCache[uint8]

// class returns the word classes of token t's lower-cased norm.
func (d *docState) class(t int) uint8 {
	tok := &d.doc.Tokens[t]
	if c := classes.Get(tok.Word); c != nil {
		return *c
	}
	w := tok.Lower()
	var c uint8
	if subordinators[w] {
		c |= wSubordinator
	}
	if auxForms[w] {
		c |= wAux
	}
	if personPronouns[w] {
		c |= wPersonPronoun
	}
	if orgPronouns[w] {
		c |= wOrgPronoun
	}
	classes.Put(tok.Word, c)
	return c
}

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
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
	"stood": "stand", "felt": "feel", "kept": "keep", "sought": "seek", "met": "meet", "sent": "send",
	"fought": "fight", "slid": "slide", "meant": "mean", "heard": "hear", "understood": "understand",
}

// lemmas keeps lemma(Norm) per word: predicates are read for most clauses.
var lemmas analysis.WordCache[string]

// tokLemma returns lemma(t.Norm), computed once per word.
func tokLemma(t *analysis.Token) string {
	if l := lemmas.Get(t.Word); l != nil {
		return *l
	}
	l := lemma(t.Norm)
	// A clone: l may be a slice of the document.
	if t.Word != 0 {
		lemmas.Put(t.Word, strings.Clone(l))
	}
	return l
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
		return stem(w[:n-3])
	case n > 4 && strings.HasSuffix(w, "ed"):
		return stem(w[:n-2])
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		return w[:n-1]
	}
	return w
}

// stem undoes -ed/-ing: a doubled consonant is undoubled ("stopped"),
// otherwise a dropped e is put back ("hired", "voted").
func stem(s string) string {
	if u := undouble(s); u != s {
		return u
	}
	if restored := restoreE(s); restored != s {
		return restored
	}
	if oneSyllableCVC(s) {
		return s + "e"
	}
	return s
}

// oneSyllableCVC: a one-syllable stem ending consonant-vowel-consonant
// ("vot", "fil", "quot") almost always lost an e; longer stems ("open",
// "visit") did not.
func oneSyllableCVC(s string) bool {
	s = strings.Replace(s, "qu", "q", 1)
	n := len(s)
	if n < 3 || strings.ContainsRune("aeiouwxy", rune(s[n-1])) || !isVowel(s[n-2]) || isVowel(s[n-3]) {
		return false
	}
	groups := 0
	for i := 0; i < n; i++ {
		if isVowel(s[i]) && (i == 0 || !isVowel(s[i-1])) {
			groups++
		}
	}
	return groups == 1
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

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
	if strings.HasSuffix(s, "eak") || strings.HasSuffix(s, "oak") || strings.HasSuffix(s, "cus") {
		return s // "focused"
	}
	// "opposed", "caused", "analysed", "reversed", "collapsed", "licensed", "pulsed"
	for _, suf := range []string{"os", "us", "ys", "rs", "ps", "ns", "ls"} {
		if strings.HasSuffix(s, suf) {
			return s + "e"
		}
	}
	for _, suf := range []string{"at", "iz", "is", "v", "c", "ur", "ir", "dg", "rg", "ut", "od", "ud", "as", "ak", "u",
		"bl", "cl", "dl", "fl", "gl", "kl", "pl", "tl", "zl"} {
		if strings.HasSuffix(s, suf) {
			return s + "e"
		}
	}
	return s
}
