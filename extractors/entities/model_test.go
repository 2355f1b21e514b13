package entities

import (
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/quarrylabs/quarry/pipeline/analysis"
)

func TestShapes(t *testing.T) {
	tests := []struct {
		in         string
		sameShort  string // another word with the same short shape
		flags, not uint16
	}{
		{"Amazon", "Quimby", fUpperFirst | fHasLower | fHasLetter, fAllUpper | fHasDigit},
		{"AWS", "NASA", fUpperFirst | fAllUpper | fHasLetter, fHasLower},
		{"1996", "42", fHasDigit | fAllDigit, fHasLetter},
		{"e-mail", "co-op", fHasLower | fHasLetter, fUpperFirst},
		{",", ",", fPunct, fHasLetter},
		{"Élan", "Ouzo", fUpperFirst | fHasLower | fHasLetter, fAllUpper},
	}
	for _, tt := range tests {
		short, _, flags := shapes(tt.in)
		other, _, _ := shapes(tt.sameShort)
		if short != other {
			t.Errorf("shape(%q) != shape(%q)", tt.in, tt.sameShort)
		}
		if flags&tt.flags != tt.flags || flags&tt.not != 0 {
			t.Errorf("flags(%q) = %b, want %b set and %b clear", tt.in, flags, tt.flags, tt.not)
		}
	}
	a, _, _ := shapes("Amazon")
	b, _, _ := shapes("amazon")
	if a == b {
		t.Error("case must change the shape")
	}
}

func TestFeaturesHeadline(t *testing.T) {
	// The same word in a headline and in a sentence shares its lower-case
	// feature; only the sentence copy gets case-sensitive ones.
	doc := wordDoc("NIMBUS CUTS JOBS\nThe Nimbus board met.")
	infos := make([]tokInfo, len(doc.Tokens))
	prepare(doc, infos, nil, false, nil, nil, nil)
	if infos[0].flags&fHeadline == 0 || infos[4].flags&fHeadline != 0 {
		t.Fatalf("headline flags wrong: %b %b", infos[0].flags, infos[4].flags)
	}
	if infos[0].lower != infos[4].lower {
		t.Fatal("lower-case hash differs between NIMBUS and Nimbus")
	}
	h := features(infos[0:3], 0, nil)
	b := features(infos[3:], 1, nil)
	has := func(fs []uint64, f uint64) bool {
		for _, x := range fs {
			if x == f {
				return true
			}
		}
		return false
	}
	if !has(h, mix(tLower, infos[0].lower)) || !has(b, mix(tLower, infos[4].lower)) {
		t.Error("lower-case feature missing")
	}
	if has(h, mix(tExact, infos[0].exact)) || !has(b, mix(tExact, infos[4].exact)) {
		t.Error("exact-case feature should be in sentences only")
	}
	docFlags(infos, &scratch{})
	if infos[0].doc&docCapMid == 0 {
		t.Error("NIMBUS should know Nimbus is capitalised mid-sentence elsewhere")
	}
}

func TestBIOTags(t *testing.T) {
	m := newModel([]string{"PERSON", "ORG"}, 10)
	doc := wordDoc("Mara Okafor joined Kelvar Dynamics in May.")
	at := func(s string) (int, int) {
		i := strings.Index(doc.Text, s)
		return i, i + len(s)
	}
	s1, e1 := at("Mara Okafor")
	s2, e2 := at("Kelvar Dyn") // a span ending inside a token still covers it
	tags := make([]int, len(doc.Tokens))
	m.bioTags(doc.Tokens, []Span{{s1, e1, "PERSON"}, {s2, e2, "ORG"}}, tags)
	want := []int{1, 2, 0, 3, 4, 0, 0, 0}
	if !reflect.DeepEqual(tags, want) {
		t.Fatalf("tags = %v, want %v", tags, want)
	}
	spans := spanTokens(nil, tags)
	if !reflect.DeepEqual(spans, [][2]int{{0, 2}, {3, 5}}) {
		t.Fatalf("spans = %v", spans)
	}
}

