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

# The inbound mail parser's fuzz run: the seeded mutation test of HandoffInboundTests, run
# long. FUZZ_ITERATIONS mutated corpus messages; FUZZ_SEED picks another sequence.
FUZZ_ITERATIONS ?= 200000
FUZZ_SEED ?= 439041101
.PHONY: fuzz
fuzz:
	$(SWIFT) build --build-tests
	HANDOFF_FUZZ_ITERATIONS=$(FUZZ_ITERATIONS) HANDOFF_FUZZ_SEED=$(FUZZ_SEED) $(SWIFT) test --skip-build --filter InboundFuzzTests
