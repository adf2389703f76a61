# Reel — `make run` sets up and launches the app, `make test` runs every test.
SHELL := /bin/bash
GO    ?= go
TAGS  := webkit2_41
BIN   := build/bin/reel
PLUGIN := build/bin/gstreamer-1.0/libgstreel.so
VIDEOS := testdata-gen/videos
# The version every build and package carries: the nearest tag, commits since,
# the commit, and -dirty for uncommitted changes (`reel --version` prints it).
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
# The About box's list of what the binary ships, written before each build
# from go.mod and package-lock.json (build/licenses); vite copies it into dist.
LICENSES := frontend/public/licenses.json
FORMATS := testdata-gen/formats
ARTIFACTS := test-artifacts

# Debian/Ubuntu packages: the WebKitGTK build, GStreamer codecs for <video>,
# and what the tests drive (Xvfb, xdotool, ImageMagick, ffmpeg, Chromium).
APT_PACKAGES := build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev libgstreamer1.0-dev \
	gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad \
	gstreamer1.0-plugins-ugly gstreamer1.0-libav gstreamer1.0-gl xvfb xauth xdotool imagemagick ffmpeg \
	chromium fonts-dejavu-core \
	desktop-file-utils appstream nsis dbus lintian
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test build deps apt-deps frontend-deps go-deps test-go test-fuzz test-frontend \
	test-e2e test-desktop test-videos bench bench-ui bench-playback bench-launch bench-open bench-deps bench-transcode bench-ass cross clean \
	package package-deb package-windows test-linux-files test-package icons

run: build
	./$(BIN) $(FOLDER)

test: deps test-go test-fuzz test-frontend build test-e2e test-desktop cross test-linux-files test-package
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
	$(GO) run ./build/licenses -o $(LICENSES)
	GOFLAGS=-buildmode=pie $(GO) tool wails build -tags $(TAGS) -skipbindings -ldflags "$(LDFLAGS)" -o reel
	@test -x $(BIN)
	$(MAKE) --no-print-directory $(PLUGIN)

$(PLUGIN): native/gstreamer/reelsrc.c
	mkdir -p $(dir $@)
	$(CC) -shared -fPIC -O2 -Wall -Wextra -Wno-unused-parameter -o $@ $< $$(pkg-config --cflags --libs gstreamer-1.0)

# staticcheck is pinned in go.mod as a tool; .staticcheck.conf says which
# checks run. internal/rules/tsgen's test fails when the page's copy of the
# rules (frontend/src/generated/rules.ts) is stale: go generate ./internal/rules.
test-go: test-videos
	$(GO) vet -tags $(TAGS) ./...
	$(GO) tool staticcheck -tags $(TAGS) ./...
	$(GO) test -tags $(TAGS) -count=1 ./...

# Short coverage-guided runs on top of the seed corpora that test-go ran.
# A count, not a duration: Go 1.26's fuzzing stops a timed run with a
# spurious "context deadline exceeded" on a loaded machine (golang/go#75804).
FUZZ_TIME ?= 100000x
test-fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParseRange$$' -fuzztime $(FUZZ_TIME) ./internal/media/
	$(GO) test -run '^$$' -fuzz '^FuzzResolveID$$' -fuzztime $(FUZZ_TIME) ./internal/library/
	$(GO) test -run '^$$' -fuzz '^FuzzProbe$$' -fuzztime $(FUZZ_TIME) ./internal/probe/
	$(GO) test -run '^$$' -fuzz '^FuzzToVTT$$' -fuzztime $(FUZZ_TIME) ./internal/subtitles/
	$(GO) test -run '^$$' -fuzz '^FuzzTSKeyframes$$' -fuzztime $(FUZZ_TIME) ./internal/transcode/
	$(GO) test -run '^$$' -fuzz '^FuzzRead$$' -fuzztime $(FUZZ_TIME) ./internal/attachments/

# Type check, the import graph (no loops), unit tests of the pure modules,
# and the hand-typed Wails bindings (src/api/native.ts) against the ones
# Wails generates from the bound App.
test-frontend: frontend-deps
	cd frontend && npm run typecheck
	cd frontend && node scripts/imports.mjs
	cd frontend && npm run test:unit
	$(GO) tool wails generate module -tags $(TAGS)
	cd frontend && node scripts/check-bindings.mjs

