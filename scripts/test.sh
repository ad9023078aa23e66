#!/usr/bin/env bash
# The project's test command (README, and .ci/run on a clean clone): installs the two system tools some
# tests need when they are missing (espeak-ng for the speech test, kubectl with kustomize for the manifest
# test; Debian apt-get, as root), then builds and runs the unit tests and the broker-backed integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-tools.sh
scripts/install-k8s-tools.sh
exec mvn -B -ntp verify "$@"
