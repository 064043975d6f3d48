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
    "huggingface.co 上没有模型 {0}，请检查名称。",  // kHubNotFound
    "huggingface.co 正在限制请求，请一分钟后再试。",  // kHubRateLimited
    "无法连接 huggingface.co（离线或被拦截），未做任何更改。",  // kHubOffline
    "huggingface.co 返回 {0}，未做任何更改。",  // kHubOtherError
    "此链接指向 Hugging Face 模型 {0}。要从 huggingface.co 读取它的 config.json 吗？",  // kHubAsk
    "暂不",  // kHubNotNow
    "仅在你请求时：页面向 huggingface.co 请求该模型公开的文件列表、config.json、safetensors 索引（或单个 safetensors 文件的文件头），GGUF 模型则用范围请求读取你所选文件的文件头（从不下载权重）。不发送其他任何内容。",  // kHubPrivacy
    "每块 GPU 已占用（GB）",  // kGpuInUse
    "引擎启动前其他程序在每块 GPU 上占用的显存：桌面（Linux 和 Windows 上约 0.3–1.6 GB，WSL 下最多 3 GB）、浏览器、另一个模型。它会从 GPU 可用的容量中扣除；当利用率 × 总量超过空闲显存时，vLLM 会拒绝启动。",  // kGpuInUseTip
    "{0} 中是 GGUF 文件（{1} 个模型）。请选择一个：只用范围请求读取它的文件头。",  // kHubGgufIntro
    "选择 GGUF 文件",  // kHubGgufPick
    "{0} 个文件",  // kHubGgufParts
    "{0} 中既没有 config.json 也没有 GGUF 模型文件，未做任何更改。",  // kHubNotModel
    "已从 huggingface.co 读取 {0} 的文件头（收到 {1}，文件共 {2}）。",  // kHubDoneFile
    "0 表示按每种 GPU 的云端价格。{0}：每小时 ${1}，为 {2} 家云服务商按需价格的中位数（${3}–{4}，{5}）。",  // kPriceCloud
    "0 表示按每种 GPU 的云端价格；目录中没有 {0} 的价格，因此按每小时 ${1} 计。",  // kPriceFallback
    "mem_fraction_static（静态显存比例）",         // kMemFraction
    "SGLang 默认值：%.3f",                        // kMemFractionDefault
    "vLLM 版本",                                  // kVllmRelease
    "{0} 启动日志（版本 {1}）：读取了 {3} 行中的 {2} 行；页面已采用其设置：{4}",  // kSummaryLog
    "引擎未能启动：{0}",                          // kSummaryLogRefusal
    "每块 GPU",                                   // kLogComponent
    "实测（日志）",                               // kLogMeasured
    "vramfit 估算",                               // kLogEstimated
    "复制报告（Markdown）",                       // kCopyReport
    "日志中的模型（{0}）不在预设中：请选择它，或导入它的 config.json 或 GGUF。",  // kSummaryLogModel
    "日志没有打印 GPU 的显存：请选择它运行时所用的 GPU。",  // kSummaryLogGpu
    "草稿模型（投机解码）",                       // kDraftModel
    "无",                                         // kDraftNone
    "macOS 版本",                                 // kMacos
    "Ollama 版本",                                // kOllamaRelease
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
    {"request_table", "请求表（req_to_token）"}, {"recurrent_state", "循环状态"},
    {"draft_weights", "草稿模型权重"}, {"draft_kv_cache", "草稿模型 KV 缓存"}, {"draft_compute", "草稿模型计算缓冲区"},
    {"draft_output", "草稿模型输出"},
};

const ChineseTables& chinese_tables() {
  static const ChineseTables tables{kChinese, kComponentsZh, diagnostic_templates_zh(), formula_phrases_zh()};
  return tables;
}

}  // namespace vramfit::web
