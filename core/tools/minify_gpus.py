"""Build step: assets/gpus.json -> the compact form compiled into the library.

Keeps the figures and the sources of memory, bandwidth and throughput (shown in the page's tooltips); drops
notes and the other source texts, which stay in assets/gpus.json. Usage: python3 minify_gpus.py IN OUT
"""
import json
import sys

KEEP = ("id", "name", "vendor", "segment", "memory_gb", "memory_unit", "usable_memory_mib", "memory_type",
        "bandwidth_gb_s", "dense_tflops", "tdp_w", "launch_year", "price_usd", "price_kind", "price_date",
        "unified_memory", "cloud_usd_per_hour", "cloud_usd_per_hour_range", "cloud_providers", "cloud_price_date")
SOURCES = ("memory", "bandwidth", "tflops")

with open(sys.argv[1], encoding="utf-8") as f:
    catalog = json.load(f)
compact = []
for g in catalog["gpus"]:
    entry = {k: g[k] for k in KEEP if g.get(k) is not None}
    entry["sources"] = {k: v for k, v in (g.get("sources") or {}).items() if k in SOURCES and v}
    compact.append(entry)
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump({"gpus": compact}, f, separators=(",", ":"), ensure_ascii=False)
