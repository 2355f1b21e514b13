package figures

import (
	"math"
	"strconv"
	"strings"
)

// numRes is a number read from digits or words, before any unit.
type numRes struct {
	j        int // index after the number
	v        float64
	scale    float64 // the scale word applied, 0 when none
	ndig     int
	comma    bool // written with thousands separators
	words    bool
	weak     bool // the article "a"/"an" read as one
	one      bool // the bare word "one"
	frac     bool // a fraction ("a third", "3/4", "half")
	ord      bool
	integral bool
}

// number reads the number at i. money says a currency came before, so a
// lone "m" or "b" is a scale ("$8m") rather than a unit.
func (s *scanner) number(i int, money bool) (numRes, bool) {
	if s.isNum(i) {
		return s.digits(i, money)
	}
	if s.isWord(i) {
		return s.wordsNum(i)
	}
	return numRes{}, false
}

func (s *scanner) digits(i int, money bool) (numRes, bool) {
	t := s.t[i]
	n := numRes{v: t.v, ndig: t.ndig, comma: t.comma, integral: !t.dec}
	j := i + 1
	// Fractions: "3/4", "1/5"; "24/7" and "9/11" are not.
	if s.slashPair(i) {
		d := s.t[j+1]
		if t.dec || t.comma || d.dec || d.comma || d.v <= t.v || s.isSym(j+2, "/") {
			return numRes{}, false
		}
		n.v, n.frac, n.integral = t.v/d.v, true, false
		j += 2
	}
	// "1 point 1"
	if s.low(j) == "point" && n.integral && !n.frac && s.isNum(j+1) && !s.t[j+1].dec && !s.t[j+1].comma {
		d := s.raw(j + 1)
		f, _ := strconv.ParseFloat("0."+d, 64)
		n.v += f
		n.integral = false
		j += 2
	}
	if s.isWord(j) && s.attached(j) && n.integral && !n.frac {
		switch s.low(j) {
		case "st", "nd", "rd", "th":
			n.ord, n.j = true, j+1
			return n, true
		}
	}
	// "5 and a half minutes"
	if s.low(j) == "and" && (s.low(j+1) == "a" || s.low(j+1) == "an") {
		if den, plural, ok := fractionWord(s.low(j + 2)); ok && !plural && den <= 4 {
			if !s.end(j+3) && s.low(j+3) != "of" {
				n.v += 1 / den
				n.integral = false
				j += 3
			}
		}
	}
	n.j = s.scales(&n, i, j, money)
	return n, true
}

// scales applies the scale words after a number: "1.2bn", "3 lakh",
// "five thousand", "two dozen", "three thousand millions". The number
// starts at token from.
func (s *scanner) scales(n *numRes, from, j int, money bool) int {
	for j < len(s.t) {
		w := s.low(j)
		if w == "dozen" || w == "dozens" {
			n.v *= 12
			j++
			continue
		}
		if w == "hundred" && !n.words && n.scale == 0 && n.v < 100 {
			n.v *= 100
			j++
			continue
		}
		e, q := s.scaleAt(j)
		if e == nil {
			break
		}
		raw := s.raw(j)
		if len(raw) == 1 {
			// Single letters are scales only on the number ("10k", "$8m").
			// Without money, b or B is no scale ("221B Baker Street"), and a lower-case m
			// is metres where a length follows ("a 9m wall", "100m sprint")
			// or when the number stands alone, else millions ("158.4m in 2020").
			if s.t[j].sp || n.words || (!money && (raw == "b" || raw == "B" || raw == "m" && s.metres(from, q))) {
				break
			}
		}
		if n.scale != 0 && e.scale <= n.scale {
			break
		}
		n.v *= e.scale
		if n.scale == 0 {
			n.scale = e.scale
		} else {
			n.scale *= e.scale
		}
		j = q
	}
	return j
}

// wordScale returns the multiplier of a scale written as a word
// ("thousand", "crore", "bn"), not a single letter.
func (s *scanner) wordScale(j int) (float64, int, bool) {
	if !s.isWord(j) || len(s.low(j)) < 2 {
		return 0, j, false
	}
	e, q := s.scaleAt(j)
	if e == nil {
		return 0, j, false
	}
	return e.scale, q, true
}

