"""vramfit for Python: how much GPU memory (and host RAM) an LLM needs, for inference and fine-tuning.

The same C++ core as the page, the command line and the JS API, and the same JSON: every function here returns
what the JS API function of the same name returns (web/api/vramfit.mjs), as a dict. Nothing leaves the machine.

    import vramfit
    r = vramfit.estimate({"model": "meta-llama/Meta-Llama-3.1-8B", "weights": "Q4_K_M", "gpu": "rtx-4090"})
    r["fits"], r["devices"][0]["total_bytes"]     # in a notebook, `r` shows the breakdown as a table and bars

A bad request never raises: it returns {"ok": False, "errors": [{"code", "severity", "field", "message"}]}.
Only a wrong Python type (a number where a dict or a string belongs) raises TypeError.
"""
from __future__ import annotations

import json
import os
from typing import Any, Mapping, Union

from . import _vramfit as _core
from ._html import result_html

__all__ = ["API_VERSION", "Result", "estimate", "export", "encode_link", "decode_link", "estimate_link",
           "what_fits", "analyze", "fit", "gpus", "models", "inspect_file", "inspect_parts", "read_log",
           "language"]

API_VERSION: int = _core.api_version
#: The language of the notebook view: "en" or "zh-CN" (the figures and the JSON do not change).
language = "en"

Link = Union[str, Mapping[str, Any]]


class Result(dict):
    """A result: a plain dict (exactly the JS API's object) that a notebook shows as a table and bars."""

    def _repr_html_(self) -> str:
        return result_html(self, language)


def _result(text: str) -> Result:
    return Result(json.loads(text))


def _json_text(value: Any, what: str) -> str:
    if isinstance(value, str):
        return value  # already JSON: passed as written, so a malformed one gets the core's message
    if not isinstance(value, Mapping):
        raise TypeError(f"{what} must be a dict (or JSON text), not {type(value).__name__}")
    return json.dumps(value, allow_nan=True)


def _link(link: Link) -> Union[str, Result]:
    """A link, "?query" or "#fragment" as given; a dict of page fields (decode_link's "config") encoded first."""
    if isinstance(link, str):
        return link
    encoded = _result(_core.share_encode_json(_json_text(link, "a configuration")))
    if not encoded.get("ok"):
        return encoded
    return "?" + encoded["query"]


def _on_link(function, link: Link, *more: str) -> Result:
    query = _link(link)
    if isinstance(query, Result):
        return query
    return _result(function(query, *more))


def estimate(request: Union[Mapping[str, Any], str]) -> Result:
    """The estimate for a request (README: "Request"): JS estimate()."""
    return _result(_core.estimate_json(_json_text(request, "the request")))


def export(request: Union[Mapping[str, Any], str], format: str = "markdown") -> Result:
    """The result as text: "markdown", "csv", "table" or "json"; {ok, format, text}. JS exportResult()."""
    return _result(_core.export_json(_json_text(request, "the request"), str(format)))


def decode_link(link: str) -> Result:
    """What a page link holds: {config, diagnostics}. Takes a URL, "?query" or "#fragment". JS decodeLink()."""
    return _result(_core.share_decode_json(str(link)))


def encode_link(config: Mapping[str, Any]) -> Result:
    """A page configuration (fields as decode_link gives them; missing ones default) as {query, diagnostics}."""
    return _result(_core.share_encode_json(_json_text(config, "the configuration")))


def estimate_link(link: Link) -> Result:
    """The estimate the page shows for a link (or a dict of page fields). JS estimateLink()."""
    return _on_link(_core.estimate_link_json, link)


def what_fits(link: Link) -> Result:
    """Which GPUs of the catalog hold the configuration, on 1, 2, 4 or 8 of them. JS whatFits()."""
    return _on_link(_core.what_fits_link_json, link)


def analyze(link: Link) -> Result:
    """Everything the page shows: the estimate, formats side by side, limits, sweeps, every GPU's fit and the
    launch lines. JS analyzeLink()."""
    return _on_link(_core.analyze_link_json, link)


def fit(link: Link, goal: str = "quality") -> Result:
    """Fit mode: the best settings for the hardware towards "quality", "context", "sequences" or "speed", the
    runners-up with why they lost, and the command. JS fitLink()."""
    return _on_link(_core.fit_link_json, link, str(goal))


def gpus() -> Result:
    """The GPU catalog: {items: [{id, name, memory_bytes, bandwidth_gb_s, ...}]}."""
    return _result(_core.catalog_json("gpus"))


def models() -> Result:
    """The model presets: {items: [{id, name, params_total, ...}]}."""
    return _result(_core.catalog_json("models"))


def read_log(text: str) -> Result:
    """What an engine's start-up log says (vLLM today): settings, what the engine measured, lines read. JS readLog()."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    return _result(_core.read_log_json(str(text)))


def inspect_file(file: Union[str, os.PathLike, bytes]) -> Result:
    """What a GGUF / safetensors / index / config.json file holds, reading only the header it needs (a path), or
    from bytes held in memory (the file's first bytes; then the result may ask for more)."""
    if isinstance(file, (bytes, bytearray, memoryview)):
        data = bytes(file)
        return _result(_core.inspect_file_json(data, float(len(data))))
    return _header(file)[2]


def _header(file) -> tuple:
    """(the start of the file its header needs, the file's size, what inspect_file_json says of it)."""
    path = os.fspath(file)
    size = os.path.getsize(path)
    want = _core.first_read_bytes
    with open(path, "rb") as f:
        for _ in range(16):  # as the command line: the result names how many bytes it needs next
            f.seek(0)
            prefix = f.read(int(min(want, size)))
            result = _result(_core.inspect_file_json(prefix, float(size)))
            if result.get("status") != "need_more_bytes":
                break
            want = result["bytes_needed"]
    return prefix, float(size), result


def inspect_parts(files) -> Result:
    """The parts of a split GGUF (name-00001-of-00003.gguf ...), paths in order, read as one model (the command
    line's `vramfit inspect PART...`); only each part's header is read."""
    if isinstance(files, (str, bytes, os.PathLike)):
        raise TypeError("inspect_parts takes a list of paths, in order")
    parts = [_header(f)[:2] for f in files]
    return _result(_core.inspect_gguf_parts_json(parts))
