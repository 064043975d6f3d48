"""The notebook view of a result: per device, the components as a stacked bar against the capacity and a table
(component, GB, formula, source), the verdict and the diagnostics. Plain HTML and inline styles, no script, every
text escaped. Words in English and Simplified Chinese; the component names are the page's
(web/app/strings.cpp, strings_zh.cpp; a test checks that they agree)."""
from __future__ import annotations

from html import escape
from typing import Any, Mapping

COMPONENTS = {
    "en": {
        "weights": "Weights", "weights_repacked": "Repacked weights", "kv_cache": "KV cache",
        "compute": "Compute buffer", "output": "Output (logits)", "cuda_context": "CUDA context",
        "activations": "Activations", "non_torch": "Non-torch memory", "cuda_graphs": "CUDA graphs",
        "attention_scores": "Attention scores", "logits": "Logits", "overhead": "Overhead (20%)",
        "runtime": "Runtime process", "reserve": "System reserve", "adapters": "LoRA adapters",
        "master_weights": "Master weights (fp32)", "gradients": "Gradients", "optimizer": "Optimizer states",
        "optimizer_temp": "Optimizer temporaries", "dequant": "Dequantised weight",
        "comm_buffers": "Communication buffers", "qlora_inputs": "Inputs of the 4-bit layers",
        "previous_step": "Previous micro-step", "dora": "DoRA magnitude path",
        "request_table": "Request table (req_to_token)", "recurrent_state": "Recurrent state",
        "draft_weights": "Draft model weights", "draft_kv_cache": "Draft model KV cache",
        "draft_compute": "Draft model compute buffer", "draft_output": "Draft model output",
    },
    "zh-CN": {
        "weights": "权重", "weights_repacked": "重排后的权重", "kv_cache": "KV 缓存",
        "compute": "计算缓冲区", "output": "输出（logits）", "cuda_context": "CUDA 上下文",
        "activations": "激活值", "non_torch": "非 PyTorch 内存", "cuda_graphs": "CUDA Graph",
        "attention_scores": "注意力分数", "logits": "logits", "overhead": "额外开销（20%）",
        "runtime": "运行时进程", "reserve": "系统预留", "adapters": "LoRA 适配器",
        "master_weights": "主权重（fp32）", "gradients": "梯度", "optimizer": "优化器状态",
        "optimizer_temp": "优化器临时张量", "dequant": "反量化的权重", "comm_buffers": "通信缓冲区",
        "qlora_inputs": "4 位层的输入", "previous_step": "上一个微步", "dora": "DoRA 幅度分支",
        "request_table": "请求表（req_to_token）", "recurrent_state": "循环状态",
        "draft_weights": "草稿模型权重", "draft_kv_cache": "草稿模型 KV 缓存",
        "draft_compute": "草稿模型计算缓冲区", "draft_output": "草稿模型输出",
    },
}

WORDS = {
    "en": {"component": "Component", "memory": "Memory", "formula": "Formula", "source": "Source",
           "of": "of", "fits": "Fits", "does_not_fit": "Does not fit", "device": "Device", "host": "Host RAM",
           "each": "each", "refused": "Not estimated", "free": "free", "over": "over"},
    "zh-CN": {"component": "组成部分", "memory": "内存", "formula": "公式", "source": "来源",
              "of": "/", "fits": "放得下", "does_not_fit": "放不下", "device": "设备", "host": "主机内存",
              "each": "每块", "refused": "未能估算", "free": "剩余", "over": "超出"},
}

# The page's light palette order (web/ui): one colour per component in order of appearance.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#56B4E9", "#CC79A7", "#D55E00", "#F0E442", "#999999",
           "#6A3D9A", "#1B9E77", "#A6761D", "#666666"]


