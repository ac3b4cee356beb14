# roleload. `make demo` and `make test` are all a fresh machine needs.
# mattn/go-sqlite3 needs cgo (gcc); a cold build takes over a minute.

GO      ?= go
BIN     := bin/roleload
export CGO_ENABLED := 1

.PHONY: all build test lint bench demo clean deps

all: build test

build:
	$(GO) build -o $(BIN) ./cmd/roleload

# Headless Chromium is used by the report's screenshot test; installed here
# when missing so that a fresh machine needs no manual step.
deps:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
		{ echo "installing chromium (Debian package) for the report screenshot test"; \
		  (apt-get install -y -q chromium >/dev/null 2>&1 || (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1)) || \
		  echo "warning: could not install chromium; the screenshot test will be skipped"; }

# The second run is the same suite with every wall-clock read a year
# ahead (internal/clock): no test may depend on today's date.
test: deps
	$(GO) test -race -count=1 ./...
	ROLELOAD_CLOCK_SKEW=8760h $(GO) test -count=1 ./...

lint:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 1x ./...

demo: build
	./$(BIN) demo --out ./demo-out

clean:
	rm -rf bin demo-out