test-videos:
	bash scripts/testvideos.sh $(VIDEOS) $(FORMATS)

# Browser tests: Playwright in Debian's Chromium against `reel serve`.
test-e2e: frontend-deps test-videos build
	cd frontend && REEL_BIN=../$(BIN) REEL_TEST_VIDEOS=../$(VIDEOS) npm run test:e2e

# The real window: WebKitGTK under Xvfb, driven with xdotool.
test-desktop: test-videos build
	mkdir -p $(ARTIFACTS)
	REEL_BIN=$(CURDIR)/$(BIN) REEL_TEST_VIDEOS=$(CURDIR)/$(VIDEOS) REEL_ARTIFACTS=$(CURDIR)/$(ARTIFACTS) \
		xvfb-run -a -s "-screen 0 1280x800x24" $(GO) test -tags desktop -count=1 -v -timeout 10m ./tests/desktop/

# Windows: the asset-server transport and its cap must always build.
cross:
	GOOS=windows GOARCH=amd64 $(GO) build -o /dev/null .
	GOOS=darwin GOARCH=arm64 $(GO) vet ./internal/...

# Packages (issue 12). A Debian version must start with a digit and sorts
# "~" before a release: the tag without its "v" (v1.2.0-3-gabc → 1.2.0+3.gabc),
# or, before the first tag, wails.json's version ~git.COMMIT (0.1.0~git.ca4cb1e).
# The Linux binary is built as a position-independent executable, as Debian
# builds its own (lintian: hardening-no-pie).
PRODUCT_VERSION := $(shell sed -n 's/.*"productVersion": *"\([^"]*\)".*/\1/p' wails.json)
DEB_VERSION := $(shell echo '$(VERSION)' | sed -E 's/^v([0-9])/\1/; t tagged; s/^/$(PRODUCT_VERSION)~git./; s/-/./g; b; :tagged; s/-/+/; s/-/./g')
DEB := dist/reel_$(DEB_VERSION)_amd64.deb
# The package's Maintainer and its copyright file's Upstream-Contact: the
# project's own name and address, as its commits carry them; no person.
MAINTAINER := Reel maintainers <maintainers@users.noreply.r-seed-0399a8c0.example>
WIN_INSTALLER := dist/reel-$(VERSION)-windows-amd64-installer.exe

# One after the other: both builds write frontend/dist.
package:
	$(MAKE) --no-print-directory package-deb
	$(MAKE) --no-print-directory package-windows
	@ls -l $(DEB) $(WIN_INSTALLER)

# nfpm is pinned in go.mod as a tool; build/linux/nfpm.yaml says what goes where.
# The copyright file comes from the About box's licence list (build/licenses),
# the changelog from the commits (build/linux/changelog.sh).
package-deb: build
	mkdir -p dist
	rm -rf dist/reel_*_amd64.deb dist/stage
	mkdir -p dist/stage
	strip --strip-unneeded -o dist/stage/libgstreel.so $(PLUGIN)
	gzip -9n < build/linux/reel.1 > dist/stage/reel.1.gz
	$(GO) run ./build/licenses -o dist/stage/licenses.json -copyright dist/stage/copyright -contact '$(MAINTAINER)'
	bash build/linux/changelog.sh '$(DEB_VERSION)' '$(MAINTAINER)' | gzip -9n > dist/stage/changelog.gz
	DEB_VERSION='$(DEB_VERSION)' DEB_MAINTAINER='$(MAINTAINER)' $(GO) tool nfpm package -f build/linux/nfpm.yaml -p deb -t $(DEB)

# Wails on Windows needs no cgo, so the Windows build cross-compiles here;
# Debian's nsis makes the installer. The licence list is the Windows
# binary's, then the Linux one's again for later builds.
package-windows: deps
	mkdir -p dist
	rm -f dist/reel-*-windows-amd64-installer.exe
	$(GO) run ./build/licenses -goos windows -o $(LICENSES)
	$(GO) tool wails build -platform windows/amd64 -nsis -skipbindings -ldflags "$(LDFLAGS)" -o reel.exe
	$(GO) run ./build/licenses -o $(LICENSES)
	cp build/bin/reel-amd64-installer.exe $(WIN_INSTALLER)

