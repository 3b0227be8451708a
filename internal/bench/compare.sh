#!/usr/bin/env bash
# Times pep668 against pip on this machine, in one run, and prints the ratios.
# Needs Debian's python3.11 and pyenv's CPython 3.11 with pip and cfn-lint.
#   internal/bench/compare.sh [-rounds N] [-pip-head DIR] [-only check-plan|process|memory|scan] [-image FILE]
# -pip-head names pip's source (the src directory of a checkout of pypa/pip) to time pip HEAD too.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
bin=$dir/pep668
go build -o "$bin" ./examples/pep668
# The floor of a whole process: a Go program that does nothing.
printf 'package main\n\nfunc main() {}\n' > "$dir/noop.go"
(cd "$dir" && go mod init noop >/dev/null 2>&1 && go build -o noop .)
go build -o "$dir/compare" ./internal/bench/compare
"$dir/compare" -pep668 "$bin" -noop "$dir/noop" "$@"
echo
echo "machine: $(nproc) cores, $(go version | cut -d' ' -f3-4), $(uname -sr)"
