# Reel — `make run` sets up and launches the app, `make test` runs every test.
SHELL := /bin/bash
GO    ?= go
TAGS  := webkit2_41
BIN   := build/bin/reel
PLUGIN := build/bin/gstreamer-1.0/libgstreel.so
VIDEOS := testdata-gen/videos
FORMATS := testdata-gen/formats
ARTIFACTS := test-artifacts

# Debian/Ubuntu packages: the WebKitGTK build, GStreamer codecs for <video>,
# and what the tests drive (Xvfb, xdotool, ImageMagick, ffmpeg, Chromium).
APT_PACKAGES := build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev libgstreamer1.0-dev \
	gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad \
	gstreamer1.0-plugins-ugly gstreamer1.0-libav gstreamer1.0-gl xvfb xauth xdotool imagemagick ffmpeg \
	chromium fonts-dejavu-core
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test build deps apt-deps frontend-deps go-deps test-go test-fuzz test-frontend \
	test-e2e test-desktop test-videos bench bench-ui bench-transcode cross clean

run: build
	./$(BIN) $(FOLDER)

test: deps test-go test-fuzz test-frontend build test-e2e test-desktop cross
	@echo "make test: all suites passed"

deps: apt-deps go-deps frontend-deps

apt-deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing: $$missing"; \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; \
	fi

go-deps:
	$(GO) mod download

frontend-deps: frontend/node_modules/.package-lock.json

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

# The Wails CLI is pinned in go.mod as a tool. On Linux the window plays
# media through Reel's GStreamer source (native/gstreamer), built beside it.
build: deps
	$(GO) tool wails build -tags $(TAGS) -skipbindings -o reel
	@test -x $(BIN)
	$(MAKE) --no-print-directory $(PLUGIN)

$(PLUGIN): native/gstreamer/reelsrc.c
	mkdir -p $(dir $@)
	$(CC) -shared -fPIC -O2 -Wall -Wextra -Wno-unused-parameter -o $@ $< $$(pkg-config --cflags --libs gstreamer-1.0)

test-go:
	$(GO) vet -tags $(TAGS) ./...
	$(GO) test -tags $(TAGS) -count=1 ./...

# Short coverage-guided runs on top of the seed corpora that test-go ran.
FUZZ_TIME ?= 10s
test-fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParseRange$$' -fuzztime $(FUZZ_TIME) ./internal/media/
	$(GO) test -run '^$$' -fuzz '^FuzzResolveID$$' -fuzztime $(FUZZ_TIME) ./internal/library/
	$(GO) test -run '^$$' -fuzz '^FuzzProbe$$' -fuzztime $(FUZZ_TIME) ./internal/probe/
	$(GO) test -run '^$$' -fuzz '^FuzzToVTT$$' -fuzztime $(FUZZ_TIME) ./internal/subtitles/

test-frontend: frontend-deps
	cd frontend && npm run typecheck

test-videos:
	bash scripts/testvideos.sh $(VIDEOS) $(FORMATS)

# Browser tests: Playwright in Debian's Chromium against `reel serve`.
test-e2e: frontend-deps test-videos build
	cd frontend && REEL_BIN=../$(BIN) REEL_TEST_VIDEOS=../$(VIDEOS) npm run test:e2e

# The real window: WebKitGTK under Xvfb, driven with xdotool.
test-desktop: test-videos build
	mkdir -p $(ARTIFACTS)
	REEL_BIN=$(CURDIR)/$(BIN) REEL_TEST_VIDEOS=$(CURDIR)/$(VIDEOS) REEL_ARTIFACTS=$(CURDIR)/$(ARTIFACTS) \
		xvfb-run -a -s "-screen 0 1280x800x24" $(GO) test -tags desktop -count=1 -v -timeout 5m ./tests/desktop/

# Windows: the asset-server transport and its cap must always build.
cross:
	GOOS=windows GOARCH=amd64 $(GO) build -o /dev/null .
	GOOS=darwin GOARCH=arm64 $(GO) vet ./internal/...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./internal/...

# The library in Chromium: 10,000 videos listed, painted and scrolled, vs
# net/http's FileServer listing of the same folder.
bench-ui: build frontend-deps
	REEL_BIN=$(CURDIR)/$(BIN) node bench/library-paint.mjs

# Issue 9: first frame on each rung, seeks in a remuxed and a transcoded
# 2 GB MKV, and the transcode's speed, each against a baseline in the run.
bench-transcode: build frontend-deps test-videos
	REEL_BIN=$(CURDIR)/$(BIN) node bench/transcode/bench.mjs

clean:
	rm -rf build/bin frontend/dist/assets frontend/dist/index.html $(ARTIFACTS)