# The launcher entry and the software-centre metadata must pass the
# freedesktop validators.
test-linux-files:
	desktop-file-validate build/linux/reel.desktop
	appstreamcli validate --no-net build/linux/io.github.reel.Reel.metainfo.xml

# Build both packages, check the .deb with lintian (errors fail), install
# it as a user would, play a video in the installed reel through reel://
# under Xvfb (it must start by itself), and remove the package.
test-package: package test-videos
	lintian --fail-on error --tag-display-limit 0 $(DEB)
	@if dpkg-query -W -f='$${Status}' reel 2>/dev/null | grep -q "ok installed"; then \
		echo "reel is already installed from a package; test-package would replace it" >&2; exit 1; fi
	mkdir -p $(ARTIFACTS)
	$(GO) test -c -tags 'desktop package' -o dist/stage/package.test ./tests/desktop/
	start=$$(date +%s.%N); \
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends ./$(DEB) >/dev/null && \
	echo "apt-get install ./$(DEB): $$(awk "BEGIN { print $$(date +%s.%N) - $$start }") s" && \
	REEL_BIN=/usr/bin/reel REEL_BUILD_BIN=$(CURDIR)/$(BIN) REEL_INSTALL_START=$$start REEL_TEST_VIDEOS=$(CURDIR)/$(VIDEOS) REEL_ARTIFACTS=$(CURDIR)/$(ARTIFACTS) \
		xvfb-run -a -s "-screen 0 1280x800x24" dist/stage/package.test -test.v -test.count=1 -test.timeout 3m \
		-test.run '^TestInstalledPackage$$'; \
	rc=$$?; DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get remove -y -q reel >/dev/null; exit $$rc

# The icon's PNG and .ico renderings, from build/icon/reel.svg.
icons:
	bash build/icons.sh

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./internal/...

# The library in Chromium: 10,000 videos listed, painted and scrolled, vs
# net/http's FileServer listing of the same folder.
bench-ui: build frontend-deps
	REEL_BIN=$(CURDIR)/$(BIN) node bench/library-paint.mjs

# Issue 8's playback benchmark in the real window under Xvfb: frames shown,
# CPU while paused, controls latency and launch, against WebKitGTK's own
# MiniBrowser on a bare <video> page of the same clip, and 20 random seeks
# in the 5-hour file against mpv. mpv is needed here only, not by make test.
BENCH_APT_PACKAGES := mpv
bench-deps:
	@$(MAKE) --no-print-directory apt-deps APT_PACKAGES="$(APT_PACKAGES) $(BENCH_APT_PACKAGES)"

bench-playback: bench-deps test-videos build
	bash bench/playback/run.sh $(BIN) $(VIDEOS)

# Issue 8's launch alone: Reel onto the last folder (its first page kept)
# to the first listing painted, against MiniBrowser loading a one-line page,
# interleaved; REEL_BASELINE_BIN adds an earlier build.
bench-launch: test-videos build
	bash bench/launch.sh $(BIN) $(VIDEOS)

# Issue 12: `reel FILE` from the exec to the video moving on screen (x11grab)
# and to the page's 'playing', through reel:// and http://, against
# MiniBrowser autoplaying the same clip on a bare page.
bench-open: test-videos build
	bash bench/window.sh TestOpenFileBench $(BIN) $(VIDEOS)

# Issue 9: first frame on each rung, seeks in a remuxed and a transcoded
# 2 GB MKV, and the transcode's speed, each against a baseline in the run.
bench-transcode: build frontend-deps test-videos
	REEL_BIN=$(CURDIR)/$(BIN) node bench/transcode/bench.mjs

# Issue 10: frames shown and CPU while playing with ASS subtitles drawn by
# JASSUB, then CPU and display refresh wake-ups once paused, against the
# same clip without them, in the window; REEL_BASELINE_BIN adds an earlier
# build, REEL_BENCH_ROUNDS sets the rounds (2).
bench-ass: test-videos build
	bash bench/ass/run.sh $(BIN) $(VIDEOS)

clean:
	rm -rf dist build/bin frontend/dist/assets frontend/dist/index.html $(ARTIFACTS)
