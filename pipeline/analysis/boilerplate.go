package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// boilerplateKeys are lines of page furniture that scraped articles carry
// (placeholders, navigation, sharing and reading-time lines), letters only
// and lower case: "Image Not Found" is "imagenotfound". They name nothing
// and title nothing.
var boilerplateKeys = map[string]bool{}

// boilerplateLens has bit n set when a key is n bytes long.
var boilerplateLens uint64

func init() {
	for _, k := range []string{
		"imagenotfound", "imageunavailable", "noimage", "loading", "advertisement",
		"advertisements", "sponsored", "sponsoredcontent", "skiptocontent",
		"skiptomaincontent", "skiptonavigation", "menu", "mainmenu", "home", "search",
		"share", "sharethis", "sharethisarticle", "sharethisstory", "sharethispage",
		"shareonfacebook", "shareontwitter", "shareonlinkedin", "tweet", "email",
		"print", "printthisarticle", "emailthisarticle", "copylink", "comments",
		"readmore", "readnext", "relatedarticles", "relatedstories", "moreonthisstory",
		"recommended", "subscribe", "subscribenow", "signup", "signin", "login", "logout",
		"register", "acceptcookies", "listentothisarticle", "listentothisstory",
		"closemenu", "openmenu", "close", "back", "next", "previous", "tags",
		"minread", "minsread", "minuteread", "minutesread",
	} {
		boilerplateKeys[k] = true
		boilerplateLens |= 1 << len(k)
	}
}

// shareKeys are the networks of a share bar ("Facebook · Twitter ·
// Email"): furniture in a bar, names elsewhere.
var shareKeys = map[string]bool{
	"facebook": true, "twitter": true, "x": true, "linkedin": true, "whatsapp": true,
	"reddit": true, "pinterest": true, "telegram": true, "threads": true, "bluesky": true,
	"flipboard": true, "messenger": true, "sms": true,
}

// linkLeads open a link to another article, or the page's tags, before a
// colon ("Related: Orvane to cut 400 jobs", "Read more: ...", "Tags:
// Pellam Motors, recalls"): furniture, whatever follows.
var linkLeads = map[string]bool{
	"related": true, "relatedarticle": true, "relatedarticles": true, "relatedstory": true,
	"relatedstories": true, "relatedcontent": true, "readmore": true, "readalso": true,
	"alsoread": true, "seealso": true, "readnext": true, "recommended": true, "mostread": true,
	"trending": true, "watch": true, "listen": true, "morefromus": true,
	"moreonthisstory": true, "mostpopular": true, "topstories": true, "youmayalsolike": true,
	"youmightalsolike": true, "tags": true, "topics": true, "filedunder": true, "categories": true,
}

// metaLeads open a line of page metadata before a colon ("Published: 12
// March 2024, 10:30 GMT", "Photo: Reuters"): furniture when what follows
// is short (maxBoilerplate), as dates and credits are.
var metaLeads = map[string]bool{
	"published": true, "firstpublished": true, "updated": true, "lastupdated": true,
	"posted": true, "modified": true, "lastmodified": true, "photo": true, "photos": true,
	"photograph": true, "image": true, "picture": true, "credit": true, "imagecredit": true,
	"photocredit": true, "illustration": true,
}

// furniturePrefixes open a short line of furniture ("Follow us on
// Twitter @acme", "Sign up for our newsletter", "Copyright 2024 Acme").
var furniturePrefixes = []string{
	"follow us ", "follow her ", "follow him ", "follow them ", "sign up for ", "sign up to ",
	"subscribe to ", "subscribe for ", "all rights reserved", "download the app", "download our app",
	"click here",
}

// maxBoilerplate is the longest line, in bytes, of furniture keys alone;
// maxLinkLine the longest line of a link or a prefix. Furniture is short,
// so prose costs a length check or two.
const (
	maxBoilerplate = 64
	maxLinkLine    = 200
)

