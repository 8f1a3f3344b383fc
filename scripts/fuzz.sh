#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer: builds sh-fuzz with -sanitize=fuzzer (in .build-fuzz) and runs each target
# (sql, manifest, part) for SECONDS seconds (default 600), seeded from Tests/Fuzz/<target>/. A crash leaves its input
# in Tests/Fuzz/<target>/crash-*; commit it: CorpusReplayTests replays it on every test run. Exits non-zero on a crash.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
seconds=${1:-600}
targets=${2:-"sql manifest part"}
swift build --scratch-path .build-fuzz --product sh-fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING
binary=$(swift build --scratch-path .build-fuzz --product sh-fuzz --show-bin-path)/sh-fuzz
status=0
# libFuzzer must see the trap itself (to save the input), not the Swift runtime's backtracer.
export SWIFT_BACKTRACE=enable=no
# The part target writes each input as a directory of files: keep them in memory.
if [ -d /dev/shm ]; then export TMPDIR=/dev/shm; fi
for target in $targets; do
    work=".build-fuzz/corpus/$target"
    mkdir -p "$work"
    echo "fuzz: $target for ${seconds}s"
    if ! SH_FUZZ_TARGET=$target "$binary" "$work" "Tests/Fuzz/$target" -max_total_time="$seconds" \
        -artifact_prefix="Tests/Fuzz/$target/" -rss_limit_mb=4096 -timeout=20 -print_final_stats=1 \
        >".build-fuzz/$target.log" 2>&1; then
        echo "fuzz: $target FOUND A CRASH (see .build-fuzz/$target.log and Tests/Fuzz/$target/crash-*)"
        tail -40 ".build-fuzz/$target.log"
        status=1
    else
        grep -E "stat::number_of_executed_units|cov:" ".build-fuzz/$target.log" | tail -2
    fi
done
exit $status