// scaleAt matches a scale word at token j, but not the "Grand" of a name
// ("three Grand Slams", "Grand National"): only "grand" as slang for a
// thousand.
func (s *scanner) scaleAt(j int) (*entry, int) {
	if s.low(j) == "grand" {
		if w := s.low(j + 1); isCapital(s.raw(j)) || w == "slam" || w == "slams" || w == "prix" {
			return nil, j
		}
	}
	return s.match(j, fScale)
}

// wordsNum reads a number written in words: "twenty-five thousand",
// "one and a half million", "a third", "two dozen", "seventy-third".
func (s *scanner) wordsNum(i int) (numRes, bool) {
	n := numRes{words: true, integral: true}
	j := i
	var total, cur float64
	any, lastMul := false, false
	var big float64 // the largest scale word so far

	switch s.low(j) {
	case "a", "an":
		nx := s.low(j + 1)
		if nx == "couple" || nx == "pair" {
			n.v, n.j = 2, j+2
			return n, true
		}
		if nx == "hundred" || nx == "dozen" {
			cur, any, j = 1, true, j+1
			break
		}
		if _, _, ok := s.wordScale(j + 1); ok {
			cur, any, j = 1, true, j+1
			break
		}
		if den, plural, ok := fractionWord(nx); ok && !plural {
			// "a third of", "a half", "a quarter-litre"; "a third round" is a rank.
			if den == 2 || s.low(j+2) == "of" || s.end(j+2) || s.unitAfter(j+2) || den == 4 && s.isSym(j+2, "-") {
				n.v, n.frac, n.integral = 1/den, true, false
				// "a quarter of a million", "a third of a billion dollars"
				if a := s.low(j + 3); s.low(j+2) == "of" && (a == "a" || a == "an") {
					if sc, q, ok := s.wordScale(j + 4); ok {
						n.v *= sc
						n.scale, n.j = sc, q
						return n, true
					}
				}
				n.j = s.scales(&n, j, j+2, false)
				return n, true
			}
			return numRes{}, false
		}
		n.v, n.weak, n.j = 1, true, j+1
		return n, true
	case "half":
		if halfCompounds[s.low(j+1)] {
			return numRes{}, false // "at half time", "half term"
		}
		n.v, n.frac, n.integral = 0.5, true, false
		j++
		if (s.low(j) == "a" || s.low(j) == "an") && s.isWord(j+1) {
			if sc, q, ok := s.wordScale(j + 1); ok {
				n.v *= sc
				n.scale = sc
				j = q
			}
		}
		n.j = j
		return n, true
	case "quarter":
		if s.isSym(j+1, "-") && s.attached(j+1) && s.unitAfter(j+2) {
			n.v, n.frac, n.integral, n.j = 0.25, true, false, j+1
			return n, true
		}
		return numRes{}, false
	case "point":
		if d, q := s.decimalWords(j + 1); q > j+1 {
			f, _ := strconv.ParseFloat("0."+d, 64)
			n.v, n.j, n.integral = f, q, false
			return n, true
		}
		return numRes{}, false
	}

	for j < len(s.t) && s.t[j].k == tWord {
		w := s.low(j)
		if w != "and" && s.fl[j]&isCore == 0 {
			break // every other word that continues a number is core
		}
		if v, ok := cardinals[w]; ok {
			if any && !lastMul && cur != 0 {
				break // "five six" are two numbers
			}
			if any && lastMul && v >= 100 {
				break
			}
			k := j + 1
			if v >= 20 && int(v)%10 == 0 {
				// "twenty-five", "thirty three", "twenty—fifth"
				q := k
				if q < len(s.t) && s.t[q].k == tSym && dash(s.t[q].low) && s.attached(q) && s.attached(q+1) {
					q++
				} else if q < len(s.t) && !s.t[q].sp {
					q = -1
				}
				if q > 0 && s.isWord(q) {
					u := s.low(q)
					if uv, ok := cardinals[u]; ok && uv >= 1 && uv <= 9 {
						v += uv
						k = q + 1
					} else if ov, ok := ordinals[u]; ok && ov >= 1 && ov <= 9 {
						n.v, n.ord, n.j = total+cur+v+ov, true, q+1
						return n, true
					}
				}
			} else if v >= 1 && v <= 9 && s.isSym(k, "-") && s.attached(k) && s.attached(k+1) {
				// "two-thirds", "one-third"
				if den, _, ok := fractionWord(s.low(k + 1)); ok && den > 2 || s.low(k+1) == "half" {
					if !ok {
						den = 2
					}
					cur += v / den
					n.frac, n.integral = true, false
					any, lastMul, j = true, false, k+2
					break
				}
			}
			if w == "one" && !any {
				n.one = true
			} else {
				n.one = false
			}
			cur += v
			any, lastMul, j = true, false, k
			continue
		}
		if w == "hundred" {
			if !any || cur >= 100 {
				break
			}
			cur *= 100
			lastMul, n.one = true, false
			j++
			continue
		}
		if w == "dozen" || w == "dozens" {
			if !any {
				break
			}
			total, cur = (total+cur)*12, 0
			lastMul, n.one = true, false
			j++
			continue
		}
		if sc, q, ok := s.wordScale(j); ok {
			if !any {
				break
			}
			if big == 0 || sc < big {
				total += cur * sc
			} else {
				total = (total + cur) * sc
			}
			if sc > big {
				big = sc
			}
			if n.scale == 0 || sc > n.scale {
				n.scale = sc
			}
			cur, lastMul, n.one, j = 0, true, false, q
			continue
		}
		if w == "and" && any {
			nx := s.low(j + 1)
			if nx == "a" || nx == "an" || nx == "one" || nx == "two" || nx == "three" {
				num := 1.0
				if nx == "two" {
					num = 2
				} else if nx == "three" {
					num = 3
				}
				if den, _, ok := fractionWord(s.low(j + 2)); ok && den <= 4 {
					cur += num / den
					n.integral, n.one = false, false
					j += 3
					if s.low(j) == "of" && s.unitAfter(j+1) {
						j++
					}
					continue
				}
				break
			}
			if den, plural, ok := fractionWord(nx); ok && !plural && den <= 4 {
				cur += 1 / den
				n.integral, n.one = false, false
				j += 2
				if s.low(j) == "of" && s.unitAfter(j+1) {
					j++
				}
				continue
			}
			if v, ok := cardinals[nx]; ok && lastMul && v < 100 {
				j++
				continue
			}
			if _, ok := ordinals[nx]; ok && lastMul {
				j++
				continue
			}
			break
		}
		if w == "point" && any {
			if d, q := s.decimalWords(j + 1); q > j+1 {
				f, _ := strconv.ParseFloat("0."+d, 64)
				cur += f
				n.integral, n.one = false, false
				j = q
				continue
			}
			break
		}
		if ov, ok := ordinals[w]; ok || glued(w) > 0 {
			if !ok {
				ov = glued(w)
			}
			if !any {
				// "tenth of a gallon", "fourth of liter" are fractions.
				if s.low(j+1) == "of" && ov >= 3 {
					q := j + 2
					if s.low(q) == "a" || s.low(q) == "an" {
						q++
					}
					if s.unitAfter(q) {
						n.v, n.frac, n.integral, n.j = 1/ov, true, false, j+1
						return n, true
					}
				}
				n.v, n.ord, n.j = ov, true, j+1
				return n, true
			}
			c := int64(cur)
			if (ov < 10 && c%10 == 0 && c%100 != 0) || (ov < 100 && c%100 == 0) || (ov >= 100 && cur == 0) {
				n.v, n.ord, n.j = total+cur+ov, true, j+1
				return n, true
			}
			if den, _, ok := fractionWord(w); ok && cur >= 1 && cur < 10 {
				cur /= den
				n.frac, n.integral, n.one = true, false, false
				j++
				continue
			}
			break
		}
		// "two quarters of 2025" are periods, not a half.
		if den, plural, ok := fractionWord(w); ok && plural && any && cur >= 1 && cur < 100 && !(w == "quarters" && (s.isNum(j+2) || periodWords[s.low(i-1)])) {
			cur /= den
			n.frac, n.integral, n.one = true, false, false
			j++
			continue
		}
		if v := gluedCardinal(w); v > 0 && !any {
			cur += v
			any, j = true, j+1
			continue
		}
		break
	}
	if !any {
		return numRes{}, false
	}
	n.v, n.j = total+cur, j
	if n.v != math.Trunc(n.v) {
		n.integral = false
	}
	return n, true
}

