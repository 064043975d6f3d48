// The English table and the lookups. The Chinese table is strings_zh.cpp.
#include "strings.h"

#include <cstring>
#include <iterator>
#include <utility>

namespace vramfit::web {

extern const char* const kChinese[];
struct ComponentLabel { const char* id; const char* text; };
extern const ComponentLabel kComponentsZh[];
extern const std::size_t kComponentsZhCount;

namespace {

constexpr const char* kEnglish[] = {
    "How much GPU memory does this LLM need?",  // kAppTagline
    "Model",                                      // kModel
    "Search models",                              // kSearchModels
    "Engine",                                     // kEngine
    "Weights",                                    // kWeights
    "KV cache",                                   // kKvCache
    "Context (tokens per sequence)",              // kContext
    "Concurrent sequences",                       // kSequences
    "Hardware",                                   // kHardware
    "GPUs",                                       // kGpuCount
    "Memory per GPU (GB)",                        // kGpuMemory
    "Custom",                                     // kCustomGpu
    "Engine options",                             // kOptions
    "GPU layers (-ngl)",                          // kGpuLayers
    "all",                                        // kGpuLayersAll
    "Flash attention",                            // kFlashAttention
    "gpu_memory_utilization",                     // kUtilization
    "Attention",                                  // kAttention
    "Prompt tokens",                              // kPromptTokens
    "New tokens",                                 // kNewTokens
    "Fits",                                       // kVerdictFits
    "Does not fit",                               // kVerdictNoFit
    "{0}: {1} used, {2} free",                    // kVerdictFitsLine
    "{0}: {1} used, {2} short",                   // kVerdictShortLine
    "~{0} tokens/s decode, {1} s to first token", // kSpeedLine
    "To make it fit:",                            // kSuggest
    "a smaller quantisation",                     // kSuggestQuant
    "a shorter context",                          // kSuggestContext
    "more GPUs",                                  // kSuggestGpus
    "offload layers to the CPU",                  // kSuggestOffload
    ", ",                                         // kListSep
    "Memory per device",                          // kBreakdown
    "Component",                                  // kComponent
    "Size",                                       // kSize
    "Formula",                                    // kFormula
    "Source",                                     // kSource
    "Memory vs context length",                   // kMemoryVsContext
    "{0} tokens: {1}",                            // kTokensAt
    "Assumptions",                                // kAssumptions
    "Notes",                                      // kDiagnostics
    "{0} parameters, {1} active",                 // kParamsLine
    "Host RAM",                                   // kHost
    " (RAM)",                                     // kRamSuffix
    "capacity",                                   // kCapacity
    "Total",                                      // kTotal
    "GB = 10^9 bytes, GiB = 2^30 bytes",          // kUnitsNote
    "CPU only",                                   // kCpuOnly
    "Settings",                                   // kSettings
    "Open file…",                                 // kOpenFile
    "Paste config.json",                          // kPasteConfig
    "Use this config",                            // kUseConfig
    "Or drop a .gguf, config.json, .safetensors or model.safetensors.index.json on the page, or paste a "
    "config.json anywhere. Files stay on your computer: only their headers are read.",  // kDropHint
    "Imported",                                   // kImported
    "Clear import",                               // kClearImport
    "From the file",                              // kFromFile
    "As stored (exact bytes)",                    // kAsStored
    "Reading the file…",                          // kReading
    "config.json: {0}, {1} parameters, {2}",      // kSummaryConfig
    "{0}: GGUF {1}, {2}, {3} tensors, {4} parameters, {5}",  // kSummaryGguf
    "{0}: {1} tensors ({2}), {3}",                // kSummarySafetensors
    "{0}: {1} tensors in {2} shards, {3}",        // kSummaryIndex
    "Copy link",                                  // kCopyLink
    "Embed",                                      // kEmbed
    "Export",                                     // kExport
    "Copy as Markdown table",                     // kCopyMarkdown
    "Copy as CSV",                                // kCopyCsv
    "Copy as JSON",                               // kCopyJson
    "Save chart as PNG",                          // kSavePng
    "Lock the inputs (readers see the result only)",  // kLockInputs
    "Copy embed code",                            // kCopyEmbedCode
    "Paste this into your article's HTML. The frame resizes itself to its content; without the script it "
    "keeps the height given.",                    // kEmbedHint
    "Copied",                                     // kCopied
    "PNG saved",                                  // kPngSaved
    "Open in vramfit",                            // kOpenFull
    "Change the inputs",                          // kChangeInputs
    "Parts of this link could not be read; defaults are used for them:",  // kLinkProblems
    "Dismiss",                                    // kDismiss
    "Imported files stay on this computer: a link carries the preset, not the file.",  // kImportNotInLink
    "vramfit: GPU memory estimate",               // kEmbedTitle
    "Rule of thumb",                              // kRuleOfThumb
    "Memory estimate",                            // kExportTitle
    "Device",                                     // kDevice
    "fits",                                       // kFitsLower
    "does not fit",                               // kNoFitLower
    "Estimated with vramfit",                     // kMadeWith
    "中文",                                       // kLanguageSwitch: the other language, in its own words
    "vramfit: how much GPU memory does this LLM need?",  // kPageTitle
    "vramfit estimates the GPU memory (VRAM) and CPU RAM an LLM needs for inference and fine-tuning: weights in "
    "every precision and quantisation, KV cache, activations, engine overheads. Runs entirely in your browser.",  // kPageDescription
    "Dark",                                       // kThemeDark: switch to the dark theme
    "Light",                                      // kThemeLight
    "Which GPUs fit",                             // kWhatFits
    "Every GPU of the catalog with this model, engine, format and context. Click a row to use that GPU.",  // kWhatFitsHint
    "GPU",                                        // kColGpu
    "Memory",                                     // kColMemory
    "GPUs needed",                                // kColNeeded
    "Largest context",                            // kColMaxContext
    "Largest batch",                              // kColMaxBatch
    "Decode tok/s",                               // kColSpeed
    "> 8",                                        // kNotEvenEight
    "unknown",                                    // kUnknown
    "Every format side by side",                  // kFormats
    "The same request in each weight format, on the chosen hardware. Click one to use it.",  // kFormatsHint
    "not for this model",                         // kNotForModel
    "Inference",  // kJobInference
    "Fine-tune",  // kJobTraining
    "Method",  // kMethod
    "Full fine-tune",  // kMethodFull
    "Precision",  // kPrecision
    "Optimizer",  // kOptimizer
    "Micro-batch",  // kMicroBatch
    "Sequence length (tokens)",  // kSeqLen
    "Gradient accumulation steps",  // kGradAccum
    "Activation checkpointing",  // kCheckpointing
    "none",  // kCkNone
    "selective",  // kCkSelective
    "full",  // kCkFull
    "Chunked cross-entropy",  // kChunkedLoss
    "LoRA rank",  // kLoraRank
    "LoRA targets",  // kLoraTargets
    "Parallelism",  // kParallelism
    "Data parallel",  // kDataParallel
    "Tensor parallel",  // kTensorParallel
    "Pipeline parallel",  // kPipelineParallel
    "Sharding (ZeRO / FSDP)",  // kSharding
    "Sequence parallel",  // kSequenceParallel
    "Offload optimizer states to CPU",  // kOffloadOptimizer
    "Offload parameters to CPU",  // kOffloadParams
    "Time and cost",  // kCost
    "Training tokens (billions)",  // kTrainTokens
    "MFU (model FLOPs utilisation)",  // kMfu
    "Price per GPU-hour (USD)",  // kPrice
    "{0}: {1} per GPU at the peak ({2}), {3} free",  // kTrainFitsLine
    "{0}: {1} per GPU at the peak ({2}), {3} short",  // kTrainShortLine
    "~{0} hours on {1} GPUs, about ${2}",  // kTrainTimeLine
    "time = 6 x parameters x tokens (plus recomputation) at {0}% MFU of dense bf16 throughput; ${1} per GPU-hour",  // kTrainAssumptions
    "{0} trainable of {1} parameters",  // kTrainableLine
    "To make it fit: activation checkpointing, a smaller micro-batch, LoRA or QLoRA, ZeRO-3 / FSDP over more GPUs, or CPU offload.",  // kSuggestTrain
    "±{0}%: 9 in 10 of {1} published measurements were this close (median {2}%).",  // kAccuracyLine
    "Accuracy report",  // kAccuracyReport
    "No published measurements for this engine yet.",  // kAccuracyNone
};
static_assert(std::size(kEnglish) == static_cast<std::size_t>(T::kCount), "one English string per key");

constexpr ComponentLabel kComponentsEn[] = {
    {"weights", "Weights"}, {"weights_repacked", "Repacked weights"}, {"kv_cache", "KV cache"},
    {"compute", "Compute buffer"}, {"output", "Output (logits)"}, {"cuda_context", "CUDA context"},
    {"activations", "Activations"}, {"non_torch", "Non-torch memory"}, {"cuda_graphs", "CUDA graphs"},
    {"attention_scores", "Attention scores"}, {"logits", "Logits"}, {"overhead", "Overhead (20%)"},
    {"runtime", "Runtime process"}, {"reserve", "System reserve"}, {"adapters", "LoRA adapters"},
    {"master_weights", "Master weights (fp32)"}, {"gradients", "Gradients"}, {"optimizer", "Optimizer states"},
    {"optimizer_temp", "Optimizer temporaries"}, {"dequant", "Dequantised weight"}, {"comm_buffers", "Communication buffers"},
    {"qlora_inputs", "Inputs of the 4-bit layers"}, {"previous_step", "Previous micro-step"}, {"dora", "DoRA magnitude path"},
};

Lang g_language = Lang::kEnglish;  // the page's one language setting (like ImGui's own context)

}  // namespace

void set_language(Lang lang) { g_language = lang; }
Lang language() { return g_language; }
const char* lang_code(Lang lang) { return lang == Lang::kChinese ? "zh-CN" : "en"; }
Lang lang_from_code(const std::string& code) {
  return code.size() >= 2 && (code[0] == 'z' || code[0] == 'Z') && (code[1] == 'h' || code[1] == 'H') ? Lang::kChinese
                                                                                                       : Lang::kEnglish;
}

const char* tr_in(Lang lang, T key) {
  const int i = static_cast<int>(key);
  if (i < 0 || i >= static_cast<int>(T::kCount)) return "";
  return lang == Lang::kChinese ? kChinese[i] : kEnglish[i];
}
const char* tr(T key) { return tr_in(g_language, key); }

std::string fmt(T key, std::initializer_list<std::string> args) { return fmt(key, std::vector<std::string>(args)); }

std::string fmt(T key, const std::vector<std::string>& args) {
  const std::string pattern = tr(key);
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' && pattern[i + 1] >= '0' && pattern[i + 1] <= '9') {
      const std::size_t n = static_cast<std::size_t>(pattern[i + 1] - '0');
      if (n < args.size()) out += args[n];
      i += 2;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

const char* component_label(const char* id) {
  if (g_language == Lang::kChinese) {
    for (std::size_t i = 0; i < kComponentsZhCount; ++i)
      if (std::strcmp(kComponentsZh[i].id, id) == 0) return kComponentsZh[i].text;
  }
  for (const auto& l : kComponentsEn)
    if (std::strcmp(l.id, id) == 0) return l.text;
  return id;
}

std::string formula_text(const std::string& formula) {
  return g_language == Lang::kChinese ? translate_formula_zh(formula) : formula;
}

std::string diagnostic_text(const Diagnostic& d) {
  if (g_language != Lang::kChinese) return d.detail;
  const char* pattern = diagnostic_template_zh(d.code);
  if (pattern == nullptr) return d.detail;
  std::string out = pattern;
  for (const auto& [token, value] : {std::pair<std::string, const std::string*>{"{field}", &d.field}, {"{detail}", &d.detail}})
    for (auto at = out.find(token); at != std::string::npos; at = out.find(token, at + value->size()))
      out.replace(at, token.size(), *value);
  return out;
}

}  // namespace vramfit::web
