#!/usr/bin/env bash
# libFuzzer run of the inbound mail parser (`make fuzz`). Builds HandoffInbound's
# dependencies with SwiftPM, then compiles the HandoffInbound sources and main.swift here
# with `swiftc -sanitize=fuzzer` against them, and fuzzes from the corpus. Inputs that
# grow coverage are kept under .build/fuzz/corpus for the next run; a crash is written to
# .build/fuzz/ and the run stops with a non-zero status.
#
# Environment:
#   FUZZ_SECONDS   how long to fuzz (default 600)
#   FUZZ_MAX_LEN   the largest input in bytes (default 65536)
set -euo pipefail

root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
seconds="${FUZZ_SECONDS:-600}"
max_len="${FUZZ_MAX_LEN:-65536}"

swift build --target HandoffInbound >&2
bin="$(swift build --show-bin-path)"
crypto=".build/checkouts/swift-crypto"
out=".build/fuzz"
mkdir -p "$out/corpus"

# One module made of the HandoffInbound sources and the entry point, instrumented for
# coverage; HandoffCore and swift-crypto are linked from the objects SwiftPM just built.
read -r -a gmime_includes <<< "$(pkg-config --cflags-only-I gmime-3.0 | sed 's/-I/-Xcc -I/g')"
read -r -a gmime_libs <<< "$(pkg-config --libs gmime-3.0)"
mapfile -t sources < <(find Sources/HandoffInbound -name '*.swift')
mapfile -t objects < <(find "$bin/HandoffCore.build" "$bin/Crypto.build" "$bin/CCryptoBoringSSL.build" \
  "$bin/CCryptoBoringSSLShims.build" "$bin/CryptoBoringWrapper.build" -name '*.o')
swiftc -sanitize=fuzzer -parse-as-library -swift-version 6 -module-name HandoffInbound \
  -I "$bin/Modules" -Xcc -fmodule-map-file=Sources/CGMime/module.modulemap "${gmime_includes[@]}" \
  -Xcc -fmodule-map-file="$crypto/Sources/CCryptoBoringSSL/include/module.modulemap" \
  -Xcc -fmodule-map-file="$bin/CryptoBoringWrapper.build/include/module.modulemap" \
  "${sources[@]}" Tests/HandoffInboundTests/LibFuzzer/main.swift "${objects[@]}" "${gmime_libs[@]}" \
  -o "$out/inbound-fuzz"

# Seed with the corpus (the long-line message is over the input size).
for eml in Tests/HandoffInboundTests/Corpus/*.eml; do
  [ "$(stat -c %s "$eml")" -le "$max_len" ] && cp -n "$eml" "$out/corpus/"
done
exec "$out/inbound-fuzz" -max_len="$max_len" -max_total_time="$seconds" -rss_limit_mb=1024 \
  -artifact_prefix="$out/" "$out/corpus"
