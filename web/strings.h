// User-visible text, looked up by key (one table per language; panels hold no literals).
#pragma once

namespace vramfit::web {

enum class T : int {
  kAppTagline, kModel, kSearchModels, kEngine, kWeights, kKvCache, kContext, kSequences, kHardware, kGpu,
  kGpuCount, kGpuMemory, kCustomGpu, kOptions, kGpuLayers, kGpuLayersAll, kFlashAttention, kUtilization,
  kAttention, kPromptTokens, kNewTokens, kVerdictFits, kVerdictNoFit, kFree, kShort, kUsed, kOf, kSuggest,
  kSuggestQuant, kSuggestContext, kSuggestGpus, kSuggestOffload, kBreakdown, kComponent, kSize, kFormula,
  kSource, kMemoryVsContext, kThroughput, kDecode, kTtft, kAssumptions, kDiagnostics, kParams, kActive,
  kHost, kCapacity, kTokensPerSecond, kSeconds, kTotal, kUnitsNote, kCpuOnly, kPerSeq, kConcurrency,
  kKvTokens, kSettings, kOpenFile, kPasteConfig, kUseConfig, kDropHint, kImported, kClearImport, kFromFile,
  kAsStored, kReading, kCopyLink, kEmbed, kExport, kCopyMarkdown, kCopyCsv, kCopyJson, kSavePng,
  kLockInputs, kCopyEmbedCode, kEmbedHint, kCopied, kPngSaved, kOpenFull, kChangeInputs, kLinkProblems, kDismiss,
  kImportNotInLink, kEmbedTitle, kCount
};

const char* tr(T key);
// The label of a memory component id ("weights" -> "Weights").
const char* component_label(const char* id);

}  // namespace vramfit::web
