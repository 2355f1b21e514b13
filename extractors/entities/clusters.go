package entities

import (
	"math"
	"math/rand"
	"slices"

	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// Word clusters induced from unlabelled text: words that occur in similar
// contexts ("Tuesday"/"Friday", "shares"/"stocks", "Mr"/"Mrs") share an id,
// so what the model learns about one carries over to the others, and to
// names it never saw labelled. Three levels, each splitting the one above.

const clusterLevels = 3

var clusterSplits = [clusterLevels]int{16, 8, 8}

// clusterTable maps lower-case word hashes to cluster ids per level,
// 1-based, then a capitalisation class (1 + capsClass).
type clusterTable map[uint64][clusterSlots]uint16

const clusterSlots = clusterLevels + 1

const (
	clusterMinFreq  = 3
	clusterMaxVocab = 40000
	clusterContexts = 500 // most frequent words used as context features
	clusterIters    = 8
)

// induceClusters clusters the words of docs by their neighbours: positive
// PMI with the words one and two positions left and right, randomly
// projected, then split by spherical k-means level by level. The same
// documents and seed give the same table.
func induceClusters(docs []*analysis.Doc, seed int64) clusterTable {
	var buf []byte
	seqs := make([][]uint64, len(docs))
	freq := map[uint64]int{}
	caps := map[uint64]*[3]int{} // mid-sentence: lower, capitalised, all caps
	for i, d := range docs {
		seq := make([]uint64, 0, len(d.Tokens)+len(d.Sentences)*2)
		for _, sent := range d.Sentences {
			seq = append(seq, hStart)
			mixed := false
			for _, t := range d.Tokens[sent.First:sent.Last] {
				mixed = mixed || hasLower(t.Text)
			}
			for k, t := range d.Tokens[sent.First:sent.Last] {
				text := t.Norm
				if text == "" {
					text = t.Text
				}
				buf = lowerInto(buf[:0], text)
				h := hashBytes(buf)
				seq = append(seq, h)
				freq[h]++
				if k > 0 && mixed && hasLetter(text) {
					c := caps[h]
					if c == nil {
						c = new([3]int)
						caps[h] = c
					}
					switch {
					case !hasUpper(text):
						c[0]++
					case !hasLower(text) && len(text) > 1:
						c[2]++
					default:
						c[1]++
					}
				}
			}
		}
		seq = append(seq, hStart)
		seqs[i] = seq
	}
	words := make([]uint64, 0, len(freq))
	for h, n := range freq {
		if n >= clusterMinFreq {
			words = append(words, h)
		}
	}
	byFreq := func(a, b uint64) int {
		if freq[a] != freq[b] {
			return freq[b] - freq[a]
		}
		if a < b {
			return -1
		}
		return 1
	}
	slices.SortFunc(words, byFreq)
	if len(words) > clusterMaxVocab {
		words = words[:clusterMaxVocab]
	}
	if len(words) < clusterSplits[0] {
		return nil
	}
	vocab := make(map[uint64]int32, len(words))
	for i, h := range words {
		vocab[h] = int32(i)
	}
	ctx := map[uint64]int32{hStart: 0}
	for _, h := range words {
		if len(ctx) >= clusterContexts {
			break
		}
		if _, ok := ctx[h]; !ok {
			ctx[h] = int32(len(ctx))
		}
	}
	// Co-occurrence counts keyed by word<<12 | feature (4 offsets x contexts).
	nf := 4 * len(ctx)
	cooc := map[uint64]float64{}
	wordTotal := make([]float64, len(words))
	featTotal := make([]float64, nf)
	total := 0.0
	offsets := [4]int{-2, -1, 1, 2}
	for _, seq := range seqs {
		for i, h := range seq {
			v, ok := vocab[h]
			if !ok || h == hStart {
				continue
			}
			for k, o := range offsets {
				j := i + o
				if j < 0 || j >= len(seq) {
					continue
				}
				c, ok := ctx[seq[j]]
				if !ok {
					continue
				}
				f := k*len(ctx) + int(c)
				cooc[uint64(v)<<12|uint64(f)]++
				wordTotal[v]++
				featTotal[f]++
				total++
			}
		}
	}
	// Sparse PPMI vectors, context counts smoothed (^0.75) so rare
	// contexts do not dominate.
	smooth := make([]float64, nf)
	sumSmooth := 0.0
	for f, n := range featTotal {
		smooth[f] = math.Pow(n, 0.75)
		sumSmooth += smooth[f]
	}
	keys := make([]uint64, 0, len(cooc))
	for k := range cooc {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	vecs := make([]sparseVec, len(words))
	for _, k := range keys {
		v, f := int(k>>12), int(k&(1<<12-1))
		pmi := math.Log(cooc[k] / wordTotal[v] * sumSmooth / smooth[f])
		if pmi <= 0 {
			continue
		}
		vecs[v].idx = append(vecs[v].idx, int32(f))
		vecs[v].val = append(vecs[v].val, float32(pmi))
	}
	for v := range vecs {
		normalize(vecs[v].val)
	}
	// Split level by level.
	rng := rand.New(rand.NewSource(seed))
	ids := make([][clusterLevels]uint16, len(words))
	groups := [][]int32{make([]int32, len(words))}
	for i := range groups[0] {
		groups[0][i] = int32(i)
	}
	next := 0
	for level := 0; level < clusterLevels; level++ {
		var sub [][]int32
		for _, g := range groups {
			for _, part := range kmeans(vecs, nf, g, clusterSplits[level], rng) {
				next++
				for _, v := range part {
					ids[v][level] = uint16(next)
				}
				sub = append(sub, part)
			}
		}
		groups = sub
	}
	table := make(clusterTable, len(words))
	for i, h := range words {
		var e [clusterSlots]uint16
		copy(e[:], ids[i][:])
		e[clusterLevels] = 1 + capsClass(caps[h])
		table[h] = e
	}
	return table
}

// capsClass buckets how a word is written mid-sentence: unseen, never
// capitalised, rarely, often, nearly always, mostly all caps.
func capsClass(c *[3]int) uint16 {
	if c == nil {
		return 0
	}
	n := c[0] + c[1] + c[2]
	if n < 2 {
		return 0
	}
	up := float64(c[1]+c[2]) / float64(n)
	switch {
	case c[2] > c[1] && c[2]*2 >= n:
		return 5
	case up == 0:
		return 1
	case up < 0.2:
		return 2
	case up < 0.8:
		return 3
	}
	return 4
}

func normalize(v []float32) {
	var n float64
	for _, x := range v {
		n += float64(x) * float64(x)
	}
	if n == 0 {
		return
	}
	s := float32(1 / math.Sqrt(n))
	for i := range v {
		v[i] *= s
	}
}

type sparseVec struct {
	idx []int32
	val []float32
}

// kmeans splits members into at most k non-empty groups by cosine
// similarity to centroids (vectors are unit length).
func kmeans(vecs []sparseVec, dim int, members []int32, k int, rng *rand.Rand) [][]int32 {
	if len(members) <= k {
		out := make([][]int32, len(members))
		for i, m := range members {
			out[i] = []int32{m}
		}
		return out
	}
	cent := make([]float32, k*dim)
	for c, p := range rng.Perm(len(members))[:k] {
		v := vecs[members[p]]
		for j, f := range v.idx {
			cent[c*dim+int(f)] = v.val[j]
		}
	}
	assign := make([]int, len(members))
	for it := 0; it < clusterIters; it++ {
		for i, m := range members {
			v := vecs[m]
			best, bs := 0, float32(math.Inf(-1))
			for c := 0; c < k; c++ {
				cv := cent[c*dim : (c+1)*dim]
				var s float32
				for j, f := range v.idx {
					s += v.val[j] * cv[f]
				}
				if s > bs {
					best, bs = c, s
				}
			}
			assign[i] = best
		}
		clear(cent)
		for i, m := range members {
			cv := cent[assign[i]*dim : (assign[i]+1)*dim]
			v := vecs[m]
			for j, f := range v.idx {
				cv[f] += v.val[j]
			}
		}
		for c := 0; c < k; c++ {
			normalize(cent[c*dim : (c+1)*dim])
		}
	}
	out := make([][]int32, k)
	for i, m := range members {
		out[assign[i]] = append(out[assign[i]], m)
	}
	return slices.DeleteFunc(out, func(g []int32) bool { return len(g) == 0 })
}
