#!/usr/bin/env bash
# Installs what scripts/python-baseline/baseline.py needs, the plain single-process Python baseline that
# `affect bench --python-baseline` compares the pipeline with. Idempotent. Prints the runtime the baseline will use.
#
# First choice, the guide's baseline: a virtualenv at target/python-baseline/venv (from the repository root) with
#   onnxruntime               the same ONNX Runtime the Java stages use, for all five models
#   numpy                     arrays for pre- and post-processing
#   opencv-python-headless    decoding, resizing, the rotated FaceMesh crop
# installed by the venv's pip from whatever package index or wheel folder pip is configured with. `bench` uses
# that venv's python when it exists.
#
# Fallback, when pip cannot install them (no index reachable, no wheel for this platform): Debian packages
# python3-opencv and python3-numpy for /usr/bin/python3 (apt-get; run as root or with sudo). The baseline then runs
# the vision models on OpenCV's dnn module and leaves Silero VAD out (OpenCV cannot load it); see docs/benchmarks.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/target/python-baseline/venv"
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
fi

apt_install() {  # apt_install PACKAGE...
    echo "install-python-baseline: installing Debian package(s) $*"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@"
}

if [ ! -x /usr/bin/python3 ]; then
    apt_install python3
fi

venv_ready() {
    [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import onnxruntime, numpy, cv2" >/dev/null 2>&1
}

try_venv() {
    if venv_ready; then
        echo "install-python-baseline: $VENV already has onnxruntime, numpy and OpenCV"
        return 0
    fi
    if ! /usr/bin/python3 -m venv --help >/dev/null 2>&1 || ! /usr/bin/python3 -c "import ensurepip" >/dev/null 2>&1; then
        apt_install python3-venv || return 1
    fi
    rm -rf "$VENV"
    mkdir -p "$(dirname "$VENV")"
    /usr/bin/python3 -m venv "$VENV" || return 1
    echo "install-python-baseline: pip install onnxruntime numpy opencv-python-headless into $VENV"
    "$VENV/bin/pip" install --quiet onnxruntime numpy opencv-python-headless || return 1
    venv_ready
}

if try_venv; then
    "$VENV/bin/python" -c "import onnxruntime as o, cv2, numpy as n; print('install-python-baseline: the baseline will' \
' use onnxruntime %s (CPUExecutionProvider) with OpenCV %s and numpy %s: %s' % (o.__version__, cv2.__version__, \
n.__version__, '$VENV/bin/python'))"
    exit 0
fi

echo "install-python-baseline: pip could not install onnxruntime, numpy and opencv-python-headless;" \
    "falling back to Debian's OpenCV for /usr/bin/python3"
rm -rf "$VENV"
/usr/bin/python3 -c "import numpy" >/dev/null 2>&1 || apt_install python3-numpy
/usr/bin/python3 -c "import cv2" >/dev/null 2>&1 || apt_install python3-opencv
/usr/bin/python3 -c "import cv2; print('install-python-baseline: the baseline will use OpenCV %s dnn' \
' (cv2.dnn.readNetFromONNX) for the vision models and leave Silero VAD out: /usr/bin/python3' % cv2.__version__)"
