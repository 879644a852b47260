# The two commands a new user needs: `make run` and `make test`. Both install what is
# missing first (scripts/setup), so a fresh Debian machine with Swift needs nothing else.

SWIFT ?= swift
HANDOFF = .build/debug/handoff
TEST_TIMEOUT ?= 2700

.PHONY: run test build setup bench clean

run: setup build
	$(HANDOFF) deliver outbox/demo/welcome-pack --project demo
	$(HANDOFF) run --once

build:
	$(SWIFT) build --product handoff

setup:
	@scripts/setup

# The test servers run only while the tests do; they are stopped even when a test fails.
# A hung test must not hang CI: the whole build-and-test run is bounded (TEST_TIMEOUT seconds).
test:
	@scripts/setup --tests
	@scripts/teststack up
	@status=0; timeout --kill-after=30 $(TEST_TIMEOUT) $(SWIFT) test || status=$$?; scripts/teststack down; exit $$status

bench:
	@scripts/setup --tests
	Benchmarks/run-all

# The test servers keep their pid files under var/: stop them before removing it.
clean:
	-scripts/teststack down
	rm -rf .build var

# The inbound mail parser under libFuzzer (swiftc -sanitize=fuzzer), from its corpus, for
# FUZZ_SECONDS (default 600). The seeded mutation test of HandoffInboundTests runs on
# every `swift test`; HANDOFF_FUZZ_ITERATIONS makes it longer without libFuzzer.
.PHONY: fuzz
fuzz:
	Tests/HandoffInboundTests/LibFuzzer/fuzz.sh
