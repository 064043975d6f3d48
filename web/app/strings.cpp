// The English table and the lookups. The Chinese table is strings_zh.cpp.
#include "strings.h"

#include <cstring>
#include <iterator>
#include <utility>

#include "strings_zh.h"

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
    "Memory vs concurrent sequences",  // kMemoryVsBatch
    "Memory vs sequence length",  // kMemoryVsSeqLen
    "Memory vs micro-batch",  // kMemoryVsMicroBatch
    "Context",  // kAxisContext
    "Sequences",  // kAxisSequences
    "Sequence length",  // kAxisSeqLen
    "Micro-batch",  // kAxisMicroBatch
    "{0} sequences: {1}",  // kSequencesAt
    "micro-batch {0}: {1}",  // kMicroBatchAt
    "fits up to {0}",  // kFitsUpTo
    "Any GPU: which ones fit?",  // kAnyGpu
    "Needs several GPUs",  // kVerdictMulti
    "{0} of {1} GPUs in the catalog hold it on one card.",  // kAnyOnOne
    "No single GPU holds it; {0} of {1} do with 2 to 8 cards.",  // kAnyOnSeveral
    "No GPU in the catalog holds it, even 8 cards of it.",  // kAnyNone
    "Smallest that fits: {0}",  // kAnySmallest
    "Fastest: {0}, ~{1} tokens/s",  // kAnyFastest
    "Lowest launch price: {0} (${1})",  // kAnyCheapest
    "The breakdown below is for {0}.",  // kAnyShownFor
    "Fastest: {0}, {1} hours",  // kAnyFastestTrain
    "Cheapest run: {0}, ${1}",  // kAnyCheapestTrain
    "{0} as sold; the estimate lets the engine use {1} of it.",  // kTipFitsMemory
    "Up to {0} tokens per sequence fit on {1} x {2}, with {3} concurrent sequences (the same estimate, bisected).",  // kTipFitsContext
    "Up to {0} concurrent sequences of {1} tokens fit on {2} x {3}.",  // kTipFitsBatch
    "Decode is bound by memory bandwidth: {0} GB/s per GPU, reading the weights and the KV cache for every token (the verdict's assumptions).",  // kTipFitsSpeed
    "Micro-batch {0} fits at {1} tokens on {2} x {3}; {4} does not.",  // kTipFitsMicroBatch
    "At micro-batch {0}, sequences of {1} tokens fit on {2} x {3} (in steps of 256 tokens).",  // kTipFitsSeqLen
    "Hours = training tokens x FLOPs per token (6 x active parameters for a full fine-tune, 4 x with LoRA, 2 more with full recomputation) / ({0} dense TFLOPS x MFU {1}% x {2} GPUs); cost = hours x GPUs x ${3} per GPU-hour.",  // kTipFitsTime
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
    "Every GPU of the catalog for this fine-tuning step: how many it takes, how far the micro-batch and the sequence length stretch there, and the time and cost of the training tokens. Click a row to use that GPU.",  // kTrainFitsHint
    "Peak / GPU",  // kColPeakPerGpu
    "Largest micro-batch",  // kColMaxMicroBatch
    "Largest seq len",  // kColMaxSeqLen
    "Time (h)",  // kColTrainTime
    "Cost ($)",  // kColTrainCost
    "ZeRO-3",  // kZero3Mark
    "Plain data parallel keeps a full copy on every GPU, so more GPUs help only when the states are sharded: this row shards them with ZeRO-3 (FSDP full shard).",  // kZero3Tip
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
    "~{0} hours on {1} GPU(s), about ${2}",  // kTrainTimeLine
    "time = 6 x parameters x tokens (plus recomputation) at {0}% MFU of dense bf16 throughput; ${1} per GPU-hour",  // kTrainAssumptions
    "Training loop details",  // kLoopDetails
    "QLoRA base format",  // kQloraFormat
    "How the frozen base is stored in 4 bits (bitsandbytes bnb_4bit_quant_type, bnb_4bit_use_double_quant). Double quantisation keeps the block scales in 8 bits: about 4.13 instead of 4.5 bits per weight (Dettmers et al. 2023, QLoRA sec. 3). QLoRA and QDoRA only.",  // kQloraFormatTip
    "QLoRA quantizer",  // kQloraQuantizer
    "Who turns the base into 4-bit linears. transformers' bitsandbytes loader keeps lm_head in 16 bits; Lightning Fabric's BitsandbytesPrecision quantises every nn.Linear, lm_head included, and dequantises to fp16 and bf16 copies; torchao's NF4Tensor (torchtune) saves only its weight for backward. QLoRA and QDoRA only.",  // kQloraQuantizerTip
    "bitsandbytes older than 0.43.2",  // kOldBitsandbytes
    "Before bitsandbytes 0.43.2 (PR #1270) the 4-bit matmul kept its input (MatMul4Bit ctx.tensors) until the autograd graph was freed, not just until its own backward: one more copy of each 4-bit linear's input per layer. Not with torchao. QLoRA and QDoRA only.",  // kOldBitsandbytesTip
    "Loop holds the previous micro-step",  // kHoldsPreviousStep
    "The loop still holds the previous micro-step's logits, and the autograd graph they hang on, while the next forward runs: LitGPT's finetune scripts rebind logits and loss only after the next forward returns (finetune/lora.py).",  // kHoldsPreviousStepTip
    "Accumulate inside FSDP no_sync()",  // kFsdpNoSync
    "Gradient accumulation inside FSDP's no_sync(): every GPU keeps full (unsharded) gradients of each wrapped unit that holds a trainable parameter until the sync (torch FullyShardedDataParallel.no_sync). With ZeRO-2/3 or FSDP sharding over more than one GPU.",  // kFsdpNoSyncTip
    "GPUs per shard group",  // kShardGroup
    "FSDP HYBRID_SHARD shards the states within groups of this many GPUs (usually one node) and replicates them across groups (torch ShardingStrategy.HYBRID_SHARD). With fsdp_hybrid_shard only.",  // kShardGroupTip
    "Model dropout on",  // kModelDropout
    "The model's own dropout (attention and hidden) is on, so every layer saves its dropout masks for backward (Korthikanti et al. 2022, Eq. 1). Fine-tuning configs usually set it to 0. Full fine-tuning only.",  // kModelDropoutTip
    "LoRA dropout on",  // kLoraDropout
    "LoRA dropout p > 0 (PEFT LoraConfig lora_dropout): each adapted projection keeps its dropout mask and its dropped input for backward, instead of sharing the layer's input (PEFT tuners/lora/layer.py).",  // kLoraDropoutTip
    "Adapter dtype",  // kAdapterDtype
    "Bytes per value of the LoRA adapters and their gradients. By default they follow the precision (bf16-true: 2 B; mixed and fp32: 4 B); PEFT upcasts 16-bit adapters to fp32 unless told not to (get_peft_model autocast_adapter_dtype).",  // kAdapterDtypeTip
    "As the precision",  // kAdapterAsPrecision
    "Fused q/k/v projection",  // kFusedQkv
    "One linear computes q, k and v (LitGPT's CausalSelfAttention.attn): one adapter dropout for all three, and with multi-head attention the value is a view that keeps the whole q/k/v output alive.",  // kFusedQkvTip
    "RMSNorm saves an fp32 input",  // kRmsnormFp32
    "Eager RMSNorm upcasts its input to fp32 and saves that copy for backward (transformers LlamaRMSNorm: hidden_states.to(torch.float32)): 4 bytes per value instead of 2. Off for fused norm kernels.",  // kRmsnormFp32Tip
    "Host RAM (GB)",  // kHostRam
    "The host's CPU memory (RAM): where optimizer states and parameters go when offloaded (ZeRO-Offload, FSDP CPU offload); the host column of the breakdown is checked against it.",  // kHostRamTip
    "{0} trainable of {1} parameters",  // kTrainableLine
    "To make it fit: activation checkpointing, a smaller micro-batch, LoRA or QLoRA, ZeRO-3 / FSDP over more GPUs, or CPU offload.",  // kSuggestTrain
    "±{0}%: 9 in 10 of {1} published measurements were this close (median {2}%).",  // kAccuracyLine
    "Accuracy report",  // kAccuracyReport
    "No published measurements for this engine yet.",  // kAccuracyNone
    "Custom architecture…",  // kCustomArchButton
    "Custom ({0})",  // kCustomModel
    "Approximation of {0}: some of its parts have no field here.",  // kArchApproximation
    "Layers",  // kArchLayers
    "Hidden size",  // kArchHidden
    "Attention heads",  // kArchHeads
    "KV heads",  // kArchKvHeads
    "Head dim",  // kArchHeadDim
    "FFN size",  // kArchFfn
    "Vocabulary",  // kArchVocab
    "Max context",  // kArchContext
    "Sliding window",  // kArchWindow
    "Experts",  // kArchExperts
    "Experts per token",  // kArchExpertsPerToken
    "Expert FFN size",  // kArchExpertFfn
    "Shared experts",  // kArchSharedExperts
    "Tied embeddings",  // kArchTied
    "Run it",  // kRunIt
    "Copy command",  // kCopyCommand
    "Flags of {0}",  // kLaunchFlagsOf
    "MoE experts in RAM (--n-cpu-moe)",  // kCpuMoe
    "Keeps the routed experts of the first N layers in system RAM (llama.cpp --n-cpu-moe); the rest of each layer "
    "stays on the GPU. Decoding then reads the active experts at RAM speed.",  // kCpuMoeTip
    "none",  // kCpuMoeNone
    "Fit to my hardware",  // kFitTitle
    "Fit",  // kFitRun
    "best quality",  // kFitGoalQuality
    "longest context",  // kFitGoalContext
    "most sequences",  // kFitGoalSequences
    "fastest decode",  // kFitGoalSpeed
    "Best",  // kFitBest
    "Nearest (does not fit)",  // kFitNearest
    "Use",  // kFitUse
    "{0}, KV {1}, {2} tokens x {3}",  // kFitLine
    "experts of {0} layers in RAM",  // kFitExperts
    "{0} layers on the GPU",  // kFitGpuLayers
    "{0} of {1}, ~{2} tokens/s",  // kFitFigures
    "does not fit",  // kFitLostNoFit
    "lower quality",  // kFitLostQuality
    "more in RAM",  // kFitLostOffload
    "shorter context",  // kFitLostContext
    "fewer sequences",  // kFitLostSequences
    "slower",  // kFitLostSpeed
    "{0} configurations estimated",  // kFitSearched
    "Could not copy: the module that writes JSON did not load",  // kExportFailed
    "Hugging Face…",  // kHubLabel
    "Hugging Face model: org/name or a huggingface.co address",  // kHubHint
    "Read from Hugging Face",  // kHubRead
    "Reading {0} from huggingface.co…",  // kHubReading
    "Read {0} from huggingface.co ({1} received).",  // kHubDone
    "The Hub counts {0} parameters, as vramfit does.",  // kHubCountAgrees
    "The Hub counts {0} parameters in the safetensors files; vramfit counts {1} ({2}). Vision or audio towers, MTP layers and quantisation scales explain most gaps.",  // kHubCountDiffers
    "Not a Hugging Face repository: type org/name or paste the model's address.",  // kHubBadId
    "{0} is gated or private: accept its license on huggingface.co, then paste an access token below. It is sent to huggingface.co with these requests only and is not kept.",  // kHubGated
    "Access token (hf_…)",  // kHubToken
    "huggingface.co has no model {0}; check the name.",  // kHubNotFound
    "huggingface.co is limiting requests; try again in a minute.",  // kHubRateLimited
    "huggingface.co could not be reached (offline or blocked); nothing was changed.",  // kHubOffline
    "huggingface.co answered {0}; nothing was changed.",  // kHubOtherError
    "This link names the Hugging Face model {0}. Read its config.json from huggingface.co?",  // kHubAsk
    "Not now",  // kHubNotNow
    "Only on request: the page asks huggingface.co for this model's public file list, its config.json, its safetensors index (or a single safetensors file's header) and, for a GGUF model, the header of the file you choose, by range requests (never the weights). Nothing else is sent.",  // kHubPrivacy
    "Already in use per GPU (GB)",  // kGpuInUse
    "Memory other programs hold on each GPU before the engine starts: the desktop (about 0.3-1.6 GB on Linux and Windows, up to 3 GB under WSL), a browser, another model. It comes off what the GPU can hold; vLLM refuses to start when utilization x total is more than what is free.",  // kGpuInUseTip
    "{0} holds GGUF files ({1} models). Choose one: only its header is read, by range requests.",  // kHubGgufIntro
    "Choose a GGUF file",  // kHubGgufPick
    "{0} files",  // kHubGgufParts
    "{0} has neither a config.json nor a GGUF model file; nothing was changed.",  // kHubNotModel
    "Read the header of {0} from huggingface.co ({1} received, of {2}).",  // kHubDoneFile
    "0 = each GPU's cloud price. {0}: ${1} per hour, the median of {2} providers' on-demand prices (${3}-{4}, {5}).",  // kPriceCloud
    "0 = each GPU's cloud price; the catalog has none for {0}, so ${1} per hour.",  // kPriceFallback
    "mem_fraction_static",                        // kMemFraction
    "SGLang's default: %.3f",                     // kMemFractionDefault (a slider's format: %% for %)
    "vLLM release",                               // kVllmRelease
    "{0} start-up log (version {1}): {2} of {3} lines read; its settings now set the page: {4}",  // kSummaryLog
    "The engine did not start: {0}",              // kSummaryLogRefusal
    "Per GPU",                                    // kLogComponent
    "Measured (log)",                             // kLogMeasured
    "vramfit",                                    // kLogEstimated
    "Copy report (Markdown)",                     // kCopyReport
    "The log's model ({0}) is not one of the presets: pick it, or import its config.json or GGUF.",  // kSummaryLogModel
    "The log does not print the GPU's memory: pick the GPU it ran on.",  // kSummaryLogGpu
    "Draft model (speculative decoding)",         // kDraftModel
    "None",                                       // kDraftNone
    "macOS",                                      // kMacos
    "Ollama release",                             // kOllamaRelease
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
    {"request_table", "Request table (req_to_token)"}, {"recurrent_state", "Recurrent state"},
    {"draft_weights", "Draft model weights"}, {"draft_kv_cache", "Draft model KV cache"}, {"draft_compute", "Draft model compute buffer"},
    {"draft_output", "Draft model output"},
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
  const auto& zh = chinese_tables().keys;
  return lang == Lang::kChinese && static_cast<std::size_t>(i) < zh.size() ? zh[i] : kEnglish[i];
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
    for (const auto& l : chinese_tables().components)
      if (std::strcmp(l.id, id) == 0) return l.text;
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