def _num(value: Any):
    """A finite number, or None (a result read from elsewhere may hold anything)."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return None if v != v or v in (float("inf"), float("-inf")) else v


def _gb(value: Any) -> str:
    v = _num(value)
    return "–" if v is None else f"{v / 1e9:.2f} GB"


def _device_html(device: Mapping[str, Any], lang: str, colours: dict) -> str:
    w = WORDS[lang]
    names = COMPONENTS[lang]
    name = w["host"] if device.get("device") == "host" else str(device.get("device", w["device"]))
    count = device.get("count", 1)
    if isinstance(count, int) and count > 1:
        name += f" × {count} ({w['each']})"
    total = _num(device.get("total_bytes")) or 0.0
    capacity = _num(device.get("capacity_bytes")) or 0.0
    scale = max(total, capacity, 1.0)
    bar = []
    rows = []
    for c in device.get("components") or []:
        cid = str(c.get("id", ""))
        colour = colours.setdefault(cid, PALETTE[len(colours) % len(PALETTE)])
        label = names.get(cid, cid)
        width = max(0.0, _num(c.get("bytes")) or 0.0) / scale * 100
        bar.append(f'<div title="{escape(label)}: {escape(_gb(c.get("bytes")))}" '
                   f'style="width:{width:.3f}%;background:{colour};height:100%"></div>')
        rows.append(f'<tr><td><span style="display:inline-block;width:.8em;height:.8em;background:{colour}"></span> '
                    f'{escape(label)}</td><td style="text-align:right">{escape(_gb(c.get("bytes")))}</td>'
                    f'<td>{escape(str(c.get("formula", "")))}</td><td>{escape(str(c.get("source", "")))}</td></tr>')
    cap_mark = ""
    if capacity > 0:
        cap_mark = (f'<div style="position:absolute;left:{capacity / scale * 100:.3f}%;top:-3px;bottom:-3px;'
                    f'border-left:2px solid #000"></div>')
    over = total > capacity > 0
    summary = f"{_gb(total)} {w['of']} {_gb(capacity)}"
    summary += f" ({w['over']} {_gb(total - capacity)})" if over else f" ({w['free']} {_gb(capacity - total)})"
    return (f'<div style="margin:.6em 0"><b>{escape(name)}</b>: {escape(summary)}'
            f'<div style="position:relative;display:flex;height:14px;border:1px solid #888;margin:.3em 0">'
            f'{"".join(bar)}{cap_mark}</div>'
            f'<table><thead><tr><th>{w["component"]}</th><th>{w["memory"]}</th><th>{w["formula"]}</th>'
            f'<th>{w["source"]}</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def result_html(result: Mapping[str, Any], lang: str = "en") -> str:
    lang = "zh-CN" if str(lang).lower().startswith("zh") else "en"
    w = WORDS[lang]
    parts = ['<div class="vramfit-result">']
    if not result.get("ok", False) and "devices" not in result:
        parts.append(f"<b>{w['refused']}</b><ul>")
        for e in result.get("errors") or []:
            parts.append(f"<li>{escape(str(e.get('message', '')))} <code>{escape(str(e.get('code', '')))}</code></li>")
        parts.append("</ul></div>")
        return "".join(parts)
    model = result.get("model")
    title = model.get("name", "") if isinstance(model, Mapping) else ""
    fits = result.get("fits")
    if isinstance(fits, bool):
        verdict = w["fits"] if fits else w["does_not_fit"]
        colour = "#009E73" if fits else "#D55E00"
        parts.append(f'<div><b style="color:{colour}">{verdict}</b> {escape(str(title))}</div>')
    elif title:
        parts.append(f"<div><b>{escape(str(title))}</b></div>")
    colours: dict = {}
    for device in result.get("devices") or []:
        parts.append(_device_html(device, lang, colours))
    diagnostics = result.get("diagnostics") or []
    if diagnostics:
        parts.append("<ul>")
        for d in diagnostics:
            parts.append(f"<li>[{escape(str(d.get('severity', '')))}] {escape(str(d.get('message', '')))}</li>")
        parts.append("</ul>")
    parts.append("</div>")
    return "".join(parts)
