#!/usr/bin/env bash
# Runs a command while every core is kept busy, to check that the tests do not depend on
# the speed of the machine:
#
#   bash scripts/ci/under-load.sh npm test
#   LOAD_PROCS=4 bash scripts/ci/under-load.sh npm run test:e2e
#
# It starts LOAD_PROCS (default: nproc) busy loops at normal priority, runs the command, and
# stops the loops when the command ends, however it ends; the loops also stop by themselves
# if this script is killed. Exits with the command's status and prints its wall time.
set -uo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 command [args...]" >&2
  exit 2
fi

procs="${LOAD_PROCS:-$(nproc)}"
parent=$$
spinners=()

stop_spinners() {
  if [ "${#spinners[@]}" -gt 0 ]; then
    kill "${spinners[@]}" 2>/dev/null
    wait "${spinners[@]}" 2>/dev/null
  fi
  spinners=()
}
trap stop_spinners EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for _ in $(seq 1 "$procs"); do
  # Pure shell arithmetic keeps a core at 100%; the liveness check of this script is a
  # builtin, so a spinner never outlives it.
  (
    while kill -0 "$parent" 2>/dev/null; do
      for ((i = 0; i < 200000; i++)); do :; done
    done
  ) &
  spinners+=("$!")
done

echo "under-load: $procs busy processes on $(nproc) cores (load average $(cut -d' ' -f1-3 /proc/loadavg)); running: $*" >&2
started=$EPOCHREALTIME
"$@"
status=$?
elapsed=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')
echo "under-load: '$*' exited with $status after ${elapsed}s (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
exit "$status"
