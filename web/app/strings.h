// User-visible text, looked up by key: one table per language (strings.cpp: English, strings_zh.cpp: Simplified
// Chinese), so panels hold no literals. The core returns codes, numbers and formulas; the words are here.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include "vramfit/diagnostics.h"

namespace vramfit::web {

enum class T : int {
  kAppTagline, kModel, kSearchModels, kEngine, kWeights, kKvCache, kContext, kSequences, kHardware,
  kGpuCount, kGpuMemory, kCustomGpu, kOptions, kGpuLayers, kGpuLayersAll, kFlashAttention, kUtilization,
  kAttention, kPromptTokens, kNewTokens, kVerdictFits, kVerdictNoFit, kVerdictFitsLine, kVerdictShortLine,
  kSpeedLine, kSuggest, kSuggestQuant, kSuggestContext, kSuggestGpus, kSuggestOffload, kListSep, kBreakdown,
  kComponent, kSize, kFormula, kSource, kMemoryVsContext, kMemoryVsBatch, kMemoryVsSeqLen, kMemoryVsMicroBatch, kAxisContext, kAxisSequences, kAxisSeqLen, kAxisMicroBatch, kSequencesAt, kMicroBatchAt, kFitsUpTo, kAnyGpu, kVerdictMulti, kAnyOnOne, kAnyOnSeveral, kAnyNone, kAnySmallest, kAnyFastest, kAnyCheapest, kAnyShownFor, kAnyFastestTrain, kAnyCheapestTrain, kTipFitsMemory, kTipFitsContext, kTipFitsBatch, kTipFitsSpeed, kTipFitsMicroBatch, kTipFitsSeqLen, kTipFitsTime, kTokensAt, kAssumptions, kDiagnostics, kParamsLine,
  kHost, kRamSuffix, kCapacity, kTotal, kUnitsNote, kCpuOnly, kSettings, kOpenFile, kPasteConfig, kUseConfig,
  kDropHint, kImported, kClearImport, kFromFile, kAsStored, kReading, kSummaryConfig, kSummaryGguf,
  kSummarySafetensors, kSummaryIndex, kCopyLink, kEmbed, kExport, kCopyMarkdown, kCopyCsv, kCopyJson, kSavePng,
  kLockInputs, kCopyEmbedCode, kEmbedHint, kCopied, kPngSaved, kOpenFull, kChangeInputs, kLinkProblems,
  kDismiss, kImportNotInLink, kEmbedTitle, kRuleOfThumb, kExportTitle, kDevice, kFitsLower, kNoFitLower,
  kMadeWith, kLanguageSwitch, kPageTitle, kPageDescription, kThemeDark, kThemeLight, kWhatFits, kWhatFitsHint,
  kColGpu, kColMemory, kColNeeded, kColMaxContext, kColMaxBatch, kColSpeed, kTrainFitsHint, kColPeakPerGpu, kColMaxMicroBatch, kColMaxSeqLen, kColTrainTime, kColTrainCost, kZero3Mark, kZero3Tip, kNotEvenEight, kUnknown, kFormats,
  kFormatsHint, kNotForModel, kJobInference, kJobTraining, kMethod, kMethodFull, kPrecision, kOptimizer, kMicroBatch, kSeqLen, kGradAccum, kCheckpointing, kCkNone, kCkSelective, kCkFull, kChunkedLoss, kLoraRank, kLoraTargets, kParallelism, kDataParallel, kTensorParallel, kPipelineParallel, kSharding, kSequenceParallel, kOffloadOptimizer, kOffloadParams, kCost, kTrainTokens, kMfu, kPrice, kTrainFitsLine, kTrainShortLine, kTrainTimeLine, kTrainAssumptions, kLoopDetails, kQloraFormat, kQloraFormatTip, kQloraQuantizer, kQloraQuantizerTip, kOldBitsandbytes, kOldBitsandbytesTip, kHoldsPreviousStep, kHoldsPreviousStepTip, kFsdpNoSync, kFsdpNoSyncTip, kShardGroup, kShardGroupTip, kModelDropout, kModelDropoutTip, kLoraDropout, kLoraDropoutTip, kAdapterDtype, kAdapterDtypeTip, kAdapterAsPrecision, kFusedQkv, kFusedQkvTip, kRmsnormFp32, kRmsnormFp32Tip, kHostRam, kHostRamTip, kTrainableLine, kSuggestTrain, kAccuracyLine, kAccuracyReport, kAccuracyNone,
  kCustomArchButton, kCustomModel, kArchApproximation, kArchLayers, kArchHidden, kArchHeads, kArchKvHeads, kArchHeadDim, kArchFfn, kArchVocab, kArchContext, kArchWindow, kArchExperts, kArchExpertsPerToken, kArchExpertFfn, kArchSharedExperts, kArchTied,
  kRunIt, kCopyCommand, kLaunchFlagsOf, kCpuMoe, kCpuMoeTip, kCpuMoeNone,
  kFitTitle, kFitRun, kFitGoalQuality, kFitGoalContext, kFitGoalSequences, kFitGoalSpeed, kFitBest, kFitNearest,
  kFitUse, kFitLine, kFitExperts, kFitGpuLayers, kFitFigures, kFitLostNoFit, kFitLostQuality, kFitLostOffload,
  kFitLostContext, kFitLostSequences, kFitLostSpeed, kFitSearched, kExportFailed,
  kHubLabel, kHubHint, kHubRead, kHubReading, kHubDone, kHubCountAgrees, kHubCountDiffers, kHubBadId, kHubGated, kHubToken, kHubNotFound, kHubRateLimited, kHubOffline, kHubOtherError, kHubAsk, kHubNotNow, kHubPrivacy, kGpuInUse, kGpuInUseTip, kHubGgufIntro, kHubGgufPick, kHubGgufParts, kHubNotModel, kHubDoneFile, kPriceCloud, kPriceFallback, kMemFraction, kMemFractionDefault, kVllmRelease, kSummaryLog, kSummaryLogRefusal, kLogComponent, kLogMeasured, kLogEstimated, kCopyReport, kSummaryLogModel, kSummaryLogGpu, kDraftModel, kDraftNone, kMacos, kOllamaRelease, kCount
};

enum class Lang { kEnglish, kChinese };

void set_language(Lang lang);  // the page's language; every tr() after this speaks it
Lang language();
const char* lang_code(Lang lang);                // "en", "zh-CN": share links, <html lang>, localStorage
Lang lang_from_code(const std::string& code);    // "zh-CN", "zh", "zh-Hans" -> Chinese; anything else English

const char* tr(T key);
const char* tr_in(Lang lang, T key);
// tr(key) with "{0}", "{1}", ... replaced by the arguments.
std::string fmt(T key, std::initializer_list<std::string> args);
std::string fmt(T key, const std::vector<std::string>& args);
// The label of a memory component id ("weights" -> "Weights" / "权重").
const char* component_label(const char* id);
// A core diagnostic in the page's language: the core's English sentence, or the Chinese template for its code
// (field filled in). diagnostic_template() is the Chinese template, nullptr when the code has none.
std::string diagnostic_text(const Diagnostic& d);
const char* diagnostic_template_zh(const std::string& code);
// A formula, assumption or peak moment from the core in the page's language. The core writes them in English
// around the numbers and symbols; in Chinese the English phrases are replaced from a glossary (strings_zh_core.cpp)
// that a test keeps complete over every engine, preset and training setup.
std::string formula_text(const std::string& formula);
std::string translate_formula_zh(const std::string& formula);

// Every Chinese string the page can show, concatenated: the glyphs the CJK font must have.
std::string chinese_text();
// Whether the Chinese tables are here: always in native builds; on the page once lang/zh-CN.bin has arrived
// (strings_zh.h). Until then tr_in(Lang::kChinese, ...) and the other Chinese lookups give English.
bool chinese_strings_loaded();

}  // namespace vramfit::web
