#include "strings.h"

#include <iterator>
#include <cstring>

namespace vramfit::web {
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
    "GPU",                                        // kGpu
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
    "free",                                       // kFree
    "short",                                      // kShort
    "used",                                       // kUsed
    "of",                                         // kOf
    "To make it fit:",                            // kSuggest
    "a smaller quantisation",                     // kSuggestQuant
    "a shorter context",                          // kSuggestContext
    "more GPUs",                                  // kSuggestGpus
    "offload layers to the CPU",                  // kSuggestOffload
    "Memory per device",                          // kBreakdown
    "Component",                                  // kComponent
    "Size",                                       // kSize
    "Formula",                                    // kFormula
    "Source",                                     // kSource
    "Memory vs context length",                   // kMemoryVsContext
    "Speed",                                      // kThroughput
    "decode",                                     // kDecode
    "time to first token",                        // kTtft
    "Assumptions",                                // kAssumptions
    "Notes",                                      // kDiagnostics
    "parameters",                                 // kParams
    "active",                                     // kActive
    "Host RAM",                                   // kHost
    "capacity",                                   // kCapacity
    "tokens/s",                                   // kTokensPerSecond
    "s",                                          // kSeconds
    "Total",                                      // kTotal
    "GB = 10^9 bytes, GiB = 2^30 bytes",          // kUnitsNote
    "CPU only",                                   // kCpuOnly
    "per sequence",                               // kPerSeq
    "max concurrency",                            // kConcurrency
    "KV cache tokens",                            // kKvTokens
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
};

static_assert(std::size(kEnglish) == static_cast<std::size_t>(T::kCount), "one English string per key");

struct Label { const char* id; const char* text; };
constexpr Label kComponents[] = {
    {"weights", "Weights"}, {"weights_repacked", "Repacked weights"}, {"kv_cache", "KV cache"},
    {"compute", "Compute buffer"}, {"output", "Output (logits)"}, {"cuda_context", "CUDA context"},
    {"activations", "Activations"}, {"non_torch", "Non-torch memory"}, {"cuda_graphs", "CUDA graphs"},
    {"attention_scores", "Attention scores"}, {"logits", "Logits"}, {"overhead", "Overhead (20%)"},
    {"runtime", "Runtime process"}, {"reserve", "System reserve"},
};

}  // namespace

const char* tr(T key) {
  const int i = static_cast<int>(key);
  return i >= 0 && i < static_cast<int>(T::kCount) ? kEnglish[i] : "";
}

const char* component_label(const char* id) {
  for (const auto& l : kComponents)
    if (std::strcmp(l.id, id) == 0) return l.text;
  return id;
}

}  // namespace vramfit::web
