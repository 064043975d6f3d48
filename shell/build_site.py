"""Finishes the static site after the wasm is linked (run by CMake): the page with its Content-Security-Policy,
start-up script, web manifest, icons, and a service worker whose version is the hash of every file it caches,
so an update replaces the whole set.

Usage: python3 build_site.py SHELL_DIR SITE_DIR [PUBLIC_URL]
PUBLIC_URL (e.g. https://example.org/vramfit/) makes og:url and og:image absolute, as link previews want.
"""
import base64
import hashlib
import json
import shutil
import struct
import sys
import zlib
from pathlib import Path

# Everything from the page's own origin; WebAssembly compiled from our own file ('wasm-unsafe-eval' allows
# WebAssembly.instantiate, not JS eval); the one inline <style> by its hash; blob: and data: images for
# exported PNGs; data: fetches for the API module, whose wasm is inlined (Emscripten reads it with fetch
# first). frame-ancestors cannot be set from a meta tag: embeds in other sites' pages are wanted anyway.
# connect-src: the Hugging Face reader (on request only) talks to the Hub's own domains, huggingface.co and the
# file hosts its downloads redirect to, all under huggingface.co and hf.co (huggingface/hub-docs PR #2628, 2026-07:
# cdn-lfs*.hf.co, cas-bridge.xethub.hf.co, us.aws.cdn.hf.co, ...; they move, so the two domains, not a list).
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' '{style_hash}'; "
       "img-src 'self' data: blob:; font-src 'self'; connect-src 'self' data: https://huggingface.co https://*.huggingface.co https://*.hf.co; worker-src 'self'; manifest-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'none'")

ACCENT = (0, 114, 178)        # the page's accent (Okabe-Ito blue)
BARS = [(230, 159, 0), (0, 158, 115), (255, 255, 255)]


def png(width, height, pixel):
    """A PNG from pixel(x, y) -> (r, g, b, a); no imaging library needed."""
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))
    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def icon(size):
    """A rounded square in the accent colour holding a stacked memory bar and a capacity line."""
    r = size * 0.22
    def inside_rounded(x, y):
        cx = min(max(x, r), size - r)
        cy = min(max(y, r), size - r)
        return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
    x0, x1 = size * 0.2, size * 0.8
    y0, y1 = size * 0.42, size * 0.58
    stops = [x0 + (x1 - x0) * f for f in (0.0, 0.5, 0.72, 0.84)]
    cap = size * 0.74
    def pixel(x, y):
        px, py = x + 0.5, y + 0.5
        if not inside_rounded(px, py):
            return (0, 0, 0, 0)
        if abs(px - cap) < size * 0.02 and size * 0.34 < py < size * 0.66:
            return (255, 255, 255, 255)
        if y0 <= py <= y1 and x0 <= px <= stops[3]:
            for i in range(3):
                if stops[i] <= px < stops[i + 1]:
                    return BARS[i] + (255,)
        if y0 <= py <= y1 and stops[3] < px <= x1:
            return (255, 255, 255, 90)
        return ACCENT + (255,)
    return png(size, size, pixel)


def main(shell_dir, site_dir, public_url=""):
    shell, site = Path(shell_dir), Path(site_dir)
    html = (shell / "index.html").read_text(encoding="utf-8")
    style = html[html.index("<style>") + len("<style>"):html.index("</style>")]
    style_hash = "sha256-" + base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode()
    html = html.replace("@CSP@", CSP.format(style_hash=style_hash))
    html = html.replace("@PUBLIC_URL@", public_url)
    html = html.replace("@OG_URL@", f'<meta property="og:url" content="{public_url}">\n' if public_url else "")
    (site / "index.html").write_text(html, encoding="utf-8")
    shutil.copyfile(shell / "boot.js", site / "boot.js")
    # The Hugging Face reader, fetched on the user's first read (web/platform/browser_import.cpp).
    (site / "import").mkdir(exist_ok=True)
    shutil.copyfile(shell / "hub.js", site / "import" / "hub.js")
    # The file glue, fetched on the first import, fit, export or Hub read (web/platform/browser_import.cpp).
    shutil.copyfile(shell / "files.js", site / "import" / "files.js")
    # The accuracy report the page links to beside every estimate ("how far from measurements").
    shutil.copyfile(shell.parent / "docs" / "accuracy.md", site / "accuracy.md")
    for size in (180, 192, 512):
        (site / f"icon-{size}.png").write_bytes(icon(size))
    manifest = {
        "name": "vramfit: GPU memory for LLMs", "short_name": "vramfit",
        "description": "How much GPU memory does this LLM need? Inference and fine-tuning, every number explained.",
        "start_url": "./", "scope": "./", "display": "standalone",
        "background_color": "#fafafc", "theme_color": "#0072b2",
        "icons": [{"src": f"icon-{s}.png", "sizes": f"{s}x{s}", "type": "image/png", "purpose": "any"} for s in (192, 512)],
    }
    (site / "manifest.webmanifest").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    # The service worker: the page's own files (not the API module, which pages never load), versioned by content.
    files = ["index.html", "boot.js", "vramfit.js", "vramfit.wasm", "manifest.webmanifest",
             "icon-180.png", "icon-192.png", "icon-512.png"]
    # The version also covers what is fetched later and kept once fetched (the Chinese font and strings), so that
    # a build that changes only those still replaces the cached copies.
    # The import module (the file readers), fetched on the first import, and the Hub reader are among them.
    lazy = ["fonts/noto-sans-sc-vramfit.otf", "lang/zh-CN.bin", "import/vramfit-import.js", "import/vramfit-import.wasm",
            "import/hub.js", "import/files.js"]
    digest = hashlib.sha256()
    for name in files + lazy:
        digest.update(name.encode() + b"\0" + (site / name).read_bytes())
    sw = (shell / "sw.js").read_text(encoding="utf-8")
    sw = sw.replace("@VERSION@", digest.hexdigest()[:16]).replace("@FILES@", json.dumps(["./"] + files))
    (site / "sw.js").write_text(sw, encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
