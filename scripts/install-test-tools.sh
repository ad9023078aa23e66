#!/usr/bin/env bash
# Installs the command-line tools some tests need and a fresh machine lacks. Idempotent: a tool already on
# the PATH is left alone. Debian/Ubuntu (apt-get); run as root or with sudo.
#
#   espeak-ng  speaks text to WAV: the audio stage's calm-vs-excited speech test (AudioSpeechArousalTest)
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
fi

install_pkg() {  # install_pkg COMMAND PACKAGE
    if command -v "$1" >/dev/null 2>&1; then
        echo "install-test-tools: $1 already installed ($(command -v "$1"))"
        return
    fi
    echo "install-test-tools: installing $2"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$2"
}

install_pkg espeak-ng espeak-ng
