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

// maxBoilerplate is the longest line, in bytes, Boilerplate looks at:
// furniture is short, so prose costs one length check.
const maxBoilerplate = 64

// Boilerplate reports whether line is page furniture: a key of
// boilerplateKeys once or repeated ("Image Not FoundImage Not Found"),
// spelt in any case with any spacing and punctuation, after a number
// ("11 mins read"); or a bar of two or more such keys and share networks
// between separators ("Facebook · Twitter · Email", "Share | X | Print").
func Boilerplate(line string) bool {
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
	i := s.Start
	for i > 0 && (text[i-1] == ' ' || text[i-1] == '\t') {
		i--
	}
	if i > 0 && text[i-1] != '\n' && text[i-1] != '\r' {
		return false
	}
	j := s.End
	for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
		j++
	}
	return j == len(text) || text[j] == '\n' || text[j] == '\r'
}

// Furniture reports whether sentence s is page furniture: every line of
// it Boilerplate ("Share this article" above "Facebook · Twitter · Email"
// may be one sentence). Such a sentence names, titles and counts nothing.
func Furniture(text string, s Sentence) bool {
	if s.End-s.Start > 4*maxBoilerplate || !WholeLine(text, s) {
		return false
	}
	for line := range strings.Lines(text[s.Start:s.End]) {
		if t := strings.TrimSpace(line); t != "" && !Boilerplate(t) {
			return false
		}
	}
	return true
}
