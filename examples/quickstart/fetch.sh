#!/usr/bin/env bash
# Fetches (here: generates) the data the next jobs use.
set -euo pipefail
echo "# cloudmesh status=running progress=1 pid=$$"
out="$CCWF_RUN_DIR/data.csv"
echo "x,y" > "$out"
for i in $(seq 1 50); do
  echo "$i,$((2 * i + 1))" >> "$out"
  if (( i % 10 == 0 )); then echo "# cloudmesh status=running progress=$((i * 2)) rows=$i"; fi
done
echo "wrote $out"
echo "# cloudmesh status=done progress=100"