// The Chinese lookups work on whichever tables the build has (strings_zh.h); empty tables give English back.
std::string translate_formula_zh(const std::string& formula) {
  const auto phrases = chinese_tables().formula_phrases;
  std::string out;
  for (std::size_t i = 0; i < formula.size();) {
    const FormulaPhrase* best = nullptr;
    std::size_t best_len = 0;
    for (const auto& p : phrases) {
      const std::size_t n = std::strlen(p.en);
      if (n > best_len && formula.compare(i, n, p.en) == 0) {
        best = &p;
        best_len = n;
      }
    }
    if (best != nullptr) {
      out += best->zh;
      i += best_len;
    } else {
      out += formula[i++];
    }
  }
  return out;
}

const char* diagnostic_template_zh(const std::string& code) {
  for (const auto& t : chinese_tables().diagnostics)
    if (code == t.code) return t.text;
  return nullptr;
}

std::string chinese_text() {
  const ChineseTables& zh = chinese_tables();
  std::string all;
  for (const char* s : zh.keys) all += s;
  for (const auto& c : zh.components) all += c.text;
  for (const auto& t : zh.diagnostics) all += t.text;
  for (const auto& p : zh.formula_phrases) all += p.zh;
  return all;
}

bool chinese_strings_loaded() { return !chinese_tables().keys.empty(); }

std::uint32_t english_fingerprint() {
  std::uint32_t h = 2166136261u;  // FNV-1a, 32 bits
  for (const char* s : kEnglish)
    for (const char* c = s;; ++c) {
      h = (h ^ static_cast<unsigned char>(*c)) * 16777619u;
      if (*c == '\0') break;
    }
  return h;
}

}  // namespace vramfit::web
