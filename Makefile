# HyCNN — set-up, demo and tests on Debian (run as root on a fresh machine); benchmarks: Benchmarks/README.md.
SHELL := /bin/bash
PACKAGES := libglpk-dev libsuitesparse-dev liblapack-dev liblapacke-dev libopenblas-dev zlib1g-dev
# For the tests only: glpsol, GLPK's own LP-format reader, cross-checks our LP writer.
TEST_PACKAGES := glpk-utils
SWIFT_BUILD_FLAGS ?=
DEMO := Problems/dispatch
HYCNN := .build/release/hycnn

.PHONY: all deps test-deps build demo single-cell test clean

all: build

# Install only the system packages that are missing (apt-get update first, once).
define install_missing
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
endef

deps:
	$(call install_missing,$(PACKAGES))

test-deps:
	$(call install_missing,$(PACKAGES) $(TEST_PACKAGES))

build: deps
	swift build -c release --product hycnn $(SWIFT_BUILD_FLAGS)

# The main job: learn six generators' fuel-cost curves from noisy samples, then dispatch
# 189.2 MW at minimum learned cost exactly (an LP), with certificates and a plot.
demo: build
	@set -o pipefail; for g in 1 2 3 4 5 6; do \
	  echo "fitting generator $$g: HyCNN 32x3 on $(DEMO)/g$$g.csv"; \
	  $(HYCNN) fit $(DEMO)/g$$g.csv --target cost --widths 32x3 --epochs 2000 --batch 100 \
	    --validation 0.2 --cosine --seed 0 --quiet -o $(DEMO)/g$$g.model.json | grep -E "validation|convexity" || exit 1; \
	done
	$(HYCNN) minimize $(DEMO)/dispatch.json --svg $(DEMO)/dispatch.svg

# Real single-cell RNA-seq (Problems/single-cell): learn the transport map from the cells of
# each time point to the next, fitted on 70 % of the later cells, and compare its pushforward
# with the 30 % held out, beside no map and the linear and entropic maps; pictures of the first
# two components go to .build/single-cell/.
SINGLE_CELL := Problems/single-cell
single-cell: build
	@mkdir -p .build/single-cell
	@set -o pipefail; for pair in 0h:24h 24h:48h 48h:72h; do \
	  from=$${pair%%:*}; to=$${pair##*:}; \
	  echo "== cells at $$from -> cells at $$to (HyCNN 48x4, 1000 iterations)"; \
	  $(HYCNN) ot-map train $(SINGLE_CELL)/cells_$$from.csv $(SINGLE_CELL)/cells_$$to.csv --holdout 0.3 --seed 0 --quiet \
	    -o .build/single-cell/map_$${from}_$${to}.json --svg .build/single-cell/map_$${from}_$${to}.svg \
	    | grep -v -E "^  (gate|layer|convex:)" || exit 1; \
	done

test: test-deps
	swift test $(SWIFT_BUILD_FLAGS)

clean:
	rm -rf .build
