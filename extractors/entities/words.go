package entities

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// Built-in word lists used when the rule set does not provide its own.
// Keys are lower case.

// roleWords head or make up a person's title ("CEO", "chief executive").
var roleWords = setOf(`ceo cfo cto coo cmo cio cso cpo vp svp evp gm md chief executive officer president
vice chairman chairwoman chairperson chair founder co-founder cofounder director head manager
spokesperson spokesman spokeswoman analyst consultant minister secretary senator governor mayor
professor engineer scientist researcher leader partner investor economist editor reporter
lawyer attorney commissioner coach captain chancellor premier deputy senior general principal
strategist adviser advisor architect developer owner employee officer treasurer trustee
ambassador judge justice sheriff representative congressman congresswoman lawmaker
correspondent columnist author designer producer entrepreneur executive technologist evangelist
fellow lead associate specialist expert administrator superintendent dean provost rector
operating financial technology technical marketing product operations`)

// roleHeads end an appositive title ("a digital transformation consultant").
var roleHeads = setOf(`ceo cfo cto coo cmo cio vp svp evp president chairman chairwoman chairperson
chair founder co-founder cofounder director head manager spokesperson spokesman spokeswoman
analyst consultant minister secretary senator governor mayor professor engineer scientist
researcher leader partner investor economist editor reporter lawyer attorney commissioner
coach captain chancellor premier strategist adviser advisor architect developer owner
employee officer treasurer ambassador judge lawmaker correspondent columnist author designer
producer entrepreneur executive technologist evangelist fellow specialist expert administrator
dean veteran member chief`)

// corpSuffixes mark a business name ("Acme Inc.", "Nimbus Labs").
var corpSuffixes = setOf(`inc inc. incorporated corp corp. corporation co co. ltd ltd. llc l.l.c. plc
ag sa s.a. spa s.p.a. nv n.v. bv b.v. gmbh kg ab asa oyj pty lp llp a/s k.k. sarl se labs holdings group
technologies technology systems software networks airlines airways motors pharmaceuticals
industries capital ventures partners bancorp financial securities insurance communications
telecom entertainment studios media energy petroleum mining foods brands stores biotech pharma
therapeutics biosciences bioscience semiconductor semiconductors`)

// strongSuffixes make any multi-word name a company ("Nimbus Labs").
var strongSuffixes = setOf(`inc inc. corp corp. corporation ltd ltd. llc plc gmbh ag spa s.p.a. a/s asa oyj k.k. labs`)

// companyCues near a mention suggest a business.
var companyCuesBefore = setOf(`shares stake acquired acquire acquiring acquisition bought buy
invested investment invest rival rivals competitor startup start-up firm company maker
subsidiary unit merger takeover`)
var companyCuesAfter = setOf(`shares stock stocks inc corp ceo cfo revenue revenues earnings profit
profits acquired acquires bought subsidiary unit's valuation ipo`)

// posessive and other tokens that never end a name.
var possessives = setOf(`'s ’s ' ’`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// lexBits are the lexical flags of a token: which word lists hold it and
// how it is written, worked out once per word (see lexOf).
type lexBits uint32

const (
	lRole       lexBits = 1 << iota // roleWords[lowerNorm]
	lSmall                          // smallWords[lowerNorm]
	lConnector                      // nameConnectors[lowerNorm]
	lCap                            // isCap(Text)
	lPunct                          // isPunct(Text)
	lHasLower                       // hasLower(Text)
	lHasUpper                       // hasUpper(Text)
	lLetter                         // Text starts with a letter
	lUpper                          // Text starts with an upper-case letter
	lListy                          // Text has one of ",;()" and is no number
	lPossessive                     // possessives[lowerNorm]
	lCorp                           // corpSuffixes[lowerNorm]
	lStrong                         // strongSuffixes[lowerNorm]
	lParticle                       // particles[lowerNorm]
	lBusiness                       // businessRoles[lowerNorm]
	lIndex                          // indexWords[lowerNorm]
	lCueBefore                      // companyCuesBefore[lowerNorm]
	lCueAfter                       // companyCuesAfter[lowerNorm]
	lFiller                         // lowerNorm is "in", "of", "the" or "a"
	lHonorific                      // honorifics[lowerNorm], a final "." trimmed
	lNameSuffix                     // nameSuffixes[lowerNorm], a final "." trimmed
)

// lexWords keeps lexFlags per word. Text differs from Norm (the spelling
// Word numbers) only in curly quotes, which none of the flags sees.
var lexWords analysis.WordCache[lexBits]

// lexOf returns the lexical flags of t.
func lexOf(t *analysis.Token) lexBits {
	if c := lexWords.Get(t.Word); c != nil {
		return *c
	}
	v := lexFlags(t)
	lexWords.Put(t.Word, v)
	return v
}

// listFlags maps each word of the lists lexFlags reads to its flags.
var listFlags = func() map[string]lexBits {
	m := map[string]lexBits{}
	for f, list := range map[lexBits]map[string]bool{
		lRole: roleWords, lSmall: smallWords, lPossessive: possessives, lCorp: corpSuffixes,
		lStrong: strongSuffixes, lParticle: particles, lBusiness: businessRoles, lIndex: indexWords,
		lConnector: nameConnectors, lCueBefore: companyCuesBefore, lCueAfter: companyCuesAfter,
		lFiller: {"in": true, "of": true, "the": true, "a": true},
	} {
		for w, ok := range list {
			if ok {
				m[w] |= f
			}
		}
	}
	// These lists match with a final "." trimmed: "Dr." as "Dr".
	for f, list := range map[lexBits]map[string]bool{lHonorific: honorifics, lNameSuffix: nameSuffixes} {
		for w, ok := range list {
			if ok {
				m[w] |= f
				m[w+"."] |= f
			}
		}
	}
	return m
}()

func lexFlags(t *analysis.Token) lexBits {
	var v lexBits
	set := func(f lexBits, ok bool) {
		if ok {
			v |= f
		}
	}
	v = listFlags[lowerNorm(t)]
	set(lCap, isCap(t.Text))
	set(lPunct, isPunct(t.Text))
	set(lHasLower, hasLower(t.Text))
	set(lHasUpper, hasUpper(t.Text))
	r0, _ := utf8.DecodeRuneInString(t.Text)
	set(lLetter, unicode.IsLetter(r0))
	set(lUpper, unicode.IsUpper(r0))
	set(lListy, strings.ContainsAny(t.Text, ",;()") && !unicode.IsDigit(r0))
	return v
}
