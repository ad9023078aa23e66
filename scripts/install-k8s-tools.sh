#!/usr/bin/env bash
# Makes sure a kubectl with built-in kustomize is on PATH: the k8s module's test (K8sManifestsTest) renders
# the overlays with `kubectl kustomize`. Does nothing when such a kubectl is already there (any version with
# the kustomize subcommand, 1.14+). Otherwise installs Debian's `kubernetes-client` package (kubectl 1.20,
# kustomize v2.0 built in; the manifests are written to render with it as well as with current kustomize).
#
# Needs root (or passwordless sudo) and apt-get when it has to install. Run by the k8s module's build before its tests (exec-maven-plugin).
set -euo pipefail

has_kustomize() {
  command -v kubectl >/dev/null 2>&1 && kubectl kustomize --help >/dev/null 2>&1
}

if has_kustomize; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-k8s-tools: no kubectl with 'kustomize' on PATH and no apt-get to install one." >&2
  echo "install-k8s-tools: install kubectl 1.14 or newer by hand (or set AFFECT_KUBECTL for the test)." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root="sudo -n"
else
  echo "install-k8s-tools: kubectl is missing and installing it needs root: run this script as root." >&2
  exit 1
fi

echo "install-k8s-tools: installing Debian's kubernetes-client (kubectl with built-in kustomize)" >&2
$as_root apt-get update -qq
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends kubernetes-client >/dev/null
hash -r

if ! has_kustomize; then
  echo "install-k8s-tools: installed kubernetes-client, but 'kubectl kustomize' still does not work." >&2
  exit 1
fi
echo "install-k8s-tools: $(command -v kubectl) ready" >&2
