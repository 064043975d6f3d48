#!/usr/bin/env python3
"""The core's layers (core/src/<layer>/) may include only the headers of the layers below them.

The table is core/CMakeLists.txt's VRAMFIT_LAYERS (one source for the build and this check). A public header
(core/include/vramfit/x.h) belongs to the layer whose folder holds x.cpp (or, for header-only ones, to the
layer named in HEADER_ONLY); a private header (core/src/<layer>/y.h) to its folder. Exits non-zero, naming each
include that points up or sideways.
"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
cmake = (root / "core/CMakeLists.txt").read_text()
table = re.search(r"set\(VRAMFIT_LAYERS\s+(.*?)\)", cmake, re.S).group(1)
allowed = {}
for entry in re.findall(r'"([a-z]+):([a-z ]*)"', table):
    allowed[entry[0]] = set(entry[1].split())
src = root / "core/src"
# Header-only public headers: plain data and the shared vocabulary every layer may use.
HEADER_ONLY = {"blob": "base", "blob_fields": "codec", "diagnostics": "base", "units": "base", "model": "model", "import": "model", "api_json": "codec",
               "share_link": "codec", "resolve": "scenario", "scenario": "scenario", "analysis": "analysis",
               "export": "codec", "reference": "tools", "reference_report": "tools", "engine_log_report": "tools", "gguf_writer": "tools",
               "accuracy": "analysis", "format": "base"}
owner = dict(HEADER_ONLY)
for cpp in src.glob("*/*.cpp"):
    owner.setdefault(cpp.stem, cpp.parent.name)
bad = []
# Public headers belong to their layer too (a header of a lower layer may not include one of a higher).
files = [(p, p.parent.name) for p in sorted(src.glob("*/*"))]
for header in sorted((root / "core/include/vramfit").glob("*.h")):
    files.append((header, owner.get(header.stem, "?")))
for path, layer in files:
    if layer == "tools":
        continue  # tooling beside the core may use all of it
    if layer not in allowed:
        bad.append(f"{path}: {layer} is not a layer of VRAMFIT_LAYERS")
        continue
    for line_no, line in enumerate(path.read_text().splitlines(), 1):
        m = re.match(r'#include "(?:vramfit/)?([a-z_/]+)\.h"', line)
        if not m:
            continue
        name = m.group(1)
        if "/" in name:
            target = name.split("/")[0]
        elif name in owner:
            target = owner[name]
        else:
            bad.append(f"{path}:{line_no}: {name}.h belongs to no layer")
            continue
        if target != layer and target not in allowed[layer]:
            bad.append(f"{path}:{line_no}: the {layer} layer includes {name}.h of the {target} layer")
for b in bad:
    print(b)
print(f"layering: {len(files)} files (sources and public headers) in {len(allowed)} layers, {len(bad)} problems")
sys.exit(1 if bad else 0)
