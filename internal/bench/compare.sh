#!/usr/bin/env bash
# Times pep668 against pip on this machine, in one run, and prints the ratios.
# Needs Debian's python3.11 and pyenv's CPython 3.11 with pip and cfn-lint.
#   internal/bench/compare.sh [-rounds N]
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(mktemp -d)/pep668
trap 'rm -rf "$(dirname "$bin")"' EXIT
go build -o "$bin" ./examples/pep668
go run ./internal/bench/compare -pep668 "$bin" "$@"
echo
echo "machine: $(nproc) cores, $(go version | cut -d' ' -f3-4), $(uname -sr)"