// Boilerplate reports whether line is page furniture: a key of
// boilerplateKeys once or repeated ("Image Not FoundImage Not Found"),
// spelt in any case with any spacing and punctuation, after a number
// ("11 mins read"); a bar of two or more such keys and share networks
// between separators ("Facebook · Twitter · Email", "Share | X | Print");
// a link or a line of metadata under its lead (linkLeads, metaLeads); a
// line with a furniture prefix, or a copyright line ("© 2024 Acme").
func Boilerplate(line string) bool {
	if len(line) > maxLinkLine {
		return false
	}
	if strings.HasPrefix(line, "©") || leadFurniture(line) {
		return true
	}
	if len(line) > maxBoilerplate {
		return false
	}
	if strings.ContainsAny(line, "·•|") && isBar(line) {
		return true
	}
	var buf [maxBoilerplate]byte
	key, ok := furnitureKey(line, buf[:0])
	if !ok || len(key) == 0 {
		return false
	}
	// The whole key, or one key repeated.
	for n := 1; n <= len(key) && n < 64; n++ {
		if boilerplateLens&(1<<n) == 0 || len(key)%n != 0 || !boilerplateKeys[string(key[:n])] {
			continue
		}
		rep := true
		for i := n; i < len(key) && rep; i += n {
			rep = string(key[i:i+n]) == string(key[:n])
		}
		if rep {
			return true
		}
	}
	return false
}

// isBar reports whether line is two or more furniture keys or share
// networks between separators.
func isBar(line string) bool {
	n := 0
	for seg := range strings.FieldsFuncSeq(line, isBarSeparator) {
		var buf [maxBoilerplate]byte
		k, ok := furnitureKey(seg, buf[:0])
		if len(k) == 0 && ok {
			continue // spaces between separators
		}
		if !ok || !boilerplateKeys[string(k)] && !shareKeys[string(k)] {
			return false
		}
		n++
	}
	return n >= 2
}

// leadFurniture reports a line opened by a link or metadata lead and a
// colon, or by a furniture prefix.
func leadFurniture(line string) bool {
	var buf [maxLinkLine]byte
	if i := strings.IndexByte(line, ':'); i > 0 && i <= 24 {
		if k, ok := furnitureKey(line[:i], buf[:0]); ok {
			if linkLeads[string(k)] {
				return true
			}
			if metaLeads[string(k)] {
				v := strings.TrimSpace(line[i+1:])
				return len(v) <= maxBoilerplate && metaValue(string(k), v)
			}
		}
	}
	if len(line) > 2*maxBoilerplate {
		return false
	}
	if rest, ok := cutWord(line, "copyright "); ok {
		// "Copyright 2024 Acme", "Copyright © Acme"; not "Copyright claims rose 30%".
		return rest == "" || rest[0] >= '0' && rest[0] <= '9' || strings.HasPrefix(rest, "©") || hasPrefixFold(rest, "(c)")
	}
	if strings.Contains(line, ". ") || strings.Contains(line, "? ") {
		return false // two sentences: "Sign up for a pension? Only 12% do"
	}
	for _, p := range furniturePrefixes {
		if _, ok := cutWord(line, p); ok {
			return true
		}
	}
	return false
}

// cutWord returns line after prefix p in any case; a p that ends in a space
// also matches the whole line without it ("Follow us" for "follow us ").
func cutWord(line, p string) (string, bool) {
	if hasPrefixFold(line, p) {
		return line[len(p):], true
	}
	if q, ok := strings.CutSuffix(p, " "); ok && len(line) == len(q) && strings.EqualFold(line, q) {
		return "", true
	}
	return "", false
}

// metaValue reports whether v reads as the value of metadata lead k: a
// date or time after "Published"/"Updated" ("12 March 2024, 10:30 GMT"),
// a credit after "Photo" ("Reuters/Ilsa Varga"), not a sentence
// ("Police say 12 people have died", "Firefighters at the scene").
func metaValue(k, v string) bool {
	if strings.HasSuffix(v, ".") {
		return false
	}
	switch k {
	case "published", "firstpublished", "updated", "lastupdated", "posted", "modified", "lastmodified":
		w := strings.ToLower(strings.Trim(strings.SplitN(v, " ", 2)[0], ","))
		return v != "" && (v[0] >= '0' && v[0] <= '9' || monthsDays[w] || monthsDays[w[:min(3, len(w))]])
	}
	for _, w := range strings.Fields(v) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) && w != "via" && w != "and" && w != "of" && w != "for" {
			return false
		}
	}
	return true
}

var monthsDays = map[string]bool{"jan": true, "feb": true, "mar": true, "apr": true, "may": true,
	"jun": true, "jul": true, "aug": true, "sep": true, "oct": true, "nov": true, "dec": true,
	"mon": true, "tue": true, "wed": true, "thu": true, "fri": true, "sat": true, "sun": true}

func isBarSeparator(r rune) bool { return r == '·' || r == '•' || r == '|' }

