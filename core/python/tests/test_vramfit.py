"""The Python package against the JS API and the command line: same JSON, byte for byte, from the same core.

Run: python -m pytest core/python/tests (scripts/test.sh does, with VRAMFIT_CLI and VRAMFIT_API_CORE set; when a
variable is set, the file it names must exist: the comparison is never skipped in CI).
"""
import json
import os
import re
import subprocess
import threading
from pathlib import Path

import pytest

import vramfit
from vramfit import _vramfit as core
from vramfit._html import COMPONENTS, result_html

ROOT = Path(__file__).resolve().parents[3]
CLI = os.environ.get("VRAMFIT_CLI")
API_CORE = os.environ.get("VRAMFIT_API_CORE")
HF_CONFIG = ROOT / "tests" / "data" / "hf_configs" / "Qwen__Qwen3-8B.json"

REQUESTS = [
    {"model": "meta-llama/Meta-Llama-3.1-8B", "weights": "Q4_K_M", "context": 8192, "gpu": "rtx-4090"},
    {"model": "Qwen/Qwen3-30B-A3B", "engine": "vllm", "weights": "bf16", "context": 32768, "gpu": {"id": "h100-sxm"}},
    {"job": "training", "model": "meta-llama/Meta-Llama-3.1-8B", "method": "qlora", "micro_batch": 2, "seq_len": 2048},
    {"params": 7e9, "format": "nf4-dq"},
    {"model": "no/such-model"},
    {"model": "meta-llama/Meta-Llama-3.1-8B", "gpu": "gtx-9999"},
]
LINKS = ["?v=1&m=Qwen/Qwen3-8B&ctx=32768", "v=1&job=training&tm=qlora&m=meta-llama/Meta-Llama-3.1-70B",
         "?v=1&m=Qwen/Qwen3-30B-A3B&gpu=rtx-4060&ncmoe=40", "https://example.org/#v=1&e=vllm&m=Qwen/Qwen3-8B&n=2",
         "?v=1&n=100&mem=0.5&pt=2000000&nt=0", "?v=9&m=%ZZ&ctx=-1"]
VLLM_LOG = """INFO 05-01 10:00:00 [__init__.py:239] Automatically detected platform cuda.
INFO 05-01 10:00:05 [api_server.py:1043] vLLM API server version 0.9.1
INFO 05-01 10:00:30 [gpu_worker.py:232] Available KV cache memory: 61.03 GiB
INFO 05-01 10:00:30 [kv_cache_utils.py:716] GPU KV cache size: 444,400 tokens
"""


def required(path, what):
    if path is None:
        pytest.skip(f"{what} not given (scripts/test.sh sets it)")
    assert Path(path).exists(), f"{what} {path} does not exist"
    return path


def cli(*args, stdin=None):
    out = subprocess.run([required(CLI, "VRAMFIT_CLI"), *args], input=stdin, capture_output=True, check=False)
    return out.stdout.decode().rstrip("\n")


# --- the same bytes as the command line ---------------------------------------------------------------------

@pytest.mark.parametrize("request_obj", REQUESTS, ids=lambda r: r.get("model", r.get("params", "")).__str__())
def test_estimate_is_the_command_lines_json(request_obj):
    text = json.dumps(request_obj)
    assert core.estimate_json(text) == cli("-", stdin=text.encode())
    assert vramfit.estimate(request_obj) == json.loads(cli("-", stdin=text.encode()))


def test_links_analysis_and_fit_are_the_command_lines_json():
    q = LINKS[0]
    assert core.estimate_link_json(q) == cli("--link", q)
    assert core.analyze_link_json(q) == cli("--link", q, "--analysis")
    assert core.what_fits_link_json(q) == cli("--link", q, "--fits")
    fit = cli("--link", LINKS[2], "--fit", "context").split("\n")[0]
    assert core.fit_link_json(LINKS[2], "context") == fit


def test_inspect_file_reads_a_config_as_the_command_line_does():
    r = vramfit.inspect_file(HF_CONFIG)
    assert r["ok"] is True
    assert json.dumps(r, sort_keys=True) == json.dumps(json.loads(cli("inspect", str(HF_CONFIG))), sort_keys=True)
    # The same file's bytes in memory give the same answer.
    assert vramfit.inspect_file(HF_CONFIG.read_bytes()) == r


TINY_CONFIG = {"model_type": "llama", "hidden_size": 64, "num_hidden_layers": 2, "num_attention_heads": 4,
               "num_key_value_heads": 2, "intermediate_size": 128, "vocab_size": 32, "max_position_embeddings": 256,
               "torch_dtype": "bfloat16"}


