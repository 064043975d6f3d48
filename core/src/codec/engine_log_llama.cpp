// llama.cpp and Ollama start-up lines -> EngineLogRead (engine_log.h). The phrases are llama.cpp's own, as its
// loaders and context print them across 2024-2026 builds (load_tensors / llm_load_tensors, llama_context /
// llama_new_context_with_model / llama_init_from_model, llama_kv_cache / llama_kv_cache_init / init,
// llama_memory_recurrent, print_info / llm_load_print_meta), and Ollama's server lines (llm/server.go,
// ml/backend/ggml: msg="model weights" device=CUDA0 size="7.0 GiB"). The formats are those of the published logs in
// tests/data/engine_logs/llamacpp and ollama (helper-18's list of them).
#include "codec/engine_log_util.h"

namespace vramfit::log {
namespace {

// "key = value" where the key is a whole word: "n_ctx" matches "n_ctx         = 8192", not "n_ctx_seq = ...".
std::string_view setting(std::string_view line, std::string_view key) {
  for (std::size_t at = line.find(key); at != std::string_view::npos; at = line.find(key, at + 1)) {
    if (at > 0 && line[at - 1] != ' ' && line[at - 1] != ':') continue;
    std::size_t i = at + key.size();
    while (i < line.size() && line[i] == ' ') ++i;
    if (i >= line.size() || line[i] != '=') continue;
    ++i;
    while (i < line.size() && line[i] == ' ') ++i;
    std::size_t end = i;
    while (end < line.size() && line[end] != ' ' && line[end] != ',' && line[end] != '\r') ++end;
    return line.substr(i, end - i);
  }
  return {};
}

bool set_setting(int& field, std::string_view line, std::string_view key) {
  const std::string_view v = setting(line, key);
  return !v.empty() && set_int(field, number_at(v));
}

// "<prefix>:   CUDA0 model buffer size =  4168.09 MiB": the device is the first word after the last ':' before
// "buffer size", the kind the word before "buffer"; older builds print "llm_load_tensors: CUDA0 buffer size".
bool read_buffer(std::string_view line, EngineLogRead& r) {
  const std::size_t at = line.find(" buffer size =");
  if (at == std::string_view::npos) return false;
  const std::size_t colon = line.rfind(':', at);
  if (colon == std::string_view::npos) return false;
  std::string_view words = line.substr(colon + 1, at - colon - 1);
  std::string_view first, last;
  int count = 0;
  for (std::size_t i = 0; i < words.size();) {
    while (i < words.size() && words[i] == ' ') ++i;
    std::size_t end = i;
    while (end < words.size() && words[end] != ' ') ++end;
    if (end > i) {
      if (count++ == 0) first = words.substr(i, end - i);
      last = words.substr(i, end - i);
    }
    i = end;
  }
  if (count == 0 || first.size() > 40) return false;
  std::string kind;
  if (count == 1) kind = has(line, "load_tensors") ? "model" : "";
  else if (last == "model") kind = "model";
  else if (last == "KV") kind = "kv";
  else if (last == "compute") kind = "compute";
  else if (last == "output") kind = "output";
  else if (last == "RS") kind = "recurrent";
  if (kind.empty()) return false;
  const double mib = after(line, "buffer size =");
  if (std::isnan(mib) || mib < 0) return false;
  r.buffers.push_back({std::string(first), kind, mib});
  return true;
}

// " K (q8_0):  272.00 MiB" -> "q8_0".
std::string kv_type(std::string_view line, std::string_view key) {
  const std::string t = text_after(line, key, ")");
  return t.size() <= 16 ? t : std::string();
}

}  // namespace

bool read_llamacpp_line(std::string_view line, EngineLogRead& r) {
  bool got = read_buffer(line, r);
  if (has(line, "print_info: ") || has(line, "llm_load_print_meta: ")) {
    if (std::string_view v = setting(line, "arch"); !v.empty() && r.arch.empty()) {
      r.arch = std::string(v.substr(0, 64));
      got = true;
    }
    if (has(line, "file type") || has(line, "model ftype")) {
      const std::string t = text_after(line, "= ", "\r(");
      if (!t.empty() && t.size() < 64) {
        r.file_type = t;
        while (!r.file_type.empty() && r.file_type.back() == ' ') r.file_type.pop_back();
        got = true;
      }
    }
  }
  if (has(line, "general.name") && has(line, " str ")) {
    const std::size_t eq = line.find("= ", line.find("general.name"));
    if (eq != std::string_view::npos && r.model.empty()) {
      std::string m(line.substr(eq + 2, std::min<std::size_t>(line.size() - eq - 2, 128)));
      while (!m.empty() && (m.back() == ' ' || m.back() == '\r')) m.pop_back();
      r.model = m;
      got = !m.empty();
    }
  }
  if (has(line, "llama_context: ") || has(line, "llama_new_context_with_model: ") || has(line, "llama_init_from_model: ") ||
      has(line, "llama_context:")) {
    got |= set_setting(r.n_ctx, line, "n_ctx");
    got |= set_setting(r.n_batch, line, "n_batch");
    got |= set_setting(r.n_ubatch, line, "n_ubatch");
    got |= set_setting(r.n_seq_max, line, "n_seq_max");
    const std::string_view fa = setting(line, "flash_attn");
    if (fa == "1" || fa == "enabled" || fa == "true") r.flash_attn = 1, got = true;
    else if (fa == "0" || fa == "disabled" || fa == "false") r.flash_attn = 0, got = true;
  }
  if (has(line, "K (") && (has(line, "size =") || has(line, "self size"))) {
    r.type_k = kv_type(line, "K (");
    r.type_v = kv_type(line, "V (");
    got = true;
  }
  if (has(line, "offloaded ") && has(line, " layers to GPU")) {
    const std::size_t at = line.find("offloaded ");
    const double done = number_at(line.substr(at + 10));
    const std::size_t slash = line.find('/', at);
    if (!std::isnan(done) && slash != std::string_view::npos) {
      set_int(r.layers_offloaded, done);
      set_int(r.layers_total, number_at(line.substr(slash + 1)));
      got = true;
    }
  }
  // "build: 5908 (538cc77f) with cc ..." / "version: 4615 (bfcce4d6)": llama.cpp's build number.
  for (std::string_view key : {"build: ", "version: "}) {
    const std::size_t at = line.find(key);
    if (at == std::string_view::npos || (at > 0 && line[at - 1] != ' ' && line[at - 1] != ']') || !r.version.empty()) continue;
    // The number, then " (" and a commit hash: "4615 (bfcce4d6)" (not "Python version: 3.12.3 (main, ...)").
    std::string_view rest = line.substr(at + key.size());
    const double b = number_at(rest);
    const std::size_t open = rest.find(" (");
    const std::size_t close = rest.find(')');
    bool hash = open != std::string_view::npos && close != std::string_view::npos && close > open + 2 &&
                rest.find_first_not_of("0123456789") == open;
    for (std::size_t i = open + 2; hash && i < close; ++i)
      hash = (rest[i] >= '0' && rest[i] <= '9') || (rest[i] >= 'a' && rest[i] <= 'f');
    if (!std::isnan(b) && hash) {
      r.version = "b" + std::to_string(static_cast<long long>(b));
      got = true;
    }
  }
  // Out of memory while loading or reserving, as the backends word it.
  for (std::string_view phrase : {"cudaMalloc failed: out of memory", "failed to allocate", "unable to allocate",
                                  "ErrorOutOfDeviceMemory", "failed to initialize the context"}) {
    const std::size_t at = line.find(phrase);
    if (at == std::string_view::npos || !r.refusal.empty()) continue;
    const std::size_t colon = line.rfind(": ", at);
    const std::size_t from = colon == std::string_view::npos ? at : colon + 2;
    r.refusal = std::string(line.substr(from, std::min<std::size_t>(line.size() - from, 400)));
    got = true;
  }
  return got;
}

bool read_ollama_line(std::string_view line, EngineLogRead& r) {
  // Ollama's server writes "source=server.go ... msg=..." lines; under systemd every line (its runner's llama.cpp
  // ones too) carries the unit's name.
  bool got = has(line, " ollama[") || has(line, "ollama.listener[") ||
             (has(line, "msg=") && (has(line, "source=server.go") || has(line, "source=sched.go") ||
                                    has(line, "source=gpu.go") || has(line, "source=types.go") ||
                                    has(line, "source=routes.go") || has(line, "source=ggml.go") ||
                                    has(line, "source=device.go") || has(line, "source=backend.go")));
  if (!has(line, "msg=") && !has(line, "Listening on")) return got;
  // Ollama's allocation report (new memory management): msg="model weights" device=CUDA0 size="7.0 GiB".
  for (auto [phrase, kind] : {std::pair{"msg=\"model weights\"", "model"}, std::pair{"msg=\"kv cache\"", "kv"},
                              std::pair{"msg=\"compute graph\"", "compute"}}) {
    if (!has(line, phrase)) continue;
    std::string device = text_after(line, "device=", " \"\r");
    if (device.empty()) device = text_after(line, "buffer=", " \"\r");
    const std::size_t size = line.find(" size=");
    if (device.empty() || size == std::string_view::npos || device.size() > 40) continue;
    const double mib = size_mib(line.substr(size + 6));
    if (std::isnan(mib)) continue;
    r.buffers.push_back({device, kind, mib});
    got = true;
  }
  if (has(line, "Listening on") && has(line, "(version ")) {
    r.version = text_after(line, "(version ", ")");
    got = !r.version.empty();
  }
  // The estimate Ollama made before starting the runner (llm/memory.go): memory.required.full="11.4 GiB".
  if (has(line, "msg=offload") || has(line, "msg=\"offload to")) got = true;
  return got;
}

}  // namespace vramfit::log
