#!/usr/bin/env bash
# The performance targets in one run: speed against prose on BBC and on
# BBC copied four times (scripts/bench-corpus.sh for each), both cores
# busy, peak RSS, a 100 MB article and start-up. Prints one line a target
# with the figure measured and ok or MISSED. Takes ~6 minutes (prose is
# slow); needs ../shared/data/bbc.
#   scripts/bench-targets.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bbc=../shared/data/bbc
if [ ! -d "$bbc" ]; then
  echo "bench-targets: $bbc not found (it lives in ../shared)" >&2
  exit 0
fi
mkdir -p bench-out
go build -o bench-out/quarry ./cmd/quarry
q=bench-out/quarry

# BBC×4: the corpus four times over, as four folders of copies.
if [ ! -d bench-out/bbc4 ]; then
  for c in 1 2 3 4; do mkdir -p bench-out/bbc4/c$c && cp -r "$bbc"/. bench-out/bbc4/c$c/; done
fi

verdict() { if [ "$(echo "$1" | bc -l)" = 1 ]; then echo ok; else echo MISSED; fi; }
results=()

for dir in "$bbc" bench-out/bbc4; do
  out=$(scripts/bench-corpus.sh "$dir")
  echo "$out"
  ratio=$(echo "$out" | awk '/^ratio/ {sub("x", "", $2); print $2}')
  rss=$(echo "$out" | awk '/^quarry/ {for (i = 1; i < NF; i++) if ($i == "RSS") print $(i+1)}')
  results+=("$(printf '%-34s %8.1fx  %s' "speed vs prose, $(basename "$dir")" "$ratio" "$(verdict "$ratio >= 50")")")
  results+=("$(printf '%-34s %6d MB  %s' "peak RSS, $(basename "$dir")" "$rss" "$(verdict "$rss < 200")")")
done

# Both cores: --workers 2 against --workers 1, alternating, medians of five.
w1=(); w2=()
secs() {
  local start end
  start=$(date +%s.%N)
  "$q" extract --quiet --workers "$1" "$bbc" > /dev/null 2>&1
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
for run in 1 2 3 4 5; do w1+=("$(secs 1)"); w2+=("$(secs 2)"); done
m1=$(printf '%s\n' "${w1[@]}" | sort -n | sed -n 3p)
m2=$(printf '%s\n' "${w2[@]}" | sort -n | sed -n 3p)
scale=$(echo "$m1 / $m2" | bc -l)
results+=("$(printf '%-34s %8.2fx  %s' "--workers 2 / --workers 1" "$scale" "$(verdict "$scale >= 1.8")")")

# One 100 MB article: refused under the default --max-bytes, in little memory.
if [ ! -f bench-out/big100.txt ]; then
  find "$bbc" -name '*.txt' -print0 | xargs -0 cat > bench-out/big1.txt
  : > bench-out/big100.txt
  while [ "$(stat -c %s bench-out/big100.txt)" -lt 100000000 ]; do cat bench-out/big1.txt >> bench-out/big100.txt; done
  rm bench-out/big1.txt
fi
code=0
/usr/bin/time -f '%M' -o bench-out/big.rss "$q" extract --quiet bench-out/big100.txt > bench-out/big.jsonl 2> /dev/null || code=$?
# time(1) puts "Command exited with non-zero status" first when it was.
bigrss=$(( $(tail -1 bench-out/big.rss) / 1024 ))
err=$(grep -o '"code":"[a-z_]*"' bench-out/big.jsonl | head -1 || true)
results+=("$(printf '%-34s %6d MB  %s' "100 MB article (exit $code, $err)" "$bigrss" "$(verdict "$bigrss < 1000")")")

# Start-up: a one-line article, best of five.
best=9
for run in 1 2 3 4 5; do
  start=$(date +%s.%N)
  echo "Acme Corp. said on Monday it would hire 200 people." | "$q" extract --quiet > /dev/null 2>&1
  end=$(date +%s.%N)
  t=$(echo "$end - $start" | bc -l)
  if [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
done
ms=$(echo "$best * 1000" | bc -l)
results+=("$(printf '%-34s %6.0f ms  %s' "start-up, one-line article" "$ms" "$(verdict "$ms < 300")")")

echo
printf '%s\n' "${results[@]}"
