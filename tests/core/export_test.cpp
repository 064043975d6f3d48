// Exports (Markdown, CSV, plain table) and the share-link side of the JSON API.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "vramfit/api_json.h"
#include "vramfit/export.h"
#include "vramfit/format.h"
#include "vramfit/gpu_catalog.h"
#include "vramfit/presets.h"
#include "vramfit/resolve.h"
#include "vramfit/share_link.h"

namespace vramfit {
namespace {

using nlohmann::json;

InferenceEstimate llama3_8b(InferenceRequest* out = nullptr) {
  Scenario c;
  c.model = "meta-llama/Meta-Llama-3-8B";
  InferenceRequest r = resolve_inference(c);
  if (out != nullptr) *out = r;
  return estimate_inference(r);
}

std::vector<std::string> lines(const std::string& text, const char* sep = "\n") {
  std::vector<std::string> out;
  std::size_t start = 0;
  const std::string s(sep);
  for (std::size_t p; (p = text.find(s, start)) != std::string::npos; start = p + s.size()) out.push_back(text.substr(start, p - start));
  if (start < text.size()) out.push_back(text.substr(start));
  return out;
}

// A minimal RFC 4180 reader: enough to prove our quoting round-trips.
std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') { out.back() += '"'; ++i; }
      else if (c == '"') quoted = false;
      else out.back() += c;
    } else if (c == '"') { quoted = true; }
    else if (c == ',') { out.emplace_back(); }
    else { out.back() += c; }
  }
  return out;
}

TEST(Export, MarkdownTableHasOneRowPerComponentAndATotalPerDevice) {
  const InferenceEstimate e = llama3_8b();
  ASSERT_FALSE(e.devices.empty());
  const std::string md = export_estimate(e, ExportFormat::kMarkdown, "Llama 3 8B | Q4_K_M", "https://x/?m=a");
  std::size_t components = 0;
  for (const auto& d : e.devices) components += d.components.size();
  int rows = 0;
  for (const auto& l : lines(md))
    if (l.rfind("| ", 0) == 0) ++rows;
  EXPECT_EQ(rows, static_cast<int>(components + e.devices.size() + 1)) << md;  // + header
  EXPECT_NE(md.find("Llama 3 8B \\| Q4_K_M"), std::string::npos) << "a '|' in the summary is escaped";
  EXPECT_NE(md.find("|---|---|---:|---:|---|"), std::string::npos);
  EXPECT_NE(md.find("https://x/?m=a"), std::string::npos);
  // The GPU's total row carries the device total in GB, as the page shows it.
  const std::string total = format_fixed(e.devices.front().total_bytes / 1e9, 2);
  EXPECT_NE(md.find("| " + total + " |"), std::string::npos) << md;
}

TEST(Export, CsvQuotesAndSumsBack) {
  const InferenceEstimate e = llama3_8b();
  const std::string csv = export_estimate(e, ExportFormat::kCsv, "x");
  const auto rows = lines(csv, "\r\n");
  ASSERT_GT(rows.size(), 2u);
  const auto head = csv_fields(rows[0]);
  ASSERT_EQ(head.size(), 7u);
  EXPECT_EQ(head[2], "bytes");
  // Every component row parses to 7 fields; per device, persistent bytes + the largest transient = the total.
  double sum = 0, transient = 0;
  std::size_t i = 1;
  for (const auto& d : e.devices) {
    sum = 0;
    transient = 0;
    for (const auto& c : d.components) {
      const auto f = csv_fields(rows[i++]);
      ASSERT_EQ(f.size(), 7u) << rows[i - 1];
      EXPECT_EQ(f[5], c.formula);  // formulas hold commas and survive quoting
      const double bytes = std::stod(f[2]);
      EXPECT_NEAR(bytes, c.bytes, 0.5);
      if (c.transient) transient = std::max(transient, bytes); else sum += bytes;
    }
    const auto t = csv_fields(rows[i++]);
    EXPECT_NEAR(std::stod(t[2]), sum + transient, 2.0) << d.device;
  }
}

