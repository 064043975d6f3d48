"""Build step: assets/models.json -> the compact form compiled into the library.

Drops the research notes and long source texts (they stay in assets/models.json for readers and tests that
need them), keeps what the estimator and the picker use. Usage: python3 minify_presets.py IN OUT
"""
import json
import sys

KEEP = ("id", "name", "family", "kind", "official_params", "official_params_exact", "official_params_precision",
        "official_params_not_resident", "config")

with open(sys.argv[1], encoding="utf-8") as f:
    presets = json.load(f)
compact = [{k: p[k] for k in KEEP if k in p} for p in presets]
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(compact, f, separators=(",", ":"), ensure_ascii=False)
