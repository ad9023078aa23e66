#!/usr/bin/env bash
# Installs what scripts/python-baseline/baseline.py needs, the plain Python + OpenCV baseline that `affect bench
# --python-baseline` compares the pipeline with. Idempotent: modules the system Python already imports are left
# alone. Debian/Ubuntu (apt-get); run as root or with sudo.
#
#   python3-opencv  OpenCV 4.6 with its dnn module, the baseline's ONNX runtime (onnxruntime for Python is not
#                   packaged by Debian bookworm; see docs/benchmarks.md)
#   python3-numpy   arrays for pre- and post-processing
#
# The modules go to the system interpreter, /usr/bin/python3, which `bench --python` uses by default.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
fi

install_module() {  # install_module MODULE PACKAGE
    if /usr/bin/python3 -c "import $1" >/dev/null 2>&1; then
        echo "install-python-baseline: $1 already importable by /usr/bin/python3"
        return
    fi
    echo "install-python-baseline: installing $2"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$2"
}

if [ ! -x /usr/bin/python3 ]; then
    echo "install-python-baseline: installing python3"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends python3
fi
install_module numpy python3-numpy
install_module cv2 python3-opencv