// periodWords before "two quarters" make them periods of time.
var periodWords = map[string]bool{"first": true, "last": true, "past": true, "next": true, "consecutive": true, "straight": true, "previous": true, "recent": true}

// lengthWords after "9m" make it metres rather than millions.
var lengthWords = map[string]bool{
	"tall": true, "high": true, "long": true, "deep": true, "wide": true, "away": true, "sprint": true,
	"hurdles": true, "freestyle": true, "race": true, "dash": true, "relay": true, "butterfly": true,
	"backstroke": true, "breaststroke": true, "medley": true, "below": true, "above": true, "across": true,
	"champion": true, "title": true, "final": true, "gold": true, "silver": true, "bronze": true,
	"medallist": true, "hurdler": true, "runner": true,
	"track": true, "pool": true, "races": true, "steeplechase": true, "titles": true, "finals": true,
	"champions": true, "runners": true, "heats": true, "crown": true, "finalist": true, "course": true,
	"penalty": true, "line": true, "taller": true, "higher": true, "longer": true, "deeper": true, "wider": true,
}

// raceAfter are the words after a standard distance that make it a race
// ("3,000m victory", "5,000m world record", "400m man"); after other
// numbers they may count money or people ("passed the 1m mark").
var raceAfter = map[string]bool{"record": true, "records": true, "mark": true, "barrier": true,
	"event": true, "events": true, "victory": true, "win": true, "hope": true, "hopes": true, "world": true,
	"indoor": true, "olympic": true, "success": true, "place": true, "man": true, "woman": true,
	"specialist": true, "distance": true, "star": true, "personal": true, "season": true, "qualifying": true,
	"stage": true, "semi": true, "heat": true}

