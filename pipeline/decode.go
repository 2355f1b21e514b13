package pipeline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// substitute replaces each invalid UTF-8 byte. It is one byte (ASCII SUB), so
// offsets into the cleaned text are offsets into the original bytes too.
const substitute = 0x1A

var bom = []byte{0xEF, 0xBB, 0xBF}

// decode turns a raw article into an Article, or an error for the record.
func decode(r raw, opt InputOptions) (quarry.Article, []quarry.Warning, *quarry.Error) {
	a := quarry.Article{ID: r.id, Source: r.src}
	if r.fail != nil {
		return a, nil, r.fail
	}
	switch r.format {
	case FormatJSON, FormatJSONL:
		return decodeJSON(r, a, opt)
	default:
		text, warns, err := cleanText(r.data, r.id)
		if err != nil {
			return a, warns, err
		}
		a.Text = text
		a.Title = firstLine(text)
		return a, warns, nil
	}
}

// cleanText checks article bytes and makes them valid UTF-8 without moving
// any byte: the BOM stays (and is reported), invalid bytes become SUB.
func cleanText(data []byte, id string) (string, []quarry.Warning, *quarry.Error) {
	var warns []quarry.Warning
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return "", nil, &quarry.Error{Code: "binary", Message: fmt.Sprintf("%s holds a NUL byte at offset %d: it looks like a binary file, not text", id, i)}
	}
	if bytes.HasPrefix(data, bom) {
		warns = append(warns, quarry.Warning{Code: "bom", Message: "the text starts with a UTF-8 byte order mark; offsets count it (3 bytes)"})
	}
	if !utf8.Valid(data) {
		n := 0
		fixed := make([]byte, 0, len(data))
		for i := 0; i < len(data); {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				fixed = append(fixed, substitute)
				n++
			} else {
				fixed = append(fixed, data[i:i+size]...)
			}
			i += size
		}
		data = fixed
		warns = append(warns, quarry.Warning{Code: "invalid_utf8", Message: fmt.Sprintf("%d invalid UTF-8 bytes replaced by U+001A (one byte each, so offsets still index the original bytes)", n)})
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, bom))) == 0 {
		warns = append(warns, quarry.Warning{Code: "empty", Message: "the article has no text"})
	}
	// The bytes are the reader's own and never written again, so the text
	// shares them: a copy would hold a long article in memory twice.
	return unsafe.String(unsafe.SliceData(data), len(data)), warns, nil
}

// maxTitle is the longest title, in characters: headlines run to ~100,
// and a first line of thousands is a paragraph (or a whole article on one
// line).
const maxTitle = 300

// maxTwoSentenceTitle is the longest title of two sentences, in
// characters: "Inflation is back. Here's what it means for you." is a
// headline, the first 263 characters of a comment thread are not.
const maxTwoSentenceTitle = 120

// isTitle reports whether line, the first of an article, is its title: not
// too long, and not two sentences of prose ("I agree. Although ...").
func isTitle(line string) bool {
	n := 0
	for range line {
		if n++; n > maxTitle {
			return false
		}
	}
	return n <= maxTwoSentenceTitle || !strings.HasSuffix(line, ".") || !twoSentences(line)
}

// twoSentences reports whether a sentence ends inside line: a full stop
// after a word that is not an abbreviation or an initial, then a space and
// a capital ("on Monday. The"; not "Mr. Smith", "Apple Inc. Reports").
func twoSentences(line string) bool {
	for off := 0; ; {
		k := strings.Index(line[off:], ". ")
		if k < 0 {
			return false
		}
		i := off + k
		word := line[strings.LastIndexAny(line[:i], " (\"“")+1 : i]
		next, _ := utf8.DecodeRuneInString(line[i+2:])
		if word != "" && !analysis.IsAbbrev(word) && unicode.IsUpper(next) {
			return true
		}
		off = i + 2
	}
}

