// The GPU catalog read from assets/gpus.json (embedded at build time): the core's definition of gpu_table().
// The page links web/app/catalog_blob.cpp instead.
#include "vramfit/gpu_catalog.h"

#include <cstddef>
#include <cstdint>

#include "base/json_util.h"
#include "vramfit/units.h"

extern const std::uint8_t kGpusJson[];
extern const std::size_t kGpusJson_size;

namespace vramfit {
namespace {

GpuTable load() {
  GpuTable c;
  const auto root = json_util::parse(std::string_view(reinterpret_cast<const char*>(kGpusJson), kGpusJson_size));
  const auto* list = json_util::find(root, "gpus");
  if (list == nullptr || !list->is_array()) {
    c.diagnostics.push_back({"catalog.bad_file", Severity::kError, "", "assets/gpus.json has no \"gpus\" array."});
    return c;
  }
  for (const auto& e : *list) {
    GpuEntry g;
    g.id = json_util::string(e, "id").value_or("");
    g.name = json_util::string(e, "name").value_or(g.id);
    g.vendor = json_util::string(e, "vendor").value_or("");
    g.segment = json_util::string(e, "segment").value_or("");
    const double memory = json_util::number(e, "memory_gb").value_or(0);
    const std::string unit = json_util::string(e, "memory_unit").value_or("GB");
    g.memory_bytes = memory * (unit == "GiB" ? kGiB : kGB);
    g.usable_memory_bytes = json_util::number(e, "usable_memory_mib").value_or(0) * kMiB;
    g.memory_type = json_util::string(e, "memory_type").value_or("");
    g.bandwidth_gb_s = json_util::number(e, "bandwidth_gb_s").value_or(0);
    if (const auto* t = json_util::find(e, "dense_tflops")) {
      g.dense_fp16_tflops = json_util::number(*t, "fp16").value_or(json_util::number(*t, "bf16").value_or(0));
      g.dense_fp8_tflops = json_util::number(*t, "fp8").value_or(0);
    }
    g.tdp_w = json_util::number(e, "tdp_w").value_or(0);
    g.price_usd = json_util::number(e, "price_usd").value_or(0);
    g.price_kind = json_util::string(e, "price_kind").value_or("");
    g.price_date = json_util::string(e, "price_date").value_or("");
    g.cloud_usd_per_hour = json_util::number(e, "cloud_usd_per_hour").value_or(0);
    if (const auto* range = json_util::find(e, "cloud_usd_per_hour_range"); range != nullptr && range->is_array() && range->size() == 2 &&
                                                                           (*range)[0].is_number() && (*range)[1].is_number()) {
      g.cloud_low = (*range)[0].get<double>();
      g.cloud_high = (*range)[1].get<double>();
    }
    g.cloud_providers = static_cast<int>(json_util::number(e, "cloud_providers").value_or(0));
    g.cloud_date = json_util::string(e, "cloud_price_date").value_or("");
    g.launch_year = static_cast<int>(json_util::number(e, "launch_year").value_or(0));
    g.unified_memory = json_util::boolean(e, "unified_memory").value_or(false);
    if (const auto* s = json_util::find(e, "sources"); s != nullptr && s->is_object()) {
      // Each text once: the memory and bandwidth figures often come from the same page.
      for (const char* key : {"memory", "bandwidth", "tflops"})
        if (auto v = json_util::string(*s, key); v && !v->empty() && g.source.find(*v) == std::string::npos)
          g.source += (g.source.empty() ? "" : "; ") + *v;
    }
    // CPU hosts and some Apple chips carry no single memory size (DIMMs, configurations): the user gives it.
    if (g.id.empty() || (!(g.memory_bytes > 0) && g.segment != "cpu" && g.segment != "apple")) {
      c.diagnostics.push_back({"catalog.bad_entry", Severity::kError, g.id, "GPU entry \"" + g.id + "\" lacks an id or memory."});
      continue;
    }
    c.gpus.push_back(std::move(g));
  }
  return c;
}

}  // namespace

const GpuTable& gpu_table() {
  static const GpuTable t = load();
  return t;
}

}  // namespace vramfit
