"""Build step: assets/accuracy.json (written by vramfit report --all) -> the compact form compiled into the
library: per engine, the case count and the median / p90 absolute error the page shows beside its estimate.
Usage: python3 minify_accuracy.py IN OUT
"""
import json
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    summary = json.load(f)
compact = {name: {k: e[k] for k in ("cases", "median_abs_pct", "p90_abs_pct")} for name, e in summary["engines"].items()}
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(compact, f, separators=(",", ":"), sort_keys=True)
