// 简体中文字符串表：与 strings.cpp 的英文表逐键对应（strings.h 的 T）。术语用国内从业者的说法（显存、内存、量化、
// KV 缓存、上下文长度……），大家习惯直接说英文的保留英文（LoRA、GGUF、vLLM、token）。GB = 10^9 字节，GiB = 2^30 字节。
// The font subset for Chinese is cut from exactly the characters in this file (web/fonts/subset_cjk.py).
#include <iterator>

#include "strings.h"
#include "strings_zh.h"

namespace vramfit::web {

extern const char* const kChinese[] = {
    "这个大模型需要多少显存？",                  // kAppTagline
    "模型",                                      // kModel
    "搜索模型",                                  // kSearchModels
    "推理引擎",                                  // kEngine
    "权重",                                      // kWeights
    "KV 缓存",                                   // kKvCache
    "上下文长度（每条序列的 token 数）",         // kContext
    "并发序列数",                                // kSequences
    "硬件",                                      // kHardware
    "GPU 数量",                                  // kGpuCount
    "每块 GPU 的显存（GB）",                     // kGpuMemory
    "自定义",                                    // kCustomGpu
    "引擎选项",                                  // kOptions
    "放到 GPU 的层数（-ngl）",                   // kGpuLayers
    "全部",                                      // kGpuLayersAll
    "Flash Attention",                           // kFlashAttention
    "gpu_memory_utilization",                    // kUtilization
    "注意力实现",                                // kAttention
    "提示词 token 数",                           // kPromptTokens
    "生成 token 数",                             // kNewTokens
    "放得下",                                    // kVerdictFits
    "放不下",                                    // kVerdictNoFit
    "{0}：已用 {1}，空闲 {2}",                   // kVerdictFitsLine
    "{0}：需要 {1}，还差 {2}",                   // kVerdictShortLine
    "解码约 {0} token/s，首 token 延迟 {1} 秒",  // kSpeedLine
    "要放得下，可以：",                          // kSuggest
    "换用更小的量化",                            // kSuggestQuant
    "缩短上下文",                                // kSuggestContext
    "增加 GPU",                                  // kSuggestGpus
    "把部分层卸载到 CPU",                        // kSuggestOffload
    "、",                                        // kListSep
    "各设备的内存占用",                          // kBreakdown
    "组成部分",                                  // kComponent
    "大小",                                      // kSize
    "公式",                                      // kFormula
    "来源",                                      // kSource
    "显存随上下文长度的变化",                    // kMemoryVsContext
    "显存随并发序列数的变化",  // kMemoryVsBatch
    "显存随序列长度的变化",  // kMemoryVsSeqLen
    "显存随微批大小的变化",  // kMemoryVsMicroBatch
    "上下文",  // kAxisContext
    "并发序列",  // kAxisSequences
    "序列长度",  // kAxisSeqLen
    "微批",  // kAxisMicroBatch
    "{0} 条序列：{1}",  // kSequencesAt
    "微批 {0}：{1}",  // kMicroBatchAt
    "最多 {0}",  // kFitsUpTo
    "任意 GPU：哪些放得下？",  // kAnyGpu
    "需要多块 GPU",  // kVerdictMulti
    "目录中 {1} 款 GPU 里有 {0} 款单卡就放得下。",  // kAnyOnOne
    "没有单卡放得下；{1} 款 GPU 里有 {0} 款用 2 到 8 块卡放得下。",  // kAnyOnSeveral
    "目录中没有任何 GPU 放得下，即使用 8 块卡。",  // kAnyNone
    "最小够用：{0}",  // kAnySmallest
    "最快：{0}，约 {1} token/s",  // kAnyFastest
    "首发价最低：{0}（{1} 美元）",  // kAnyCheapest
    "下面的分解按 {0} 计算。",  // kAnyShownFor
    "最快：{0}，{1} 小时",  // kAnyFastestTrain
    "费用最低：{0}，{1} 美元",  // kAnyCheapestTrain
    "标称 {0}；估算按引擎可用的 {1} 计算。",  // kTipFitsMemory
    "在 {1} x {2} 上，{3} 条并发序列时每条最多 {0} 个 token（同一估算二分求得）。",  // kTipFitsContext
    "在 {2} x {3} 上，每条 {1} 个 token 时最多 {0} 条并发序列。",  // kTipFitsBatch
    "解码受显存带宽限制：每块 GPU {0} GB/s，每生成一个 token 读取一遍权重和 KV 缓存（假设见结论处）。",  // kTipFitsSpeed
    "在 {2} x {3} 上，序列长度 {1} 时微批 {0} 放得下，{4} 放不下。",  // kTipFitsMicroBatch
    "在 {2} x {3} 上，微批 {0} 时序列长度最多 {1} 个 token（以 256 为步长）。",  // kTipFitsSeqLen
    "小时数 = 训练 token 数 x 每 token 的 FLOPs（全参数微调为 6 x 激活参数量，LoRA 为 4 x，完全重计算再加 2 x）/（{0} TFLOPS 稠密算力 x MFU {1}% x {2} 块 GPU）；费用 = 小时数 x GPU 数 x 每 GPU 小时 {3} 美元。",  // kTipFitsTime
    "{0} 个 token：{1}",                         // kTokensAt
    "假设",                                      // kAssumptions
    "提示",                                      // kDiagnostics
    "{0} 参数，其中激活 {1}",                    // kParamsLine
    "主机内存",                                  // kHost
    "（内存）",                                  // kRamSuffix
    "容量",                                      // kCapacity
    "合计",                                      // kTotal
    "GB = 10^9 字节，GiB = 2^30 字节",           // kUnitsNote
    "仅用 CPU",                                  // kCpuOnly
    "设置",                                      // kSettings
    "打开文件…",                                 // kOpenFile
    "粘贴 config.json",                          // kPasteConfig
    "使用这个配置",                              // kUseConfig
    "也可以把 .gguf、config.json、.safetensors 或 model.safetensors.index.json 拖到页面上，或在任意位置粘贴 "
    "config.json。文件只留在你的电脑上：只读取文件头。",  // kDropHint
    "已导入",                                    // kImported
    "清除导入",                                  // kClearImport
    "按文件中的类型",                            // kFromFile
    "按存储格式（精确字节数）",                  // kAsStored
    "正在读取文件…",                             // kReading
    "config.json：{0}，{1} 参数，{2}",           // kSummaryConfig
    "{0}：GGUF {1}，{2}，{3} 个张量，{4} 参数，{5}",  // kSummaryGguf
    "{0}：{1} 个张量（{2}），{3}",               // kSummarySafetensors
    "{0}：{1} 个张量，分为 {2} 个分片，{3}",     // kSummaryIndex
    "复制链接",                                  // kCopyLink
    "嵌入",                                      // kEmbed
    "导出",                                      // kExport
    "复制为 Markdown 表格",                      // kCopyMarkdown
    "复制为 CSV",                                // kCopyCsv
    "复制为 JSON",                               // kCopyJson
    "保存图表为 PNG",                            // kSavePng
    "锁定输入（读者只看到结果）",                // kLockInputs
    "复制嵌入代码",                              // kCopyEmbedCode
    "把这段代码粘贴到文章的 HTML 里。框架会自动适应内容的高度；没有脚本时保持给定的高度。",  // kEmbedHint
    "已复制",                                    // kCopied
    "PNG 已保存",                                // kPngSaved
    "在 vramfit 中打开",                         // kOpenFull
    "修改输入",                                  // kChangeInputs
    "这个链接有部分内容无法读取，已改用默认值：",  // kLinkProblems
    "关闭",                                      // kDismiss
    "导入的文件只留在本机：链接里只有预设模型，没有文件。",  // kImportNotInLink
    "vramfit：显存估算",                         // kEmbedTitle
    "经验公式",                                  // kRuleOfThumb
    "显存估算",                                  // kExportTitle
    "设备",                                      // kDevice
    "放得下",                                    // kFitsLower
    "放不下",                                    // kNoFitLower
    "由 vramfit 估算",                           // kMadeWith
    "English",                                   // kLanguageSwitch
    "vramfit：这个大模型需要多少显存？",         // kPageTitle
    "vramfit 估算大模型推理与微调所需的显存和内存：各种精度与量化的权重、KV 缓存、激活值和引擎开销，"
    "每个数字都给出公式与来源。全部在浏览器中计算。",  // kPageDescription
    "深色",                                      // kThemeDark
    "浅色",                                      // kThemeLight
    "哪些 GPU 放得下",                           // kWhatFits
    "目录中的每块 GPU，按当前的模型、引擎、格式和上下文计算。点击一行即可选用该 GPU。",  // kWhatFitsHint
    "GPU",                                       // kColGpu
    "显存",                                      // kColMemory
    "所需 GPU 数",                               // kColNeeded
    "最大上下文",                                // kColMaxContext
    "最大批大小",                                // kColMaxBatch
    "解码 token/s",                              // kColSpeed
    "目录中的每块 GPU 在此微调步骤下：需要几块、微批和序列长度最大能到多少，以及训练 token 所需的训练时间与费用。点击一行即可选用该 GPU。",  // kTrainFitsHint
    "每 GPU 峰值",  // kColPeakPerGpu
    "最大微批",  // kColMaxMicroBatch
    "最大序列长度",  // kColMaxSeqLen
    "训练时间（h）",  // kColTrainTime
    "费用（美元）",  // kColTrainCost
    "ZeRO-3",  // kZero3Mark
    "普通数据并行在每块 GPU 上保留完整副本，只有把状态分片时多加 GPU 才能降低每块的显存：这一行用 ZeRO-3（FSDP 全分片）分片。",  // kZero3Tip
    "> 8",                                       // kNotEvenEight
    "未知",                                      // kUnknown
    "各种格式对比",                              // kFormats
    "同一请求在每种权重格式下、在所选硬件上的显存。点击即可选用。",  // kFormatsHint
    "不适用于此模型",                            // kNotForModel
    "推理",  // kJobInference
    "微调",  // kJobTraining
    "方法",  // kMethod
    "全参数微调",  // kMethodFull
    "精度",  // kPrecision
    "优化器",  // kOptimizer
    "微批大小",  // kMicroBatch
    "序列长度（token 数）",  // kSeqLen
    "梯度累积步数",  // kGradAccum
    "梯度检查点",  // kCheckpointing
    "不使用",  // kCkNone
    "选择性",  // kCkSelective
    "完全",  // kCkFull
    "分块计算交叉熵",  // kChunkedLoss
    "LoRA 秩",  // kLoraRank
    "LoRA 目标模块",  // kLoraTargets
    "并行",  // kParallelism
    "数据并行",  // kDataParallel
    "张量并行",  // kTensorParallel
    "流水线并行",  // kPipelineParallel
    "分片（ZeRO / FSDP）",  // kSharding
    "序列并行",  // kSequenceParallel
    "优化器状态卸载到 CPU",  // kOffloadOptimizer
    "参数卸载到 CPU",  // kOffloadParams
    "时间与成本",  // kCost
    "训练 token 数（十亿）",  // kTrainTokens
    "MFU（模型算力利用率）",  // kMfu
    "每 GPU 小时价格（美元）",  // kPrice
    "{0}：峰值（{2}）时每块 GPU 需要 {1}，空闲 {3}",  // kTrainFitsLine
    "{0}：峰值（{2}）时每块 GPU 需要 {1}，还差 {3}",  // kTrainShortLine
    "在 {1} 块 GPU 上约 {0} 小时，约 {2} 美元",  // kTrainTimeLine
    "时间 = 6 × 参数 × token（另加重算），按稠密 bf16 算力的 {0}% MFU 计；每 GPU 小时 {1} 美元",  // kTrainAssumptions
    "训练循环细节",  // kLoopDetails
    "QLoRA 基座格式",  // kQloraFormat
    "冻结的基座如何以 4 bit 存储（bitsandbytes 的 bnb_4bit_quant_type、bnb_4bit_use_double_quant）。双重量化把块缩放因子存为 8 bit：每个权重约 4.13 bit 而不是 4.5 bit（Dettmers 等 2023，QLoRA 第 3 节）。仅用于 QLoRA 和 QDoRA。",  // kQloraFormatTip
    "QLoRA 量化器",  // kQloraQuantizer
    "由谁把基座换成 4 bit 线性层。transformers 的 bitsandbytes 加载器让 lm_head 保持 16 bit；Lightning Fabric 的 BitsandbytesPrecision 量化每个 nn.Linear（含 lm_head），并反量化出 fp16 与 bf16 两份副本；torchao 的 NF4Tensor（torchtune）反向只保存其权重。仅用于 QLoRA 和 QDoRA。",  // kQloraQuantizerTip
    "bitsandbytes 低于 0.43.2",  // kOldBitsandbytes
    "bitsandbytes 0.43.2（PR #1270）之前，4 bit 矩阵乘把输入留在 MatMul4Bit 的 ctx.tensors 中，直到整个 autograd 图释放，而不只是到它自己的反向为止：每层每个 4 bit 线性层的输入多存一份。torchao 不受影响。仅用于 QLoRA 和 QDoRA。",  // kOldBitsandbytesTip
    "循环保留上一个微步",  // kHoldsPreviousStep
    "下一次前向运行时，训练循环仍持有上一个微步的 logits 及其所挂的 autograd 图：LitGPT 的微调脚本在下一次前向返回后才重新绑定 logits 和 loss（finetune/lora.py）。",  // kHoldsPreviousStepTip
    "在 FSDP no_sync() 中累积梯度",  // kFsdpNoSync
    "在 FSDP 的 no_sync() 中做梯度累积：同步之前，每块 GPU 为每个含可训练参数的封装单元保留完整（未分片）的梯度（torch FullyShardedDataParallel.no_sync）。用于多于一块 GPU 的 ZeRO-2/3 或 FSDP 分片。",  // kFsdpNoSyncTip
    "每个分片组的 GPU 数",  // kShardGroup
    "FSDP HYBRID_SHARD 在这么多块 GPU（通常是一台机器）组成的组内分片状态，组间复制（torch ShardingStrategy.HYBRID_SHARD）。仅用于 fsdp_hybrid_shard。",  // kShardGroupTip
    "模型 dropout 开启",  // kModelDropout
    "模型自身的 dropout（注意力与隐藏层）开启，每层为反向保存 dropout 掩码（Korthikanti 等 2022，式 1）。微调配置通常把它设为 0。仅用于全量微调。",  // kModelDropoutTip
    "LoRA dropout 开启",  // kLoraDropout
    "LoRA dropout p > 0（PEFT LoraConfig 的 lora_dropout）：每个被适配的投影为反向保存自己的 dropout 掩码和被 dropout 后的输入，而不是共用该层的输入（PEFT tuners/lora/layer.py）。",  // kLoraDropoutTip
    "适配器数据类型",  // kAdapterDtype
    "LoRA 适配器及其梯度每个值的字节数。默认随精度而定（bf16-true：2 B；mixed 和 fp32：4 B）；除非另行指定，PEFT 会把 16 bit 适配器升为 fp32（get_peft_model 的 autocast_adapter_dtype）。",  // kAdapterDtypeTip
    "随精度",  // kAdapterAsPrecision
    "融合的 q/k/v 投影",  // kFusedQkv
    "一个线性层同时算出 q、k、v（LitGPT 的 CausalSelfAttention.attn）：三者共用一个适配器 dropout；多头注意力下 value 是一个视图，会让整个 q/k/v 输出一直保留。",  // kFusedQkvTip
    "RMSNorm 保存 fp32 输入",  // kRmsnormFp32
    "eager 模式的 RMSNorm 把输入升为 fp32 并为反向保存这份副本（transformers LlamaRMSNorm：hidden_states.to(torch.float32)）：每个值 4 字节而不是 2 字节。使用融合的归一化算子时关闭。",  // kRmsnormFp32Tip
    "主机内存（GB）",  // kHostRam
    "主机的 CPU 内存：卸载时优化器状态和参数存放在这里（ZeRO-Offload、FSDP CPU 卸载）；明细中的主机一栏以它为容量来检查。",  // kHostRamTip
    "可训练参数 {0}，共 {1}",  // kTrainableLine
    "要放得下，可以：开启梯度检查点、减小微批、改用 LoRA 或 QLoRA、在更多 GPU 上用 ZeRO-3 / FSDP 分片，或卸载到 CPU。",  // kSuggestTrain
    "±{0}%：{1} 个公开实测中有九成误差在此之内（中位数 {2}%）。",  // kAccuracyLine
    "准确度报告",  // kAccuracyReport
    "该引擎尚无公开实测数据。",  // kAccuracyNone
    "自定义架构…",  // kCustomArchButton
    "自定义（{0}）",  // kCustomModel
    "{0}的近似：它的部分结构在这里没有对应字段。",  // kArchApproximation
    "层数",  // kArchLayers
    "隐藏层维度",  // kArchHidden
    "注意力头数",  // kArchHeads
    "KV 头数",  // kArchKvHeads
    "每头维度",  // kArchHeadDim
    "FFN 维度",  // kArchFfn
    "词表大小",  // kArchVocab
    "最大上下文",  // kArchContext
    "滑动窗口",  // kArchWindow
    "专家数",  // kArchExperts
    "每 token 激活专家数",  // kArchExpertsPerToken
    "专家 FFN 维度",  // kArchExpertFfn
    "共享专家数",  // kArchSharedExperts
    "共享词嵌入",  // kArchTied
    "运行命令",  // kRunIt
    "复制命令",  // kCopyCommand
    "参数按 {0}",  // kLaunchFlagsOf
    "放在内存中的 MoE 专家（--n-cpu-moe）",  // kCpuMoe
    "把前 N 层的路由专家留在系统内存中（llama.cpp --n-cpu-moe），每层其余部分仍在 GPU 上。解码时按内存带宽读取激活的专家。",  // kCpuMoeTip
    "无",  // kCpuMoeNone
    "按我的硬件适配",  // kFitTitle
    "适配",  // kFitRun
    "质量最好",  // kFitGoalQuality
    "上下文最长",  // kFitGoalContext
    "并发序列最多",  // kFitGoalSequences
    "解码最快",  // kFitGoalSpeed
    "最佳",  // kFitBest
    "最接近（放不下）",  // kFitNearest
    "使用",  // kFitUse
    "{0}，KV 缓存 {1}，{2} token x {3} 条序列",  // kFitLine
    "{0} 层的专家放在内存",  // kFitExperts
    "{0} 层放在 GPU",  // kFitGpuLayers
    "{0} / {1}，约 {2} token/s",  // kFitFigures
    "放不下",  // kFitLostNoFit
    "质量较低",  // kFitLostQuality
    "放到内存的更多",  // kFitLostOffload
    "上下文较短",  // kFitLostContext
    "并发序列较少",  // kFitLostSequences
    "较慢",  // kFitLostSpeed
    "估算了 {0} 种配置",  // kFitSearched
    "未能复制：写出 JSON 的模块没有加载",  // kExportFailed
    "Hugging Face 模型…",  // kHubLabel
    "Hugging Face 模型：org/name 或 huggingface.co 地址",  // kHubHint
    "从 Hugging Face 读取",  // kHubRead
    "正在从 huggingface.co 读取 {0}…",  // kHubReading
    "已从 huggingface.co 读取 {0}（收到 {1}）。",  // kHubDone
    "Hub 统计的参数量为 {0}，与 vramfit 一致。",  // kHubCountAgrees
    "Hub 按 safetensors 文件统计 {0} 个参数；vramfit 统计 {1}（{2}）。视觉或音频塔、MTP 层和量化缩放因子可解释大部分差异。",  // kHubCountDiffers
    "这不是 Hugging Face 仓库：请输入 org/name 或粘贴模型地址。",  // kHubBadId
    "{0} 是受限或私有模型：请先在 huggingface.co 上接受其许可，再在下方粘贴访问令牌。令牌只随这几次请求发送给 huggingface.co，不会保存。",  // kHubGated
    "访问令牌（hf_…）",  // kHubToken
    "huggingface.co 上没有带 config.json 的模型 {0}，请检查名称。",  // kHubNotFound
    "huggingface.co 正在限制请求，请一分钟后再试。",  // kHubRateLimited
    "无法连接 huggingface.co（离线或被拦截），未做任何更改。",  // kHubOffline
    "huggingface.co 返回 {0}，未做任何更改。",  // kHubOtherError
    "此链接指向 Hugging Face 模型 {0}。要从 huggingface.co 读取它的 config.json 吗？",  // kHubAsk
    "暂不",  // kHubNotNow
    "仅在你请求时：页面向 huggingface.co 请求该模型的 config.json、safetensors 索引和公开的模型信息，不发送其他任何内容。",  // kHubPrivacy
    "每块 GPU 已占用（GB）",  // kGpuInUse
    "引擎启动前其他程序在每块 GPU 上占用的显存：桌面（Linux 和 Windows 上约 0.3–1.6 GB，WSL 下最多 3 GB）、浏览器、另一个模型。它会从 GPU 可用的容量中扣除；当利用率 × 总量超过空闲显存时，vLLM 会拒绝启动。",  // kGpuInUseTip
};
static_assert(std::size(kChinese) == static_cast<std::size_t>(T::kCount), "one Chinese string per key");

extern const ComponentLabel kComponentsZh[] = {
    {"weights", "权重"}, {"weights_repacked", "重排后的权重"}, {"kv_cache", "KV 缓存"},
    {"compute", "计算缓冲区"}, {"output", "输出（logits）"}, {"cuda_context", "CUDA 上下文"},
    {"activations", "激活值"}, {"non_torch", "非 PyTorch 内存"}, {"cuda_graphs", "CUDA Graph"},
    {"attention_scores", "注意力分数"}, {"logits", "logits"}, {"overhead", "额外开销（20%）"},
    {"runtime", "运行时进程"}, {"reserve", "系统预留"}, {"adapters", "LoRA 适配器"},
    {"master_weights", "主权重（fp32）"}, {"gradients", "梯度"}, {"optimizer", "优化器状态"},
    {"optimizer_temp", "优化器临时张量"}, {"dequant", "反量化的权重"}, {"comm_buffers", "通信缓冲区"},
    {"qlora_inputs", "4 位层的输入"}, {"previous_step", "上一个微步"}, {"dora", "DoRA 幅度分支"},
};

namespace {

// The core's diagnostics by code. {field} is the input concerned; {detail} the core's English sentence, kept
// where it carries numbers the template cannot.
constexpr DiagnosticTemplate kDiagnosticsZh[] = {
    {"catalog.bad_entry", "GPU 目录中的条目 {field} 缺少 id 或显存大小。"},
    {"catalog.bad_file", "内置的 GPU 目录无法读取。"},
    {"presets.bad_file", "内置的模型预设无法读取。"},
    {"config.bad_type", "config.json 中 {field} 的类型不对（{detail}）"},
    {"config.inconsistent", "config.json 的字段互相矛盾（{detail}）"},
    {"config.missing_field", "config.json 缺少字段 {field}。"},
    {"config.not_json", "config.json 不是有效的 JSON 对象（{detail}）"},
    {"config.out_of_range", "config.json 中 {field} 的值超出范围（{detail}）"},
    {"config.unsupported", "config.json 中有 vramfit 不支持的内容（{detail}）"},
    {"config.mixed_quantization", "config.json 的各组权重用了不同的量化格式，估算对所有量化权重都按其中最大的格式计（{detail}）"},
    {"config.partial_quantization", "quantization_config.ignore 让部分解码层模块保持未量化，估算仍按全部量化计，会低估这些权重（{detail}）"},
    {"config.not_decoder", "这不是仅解码器的语言模型，vramfit 只估算这类模型（{detail}）"},
    {"config.unknown_model_type", "vramfit 不认识这个 model_type，已按 llama 读取，可能与实际架构不符（{detail}）"},
    {"config.implausible", "config.json 中的尺寸不像真实模型，已按原值计算，请检查配置（{detail}）"},
    {"config.assumed", "config.json 没有给出 {field}，已按假设值计算，可能不是这个模型的真实值（{detail}）"},
    {"config.towers_apart", "视觉编码器与投影层的参数单独计数；vLLM 与 transformers 的估算包含其 16 位权重，但尚未计入其激活、图像 token 和 llama.cpp 的 mmproj 文件（{detail}）"},
    {"json.too_deep", "JSON 嵌套过深，未读取。"},
    {"json.too_large", "JSON 文本过大，未读取（{detail}）"},
    {"device.unified_memory", "统一内存：在 macOS 13–15 上，Metal 默认让 GPU 使用不超过 32 GiB 内存的 2/3，更大内存的 3/4"
                              "（192 GiB 以上为内存减 48 GiB），即 recommendedMaxWorkingSetSize；macOS 26 允许更多"
                              "（32 GiB 以下 74%，以上 78–87%）；`sudo sysctl iogpu.wired_limit_mb=N` 可将其设为 N MiB。"},
    {"device.in_use", "每块 GPU 的容量已扣除其他程序占用的部分（{detail}）"},
    {"vllm.not_enough_free", "其他程序占用了显存，启动时的空闲显存少于 gpu_memory_utilization × 总量，vLLM 会拒绝启动（{detail}）"},
    {"device.unified_memory_nvidia", "统一内存：CUDA 报告的 GPU 总量约为内存的 95%（DGX Spark 上为 121.69 GiB）；"
                                     "其空闲内存是 Linux 的 MemFree，页缓存和其他进程都会占用它（vLLM 用户在 GB10 上"
                                     "一般把利用率设为 0.83–0.85）。"},
    {"device.unified_memory_amd", "统一内存（AMD APU）：在 Linux 上，GPU 的 GTT 池默认为内存的一半，可用内核参数 "
                                  "ttm.pages_limit（内核 7 之前还需 amdgpu.gttsize）调高，例如 128 GiB 中的 124 GiB；"
                                  "在 Windows 上，无论 BIOS 划分多少，Vulkan 大约提供内存的 85%。"},
    {"fit.module_failed", "适配模式所在的第二个模块未能加载；请检查网络后重试。"},
    {"fit.nothing_estimated", "引擎提供的任何设置都无法为这个模型估算。"},
    {"fit.nothing_fits", "引擎提供的任何设置都放不下：请缩短上下文、换用更小的模型，或增加 GPU、显存或内存；最接近的配置及其超出的设备见下方。"},
    {"fit.rule_of_thumb", "经验公式没有可搜索的引擎设置；请选择一个推理引擎。"},
    {"fit.training", "适配模式搜索推理设置；微调任务请看扫描图给出的最大微批次和序列长度。"},
    {"gguf.bad_magic", "这不是 GGUF 文件（开头不是 \"GGUF\"）。"},
    {"gguf.bad_version", "不支持这个 GGUF 版本（llama.cpp 读取版本 2 和 3）。"},
    {"gguf.bad_alignment", "general.alignment 必须是 2 的幂（{detail}）"},
    {"gguf.absurd_counts", "文件头声明的张量或元数据数量不合理，不像真实模型（{detail}）"},
    {"gguf.bad_tensor", "文件头中有无效的张量（{detail}）"},
    {"gguf.bad_type", "元数据 {field} 的类型未知。"},
    {"gguf.data_truncated", "张量数据比文件长：文件可能没下载完整（{detail}）"},
    {"gguf.header_too_large", "GGUF 文件头超过 64 MiB，vramfit 不读取这么大的文件头。"},
    {"gguf.no_architecture", "文件没有 general.architecture，不是 llama.cpp 模型。"},
    {"gguf.params_mismatch", "由元数据推算的参数量与文件中存储的不一致（{detail}）"},
    {"gguf.truncated", "GGUF 文件头超出了文件末尾：文件不完整（{detail}）"},
    {"gguf.unknown_arch", "vramfit 不了解这个架构在 llama.cpp 中的布局，KV 缓存和计算缓冲区按 Llama 式的块估算（{detail}）"},
    {"gguf.unknown_ftype", "未知的 llama.cpp 文件类型（{detail}）"},
    {"gguf.unsupported_arch", "GGUF 写入器不支持这个模型的布局（{detail}）"},
    {"log.no_memory_figures", "日志写明了设置，但没有任何显存数字（权重、KV 缓存、块数）。"},
    {"log.not_recognised", "没有找到 vLLM 启动日志的行（vramfit 目前读取 vLLM 的启动输出）。"},
    {"log.too_large", "文本超过 16 MiB；请只粘贴日志的启动部分。"},
    {"import.module_failed", "读取文件的模块未能加载，或在这个文件上出错；请检查网络后重试。"},
    {"import.module_mismatch", "读取文件的模块与本页面版本不符；请刷新页面后重试。"},
    {"import.too_large", "超过 64 MiB 的 config.json 或 model.safetensors.index.json 不会是真实文件。"},
    {"import.unknown_kind", "这不是 GGUF、safetensors、config.json 或 model.safetensors.index.json 文件。"},
    {"launch.bnb_double_quant", "vLLM 的在线 bitsandbytes 量化没有双重量化的开关；预先量化为 nf4-dq 的检查点自带双重量化。"},
    {"launch.gguf_file", "GGUF 文件名只是占位：请换成你自己的、与所选权重格式相同的模型文件。"},
    {"launch.model_path", "path/to/model 代表你的模型文件夹或 Hub 上的模型 id。"},
    {"launch.more_sequences_than_max", "估算的并发序列数超过了 --max-num-seqs：vLLM 同时最多只运行这么多条序列。"},
    {"launch.old_release", "命令按 llama.cpp v0.5.0 的参数写出；b2459（2024 年 3 月）的部分参数写法不同（例如 -fa 当时是开关）。"},
    {"launch.ollama_cpu_moe", "Ollama 没有专家卸载的设置：LLAMA_ARG_N_CPU_MOE 会传给它启动的 llama-server，并作用于该服务加载的所有模型。"},
    {"launch.ollama_kv_needs_fa", "Flash Attention 关闭时，不管 OLLAMA_KV_CACHE_TYPE 怎么设，Ollama 都用 f16 的 KV 缓存（llm/server.go）。"},
    {"launch.ollama_kv_type", "Ollama 的 KV 缓存只接受 f16、q8_0 或 q4_0，没有所选类型的设置。"},
    {"launch.ollama_layers", "放到 GPU 的层数由 Ollama 自己决定；放得下时它会全部放上，与估算的假设一致。"},
    {"launch.ollama_swa_full", "Ollama 没有对应 llama.cpp --swa-full（为滑动窗口层分配完整大小的缓存）的设置，由它自己决定。"},
    {"launch.ollama_batch", "Ollama 把 llama.cpp 的 -b 和 -ub 都设为 num_batch，估算也照此计算：num_batch 取 -ub 的值，-b 的设置不适用。"},
    {"launch.one_sequence", "llama-cli 只运行一条序列；多条并发序列请用 llama-server（-np）。"},
    {"launch.prequantized", "这种权重格式由检查点的 quantization_config 决定：请使用以该格式保存的检查点。"},
    {"launch.wont_start_here", "在这套硬件上引擎会拒绝启动（见结论）；这条命令适用于放得下的硬件。"},
    {"launch.training", "vramfit 目前为推理引擎写出启动命令；微调任务只给出每一步的显存。"},
    {"link.bad_escape", "链接里有损坏的 % 转义，已按原样读取。"},
    {"link.bad_value", "链接中的 {field} 无法读取，已使用默认值。"},
    {"link.newer_version", "这个链接来自更新版本的 vramfit，已读取本版本认识的部分。"},
    {"link.too_long", "链接过长，只读取了开头部分。"},
    {"llamacpp.kv_width_not_blocks", "KV 宽度不是该缓存类型块大小的整数倍，llama.cpp 不能对这个模型使用这种 KV 缓存类型（{detail}）"},
    {"llamacpp.moe_offload_unmeasured", "路由专家放在主机内存（--n-cpu-moe）时，各设备的权重是精确的，但计算缓冲区是按模型推算的、未经实测："
                                        "主机侧按包含专家 FFN 的中间结果计算；llama.cpp 处理长提示词时可能把一层的专家复制到 GPU（调度器的算子卸载），这部分没有计入。"},
    {"llamacpp.quantized_v_needs_fa", "没有 Flash Attention 时，llama.cpp 不接受量化的 V 缓存。"},
    {"request.bad_gguf_weights", "请求中的 GGUF 权重信息无效（{detail}）"},
    {"request.bad_goal", "目标必须是 quality、context、sequences 或 speed。"},
    {"request.bad_model", "请求中的模型无效（{detail}）"},
    {"request.bad_request", "请求无效（{detail}）"},
    {"request.bad_type", "请求中 {field} 的类型不对。"},
    {"request.bad_value", "请求中 {field} 的值无法接受（{detail}）"},
    {"request.context_beyond_training", "上下文长度超过了模型的 max_position_embeddings（{detail}）"},
    {"request.missing_field", "请求缺少字段 {field}。"},
    {"request.not_enough_gpus", "张量并行 × 流水线并行所需的 GPU 数量多于给定的数量（{detail}）"},
    {"request.out_of_range", "请求中 {field} 的值超出范围（{detail}）"},
    {"request.unknown_catalog", "目录只能是 \"gpus\" 或 \"models\"。"},
    {"request.unknown_engine", "未知的推理引擎（{detail}）"},
    {"request.unknown_format", "未知的权重格式（{detail}）"},
    {"request.unknown_gpu", "GPU 目录中没有这个 GPU（{detail}）"},
    {"request.unknown_key", "请求中的 {field} 不是 vramfit 认识的字段，已忽略。"},
    {"request.unknown_kv_type", "未知的 KV 缓存类型（{detail}）"},
    {"request.unknown_method", "未知的微调方法（{detail}）"},
    {"request.unknown_model", "没有这个预设模型（{detail}）"},
    {"request.unknown_optimizer", "未知的优化器（{detail}）"},
    {"request.unknown_precision", "未知的训练精度（{detail}）"},
    {"request.unknown_release", "未知的 llama.cpp 版本（{detail}）"},
    {"reference.bad_case", "参考数据中有无效的条目（{detail}）"},
    {"reference.bad_file", "参考数据文件无法读取（{detail}）"},
    {"reference.unknown_metric", "参考数据中有未知的指标（{detail}）"},
    {"safetensors.bad_header", "safetensors 文件头无效（{detail}）"},
    {"safetensors.bad_index", "这不是 model.safetensors.index.json（没有 \"weight_map\" 对象）。"},
    {"safetensors.data_truncated", "张量数据比文件长：文件可能没下载完整（{detail}）"},
    {"safetensors.empty", "文件头中没有任何张量。"},
    {"safetensors.no_total_size", "索引文件没有 metadata.total_size，无法得知检查点的大小。"},
    {"vllm.max_model_len_too_long", "max_model_len 需要的 KV 缓存超过了能放下的 token 数，vLLM 会拒绝启动（{detail}）"},
    {"vllm.no_kv_room", "没有留给 KV 缓存的显存：权重、激活值和非 PyTorch 内存已超出预算（{detail}）"},
};

}  // namespace

namespace {

// English phrases of the core's formulas, assumptions and peak moments, and their Chinese. Longest first wins,
// so "sliding layers x" is taken before "layers x". Numbers, symbols and the names people say in English
// (KV, MLA, logits, AdamW, LoRA, CUDA, fp16 ...) stay as they are.
constexpr FormulaPhrase kFormulaPhrasesZh[] = {
    // llama.cpp
    {"tensors of the layers on this GPU, from ", "本 GPU 上各层的张量，按 "},
    {"all tensors (CPU_Mapped), from ", "全部张量（CPU_Mapped），按 "},
    {"'s type mix", " 的各张量类型"},
    {"token embeddings (", "词嵌入（"},
    {", always on the host)", "，始终在主机内存）"},
    {" + layers kept on the CPU", " + 留在 CPU 上的层"},
    {"repacked copy of ", "重排副本："},
    {" matrices", " 矩阵"},
    {" sliding layers x ", " 个滑动窗口层 x "},
    {" layers x ", " 层 x "},
    {" layers", " 层"},
    {" cells", " 个单元"},
    {" x (K + V) rows of each layer's width (widest ", " x (K + V) 行，行宽按各层（最宽 "},
    {" x (K + V) rows of ", " x (K + V) 行，行宽 "},
    {" x K row ", " x K 行宽 "},
    {" (MLA latent, no V)", "（MLA 潜向量，无 V）"},
    {" in ", "，类型 "},
    {" (n_ctx ", "（n_ctx "},
    {" padded to ", " 补齐到 "},
    {" + recurrent state ", " + 循环状态 "},
    {" + vision tower ", " + 视觉编码器 "},
    {" vocab x ", " 词表 x "},
    {" batch rows x ", " 批次行 x "},
    {" sequences x ", " 条序列 x "},
    {"max(attention ", "max（注意力 "},
    {" heads x ", " 头 x "},
    {"= mask ", "= 掩码 "},
    {" + mask ", " + 掩码 "},
    {" + per-token ", " + 逐 token "},
    {"; logits ", "；logits "},
    {"; MLP ", "；MLP "},
    {"input embeddings ", "输入嵌入 "},
    {" (or the CPU layers' graph, if larger)", "（或 CPU 上各层的计算图，取较大者）"},
    {" (or the experts' MLP ", "（或 CPU 上专家的 MLP "},
    {" on the CPU, if larger)", "，取较大者）"},
    {" + routed experts of the first ", " + 前 "},
    {" layers (", " 层的路由专家（"},
    {", --n-cpu-moe)", "，--n-cpu-moe）"},
    {"; experts in host RAM read at ", "；主机内存中的专家按 "},
    {"CUDA context per GPU (not in llama.cpp's logs)", "每块 GPU 的 CUDA 上下文（llama.cpp 日志中没有）"},
    {"CUDA context per GPU", "每块 GPU 的 CUDA 上下文"},
    {"CUDA context (not in max_memory_allocated)", "CUDA 上下文（不计入 max_memory_allocated）"},
    // vLLM and transformers
    {" batched tokens x (", " 个批处理 token x ("},
    {" + sampler ", " + 采样器 "},
    {" seqs x ", " 条序列 x "},
    {" blocks x ", " 个块 x "},
    {" tokens: the rest of ", " 个 token：剩余的 "},
    {", page ", "，每页 "},
    {"tensor bytes of the checkpoint as stored: ", "检查点按存储格式的张量字节数："},
    {" prompt tokens x ", " 个提示词 token x "},
    {" (gate, up, product)", "（gate、up 及其乘积）"},
    {" (last position, fp32)", "（最后一个位置，fp32）"},
    {" hidden x ", " 隐藏维度 x "},
    {" tokens x ", " 个 token x "},
    {" tokens", " 个 token"},
    {"% of the weights kept free for the system", "% 的权重大小，留给系统"},
    {"% of the weights", "% 的权重大小"},
    {"Python, PyTorch and vLLM processes", "Python、PyTorch 与 vLLM 进程"},
    {"Python and PyTorch process", "Python 与 PyTorch 进程"},
    {"Python, PyTorch, data loader", "Python、PyTorch 与数据加载器"},
    {"a host copy of the weights while loading", "加载时主机内存中的一份权重副本"},
    {"captured CUDA graphs (vLLM >= 0.21: estimated and taken out of the utilization budget)",
     "捕获的 CUDA Graph（vLLM 0.21 及以后：先估算，并从 utilization 预算中扣除）"},
    {"captured CUDA graphs (vLLM <= 0.20: after the KV cache, outside the utilization budget)",
     "捕获的 CUDA Graph（vLLM 0.20 及以前：在 KV 缓存之后分配，不在 utilization 预算内）"},
    {"cuBLAS workspace and other non-torch allocations", "cuBLAS 工作区和其他非 PyTorch 分配"},
    {"NCCL + cuBLAS workspaces (multi-GPU)", "NCCL + cuBLAS 工作区（多 GPU）"},
    // weights and training
    {" quantised x ", " 量化参数 x "},
    {" unquantised x ", " 未量化参数 x "},
    {" bits / 8", " 位 / 8"},
    {" LoRA parameters (rank ", " 个 LoRA 参数（秩 "},
    {" parameters x ", " 参数 x "},
    {" shards", " 个分片"},
    {"frozen base: ", "冻结的基座："},
    {"fp32 master copy: ", "fp32 主权重副本："},
    {"-bit AdamW: ", " 位 AdamW："},
    {"SGD with momentum: ", "带动量的 SGD："},
    {"foreach optimizer temporaries: ", "foreach 优化器临时张量："},
    {"offloaded optimizer states and master weights", "卸载到内存的优化器状态和主权重"},
    {"offloaded parameters", "卸载到内存的参数"},
    {"two layers' parameters prefetched (all-gather)", "预取的两层参数（all-gather）"},
    {"DDP gradient buckets", "DDP 梯度桶"},
    {"one dequantised 16-bit weight matrix", "一个反量化为 16 位的权重矩阵"},
    {"one dequantised weight matrix, fp16 + bf16 copies", "一个反量化的权重矩阵（fp16 与 bf16 各一份）"},
    {"inputs of the 4-bit linears, 2 B each", "4 位线性层的输入，每个 2 B"},
    {" + 4-bit linears' inputs", " + 4 位线性层的输入"},
    {"previous micro-step: bf16 logits", "上一个微步：bf16 logits"},
    {" (FSDP no_sync)", "（FSDP no_sync）"},
    {" adapted rows x ", " 个被适配的输出行 x "},
    {" tokens x 2 B (outputs the magnitude scales) + composed weight W + sBA, 2 x ", " 个 token x 2 B（幅度向量缩放的输出）+ 合成权重 W + sBA，2 x "},
    {" layer inputs x 2sbh + one layer recomputed (", " 层的输入 x 2sbh + 重算一层（"},
    {" (b ", "（b "},
    {" (bf16 logits, fp32 copy, log-softmax) + fp32 gradient", "（bf16 logits、fp32 副本、log-softmax）+ fp32 梯度"},
    {" (chunked loss)", "（分块计算损失）"},
    {"forward end", "前向传播结束时"},
    {"backward start", "反向传播开始时"},
    {"optimizer step", "优化器更新时"},
    // throughput assumptions
    {"decode reads active weights + KV each step at ", "解码：每步读取激活的权重和 KV，按峰值带宽的 "},
    {"% of peak bandwidth; prefill at ", "% 计；预填充：按稠密 fp16 张量算力的 "},
    {"% of dense fp16 tensor throughput", "% 计"},
    {"; CPU: ", "；CPU："},
    {" GB/s RAM, ", " GB/s 内存带宽，"},
    {" TFLOP/s assumed", " TFLOP/s（假设值）"},
};

}  // namespace

const ChineseTables& chinese_tables() {
  static const ChineseTables tables{kChinese, kComponentsZh, kDiagnosticsZh, kFormulaPhrasesZh};
  return tables;
}

}  // namespace vramfit::web
