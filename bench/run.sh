#!/usr/bin/env bash
# The speed benchmark of nudge (SPEC §9): generates journals of 100 to
# 100,000 applications, times `nudge status --json` and `nudge update
# --check` against the floor (cat, and a plain Rust read of the same files),
# and measures peak memory. Prints a markdown table.
#
#   bench/run.sh                    # all sizes, 7 runs each
#   SIZES="100 10000" RUNS=11 bench/run.sh
#
# Needs only the Rust toolchain and bash 5; peak memory needs GNU time
# (/usr/bin/time), else it is reported as n/a. Journals are generated once under
# target/bench/ (deterministic: the same seed gives the same bytes).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="${SIZES:-100 1000 10000 100000}"
RUNS="${RUNS:-7}"
WORK="${WORK:-target/bench}"
TODAY=2026-11-22

if [ -z "${EPOCHREALTIME:-}" ]; then
  echo "bench: needs bash 5 or later (for EPOCHREALTIME)" >&2
  exit 2
fi

cargo build --release --quiet --bin nudge --example gen-journal --example read-all
NUDGE=target/release/nudge
GEN=target/release/examples/gen-journal
READ=target/release/examples/read-all
mkdir -p "$WORK"

# Runs a command, output discarded. Exit 1 is nudge saying "the journal
# has findings" or "update would change files"; anything else is a failure
# that must not be timed as a result.
quietly() {
  local code=0
  "$@" >/dev/null 2>&1 || code=$?
  if [ "$code" -gt 1 ]; then
    echo "bench: '$*' failed with exit code $code" >&2
    exit 1
  fi
}

# Median wall time, in milliseconds, of RUNS runs of a command (after one
# warm-up run, so the files are in the page cache). The clock is bash's own
# EPOCHREALTIME (microseconds): reading it starts no process, so a timing
# holds only the command timed; `date` read after each run would add its
# own start-up, 1-3 ms here, to every result.
median_ms() {
  quietly "$@"
  local times=()
  for _ in $(seq "$RUNS"); do
    local start end
    start=${EPOCHREALTIME/[.,]/}
    quietly "$@"
    end=${EPOCHREALTIME/[.,]/}
    times+=($(( 10#$end - 10#$start )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}

# Peak resident memory, in MiB (GNU time gives KiB), of one run.
peak_mb() {
  if [ -x /usr/bin/time ]; then
    { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null || true; } | tail -n 1 | awk '{printf "%.1f", $1/1024}'
  else
    printf 'n/a'
  fi
}

cat_all() { find "$1" -name '*.md' -print0 | xargs -0 cat; }

echo "| files | MB | cat | Rust read | status --json | ratio to cat | update --check | ratio to cat | peak MiB status | peak MiB update |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
  dir="$WORK/journal-$n"
  # Generated again when the generator changed since.
  if [ ! -e "$dir/nudge.yaml" ] || [ "$GEN" -nt "$dir/nudge.yaml" ]; then
    rm -rf "$dir"
    "$GEN" "$dir" "$n" 2>/dev/null
  fi
  mb=$(du -sb --apparent-size "$dir" | awk '{printf "%.1f", $1/1048576}')
  t_cat=$(median_ms cat_all "$dir")
  t_read=$(median_ms "$READ" "$dir")
  t_status=$(median_ms "$NUDGE" --today "$TODAY" status --json "$dir")
  t_check=$(median_ms "$NUDGE" --today "$TODAY" update --check "$dir")
  m_status=$(peak_mb "$NUDGE" --today "$TODAY" status --json "$dir")
  m_check=$(peak_mb "$NUDGE" --today "$TODAY" update --check "$dir")
  r_status=$(awk -v a="$t_status" -v b="$t_cat" 'BEGIN {printf "%.1f×", a/b}')
  r_check=$(awk -v a="$t_check" -v b="$t_cat" 'BEGIN {printf "%.1f×", a/b}')
  echo "| $n | $mb | ${t_cat} ms | ${t_read} ms | ${t_status} ms | $r_status | ${t_check} ms | $r_check | $m_status | $m_check |"
done
