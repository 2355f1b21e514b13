package entities

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/quarrylabs/quarry/pipeline/analysis"
)

func TestLabelCode(t *testing.T) {
	// PERSON is type 0, ORG type 1: B-PER=1 I-PER=2 B-ORG=3 I-ORG=4.
	tags := []int{1, 2, 2, 0, 3, 1, 3, 4}
	want := []int{
		1 + 0*4 + 1, // first of three
		1 + 0*4 + 2, // middle
		1 + 0*4 + 3, // last
		0,
		1 + 1*4 + 0, // single ORG
		1 + 0*4 + 0, // single PERSON
		1 + 1*4 + 1, // first of two
		1 + 1*4 + 3, // last of two
	}
	for i := range tags {
		if got := labelCode(tags, i); got != want[i] {
			t.Errorf("token %d: code %d, want %d", i, got, want[i])
		}
	}
}

func TestDocLabels(t *testing.T) {
	doc := wordDoc("Mara Okafor spoke. Okafor left Kelvar. Okafor smiled.")
	infos := make([]tokInfo, len(doc.Tokens))
	prepare(doc, infos, nil, false, nil, nil, nil)
	// First pass: the full name, and the second "Okafor" as ORG.
	tags := make([]int, len(doc.Tokens))
	tags[0], tags[1] = 1, 2 // Mara Okafor
	tags[4] = 3             // Okafor (ORG)
	tags[6] = 3             // Kelvar
	s := getScratch()
	defer scratchPool.Put(s)
	docFlags(infos, s)
	docLabels(infos, tags, s)
	last := infos[8] // the third Okafor, tagged O
	if last.lab&(1<<(1+0*4+3)) == 0 || last.lab&(1<<(1+1*4+0)) == 0 {
		t.Errorf("third Okafor lab %b: want last-of-PERSON and single-ORG bits", last.lab)
	}
	if last.lab&1 != 0 {
		t.Errorf("third Okafor sees its own O reading: %b", last.lab)
	}
	if infos[1].lab&(1<<(1+0*4+3)) != 0 {
		t.Errorf("first Okafor sees its own reading: %b", infos[1].lab)
	}
	if infos[1].maj != 2 || infos[4].maj != 1 {
		t.Errorf("majority types %d %d, want ORG (2) then PERSON (1)", infos[1].maj, infos[4].maj)
	}
	if infos[2].self != 0 || infos[3].self != 0 {
		t.Errorf("lower-case words get no code: %+v", infos[2])
	}
	if fs := docFeatures(infos, 8, nil); len(fs) < 3 {
		t.Errorf("second-pass features %v", fs)
	}
}

func TestMarkHits(t *testing.T) {
	infos := make([]tokInfo, 5)
	markHits(infos, []ruleHit{{first: 1, last: 3, label: "COMPANY"}, {first: 3, last: 4, label: "PRODUCT", pattern: true}, {first: 4, last: 5, label: "TITLE"}})
	c := ruleIdx["COMPANY"]
	want := []uint16{0, 1 << (2 * c), 1 << (2*c + 1), 1 << (2 * rulePattern), 0}
	for i, in := range infos {
		if in.rule != want[i] {
			t.Errorf("token %d: rule bits %b, want %b", i, in.rule, want[i])
		}
	}
}

