// 简体中文字符串表：与 strings.cpp 的英文表逐键对应（strings.h 的 T）。术语用国内从业者的说法（显存、内存、量化、
// KV 缓存、上下文长度……），大家习惯直接说英文的保留英文（LoRA、GGUF、vLLM、token）。GB = 10^9 字节，GiB = 2^30 字节。
// The font subset for Chinese is cut from exactly the characters in this file (web/fonts/subset_cjk.py).
#include <cstring>
#include <iterator>

#include "strings.h"

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
    "可训练参数 {0}，共 {1}",  // kTrainableLine
    "要放得下，可以：开启梯度检查点、减小微批、改用 LoRA 或 QLoRA、在更多 GPU 上用 ZeRO-3 / FSDP 分片，或卸载到 CPU。",  // kSuggestTrain
    "±{0}%：{1} 个公开实测中有九成误差在此之内（中位数 {2}%）。",  // kAccuracyLine
    "准确度报告",  // kAccuracyReport
    "该引擎尚无公开实测数据。",  // kAccuracyNone
};
static_assert(std::size(kChinese) == static_cast<std::size_t>(T::kCount), "one Chinese string per key");

struct ComponentLabel { const char* id; const char* text; };
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
extern const std::size_t kComponentsZhCount = std::size(kComponentsZh);

namespace {

// The core's diagnostics by code. {field} is the input concerned; {detail} the core's English sentence, kept
// where it carries numbers the template cannot.
struct Template { const char* code; const char* text; };
constexpr Template kDiagnosticsZh[] = {
    {"catalog.bad_entry", "GPU 目录中的条目 {field} 缺少 id 或显存大小。"},
    {"catalog.bad_file", "内置的 GPU 目录无法读取。"},
    {"presets.bad_file", "内置的模型预设无法读取。"},
    {"config.bad_type", "config.json 中 {field} 的类型不对（{detail}）"},
    {"config.inconsistent", "config.json 的字段互相矛盾（{detail}）"},
    {"config.missing_field", "config.json 缺少字段 {field}。"},
    {"config.not_json", "这不是一个 JSON 对象（config.json）。"},
    {"config.out_of_range", "config.json 中 {field} 的值超出范围（{detail}）"},
    {"config.unsupported", "config.json 中有 vramfit 不支持的内容（{detail}）"},
    {"config.mixed_quantization", "config.json 的各组权重用了不同的量化格式，估算对所有量化权重都按其中最大的格式计（{detail}）"},
    {"config.partial_quantization", "quantization_config.ignore 让部分解码层模块保持未量化，估算仍按全部量化计，会低估这些权重（{detail}）"},
    {"json.too_deep", "JSON 嵌套过深，未读取。"},
    {"json.too_large", "JSON 文本过大，未读取（{detail}）"},
    {"device.unified_memory", "统一内存：GPU 默认大约只能用内存的 2/3（macOS 的 recommendedMaxWorkingSetSize），"
                              "可用 `sysctl iogpu.wired_limit_mb` 调高。"},
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
    {"import.unknown_kind", "这不是 GGUF、safetensors、config.json 或 model.safetensors.index.json 文件。"},
    {"link.bad_escape", "链接里有损坏的 % 转义，已按原样读取。"},
    {"link.bad_value", "链接中的 {field} 无法读取，已使用默认值。"},
    {"link.newer_version", "这个链接来自更新版本的 vramfit，已读取本版本认识的部分。"},
    {"link.too_long", "链接过长，只读取了开头部分。"},
    {"llamacpp.kv_width_not_blocks", "KV 宽度不是该缓存类型块大小的整数倍，llama.cpp 不能对这个模型使用这种 KV 缓存类型（{detail}）"},
    {"llamacpp.quantized_v_needs_fa", "没有 Flash Attention 时，llama.cpp 不接受量化的 V 缓存。"},
    {"request.bad_gguf_weights", "请求中的 GGUF 权重信息无效（{detail}）"},
    {"request.bad_model", "请求中的模型无效（{detail}）"},
    {"request.bad_request", "请求无效（{detail}）"},
    {"request.bad_type", "请求中 {field} 的类型不对。"},
    {"request.context_beyond_training", "上下文长度超过了模型的 max_position_embeddings（{detail}）"},
    {"request.missing_field", "请求缺少字段 {field}。"},
    {"request.not_enough_gpus", "张量并行 × 流水线并行所需的 GPU 数量多于给定的数量（{detail}）"},
    {"request.out_of_range", "请求中 {field} 的值超出范围（{detail}）"},
    {"request.unknown_catalog", "目录只能是 \"gpus\" 或 \"models\"。"},
    {"request.unknown_engine", "未知的推理引擎（{detail}）"},
    {"request.unknown_format", "未知的权重格式（{detail}）"},
    {"request.unknown_gpu", "GPU 目录中没有这个 GPU（{detail}）"},
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
struct Phrase { const char* en; const char* zh; };
constexpr Phrase kFormulaPhrasesZh[] = {
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
    {" x (K + V) rows of ", " x (K + V) 行，行宽 "},
    {" x K row ", " x K 行宽 "},
    {" (MLA latent, no V)", "（MLA 潜向量，无 V）"},
    {" in ", "，类型 "},
    {" (n_ctx ", "（n_ctx "},
    {" padded to ", " 补齐到 "},
    {" + recurrent state ", " + 循环状态 "},
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
    {"captured CUDA graphs (outside the utilization budget)", "捕获的 CUDA Graph（不在 utilization 预算内）"},
    {"cuBLAS workspace and other non-torch allocations", "cuBLAS 工作区和其他非 PyTorch 分配"},
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

std::string translate_formula_zh(const std::string& formula) {
  std::string out;
  for (std::size_t i = 0; i < formula.size();) {
    const Phrase* best = nullptr;
    std::size_t best_len = 0;
    for (const auto& p : kFormulaPhrasesZh) {
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
  for (const auto& t : kDiagnosticsZh)
    if (code == t.code) return t.text;
  return nullptr;
}

}  // namespace vramfit::web

namespace vramfit::web {

std::string chinese_text() {
  std::string all;
  for (std::size_t i = 0; i < std::size(kChinese); ++i) all += kChinese[i];
  for (const auto& c : kComponentsZh) all += c.text;
  for (const auto& t : kDiagnosticsZh) all += t.text;
  for (const auto& p : kFormulaPhrasesZh) all += p.zh;
  return all;
}

}  // namespace vramfit::web