TEST(Export, PlainTableAlignsColumns) {
  const std::string t = export_estimate(llama3_8b(), ExportFormat::kTable, "summary");
  const auto ls = lines(t);
  ASSERT_GT(ls.size(), 4u);
  const std::size_t gb_col = ls[2].find("GB");
  ASSERT_NE(gb_col, std::string::npos);
  for (std::size_t i = 3; i < ls.size(); ++i) {  // numbers end where "GB" ends (right-aligned)
    EXPECT_TRUE(std::isdigit(static_cast<unsigned char>(ls[i][gb_col + 1]))) << ls[i];
    EXPECT_EQ(ls[i][gb_col + 2], ' ') << ls[i];
  }
}

TEST(Export, TheApiAndTheCommandLineAgree) {
  // export_json wraps export_text; a bad request gives estimate_json's error; an unknown format is an error.
  const std::string req = R"({"model": "meta-llama/Meta-Llama-3-8B", "gpu": "rtx-4090"})";
  const json md = json::parse(export_json(req, "markdown"));
  ASSERT_TRUE(md["ok"].get<bool>());
  EXPECT_EQ(md["text"].get<std::string>(), export_text(req, "markdown").text);
  EXPECT_FALSE(json::parse(export_json(req, "xls"))["ok"].get<bool>());
  EXPECT_EQ(json::parse(export_json("{", "csv"))["errors"][0]["code"], "bad_json");
  EXPECT_EQ(export_text(req, "json").text, estimate_json(req));
}

TEST(ShareApi, AGpuIdInARequestTakesTheCatalogFigures) {
  const GpuEntry* g = find_gpu("rtx-4090");
  ASSERT_NE(g, nullptr);
  const json r = json::parse(estimate_json(R"({"model": "meta-llama/Meta-Llama-3-8B", "gpu": "rtx-4090"})"));
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
  EXPECT_EQ(r["devices"][0]["capacity_bytes"].get<double>(), g->capacity_bytes());
  const json bad = json::parse(estimate_json(R"({"model": "meta-llama/Meta-Llama-3-8B", "gpu": "gtx-9999"})"));
  EXPECT_EQ(bad["errors"][0]["code"], "request.bad_value");
  EXPECT_EQ(bad["errors"][0]["field"], "gpu");
}

TEST(ShareApi, ALinkEstimatesWhatTheEquivalentRequestDoes) {
  // The page (resolve_inference) and the JSON API (parse_inference_request) read one configuration the same.
  const std::string from_link = estimate_link_json("?m=Qwen/Qwen3-8B&w=Q8_0&kv=q8_0&ctx=32768&seq=2&gpu=rtx-4090&n=2");
  const std::string from_request = estimate_json(R"({"model": "Qwen/Qwen3-8B", "engine": "llama.cpp", "weights": "Q8_0",
      "kv_type": "q8_0", "context": 32768, "sequences": 2, "gpu_count": 2, "gpu": "rtx-4090"})");
  EXPECT_EQ(from_link, from_request);
  const std::string vllm_link = estimate_link_json("e=vllm&hw=fp8&kv=fp8&ctx=16384&gpu=h100-sxm&util=0.85");
  const std::string vllm_request = estimate_json(R"({"model": "meta-llama/Meta-Llama-3.1-8B", "engine": "vllm", "weights": "fp8",
      "kv_type": "fp8", "context": 16384, "gpu": "h100-sxm", "vllm": {"gpu_memory_utilization": 0.85}})");
  EXPECT_EQ(vllm_link, vllm_request);
  // A link's unreadable parts come back as diagnostics in the result.
  const json j = json::parse(estimate_link_json("ctx=huge"));
  EXPECT_TRUE(j["ok"].get<bool>());
  EXPECT_EQ(j["diagnostics"][0]["code"], "link.bad_value");
}

