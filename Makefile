# Gem Rush. `make` lists the targets; `make run` plays; `make test` runs every test.

GO      ?= go
BIN     ?= gemrush
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)
ARGS    ?=

.DEFAULT_GOAL := help
.PHONY: help build run desktop-check test unit e2e fuzz cross bench benchcmp soak screenshots lint clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z0-9-]+:.*## / {printf "  make %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

build: ## build ./gemrush, stamped with the version (no cgo needed)
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) .

run: build desktop-check ## build and open the game at its title menu (ARGS="-host" hosts at once, ARGS="-join HOST:PORT" joins)
	./$(BIN) $(ARGS)

# The window loads X11 and OpenGL libraries at run time; game/linuxlibs.txt lists them
# with their Debian/Ubuntu packages. As root the missing ones are installed; otherwise
# the exact command is printed.
desktop-check: ## check the libraries and display the window needs (installs them as root)
	@if [ "$$(uname -s)" = Linux ]; then \
	  missing=""; \
	  while read -r lib pkg; do \
	    case "$$lib" in ""|\#*) continue;; esac; \
	    ldconfig -p 2>/dev/null | grep -q "$$lib" || missing="$$missing $$pkg"; \
	  done < game/linuxlibs.txt; \
	  if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	      echo "Installing what the window needs:$$missing"; \
	      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing libgl1-mesa-dri; \
	    else \
	      echo "The Gem Rush window needs:$$missing"; \
	      echo "Install them with: sudo apt-get install$$missing libgl1-mesa-dri"; exit 1; \
	    fi; \
	  fi; \
	  if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	    echo "No display found: the window needs a desktop session."; \
	    echo "To host without a window: ./$(BIN) -server"; exit 1; \
	  fi; \
	fi

test: lint unit e2e fuzz cross ## every test: vet, race-checked unit/integration/end-to-end, fuzzing, cross-builds

# The end-to-end tests drive real windows with keystrokes a person's length; they run
# on their own, after the rest, so race-checked network tests do not starve the
# windows' frames of the CPU while keys are held.
unit: ## go test -race -shuffle=on on every package but the end-to-end tests
	$(GO) test -race -shuffle=on -count=1 -timeout 15m $$($(GO) list ./... | grep -v /tests/e2e)

e2e: ## the end-to-end tests of the real binary: processes, sockets, windows under Xvfb, namespaces
	$(GO) test -race -shuffle=on -count=1 -timeout 15m ./tests/e2e

# Budgets are execution counts (about five seconds each here), not durations: with a
# duration, Go 1.26's fuzz coordinator can fail a target at the deadline without any
# failing input (go.dev/issue/75804, fixed in Go 1.27).
fuzz: ## run each wire decoder's fuzzer briefly
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime 200000x ./net/wire
	$(GO) test -run '^$$' -fuzz '^FuzzReadFrame$$' -fuzztime 400000x ./net/wire
	$(GO) test -run '^$$' -fuzz '^FuzzSnapshotDelta$$' -fuzztime 300000x ./net/wire
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime 200000x ./net/invite
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeTXT$$' -fuzztime 200000x ./discovery
	$(GO) test -run '^$$' -fuzz '^FuzzParseSettings$$' -fuzztime 50000x ./game/settings
	$(GO) test -run '^$$' -fuzz '^FuzzParseKnownHosts$$' -fuzztime 50000x ./game/settings

cross: ## build for Windows and macOS without cgo
	CGO_ENABLED=0 GOOS=windows GOARCH=amd64 $(GO) build -o /dev/null .
	CGO_ENABLED=0 GOOS=darwin GOARCH=arm64 $(GO) build -o /dev/null .
	CGO_ENABLED=0 GOOS=darwin GOARCH=amd64 $(GO) build -o /dev/null .

# The bench writes docs/bench/: README.md (the report the README's Performance section
# quotes), PNG plots, results.json and go.txt (the Go benchmarks, as benchstat reads
# them). The feel section makes network namespaces, so it runs as root.
bench: ## measure the host at 8-128 bots beside bare quic-go, feel under loss beside a TCP baseline, joins, Go benchmarks: docs/bench/ (about 8 minutes, as root)
	$(GO) run ./tests/bench -out docs/bench

BENCHSTAT := golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
OLD ?= docs/bench/go.txt
NEW ?=
benchcmp: ## compare Go benchmarks with benchstat: make benchcmp OLD=old.txt NEW=new.txt (NEW unset: run them now)
	@new="$(NEW)"; if [ -z "$$new" ]; then new=$$(mktemp); \
	  echo "Running the Go benchmarks into $$new"; \
	  $(GO) test -run '^$$' -bench . -benchmem -count 5 -benchtime 500ms ./game/sim ./net/wire ./game/client ./game/host > $$new || exit 1; fi; \
	$(GO) run $(BENCHSTAT) $(OLD) $$new

soak: ## 64 chatting bots for 10 minutes: chat exactly once, the host's goroutines and memory flat
	$(GO) run ./tests/load -bots 64 -duration 10m -chat -soak

# The end-to-end tests screenshot two windows side by side (Ana at x=0, Bo at x=1300).
screenshots: ## retake the README's screenshots (docs/) with the end-to-end tests' tooling
	$(GO) test -count=1 -run 'TestTwoPlayersThroughTheMenus|TestMenuListsLANGames|TestAHostThatDiesIsAConnectionProblemAtOnce|TestWindowsComeBackAfterAFreeze|TestTheHostingWindowSaysHowTheInternetReachesIt|TestARoundFromGemsToCelebrationAndTheNextArena' ./tests/e2e
	convert tests/e2e/out/1-menu.png -crop 1280x720+0+0 +repage docs/menu.png
	convert tests/e2e/out/2-playing-and-chatting.png -crop 1280x720+0+0 +repage docs/game.png
	convert tests/e2e/out/4-error.png -crop 1280x720+1300+0 +repage docs/error.png
	convert tests/e2e/out/lan-menu.png -crop 1280x720+0+0 +repage docs/lan.png
	cp tests/e2e/out/5-net-stats.png docs/netstats.png
	convert tests/e2e/out/7-away.png -crop 1280x720+0+0 +repage docs/away.png
	convert tests/e2e/out/8-reconnecting.png -crop 1280x720+1300+0 +repage docs/reconnecting.png
	convert tests/e2e/out/internet-confirmed.png -crop 1280x720+0+0 +repage docs/internet.png
	cp tests/e2e/out/10-gem-taken.png docs/gem-taken.png
	cp tests/e2e/out/11-table.png docs/table.png
	cp tests/e2e/out/12-round-won.png docs/round-won.png
	cp tests/e2e/out/13-countdown.png docs/countdown.png

lint: ## gofmt and go vet
	@unformatted=$$(gofmt -l .); if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

clean: ## remove what the build and tests leave
	rm -f $(BIN) $(BIN).exe
	rm -rf tests/e2e/out