// synthetic builds documents from templates with made-up names.
func synthetic(people, orgs []string) []TrainDoc {
	templates := []string{
		"%s said %s would grow .",
		"Shares of %[2]s rose after %[1]s spoke .",
		"%s , who runs %s , declined to comment .",
		"The board of %[2]s thanked %[1]s on Monday .",
	}
	var docs []TrainDoc
	for i, p := range people {
		o := orgs[i%len(orgs)]
		var b strings.Builder
		var spans []Span
		for _, tpl := range templates {
			line := fmt.Sprintf(tpl, p, o)
			base := b.Len()
			for _, name := range []struct{ s, l string }{{p, "PERSON"}, {o, "ORG"}} {
				i := strings.Index(line, name.s)
				spans = append(spans, Span{base + i, base + i + len(name.s), name.l})
			}
			b.WriteString(line)
			b.WriteString("\n")
		}
		docs = append(docs, TrainDoc{ID: p, Doc: spaceDoc(b.String()), Spans: spans})
	}
	return docs
}

func TestTrainTiny(t *testing.T) {
	train := synthetic(
		[]string{"Ann Lee", "Bo Chen", "Cy Dunn", "Di Evans", "Ed Ford", "Flo Grant", "Gus Hale", "Ida Ives"},
		[]string{"Acme Corp", "Blix Inc", "Crane Ltd", "Dorn Group"})
	m, err := Train(train, TrainOptions{Epochs: 5, Bits: 16})
	if err != nil {
		t.Fatal(err)
	}
	test := synthetic([]string{"Jo Kent", "Lu Moss"}, []string{"Nox Corp", "Orla Inc"})
	sc := Score(m, test)
	if f := sc.Micro().F1(); f < 0.9 {
		t.Errorf("F1 on unseen names = %.3f, want >= 0.9 (%+v)", f, sc.ByLabel)
	}
}

func trainBytes(t *testing.T, seed int64) []byte {
	train := synthetic([]string{"Ann Lee", "Bo Chen", "Cy Dunn", "Di Evans"}, []string{"Acme Corp", "Blix Inc"})
	m, err := Train(train, TrainOptions{Epochs: 3, Bits: 14, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestTrainDeterministic(t *testing.T) {
	a, b := trainBytes(t, 7), trainBytes(t, 7)
	if !bytes.Equal(a, b) {
		t.Fatal("two runs with the same seed wrote different models")
	}
}

func TestModelRoundTrip(t *testing.T) {
	data := trainBytes(t, 1)
	m, err := ReadModel(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if _, err := m.WriteTo(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, again.Bytes()) {
		t.Fatal("read then write changed the model")
	}
	doc := spaceDoc("Ann Lee said Acme Corp would grow .")
	if got := m.Tag(doc); len(got) != 2 || got[0].Label != "PERSON" || got[1].Label != "ORG" {
		t.Errorf("reloaded model tags %v", got)
	}
	// A model written compressed (as before stored blocks) reads the same.
	head := bytes.SplitAfterN(data, []byte("\n"), 3)
	body, err := io.ReadAll(flate.NewReader(bytes.NewReader(head[2])))
	if err != nil {
		t.Fatal(err)
	}
	var packed bytes.Buffer
	packed.Write(head[0])
	packed.Write(head[1])
	fw, _ := flate.NewWriter(&packed, flate.BestCompression)
	fw.Write(body)
	fw.Close()
	if packed.Len() >= len(data) {
		t.Fatalf("compressed model %d bytes, stored %d", packed.Len(), len(data))
	}
	mc, err := ReadModel(&packed)
	if err != nil {
		t.Fatal(err)
	}
	var fromPacked bytes.Buffer
	mc.WriteTo(&fromPacked)
	if !bytes.Equal(data, fromPacked.Bytes()) {
		t.Fatal("a compressed model reads differently")
	}
	for _, bad := range [][]byte{nil, []byte("nope\n"), data[:len(data)/2]} {
		if _, err := ReadModel(bytes.NewReader(bad)); err == nil {
			t.Errorf("ReadModel accepted %d bad bytes", len(bad))
		}
	}
}

func TestDefaultModel(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(m.Types, []string{"PERSON", "ORG", "LOC", "MISC"}) {
		t.Fatalf("types %v", m.Types)
	}
	doc := analysis.Default().Analyze("The minister, Pedro Alvarez, met officials of the European Commission in Madrid on Tuesday.")
	got := map[string]string{}
	for _, s := range m.Tag(doc) {
		got[doc.Text[s.Start:s.End]] = s.Label
	}
	want := map[string]string{"Pedro Alvarez": "PERSON", "European Commission": "ORG", "Madrid": "LOC"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%q: got %q, want %s (all: %v)", k, got[k], v, got)
		}
	}
}
