#!/usr/bin/env bash
# Corpus benchmark: quarry extract vs plain prose (NewDocument, shared model)
# over the same folder, in the same run. Prints MB/s for each and the ratio
# (quarry: the median of six runs, three before prose and three after).
#   scripts/bench-corpus.sh [FOLDER] [WORKERS]
# FOLDER defaults to ../shared/data/bbc; WORKERS to the number of CPUs.
set -euo pipefail
# FOLDER is read from where the script was called; the default from the
# repo's root.
if [ -n "${1:-}" ] && [ -d "$1" ]; then dir=$(cd "$1" && pwd); else dir=${1:-}; fi
cd "$(dirname "$0")/.."
dir=${dir:-../shared/data/bbc}
workers=${2:-$(nproc)}
if [ ! -d "$dir" ]; then
  echo "bench-corpus: $dir not found (it lives in ../shared); pass a folder of .txt articles" >&2
  exit 0
fi
mkdir -p bench-out
go build -o bench-out/quarry ./cmd/quarry
go build -o bench-out/prosebaseline ./scripts/prosebaseline
# runstat writes peak RSS (KB), user and system seconds, as GNU time's
# '%M %U %S' would, from the same rusage.
go build -o bench-out/runstat ./scripts/runstat
bytes=$(find "$dir" -name '*.txt' -print0 | xargs -0 cat | wc -c)

# Wall time on a shared machine drifts by ±20% over minutes (the user time
# of the same run moves with it), so quarry runs three times before prose
# and three times after: its median then sees the conditions prose's
# minute-long run averages over.
qruns=()
quarry_run() {
  local run=$1 start end
  start=$(date +%s.%N)
  # Exit 3 (some articles failed) still times a whole run; anything
  # else means quarry did not run.
  local code=0
  bench-out/runstat -o bench-out/quarry.rss.$run bench-out/quarry extract --quiet --workers "$workers" "$dir" > bench-out/quarry.jsonl 2> bench-out/quarry.log || code=$?
  end=$(date +%s.%N)
  if [ "$code" != 0 ] && [ "$code" != 3 ]; then
    echo "bench-corpus: quarry exited $code; see bench-out/quarry.log" >&2
    exit 1
  fi
  qruns+=("$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}')")
}
for run in 1 2 3; do quarry_run $run; done
pline=$(bench-out/runstat -o bench-out/prose.rss bench-out/prosebaseline -workers "$workers" "$dir")
pmbps=$(echo "$pline" | sed 's/.*mbps=//')
for run in 4 5 6; do quarry_run $run; done
# The median of six numbers on stdin: the mean of the third and fourth.
median6() { sort -g | sed -n 3,4p | awk '{s += $1} END {print s / 2}'; }
qsecs=$(printf '%s\n' "${qruns[@]}" | median6)
qrss=$(cat bench-out/quarry.rss.* | cut -d' ' -f1 | sort -n | tail -1)
# CPU seconds (user+sys) per MB: less sensitive than wall time to what else
# the machine runs, though not to a neighbour's use of the shared caches.
qcpu=$(awk '{print $2+$3}' bench-out/quarry.rss.* | median6)
pcpu=$(awk '{print $2+$3}' bench-out/prose.rss)
qmbps=$(awk -v b="$bytes" -v s="$qsecs" 'BEGIN {print b / 1e6 / s}')

printf 'corpus   %s (%d bytes, %d workers)\n' "$dir" "$bytes" "$workers"
printf 'quarry   %8.3f MB/s  %6.2f s (median of %s s)  peak RSS %d MB  (%s records)\n' "$qmbps" "$qsecs" "$(printf '%.2f ' "${qruns[@]}")" "$(( qrss * 1024 / 1000000 ))" "$(wc -l < bench-out/quarry.jsonl)"
printf 'prose    %8.3f MB/s  %s  peak RSS %d MB\n' "$pmbps" "$pline" "$(( $(cut -d' ' -f1 bench-out/prose.rss) * 1024 / 1000000 ))"
printf 'ratio    %8.1fx  (CPU time: quarry %.2f s, prose %.1f s, %.1fx)\n' "$(awk -v q="$qmbps" -v p="$pmbps" 'BEGIN {print q / p}')" "$qcpu" "$pcpu" "$(awk -v q="$qcpu" -v p="$pcpu" 'BEGIN {print p / q}')"
