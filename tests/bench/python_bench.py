"""Benchmark of the Python package (core/python): what a call costs through Python (JSON text in, a dict out) next
to the core's own time for the same request, and the size of the module. Prints figures; never fails on them.
Run by scripts/test.sh's benchmarks stage with the environment the package is installed in."""
import json
import os
import time

import vramfit
from vramfit import _vramfit as core

REQUEST = {"model": "meta-llama/Meta-Llama-3.1-8B", "weights": "Q4_K_M", "context": 8192, "gpu": "rtx-4090"}
LINK = "?v=1&m=Qwen/Qwen3-8B&ctx=32768"


def per_call_us(function, n):
    function()  # warm
    t0 = time.perf_counter()
    for _ in range(n):
        function()
    return (time.perf_counter() - t0) / n * 1e6


text = json.dumps(REQUEST)
rows = [
    ("estimate (llama.cpp, Llama 3.1 8B): core JSON text", per_call_us(lambda: core.estimate_json(text), 2000)),
    ("estimate: vramfit.estimate(dict) -> dict", per_call_us(lambda: vramfit.estimate(REQUEST), 2000)),
    ("analyze (everything the page shows): vramfit.analyze(link)", per_call_us(lambda: vramfit.analyze(LINK), 20)),
    ("what fits (129 GPUs): vramfit.what_fits(link)", per_call_us(lambda: vramfit.what_fits(LINK), 50)),
    ("notebook view: Result._repr_html_()", per_call_us(lambda: vramfit.estimate(REQUEST)._repr_html_(), 500)),
]
print("python package benchmark (one core, this machine):")
for name, us in rows:
    print(f"  {name}: {us:.1f} us")
print(f"  module size: {os.path.getsize(core.__file__) / 1e3:.0f} KB ({os.path.basename(core.__file__)})")
