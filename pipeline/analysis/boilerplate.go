package analysis

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

// maxBoilerplate is the longest line, in bytes, Boilerplate looks at:
// furniture is short, so prose costs one length check.
const maxBoilerplate = 64

// Boilerplate reports whether line is page furniture: a key of
// boilerplateKeys once or repeated ("Image Not FoundImage Not Found"),
// spelt in any case with any spacing and punctuation, after a number
// ("11 mins read").
func Boilerplate(line string) bool {
	if len(line) > maxBoilerplate {
		return false
	}
	var buf [maxBoilerplate]byte
	key := buf[:0]
	digits := true // still in the leading number
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case 'A' <= c && c <= 'Z':
			key = append(key, c+'a'-'A')
		case 'a' <= c && c <= 'z':
			key = append(key, c)
		case '0' <= c && c <= '9':
			if !digits {
				return false
			}
			continue
		case c >= 0x80:
			return false // furniture in the list is ASCII
		default:
			continue
		}
		digits = false
	}
	if len(key) == 0 {
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

// Furniture reports whether sentence s is a line of page furniture
// (Boilerplate): such a line names, titles and counts nothing.
func Furniture(text string, s Sentence) bool {
	return s.End-s.Start <= maxBoilerplate && Boilerplate(text[s.Start:s.End]) && WholeLine(text, s)
}