// metres reports whether an "m" ending at j, after a number starting at
// token i, means metres. What follows decides first; then a counted noun
// after or a currency before keeps millions, and athletics words before
// make metres ("cleared 4.88m", "the women's 5,000m", "a throw of 60m").
func (s *scanner) metres(i, j int) bool {
	if j >= len(s.t) && s.alone {
		return true
	}
	q := j
	if s.isSym(q, "-") && s.attached(q) {
		q++
	}
	if (s.low(q) == "and" || s.isSym(q, ",")) && s.isNum(q+1) { // "3m and 5cm"
		e, _ := s.match(q+2, fUnit)
		if e != nil && e.unit.Dimension == "length" {
			return true
		}
	}
	if lengthWords[s.low(q)] || raceAfter[s.low(q)] && s.race(i) {
		return true
	}
	switch {
	case s.isSym(j, "/") && s.attached(j) && (s.low(j+1) == "s" || s.low(j+1) == "h"), // "17m/s"
		s.low(j) == "per" && (s.low(j+1) == "second" || s.low(j+1) == "minute"),
		s.low(j) == "to" && s.low(j+1) == "go": // "with 500m to go"
		return true
	case s.isSym(j, "(") && s.isNum(j+1): // "10m (33ft)"
		if e, _ := s.match(j+2, fUnit); e != nil && e.unit.Dimension == "length" {
			return true
		}
	}
	if s.countNounAfter(j) || s.moneyBefore(i) {
		return false
	}
	return s.athleticsBefore(i)
}

// raceDistances are the standard track distances in metres.
var raceDistances = map[float64]bool{60: true, 100: true, 110: true, 200: true, 300: true, 400: true, 800: true,
	1000: true, 1500: true, 3000: true, 5000: true, 10000: true}

// athleticsWords before a distance or height make it metres: "cleared
// 1.76m", "threw 13.86m".
var athleticsWords = map[string]bool{"cleared": true, "clearing": true, "jumped": true, "jumping": true,
	"threw": true, "throwing": true, "landed": true, "leapt": true, "leaped": true, "vaulted": true, "ran": true,
	"clear": true, "clears": true, "attempt": true, "attempted": true}

