# HyCNN — set-up, demo, tests and benchmarks on Debian (run as root on a fresh machine).
SHELL := /bin/bash
PACKAGES := libglpk-dev liblapack-dev liblapacke-dev libopenblas-dev zlib1g-dev
SWIFT_BUILD_FLAGS ?=
DEMO_PROBLEM := Problems/production/production.mps

.PHONY: all deps build demo test bench clean

all: build

# Install only the system packages that are missing (apt-get update first, once).
deps:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	swift build -c release --product hycnn $(SWIFT_BUILD_FLAGS)

# The main job on the shipped default problem.
demo: build
	.build/release/hycnn solve $(DEMO_PROBLEM)

test: deps
	swift test $(SWIFT_BUILD_FLAGS)

clean:
	rm -rf .build