func TestClusters(t *testing.T) {
	// Days and towns in disjoint contexts: no cluster mixes them, at any
	// level, and the same input gives the same table.
	var days, towns []string
	for i := 0; i < 20; i++ {
		days = append(days, fmt.Sprintf("dayname%c", 'a'+i))
		towns = append(towns, fmt.Sprintf("Townname%c", 'a'+i))
	}
	var docs []*analysis.Doc
	for i := 0; i < 60; i++ {
		var b strings.Builder
		for j := 0; j < 10; j++ {
			fmt.Fprintf(&b, "the meeting is on %s morning .\n", days[(i*7+j)%20])
			fmt.Fprintf(&b, "she flew to %s airport .\n", towns[(i*3+j*11)%20])
		}
		docs = append(docs, spaceDoc(b.String()))
	}
	tab := induceClusters(docs, 1)
	if !reflect.DeepEqual(tab, induceClusters(docs, 1)) {
		t.Fatal("clusters differ between runs")
	}
	for level := 0; level < clusterLevels; level++ {
		dayIDs := map[uint16]bool{}
		for _, d := range days {
			ids, ok := tab[hashString(d)]
			if !ok {
				t.Fatalf("%s has no cluster", d)
			}
			dayIDs[ids[level]] = true
		}
		for _, w := range towns {
			if id := tab[hashString(strings.ToLower(w))][level]; id == 0 || dayIDs[id] {
				t.Errorf("level %d: %s in cluster %d with days", level, w, id)
			}
		}
	}
	if _, ok := tab[hashString("airport")]; !ok {
		t.Error("frequent word missing")
	}
}

func TestTrainTwoPass(t *testing.T) {
	people := []string{"Ann Lee", "Bo Chen", "Cy Dunn", "Di Evans", "Ed Ford", "Flo Grant", "Gus Hale", "Ida Ives"}
	orgs := []string{"Acme Corp", "Blix Inc", "Crane Ltd", "Dorn Group"}
	train := synthetic(people, orgs)
	// Unlabelled text names the test's people and companies too.
	var raw []*analysis.Doc
	for _, d := range synthetic(append(people, "Jo Kent", "Lu Moss"), append(orgs, "Nox Corp", "Orla Inc")) {
		raw = append(raw, d.Doc)
	}
	opt := TrainOptions{Epochs: 3, Bits: 16, Folds: 2, Unlabeled: raw}
	m, err := Train(train, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !m.tab.twoPass() || len(m.clus) == 0 {
		t.Fatalf("no second pass (%v) or clusters (%d)", m.tab.twoPass(), len(m.clus))
	}
	test := synthetic([]string{"Jo Kent", "Lu Moss"}, []string{"Nox Corp", "Orla Inc"})
	if f := Score(m, test).Micro().F1(); f < 0.9 {
		t.Errorf("F1 on unseen names = %.3f, want >= 0.9", f)
	}
	var a, b bytes.Buffer
	if _, err := m.WriteTo(&a); err != nil {
		t.Fatal(err)
	}
	m2, err := ReadModel(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m2.WriteTo(&b); err != nil || !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatalf("round trip changed the model (%v)", err)
	}
	if !reflect.DeepEqual(m.Tag(test[0].Doc), m2.Tag(test[0].Doc)) {
		t.Error("reloaded model tags differently")
	}
	again, _ := Train(train, opt)
	var c bytes.Buffer
	again.WriteTo(&c)
	if !bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("two-pass training is not deterministic")
	}
}

func TestReadTexts(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "d", "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "d", "b.txt"), []byte("second"), 0o644)
	os.WriteFile(filepath.Join(dir, "d", "sub", "a.txt"), []byte("third"), 0o644)
	os.WriteFile(filepath.Join(dir, "d", "skip.md"), []byte("no"), 0o644)
	os.WriteFile(filepath.Join(dir, "r.jsonl"), []byte(`{"text":"one"}`+"\n\n"+`{"text":"two","id":3}`+"\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "plain"), []byte("whole file"), 0o644)
	os.WriteFile(filepath.Join(dir, "bad.jsonl"), []byte("{nope\n"), 0o644)
	tests := []struct {
		path string
		want []string
	}{
		{"d", []string{"second", "third"}},
		{"r.jsonl", []string{"one", "two"}},
		{"plain", []string{"whole file"}},
	}
	for _, tt := range tests {
		got, err := ReadTexts(filepath.Join(dir, tt.path))
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: %q, %v; want %q", tt.path, got, err, tt.want)
		}
	}
	for _, bad := range []string{"bad.jsonl", "missing"} {
		if _, err := ReadTexts(filepath.Join(dir, bad)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}
