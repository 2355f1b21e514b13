#!/usr/bin/env bash
# Corpus benchmark: quarry extract vs plain prose (NewDocument, shared model)
# over the same folder, in the same run. Prints MB/s for each and the ratio
# (quarry: the median of three runs).
#   scripts/bench-corpus.sh [FOLDER] [WORKERS]
# FOLDER defaults to ../shared/data/bbc; WORKERS to the number of CPUs.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-../shared/data/bbc}
workers=${2:-$(nproc)}
if [ ! -d "$dir" ]; then
  echo "bench-corpus: $dir not found (it lives in ../shared); pass a folder of .txt articles" >&2
  exit 0
fi
mkdir -p bench-out
go build -o bench-out/quarry ./cmd/quarry
go build -o bench-out/prosebaseline ./scripts/prosebaseline
bytes=$(find "$dir" -name '*.txt' -print0 | xargs -0 cat | wc -c)

# quarry runs three times (wall time on a shared machine varies by ±15%);
# the median counts. prose runs once: its minute-long run averages the noise.
qruns=()
for run in 1 2 3; do
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o bench-out/quarry.rss.$run bench-out/quarry extract --quiet --workers "$workers" "$dir" > bench-out/quarry.jsonl 2> bench-out/quarry.log || true
  end=$(date +%s.%N)
  qruns+=("$(echo "$end - $start" | bc -l)")
done
qsecs=$(printf '%s\n' "${qruns[@]}" | sort -n | sed -n 2p)
qrss=$(cat bench-out/quarry.rss.* | sort -n | tail -1)
qmbps=$(echo "$bytes / 1000000 / $qsecs" | bc -l)

pline=$(/usr/bin/time -f '%M' -o bench-out/prose.rss bench-out/prosebaseline -workers "$workers" "$dir")
pmbps=$(echo "$pline" | sed 's/.*mbps=//')

printf 'corpus   %s (%d bytes, %d workers)\n' "$dir" "$bytes" "$workers"
printf 'quarry   %8.3f MB/s  %6.2f s (median of %s s)  peak RSS %d MB  (%s records)\n' "$qmbps" "$qsecs" "$(printf '%.2f ' "${qruns[@]}")" "$(( qrss / 1024 ))" "$(wc -l < bench-out/quarry.jsonl)"
printf 'prose    %8.3f MB/s  %s  peak RSS %d MB\n' "$pmbps" "$pline" "$(( $(cat bench-out/prose.rss) / 1024 ))"
printf 'ratio    %8.1fx\n' "$(echo "$qmbps / $pmbps" | bc -l)"
