// libFuzzer target: the engine log reader (pasted start-up output). Any text: read or refused, in linear time,
// never a crash; the figures it returns are finite.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "vramfit/engine_log.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const vramfit::EngineLogRead r = vramfit::read_engine_log(std::string_view(reinterpret_cast<const char*>(data), size));
  for (double v : {r.weights_gib, r.kv_available_gib, r.kv_tokens, r.gpu_memory_utilization, r.total_gpu_memory_gib,
                   r.max_concurrency, r.cuda_graph_gib})
    if (!std::isfinite(v)) std::abort();
  if (r.lines_read > r.lines) std::abort();
  return 0;
}