TEST(ShareApi, ATrainingLinkEstimatesWhatTheEquivalentRequestDoes) {
  const std::string from_link = estimate_link_json("?m=Qwen/Qwen3-8B&gpu=h100-sxm&job=training&tm=full&prec=mixed&mb=2&sl=4096&ck=full&dp=8&sh=zero3");
  const std::string from_request = estimate_json(R"({"job": "training", "model": "Qwen/Qwen3-8B", "gpu": {"id": "h100-sxm", "memory_gb": 24},
      "method": "full", "precision": "mixed", "optimizer": "adamw", "micro_batch": 2, "seq_len": 4096, "grad_accum": 1,
      "checkpointing": "full", "flash_attention": true, "chunked_loss": false,
      "lora": {"rank": 16, "targets": ["q", "k", "v", "o", "gate", "up", "down"]},
      "parallel": {"data": 8, "tensor": 1, "pipeline": 1, "sequence_parallel": false, "sharding": "zero3"},
      "offload": {"optimizer": false, "params": false}, "train_tokens": 1e9, "mfu": 0.4, "price_per_gpu_hour": 0})");
  EXPECT_EQ(from_link, from_request);
  const json j = json::parse(from_link);
  ASSERT_TRUE(j["ok"].get<bool>()) << j.dump();
  EXPECT_EQ(j["job"], "training");
  EXPECT_GT(j["time_hours"].get<double>(), 0);
  // A bad training field beside good ones: the link's note first, the estimate still made.
  const json bad = json::parse(estimate_link_json("?job=training&mb=lots"));
  EXPECT_TRUE(bad["ok"].get<bool>());
  EXPECT_EQ(bad["diagnostics"][0]["field"], "mb");
}

TEST(ShareApi, TrainingLoopDetailsInALinkEstimateWhatTheRequestDoes) {
  const std::string qlora_link = estimate_link_json("?gpu=h100-sxm&job=training&tm=qlora&mb=2&sl=4096&qf=fp4&qq=lightning"
                                                    "&bnb=1&hps=1&ld=1&ab=4&fq=1&rn=0&ram=128");
  const std::string qlora_request = estimate_json(R"({"job": "training", "model": "meta-llama/Meta-Llama-3.1-8B",
      "gpu": "h100-sxm", "method": "qlora", "micro_batch": 2, "seq_len": 4096, "qlora_format": "fp4",
      "qlora_quantizer": "lightning", "bitsandbytes_version": "0.42.0", "holds_previous_step": true,
      "lora": {"dropout": 0.1, "dtype_bytes": 4}, "fused_qkv": true, "rmsnorm_fp32_input": false, "host_ram_gb": 128})");
  EXPECT_EQ(qlora_link, qlora_request);
  EXPECT_TRUE(json::parse(qlora_link)["ok"].get<bool>()) << qlora_link;
  const std::string full_link = estimate_link_json("?gpu=h100-sxm&job=training&tm=full&prec=mixed&dp=16&sh=fsdp_hybrid_shard"
                                                   "&ga=4&sg=4&ns=1&do=1&oo=1&ram=2048");
  const std::string full_request = estimate_json(R"({"job": "training", "model": "meta-llama/Meta-Llama-3.1-8B",
      "gpu": "h100-sxm", "method": "full", "precision": "mixed", "grad_accum": 4, "dropout": true, "host_ram_gb": 2048,
      "parallel": {"data": 16, "sharding": "fsdp_hybrid_shard", "shard_group": 4, "no_sync": true},
      "offload": {"optimizer": true}})");
  EXPECT_EQ(full_link, full_request);
  EXPECT_TRUE(json::parse(full_link)["ok"].get<bool>()) << full_link;
}

