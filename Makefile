# The two commands a new user needs: `make run` and `make test`. Both install what is
# missing first (scripts/setup), so a fresh Debian machine with Swift needs nothing else.

SWIFT ?= swift
HANDOFF = .build/debug/handoff

.PHONY: run test build setup bench clean

run: setup build
	$(HANDOFF) deliver outbox/demo/welcome-pack --project demo
	$(HANDOFF) run --once

build:
	$(SWIFT) build --product handoff

setup:
	@scripts/setup

# The test servers run only while the tests do; they are stopped even when a test fails.
test: setup
	@scripts/teststack up
	@status=0; $(SWIFT) test || status=$$?; scripts/teststack down; exit $$status

bench: setup
	Benchmarks/run-all

# The test servers keep their pid files under var/: stop them before removing it.
clean:
	-scripts/teststack down
	rm -rf .build var
