#!/usr/bin/env python3
# Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause
"""Time pip's own uninstall planning, in process, imports excluded:
UninstallPathSet.from_dist(dist) plus compress_for_rename of its paths.

    VENV/bin/python internal/bench/pip_plan.py PIP_SITE_DIR NAME ROUNDS

prints one JSON object: the number of paths and the best and median
seconds per round. Run it with the interpreter of the environment that holds
the distribution, and pip importable from PIP_SITE_DIR.
"""
import json, statistics, sys, time

sys.path.append(sys.argv[1])  # after the environment's own site-packages
from pip._internal.metadata import get_default_environment  # noqa: E402
from pip._internal.req.req_uninstall import UninstallPathSet, compress_for_rename  # noqa: E402

name, rounds = sys.argv[2], int(sys.argv[3])
times = []
for _ in range(rounds):
    start = time.perf_counter()
    dist = get_default_environment().get_distribution(name)
    paths = UninstallPathSet.from_dist(dist)
    moved = compress_for_rename(paths._paths)
    times.append(time.perf_counter() - start)
print(json.dumps({"paths": len(paths._paths), "moved": len(moved), "best": min(times), "median": statistics.median(times)}))