// Each training-loop key changes the estimate, and the page's request (resolve_training) and the JSON API given
// the scenario object (share_decode_json's "config") give the same bytes for it.
TEST(ShareApi, EveryTrainingLoopDetailCountsAndThePageAgreesWithTheApi) {
  const std::string qlora = "job=training&tm=qlora&gpu=h100-sxm&mb=2&sl=4096";
  const std::string full = "job=training&tm=full&prec=mixed&gpu=h100-sxm&dp=16&sh=fsdp_hybrid_shard&ga=4&oo=1";
  const std::pair<std::string, std::string> cases[] = {
      {qlora, "qf=fp4"}, {qlora, "qq=lightning"}, {qlora, "bnb=1"}, {qlora, "hps=1"}, {qlora, "ld=1"},
      {qlora, "ab=4"},   {qlora, "rn=0"},         {full, "sg=2"},     {full, "ns=1"},   {full, "do=1"},
      {full, "ram=100"},
      // torchao's 4-bit linear keeps no input whatever the bitsandbytes version; a fused q/k/v projection of a
      // GQA model differs by its one adapter dropout.
      {qlora + "&bnb=1", "qq=torchao"}, {qlora + "&ld=1", "fq=1"}};
  for (const auto& [base, key] : cases) {
    const std::string link = base + "&" + key;
    const ShareDecoded d = decode_share_query(link);
    ASSERT_TRUE(d.diagnostics.empty()) << link;
    const json api = json::parse(estimate_json(json::parse(share_decode_json(link))["config"].dump()));
    ASSERT_TRUE(api["ok"].get<bool>()) << link << ": " << api.dump();
    EXPECT_NE(api.dump(), estimate_link_json(base)) << link << " changes nothing";
    const TrainingEstimate e = estimate_training(resolve_training(d.config));
    ASSERT_EQ(e.devices.size(), api["devices"].size()) << link;
    for (std::size_t i = 0; i < e.devices.size(); ++i) {
      EXPECT_EQ(e.devices[i].total_bytes, api["devices"][i]["total_bytes"].get<double>()) << link;
      EXPECT_EQ(e.devices[i].capacity_bytes, api["devices"][i]["capacity_bytes"].get<double>()) << link;
    }
  }
}

TEST(ShareApi, EncodeAndDecodeAsJson) {
  const json d = json::parse(share_decode_json("?m=Qwen/Qwen3-8B&ctx=32768&seq=bad"));
  EXPECT_EQ(d["config"]["model"], "Qwen/Qwen3-8B");
  EXPECT_EQ(d["config"]["context"], 32768);
  EXPECT_EQ(d["diagnostics"].size(), 1u);
  const json e = json::parse(share_encode_json(d["config"].dump()));
  EXPECT_EQ(e["query"], "v=1&m=Qwen/Qwen3-8B&ctx=32768");
  const json bad = json::parse(share_encode_json(R"({"context": "long"})"));
  EXPECT_FALSE(bad["ok"].get<bool>());
  const json absurd = json::parse(share_encode_json(R"({"context": 99999999999})"));
  EXPECT_FALSE(absurd["ok"].get<bool>()) << "an int that does not fit is a type error, not a wrap-around";
  const json unreadable = json::parse(share_encode_json(R"({"context": 0})"));
  EXPECT_FALSE(unreadable["ok"].get<bool>()) << "out of range: refused, not changed";
  EXPECT_EQ(unreadable["errors"][0]["field"], "context");
  const json unknown = json::parse(share_encode_json(R"({"checkpointing": "ful"})"));
  EXPECT_FALSE(unknown["ok"].get<bool>());
  EXPECT_NE(unknown["errors"][0]["message"].get<std::string>().find("none, selective, full"), std::string::npos)
      << "an unknown name is an error that lists the valid ones";
}

TEST(ShareApi, Catalogs) {
  const json g = json::parse(catalog_json("gpus"));
  EXPECT_EQ(g["items"].size(), gpu_catalog().size());
  const json m = json::parse(catalog_json("models"));
  EXPECT_EQ(m["items"].size(), model_presets().size());
  EXPECT_FALSE(json::parse(catalog_json("cats"))["ok"].get<bool>());
}

}  // namespace
}  // namespace vramfit
