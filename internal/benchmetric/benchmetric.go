// Package benchmetric reports throughput the same way in every stage's
// benchmark: MB/s of article text and tokens/s. One pair of units lets the
// stages be compared with each other and with the corpus script's MB/s, and
// a regression shows whichever unit one reads.
package benchmetric

import "testing"

// Report sets MB/s and tokens/s for b's b.N passes over bytes of article
// text holding tokens tokens. Call it after the timed loop.
func Report(b *testing.B, bytes, tokens int) {
	sec := b.Elapsed().Seconds()
	if sec <= 0 || b.N == 0 {
		return
	}
	b.ReportMetric(float64(bytes)*float64(b.N)/sec/1e6, "MB/s")
	b.ReportMetric(float64(tokens)*float64(b.N)/sec, "tokens/s")
}