// firstLine is the title of a plain-text article: its first line, when
// that reads as a title (isTitle). Page furniture above it ("Image Not
// Found", "11 mins read") is passed over, and so is a breadcrumb trail
// ("• Home", "• Business", "• The headline"), whose last item is the title
// when no other follows (a photo caption, say).
func firstLine(text string) string {
	text = strings.TrimPrefix(text, "\uFEFF")
	crumb, trail := "", false
	for len(text) > 0 {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		t := strings.TrimSpace(line)
		if strings.Trim(t, "#*•-–— ") == "" {
			continue // blank, or a bare bullet or rule ("•", "---")
		}
		item, listed := analysis.ListItem(t)
		switch {
		case analysis.Boilerplate(item):
			trail = trail || listed && strings.EqualFold(item, "home")
		case listed && trail:
			if isTitle(item) {
				crumb = item
			}
		default:
			if crumb != "" && strings.HasSuffix(t, ".") {
				return crumb // a lede or a caption below the trail
			}
			if t = strings.TrimLeft(t, "#*• "); isTitle(t) {
				return t
			}
			return crumb
		}
	}
	return crumb
}

func decodeJSON(r raw, a quarry.Article, opt InputOptions) (quarry.Article, []quarry.Warning, *quarry.Error) {
	data := bytes.TrimPrefix(r.data, bom)
	where := shownPath(r.src.Path)
	if r.src.Line > 0 {
		where = fmt.Sprintf("%s line %d", where, r.src.Line)
	}
	if !utf8.Valid(data) {
		return a, nil, &quarry.Error{Code: "invalid_json", Message: fmt.Sprintf("%s is not valid UTF-8 JSON", where)}
	}
	var obj map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil {
		return a, nil, &quarry.Error{Code: "invalid_json", Message: fmt.Sprintf("%s: %v", where, jsonErr(err, data))}
	}
	if dec.More() {
		return a, nil, &quarry.Error{Code: "invalid_json", Message: fmt.Sprintf("%s: more than one JSON value; use --input-format jsonl for one article per line", where)}
	}
	if obj == nil {
		return a, nil, &quarry.Error{Code: "invalid_json", Message: fmt.Sprintf("%s: an article must be a JSON object with a %q field", where, opt.TextField)}
	}
	rawText, ok := obj[opt.TextField]
	if !ok {
		return a, nil, &quarry.Error{Code: "missing_text", Message: fmt.Sprintf("%s: no %q field; name the text field with --text-field", where, opt.TextField)}
	}
	var text string
	if err := json.Unmarshal(rawText, &text); err != nil {
		return a, nil, &quarry.Error{Code: "missing_text", Message: fmt.Sprintf("%s: field %q must be a string", where, opt.TextField)}
	}
	delete(obj, opt.TextField)
	if v, ok := obj[opt.IDField]; ok {
		if id := scalarString(v); id != "" {
			a.ID = id
		}
		delete(obj, opt.IDField)
	}
	for _, f := range []struct {
		name string
		dst  *string
	}{{"title", &a.Title}, {"url", &a.URL}, {"published", &a.Published}} {
		if v, ok := obj[f.name]; ok {
			if s := scalarString(v); s != "" {
				*f.dst = s
				delete(obj, f.name)
			}
		}
	}
	if len(obj) > 0 {
		a.Meta = obj
	}
	if strings.IndexByte(text, 0) >= 0 {
		return a, nil, &quarry.Error{Code: "binary", Message: fmt.Sprintf("%s: the text holds a NUL character", where)}
	}
	a.Text = text
	var warns []quarry.Warning
	if strings.TrimSpace(text) == "" {
		warns = append(warns, quarry.Warning{Code: "empty", Message: "the article has no text"})
	}
	return a, warns, nil
}

// scalarString renders a JSON string or number as a string.
func scalarString(v json.RawMessage) string {
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(v, &n) == nil {
		return n.String()
	}
	return ""
}

// jsonErr adds the column to a JSON syntax error.
func jsonErr(err error, data []byte) error {
	if se, ok := err.(*json.SyntaxError); ok {
		return fmt.Errorf("invalid JSON at byte %d: %v", se.Offset, se)
	}
	return err
}
