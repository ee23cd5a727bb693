#!/usr/bin/env bash
# `make run`: start the control plane, apply the demo workload, stay in the foreground.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${MKPY_DATA:-.cache/demo}
PORT=${MKPY_PORT:-6443}
KUBECTL=$(command -v kubectl || echo .cache/tools/kubectl)
[ -x .cache/tools/kubectl ] && KUBECTL=.cache/tools/kubectl
mkdir -p "$DATA"
.venv/bin/mkpy server --data-dir "$DATA" --port "$PORT" &
SERVER=$!
trap 'kill -TERM $SERVER 2>/dev/null; wait $SERVER' EXIT INT TERM
for _ in $(seq 1 100); do
  if "$KUBECTL" --kubeconfig "$DATA/kubeconfig" get --raw /readyz >/dev/null 2>&1; then break; fi
  kill -0 $SERVER 2>/dev/null || { echo "mkpy server exited" >&2; exit 1; }
  sleep 0.2
done
"$KUBECTL" --kubeconfig "$DATA/kubeconfig" apply -f configs/demo.yaml
"$KUBECTL" --kubeconfig "$DATA/kubeconfig" get all -n demo
echo
echo "Cluster is up. In another shell:  export KUBECONFIG=$PWD/$DATA/kubeconfig; kubectl get all -n demo"
echo "Ctrl-C stops it."
wait $SERVER