def split_gguf(tmp_path, parts):
    """A tiny model written as a split GGUF by the command line (gguf --parts): the part paths, in order."""
    config = tmp_path / "tiny.json"
    config.write_text(json.dumps(TINY_CONFIG))
    cli("gguf", str(config), "Q8_0", str(tmp_path / "tiny.gguf"), "--parts", str(parts))
    return [tmp_path / f"tiny-{k:05d}-of-{parts:05d}.gguf" for k in range(1, parts + 1)]


def test_inspect_parts_reads_a_split_gguf_as_the_command_line_does(tmp_path):
    paths = split_gguf(tmp_path, 2)
    r = vramfit.inspect_parts(paths)
    assert r["ok"] is True and r["parts"] == 2
    assert json.dumps(r, sort_keys=True) == json.dumps(json.loads(cli("inspect", *map(str, paths))), sort_keys=True)
    # Out of order: refused, with the reason.
    bad = vramfit.inspect_parts(list(reversed(paths)))
    assert bad["ok"] is False and bad["diagnostics"][0]["code"] == "gguf.split_mismatch"
    with pytest.raises(TypeError):
        vramfit.inspect_parts(str(paths[0]))


# --- the same bytes as the JS API (the wasm build of the same core) ------------------------------------------

def test_every_function_gives_the_js_apis_bytes(tmp_path):
    api_core = required(API_CORE, "VRAMFIT_API_CORE")
    config_bytes = list(HF_CONFIG.read_bytes())
    calls = []  # (JS name, Python function, arguments)
    for r in REQUESTS + [{"model": 42}, {"checkpointing": "ful"}]:
        calls.append(("estimateJson", core.estimate_json, [json.dumps(r)]))
    calls.append(("estimateJson", core.estimate_json, ["{not json"]))
    for fmt in ("markdown", "csv", "table", "json", "yaml"):
        calls.append(("exportJson", core.export_json, [json.dumps(REQUESTS[0]), fmt]))
    for link in LINKS:
        calls += [("shareDecodeJson", core.share_decode_json, [link]),
                  ("estimateLinkJson", core.estimate_link_json, [link]),
                  ("whatFitsLinkJson", core.what_fits_link_json, [link]),
                  ("analyzeLinkJson", core.analyze_link_json, [link])]
    for goal in ("quality", "context", "sequences", "speed", "cheapest"):
        calls.append(("fitLinkJson", core.fit_link_json, [LINKS[2], goal]))
    calls += [("shareEncodeJson", core.share_encode_json, [json.dumps({"model": "Qwen/Qwen3-8B", "gpu_count": 2})]),
              ("shareEncodeJson", core.share_encode_json, ["[1,2]"]),
              ("catalogJson", core.catalog_json, ["gpus"]), ("catalogJson", core.catalog_json, ["models"]),
              ("catalogJson", core.catalog_json, ["nothing"]),
              ("readLogJson", core.read_log_json, [VLLM_LOG]), ("readLogJson", core.read_log_json, ["\x00\xff garbage"])]
    js_calls = [[name, *args] for name, _, args in calls]
    js_calls.append(["inspectFileJson", {"bytes": config_bytes}, len(config_bytes)])
    parts = [(p.read_bytes()[:4096], float(p.stat().st_size)) for p in split_gguf(tmp_path, 2)]
    js_calls.append(["inspectPartsJson", [{"bytes": list(b)} for b, _ in parts], [s for _, s in parts]])
    out = subprocess.run(["node", str(Path(__file__).with_name("js_calls.mjs")), api_core],
                         input=json.dumps(js_calls).encode(), capture_output=True, check=True)
    js = json.loads(out.stdout)
    assert len(js) == len(js_calls)
    for (name, function, args), js_text in zip(calls, js):
        assert function(*args) == js_text, f"{name}{tuple(a[:60] for a in args)}"
    assert core.inspect_file_json(bytes(config_bytes), float(len(config_bytes))) == js[-2]
    assert core.inspect_gguf_parts_json(parts) == js[-1]
    assert json.loads(js[-1])["ok"] is True


# --- the Python surface ---------------------------------------------------------------------------------------

