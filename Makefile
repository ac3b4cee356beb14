# roleload. `make demo` and `make test` are all a fresh machine needs.
# mattn/go-sqlite3 needs cgo (gcc); a cold build takes over a minute.

GO      ?= go
BIN     := bin/roleload
export CGO_ENABLED := 1

.PHONY: all build test lint bench demo clean deps mutants

all: build test

build:
	$(GO) build -o $(BIN) ./cmd/roleload

# Headless Chromium is used by the browser tests (report screenshot,
# dashboard); installed here when missing so that a fresh machine needs no
# manual step. When CI is set a failed install fails (the browser tests fail
# without it too); elsewhere it is a warning and those tests are skipped.
deps:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
		{ echo "installing chromium (Debian package) for the browser tests"; \
		  (apt-get install -y -q chromium >/dev/null 2>&1 || (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1)) || \
		  { if [ -n "$$CI" ]; then echo "error: could not install chromium and CI is set: the browser tests need it" >&2; exit 1; fi; \
		    echo "warning: could not install chromium; the browser tests will be skipped"; }; }

# The second run is the same suite with every wall-clock read a year
# ahead (internal/clock): no test may depend on today's date.
test: deps
	$(GO) test -race -count=1 ./...
	ROLELOAD_CLOCK_SKEW=8760h $(GO) test -count=1 ./...

lint:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

# Mutation testing of the rule files (SPEC §6.4-§6.6 verdict, requests,
# measures, coverage; alert steps; collector watermark and census). Slow
# (minutes per package), so not part of `make test`; README "Mutation
# testing" lists the survivors that are equivalent. GREMLINS_FLAGS adds
# flags, e.g. GREMLINS_FLAGS=--workers=2.
GREMLINS        = $(shell $(GO) env GOPATH)/bin/gremlins
GREMLINS_FLAGS  ?= --workers 1 --timeout-coefficient 10
MUTANTS_ANALYSIS_SKIP := analyze calendar calendar_input classify collect doc events people question round timeline timemodel weekly
MUTANTS_COLLECTOR_SKIP := activity doc jql options run search sprints
mutants:
	@test -x $(GREMLINS) || $(GO) install github.com/go-gremlins/gremlins/cmd/gremlins@v0.6.0
	GOFLAGS=-count=1 $(GREMLINS) unleash $(GREMLINS_FLAGS) $(foreach f,$(MUTANTS_ANALYSIS_SKIP),-E '^$(f)\.go$$') ./analysis
	GOFLAGS=-count=1 $(GREMLINS) unleash $(GREMLINS_FLAGS) ./analysis/signal
	GOFLAGS=-count=1 $(GREMLINS) unleash $(GREMLINS_FLAGS) ./alerts
	GOFLAGS=-count=1 $(GREMLINS) unleash $(GREMLINS_FLAGS) $(foreach f,$(MUTANTS_COLLECTOR_SKIP),-E '^$(f)\.go$$') -E '^jira/' ./collector

bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 1x ./...

demo: build
	./$(BIN) demo --out ./demo-out

clean:
	rm -rf bin demo-out