// furnitureKey appends the letters of s, lower case, to key, passing over
// spaces, punctuation and symbols: false when s has a letter or digit
// outside ASCII (the keys are ASCII) or a digit after a letter (only a
// leading number may come with furniture, "11 mins read").
func furnitureKey(s string, key []byte) ([]byte, bool) {
	digits := true // still in the leading number
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z':
			key = append(key, c+'a'-'A')
		case 'a' <= c && c <= 'z':
			key = append(key, c)
		case '0' <= c && c <= '9':
			if !digits {
				return key, false
			}
			continue
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return key, false
			}
			i += n - 1
			continue
		default:
			continue
		}
		digits = false
	}
	return key, true
}

// WholeLine reports whether sentence s fills its line: nothing but spaces
// and tabs between it and the line breaks (or the ends of text) around it.
func WholeLine(text string, s Sentence) bool {
	if !lineStartAt(text, s.Start) {
		return false
	}
	j := s.End
	for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
		j++
	}
	return j == len(text) || text[j] == '\n' || text[j] == '\r'
}

// Furniture reports whether sentence s lies in page furniture: every line
// it touches, whole, is Boilerplate ("© 2024 Acme Media Ltd. All rights
// reserved." is two sentences of one line; "Share this article" above
// "Facebook · Twitter · Email" may be one sentence) or an item of a
// furniture list (listedFurniture). Such a sentence names, counts and
// claims nothing.
func Furniture(text string, s Sentence) bool {
	from := strings.LastIndexByte(text[max(0, s.Start-maxLinkLine):s.Start], '\n') + 1
	if from == 0 && s.Start > maxLinkLine {
		return false // a line longer than furniture's
	}
	from += max(0, s.Start-maxLinkLine)
	to := strings.IndexByte(text[s.End:min(len(text), s.End+maxLinkLine)], '\n')
	switch {
	case to >= 0:
		to += s.End
	case s.End+maxLinkLine >= len(text):
		to = len(text)
	default:
		return false
	}
	if to-from > 4*maxLinkLine {
		return false
	}
	at := from
	for line := range strings.Lines(text[from:to]) {
		if t := strings.TrimSpace(line); t != "" && !Boilerplate(t) && !listedFurniture(text, at, t) {
			return false
		}
		at += len(line)
	}
	return true
}

// MarkFurniture sets each sentence's Furniture flag, once for all the
// extractors; Analyze calls it, and so must whoever builds a Doc by hand.
func MarkFurniture(d *Doc) {
	for i := range d.Sentences {
		d.Sentences[i].Furniture = Furniture(d.Text, d.Sentences[i])
	}
}

// shareNetwork reports a line naming one share network ("Facebook").
func shareNetwork(line string) bool {
	var buf [maxBoilerplate]byte
	if len(line) > maxBoilerplate {
		return false
	}
	k, ok := furnitureKey(line, buf[:0])
	return ok && shareKeys[string(k)]
}

// ListItem returns line without its list bullet ("• Home", "- Home"), and
// whether it had one.
func ListItem(line string) (string, bool) {
	r, n := utf8.DecodeRuneInString(line)
	if n == len(line) || !IsBulletMark(string(r)) || r < utf8.RuneSelf && line[n] != ' ' && line[n] != '\t' {
		return line, false
	}
	return strings.TrimSpace(line[n:]), true
}

// listedFurniture reports whether line t, which starts at offset at, is an
// item of a furniture list: a share network under "Share" or "Follow us",
// a bulleted link under "Related stories" or "Most read".
func listedFurniture(text string, at int, t string) bool {
	share := shareNetwork(t)
	if _, listed := ListItem(t); !share && !listed {
		return false
	}
	for n := 0; n < 12 && at > 0; n++ {
		end := at - 1 // the line break ending the line above
		lo := max(0, end-maxLinkLine)
		i := strings.LastIndexByte(text[lo:end], '\n')
		if i < 0 && lo > 0 {
			return false // a line longer than a link: prose, and no scan back over it
		}
		at = lo + i + 1
		u := strings.TrimSpace(text[at:end])
		if _, listed := ListItem(u); u == "" || share && shareNetwork(u) || !share && listed {
			continue
		}
		if len(u) > maxBoilerplate {
			return false
		}
		var buf [maxBoilerplate]byte
		k, _ := furnitureKey(u, buf[:0])
		if r, _ := utf8.DecodeRuneInString(u); !unicode.IsUpper(r) {
			return false // "... the changes its panel\nrecommended:" ends a paragraph
		}
		if share {
			return Boilerplate(u) && (strings.HasPrefix(string(k), "share") || strings.HasPrefix(string(k), "follow"))
		}
		return linkLeads[string(k)]
	}
	return false
}