def test_public_functions_are_the_core_as_dicts():
    assert vramfit.API_VERSION == 1
    assert vramfit.estimate(REQUESTS[0]) == json.loads(core.estimate_json(json.dumps(REQUESTS[0])))
    # A dict of page fields is encoded as a link first: the same answer as the link.
    assert vramfit.analyze({"model": "Qwen/Qwen3-8B", "context": 32768}) == json.loads(core.analyze_link_json(LINKS[0]))
    assert vramfit.fit({"model": "Qwen/Qwen3-30B-A3B", "gpu": "rtx-4060", "n_cpu_moe": 40}, "context") == \
        json.loads(core.fit_link_json(LINKS[2], "context"))
    assert vramfit.encode_link({"model": "Qwen/Qwen3-8B", "context": 32768})["query"] == LINKS[0][1:]
    assert vramfit.decode_link(LINKS[0])["config"]["context"] == 32768
    assert vramfit.export(REQUESTS[0], "csv")["text"].count("\n") > 3
    gpus = vramfit.gpus()["items"]
    assert len(gpus) >= 60 and all(g["id"] and g["name"] for g in gpus)
    assert any(m["id"] == "meta-llama/Meta-Llama-3.1-8B" for m in vramfit.models()["items"])
    log = vramfit.read_log(VLLM_LOG.encode())
    assert log["engine"] == "vllm" and log["version"] == "0.9.1" and log["kv_tokens"] == 444400
    assert log["measured_gib"]["kv_available"] == pytest.approx(61.03)


def test_bad_input_is_a_message_not_an_exception():
    bad = vramfit.estimate({"model": 42})
    assert bad["ok"] is False and bad["errors"][0]["field"] == "model"
    unknown = vramfit.estimate({"model": "meta-llama/Meta-Llama-3.1-8B", "job": "training", "checkpointing": "ful"})
    assert unknown["ok"] is False and any(e["field"] == "checkpointing" for e in unknown["errors"])
    assert vramfit.estimate("{not json")["ok"] is False
    assert vramfit.estimate('{"context": Infinity}')["ok"] is False
    assert vramfit.estimate({"context": float("nan")})["ok"] is False
    assert vramfit.encode_link({"context": "long"})["ok"] is False
    assert vramfit.analyze({"context": -5})["ok"] is False
    assert vramfit.fit(LINKS[0], "cheapest")["ok"] is False
    assert vramfit.estimate_link("?" + "m=" + "x" * 1_000_000)["ok"] in (True, False)  # bounded, answers
    assert vramfit.read_log("\x00" * 10_000)["ok"] is False
    assert vramfit.inspect_file(b"GGUF\x03\x00\x00\x00" + b"\xff" * 64)["ok"] is False
    with pytest.raises(TypeError):
        vramfit.estimate(42)
    with pytest.raises(TypeError):
        vramfit.analyze(["model"])


def test_threads_estimate_side_by_side():
    expected = core.analyze_link_json(LINKS[0])
    results = []

    def work():
        results.append(core.analyze_link_json(LINKS[0]))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4


# --- the notebook view ------------------------------------------------------------------------------------------

def test_notebook_view_shows_every_component_with_its_size():
    r = vramfit.estimate(REQUESTS[0])
    html = r._repr_html_()
    for device in r["devices"]:
        for c in device["components"]:
            assert COMPONENTS["en"][c["id"]] in html
            assert f"{c['bytes'] / 1e9:.2f} GB" in html
    assert "Fits" in html
    zh = result_html(r, "zh-CN")
    assert "放得下" in zh and "KV 缓存" in zh and "权重" in zh
    assert "Does not fit" in result_html(vramfit.estimate({**REQUESTS[0], "gpu": "rtx-3060-12gb", "context": 131072,
                                                           "weights": "F16"}), "en")
    refused = result_html(vramfit.estimate({"model": 42}), "en")
    assert "Not estimated" in refused and "model must be a string" in refused


def test_notebook_view_escapes_what_it_shows():
    hostile = {"ok": True, "fits": False, "model": {"name": "<script>alert(1)</script>"},
               "devices": [{"device": "<b>", "capacity_bytes": "x", "total_bytes": float("nan"),
                            "components": [{"id": "<img src=x>", "bytes": -5, "formula": "a<b", "source": "&"}]}],
               "diagnostics": [{"severity": "warning", "message": "<i>x</i>"}]}
    html = result_html(hostile, "en")
    assert "<script>" not in html and "<img" not in html and "<i>" not in html
    assert "&lt;script&gt;" in html and "<b>&lt;b&gt;</b>" in html and "a&lt;b" in html and "nan" not in html.lower()


def test_component_names_are_the_pages():
    """The notebook's names are the page's: web/app/strings.cpp (English) and strings_zh.cpp (Chinese)."""
    def table(file, name):
        text = (ROOT / "web" / "app" / file).read_text(encoding="utf-8")
        body = re.search(name + r"\[\] = \{(.*?)\n\};", text, re.S).group(1)
        return dict(re.findall(r'\{"([a-z_0-9]+)", "([^"]*)"\}', body))
    assert COMPONENTS["en"] == table("strings.cpp", "kComponentsEn")
    assert COMPONENTS["zh-CN"] == table("strings_zh.cpp", "kComponentsZh")
