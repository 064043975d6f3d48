#!/usr/bin/env python3
"""Writes the cloud rental prices of docs/research_cloud_prices.json into assets/gpus.json.

Per GPU: the median over providers of each provider's median on-demand price per GPU-hour (so that a provider with
many offerings counts once), the range of every figure, the number of providers and the latest date. The figures,
their URLs and how each was read are in the research file; assets/gpus.json names it in sources.cloud_price.
Run from the repository root: python3 scripts/cloud_prices.py
"""
import json
import statistics
from collections import defaultdict
from pathlib import Path

root = Path(__file__).resolve().parent.parent
research = json.loads((root / "docs" / "research_cloud_prices.json").read_text(encoding="utf-8"))
catalog_path = root / "assets" / "gpus.json"
catalog = json.loads(catalog_path.read_text(encoding="utf-8"))

by_gpu = defaultdict(lambda: defaultdict(list))
dates = defaultdict(list)
for p in research["prices"]:
    by_gpu[p["gpu"]][p["provider"]].append(float(p["usd_per_gpu_hour"]))
    dates[p["gpu"]].append(p["date"])

ids = {g["id"] for g in catalog["gpus"]}
unknown = sorted(set(by_gpu) - ids)
if unknown:
    raise SystemExit(f"research prices name GPUs the catalog lacks: {unknown}")

for g in catalog["gpus"]:
    for key in ("cloud_usd_per_hour", "cloud_usd_per_hour_range", "cloud_providers", "cloud_price_date"):
        g.pop(key, None)
    g.get("sources", {}).pop("cloud_price", None)
    providers = by_gpu.get(g["id"])
    if not providers:
        continue
    medians = [statistics.median(v) for v in providers.values()]
    every = [x for v in providers.values() for x in v]
    g["cloud_usd_per_hour"] = round(statistics.median(medians), 2)
    g["cloud_usd_per_hour_range"] = [round(min(every), 2), round(max(every), 2)]
    g["cloud_providers"] = len(providers)
    g["cloud_price_date"] = max(dates[g["id"]])[:7]
    g.setdefault("sources", {})["cloud_price"] = (
        "median over providers of each provider's median on-demand USD per GPU-hour (" + ", ".join(sorted(providers)) +
        "); figures, dates and URLs in docs/research_cloud_prices.json (collected " + research["collected"] + ")")

catalog_path.write_text(json.dumps(catalog, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
print(f"cloud prices for {sum(1 for g in catalog['gpus'] if 'cloud_usd_per_hour' in g)} GPUs")