// dealWords after "the 100m" make it money, not a race.
var dealWords = map[string]bool{"deal": true, "bid": true, "takeover": true, "contract": true, "loan": true,
	"fund": true, "budget": true, "offer": true, "stake": true, "fine": true, "debt": true, "project": true,
	"investment": true, "sale": true, "merger": true, "package": true, "scheme": true, "payout": true}

// markWords before "of" ("a leap of 17.30m") or "at" ("the long jump at
// 6.63m") name what was measured.
var markWords = map[string]bool{"best": true, "throw": true, "throws": true, "jump": true, "leap": true,
	"record": true, "clearance": true, "mark": true, "height": true, "vault": true, "put": true}

// raceBefore are the words before a standard distance that name a race:
// "the 800m", "women's 5,000m", "Olympic 100m", "over 60m".
var raceBefore = map[string]bool{"the": true, "his": true, "her": true, "their": true, "my": true,
	"indoor": true, "outdoor": true, "olympic": true, "world": true, "final": true, "last": true,
	"over": true, "favoured": true, "marathon": true, "hurdles": true, "relay": true}

// athleticsBefore reads the words before a number at i for a distance or a
// height in metres.
func (s *scanner) athleticsBefore(i int) bool {
	p := i - 1
	w := s.low(p)
	if athleticsWords[w] || (w == "of" || w == "at") && markWords[s.low(p-1)] {
		return true
	}
	// "30ft (10m)"
	if s.isSym(p, "(") && p > 0 {
		if e, _ := s.match(p-1, fUnit); e != nil && e.unit.Dimension == "length" {
			return true
		}
	}
	if !s.race(i) {
		return false
	}
	if raceBefore[w] {
		// "the 100m deal" is money: a word of business after it.
		return !determiners[w] || !dealWords[s.low(i+2)]
	}
	// "men's 60m", "women’s 400m"
	if w == "s" && p > 1 && s.t[p-1].k == tSym && (s.t[p-1].low == "'" || s.t[p-1].low == "’") {
		if m := s.low(p - 2); m == "men" || m == "women" {
			return true
		}
	}
	// "the 800m and 1500m", "from 400m to 200m", "the marathon and 10,000m"
	if (w == "and" || w == "or" || w == "to" || s.isSym(p, ",")) && p >= 2 {
		if w := s.low(p - 1); w == "marathon" || w == "hurdles" || w == "relay" || w == "steeplechase" {
			return true
		}
		return s.raw(p-1) == "m" && s.attached(p-1) && s.race(p-2)
	}
	return false
}

// race reports whether token i is a standard track distance.
func (s *scanner) race(i int) bool {
	return s.isNum(i) && !s.t[i].dec && raceDistances[s.t[i].v]
}

// moneyBefore reports whether a currency comes shortly before token i in
// its clause ("£53m, up from 38m"), near enough to lie in every window.
func (s *scanner) moneyBefore(i int) bool { return s.inClause(i-1, -1, 6, s.curAt) }

// decimalWords reads the digits after "point": "two", "seven seven", "77".
func (s *scanner) decimalWords(j int) (string, int) {
	if s.isNum(j) && !s.t[j].dec && !s.t[j].comma {
		return s.raw(j), j + 1
	}
	var b strings.Builder
	for s.isWord(j) {
		v, ok := cardinals[s.low(j)]
		if !ok || v > 9 {
			break
		}
		b.WriteByte(byte('0' + int(v)))
		j++
	}
	return b.String(), j
}

// unitAfter reports whether a unit or currency starts at j.
func (s *scanner) unitAfter(j int) bool {
	e, _ := s.match(j, fUnit|fCurrency)
	return e != nil
}

// glued reads ordinals written as one word: "twentyfifth" → 25.
func glued(w string) float64 {
	for _, t := range tens {
		if strings.HasPrefix(w, t) && len(w) > len(t) {
			if ov, ok := ordinals[w[len(t):]]; ok && ov < 10 {
				return cardinals[t] + ov
			}
		}
	}
	return 0
}

// gluedCardinal reads "twentyfive" → 25.
func gluedCardinal(w string) float64 {
	for _, t := range tens {
		if strings.HasPrefix(w, t) && len(w) > len(t) {
			if v, ok := cardinals[w[len(t):]]; ok && v >= 1 && v < 10 {
				return cardinals[t] + v
			}
		}
	}
	return 0
}
