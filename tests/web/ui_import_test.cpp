// What users bring, as the page takes it in (headless, natively): files read by the import module and handed
// over in blob form, fit mode through the same module, and the Hugging Face reader's page state.
#include <gtest/gtest.h>

#include <cstdio>
#include <set>
#include <string>

#include "../../web/app/fit_outcome.h"
#include "../../web/app/import_outcome.h"
#include "headless.h"
#include "vramfit/api_json.h"
#include "vramfit/presets.h"

namespace vramfit::web {
namespace {

// On the page a file is read by the import module and its outcome crosses to the page in blob form: what the
// page takes in that way is what reading in place gives; bytes of another build are a diagnostic, not a crash.
TEST(UiHeadless, AnImportThroughTheModuleFormIsTheSameAsInPlace) {
  const std::string config = R"({"model_type": "qwen3", "hidden_size": 1024, "num_hidden_layers": 28,
      "num_attention_heads": 16, "num_key_value_heads": 8, "head_dim": 128, "intermediate_size": 3072,
      "vocab_size": 151936, "max_position_embeddings": 40960, "tie_word_embeddings": true, "torch_dtype": "bfloat16"})";
  AppState direct, via_blob;
  import_config_text(direct, config);
  const std::string bytes = encode_import(read_config_outcome(config));
  EXPECT_EQ(apply_import_blob(via_blob, {reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()}), 0);
  ASSERT_TRUE(direct.imported.model.has_value());
  ASSERT_TRUE(via_blob.imported.model.has_value());
  EXPECT_TRUE(*direct.imported.model == *via_blob.imported.model);
  EXPECT_EQ(direct.imported.checkpoint_format, via_blob.imported.checkpoint_format);
  EXPECT_EQ(direct.imported.summary.size(), via_blob.imported.summary.size());
  EXPECT_EQ(encode_share_query(direct.scenario), encode_share_query(via_blob.scenario));
  EXPECT_TRUE(via_blob.page.use_imported);

  AppState damaged;
  EXPECT_EQ(apply_import_blob(damaged, {reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size() / 2}), 0);
  EXPECT_FALSE(damaged.imported.model.has_value());
  ASSERT_EQ(damaged.imported.diagnostics.size(), 1u);
  EXPECT_EQ(damaged.imported.diagnostics[0].code, "import.module_mismatch");
  // A file that needs more bytes says how many, through the blob too.
  const unsigned char gguf_start[] = {'G', 'G', 'U', 'F', 3, 0, 0, 0};
  const std::string more = encode_import(read_file_outcome(gguf_start, 1e9, "x.gguf"));
  AppState reading;
  EXPECT_GT(apply_import_blob(reading, {reinterpret_cast<const unsigned char*>(more.data()), more.size()}), 8);
  EXPECT_TRUE(reading.imported.busy);
}

// Fit mode through the second module's form (fit_outcome.h) gives what fit() gives in place, with an imported
// model too; damaged bytes are refused and the page says the fit could not run.
TEST(UiHeadless, AFitThroughTheModuleFormIsTheSameAsInPlace) {
  AppState st;
  st.scenario.model = "Qwen/Qwen3-30B-A3B";
  st.scenario.gpu = "rtx-4060";
  st.scenario.host_ram_gb = 32;
  import_config_text(st, R"({"model_type": "qwen3", "hidden_size": 1024, "num_hidden_layers": 28,
      "num_attention_heads": 16, "num_key_value_heads": 8, "head_dim": 128, "intermediate_size": 3072,
      "vocab_size": 151936, "max_position_embeddings": 40960, "tie_word_embeddings": true})");
  for (const bool imported : {false, true}) {
    st.page.use_imported = imported;
    const ModelSource source = page_model_source(st);
    const std::string question = encode_fit_request(st.scenario, FitGoal::kContext, page_fit_model(st));
    const auto q = decode_fit_request({reinterpret_cast<const unsigned char*>(question.data()), question.size()});
    ASSERT_TRUE(q.has_value());
    EXPECT_TRUE(q->scenario == st.scenario);
    const auto module_source = fit_source(*q);  // the model read again from its config.json in the module
    ASSERT_TRUE(module_source.has_value());
    ASSERT_TRUE(module_source->model.has_value());
    EXPECT_EQ(count_params(*module_source->model).total(), count_params(*source.model).total());
    const FitResult direct = fit(st.scenario, FitGoal::kContext, &source);
    const std::string answer = encode_fit(fit(q->scenario, q->goal, &*module_source));
    const auto back = decode_fit({reinterpret_cast<const unsigned char*>(answer.data()), answer.size()});
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->found, direct.found);
    EXPECT_EQ(back->candidates, direct.candidates);
    EXPECT_TRUE(back->best.scenario == direct.best.scenario);
    EXPECT_EQ(back->best.gpu_bytes, direct.best.gpu_bytes);
    ASSERT_EQ(back->runners_up.size(), direct.runners_up.size());
    for (std::size_t i = 0; i < direct.runners_up.size(); ++i) EXPECT_EQ(back->runners_up[i].lost, direct.runners_up[i].lost);
    EXPECT_FALSE(decode_fit({reinterpret_cast<const unsigned char*>(answer.data()), answer.size() - 1}).has_value());
  }
  take_fit(st, std::nullopt);
  ASSERT_TRUE(st.mode.fit.has_value());
  EXPECT_EQ(st.mode.fit->notes.at(0).code, "fit.module_failed");

  // A config.json dropped as a file (not pasted) reaches the module's fit the same way: its text travels.
  const std::string text = R"({"model_type": "qwen3", "hidden_size": 1024, "num_hidden_layers": 28,
      "num_attention_heads": 16, "num_key_value_heads": 8, "head_dim": 128, "intermediate_size": 3072,
      "vocab_size": 151936, "max_position_embeddings": 40960, "tie_word_embeddings": true})";
  AppState dropped;
  import_file_bytes(dropped, {reinterpret_cast<const unsigned char*>(text.data()), text.size()}, static_cast<double>(text.size()),
                    "config.json");
  ASSERT_TRUE(dropped.imported.model.has_value());
  EXPECT_EQ(dropped.imported.model_json, text);
  const std::string question = encode_fit_request(dropped.scenario, FitGoal::kContext, page_fit_model(dropped));
  const auto q = decode_fit_request({reinterpret_cast<const unsigned char*>(question.data()), question.size()});
  ASSERT_TRUE(q.has_value());
  EXPECT_TRUE(fit_source(*q).has_value()) << "fit mode and the JSON export could not rebuild a dropped config.json";
}

// The Hugging Face reader's page state, as the browser glue drives it: a GGUF repository's list (malformed lines
// skipped), the token kept while a file is still to be chosen and wiped when a read ends, a failed read that leaves
// an earlier import in place, and links that name the model read from the Hub going on using it (back/forward).
TEST(UiHeadless, HubReaderListsGgufFilesAndKeepsThePageOnFailure) {
  const std::string config = R"({"model_type": "qwen3", "hidden_size": 1024, "num_hidden_layers": 28,
      "num_attention_heads": 16, "num_key_value_heads": 8, "head_dim": 128, "intermediate_size": 3072,
      "vocab_size": 151936, "max_position_embeddings": 40960, "tie_word_embeddings": true, "torch_dtype": "bfloat16"})";
  AppState st;
  import_config_text(st, config);
  ASSERT_TRUE(st.imported.model.has_value());
  const std::string earlier = st.imported.model->name;

  // A read that fails (404 here) changes nothing that was imported.
  std::snprintf(st.hub.input.data(), st.hub.input.size(), "%s", "org/missing");
  request_hub_read(st);
  EXPECT_TRUE(st.hub.busy);
  hub_done(st, 404, 0, 0);
  ASSERT_TRUE(st.imported.model.has_value());
  EXPECT_EQ(st.imported.model->name, earlier);
  EXPECT_TRUE(st.scenario.hub.empty());

  // A GGUF repository: its list, then status 300 with the token kept for the file to come.
  std::snprintf(st.hub.input.data(), st.hub.input.size(), "%s", "unsloth/Qwen3-0.6B-GGUF");
  std::snprintf(st.hub.token.data(), st.hub.token.size(), "%s", "hf_secret");
  request_hub_read(st);
  hub_files(st, "a-Q4_K_M.gguf\t400\t400\t1\nbad line\nb-Q8_0.gguf\t-5\t9\t1\nBF16/c-00001-of-00002.gguf\t600\t1200\t2\n"
                "d.gguf\t700\t100\t1\ne.gguf\t1e9\t1e9\t1\n\x01x.gguf\t1\t1\t1");
  ASSERT_EQ(st.hub.files.size(), 2u);
  EXPECT_EQ(st.hub.files[0].name, "a-Q4_K_M.gguf");
  EXPECT_EQ(st.hub.files[1].parts, 2);
  EXPECT_EQ(st.hub.files[1].model_bytes, 1200);
  hub_done(st, 300, 2000, 0);
  EXPECT_EQ(st.hub.status, 300);
  EXPECT_STREQ(st.hub.token.data(), "hf_secret");
  Headless h;
  st.hub.open = true;  // as the reader's button left it
  const std::set<std::string> drawn = run(h, st, 1280, 800);
  EXPECT_TRUE(drawn.count("hub_files")) << "the list is shown";
  // The chosen file: read, then the token is gone.
  request_hub_file(st, 1);
  EXPECT_TRUE(st.hub.busy);
  EXPECT_EQ(st.hub.file, "BF16/c-00001-of-00002.gguf");
  hub_begin(st);
  import_config_text(st, config);  // natively the import stands in for the GGUF header's
  hub_done(st, 200, 3e6, 0);
  EXPECT_EQ(st.hub.token[0], '\0');
  EXPECT_EQ(st.scenario.hub, "unsloth/Qwen3-0.6B-GGUF");
  EXPECT_TRUE(st.page.use_imported);
  EXPECT_NO_THROW(run(h, st, 390, 800));

  // Going to a link without the model and back to one that names it: the page uses what it read, asks nothing.
  Scenario other = st.scenario, back = st.scenario;
  other.hub.clear();
  apply_share(st, other);
  EXPECT_FALSE(st.page.use_imported);
  apply_share(st, back);
  EXPECT_TRUE(st.page.use_imported);
  hub_from_link(st);
  EXPECT_FALSE(st.hub.ask);
  // A link naming another repository asks first.
  back.hub = "org/another";
  apply_share(st, back);
  EXPECT_FALSE(st.page.use_imported);
  hub_from_link(st);
  EXPECT_TRUE(st.hub.ask);

  // A repository with neither a config.json nor a GGUF model: 300 with an empty list reads as 415.
  AppState none;
  std::snprintf(none.hub.input.data(), none.hub.input.size(), "%s", "org/datasets-only");
  request_hub_read(none);
  hub_files(none, "");
  hub_done(none, 300, 10, 0);
  EXPECT_EQ(none.hub.status, 415);
}

}  // namespace
}  // namespace vramfit::web

namespace vramfit::web {
namespace {

// A start-up log pasted where a config.json goes: its settings set the page (through each field's own check; what
// the log does not state stays), the page shows what the engine measured beside vramfit's figures and offers the
// Markdown report, through the module's blob form too.
TEST(UiHeadless, APastedLogSetsThePageAndIsShownBesideTheEstimate) {
  const std::string log =
      "(APIServer pid=1) INFO 06-25 17:21:29 [utils.py:299]  \xe2\x96\x84\xe2\x96\x84 \xe2\x96\x84\xe2\x96\x88 \xe2\x96\x88     "
      "\xe2\x96\x88     \xe2\x96\x88 \xe2\x96\x80\xe2\x96\x84\xe2\x96\x80 \xe2\x96\x88  version 0.19.1\n"
      "(APIServer pid=1) INFO [utils.py:233] non-default args: {'model': 'Qwen/Qwen3-8B', 'max_model_len': 16384, "
      "'gpu_memory_utilization': 0.85, 'tensor_parallel_size': 2}\n"
      "(EngineCore pid=9) INFO [gpu_model_runner.py:2602] Model loading took 7.64 GiB memory and 5.1 seconds\n"
      "(EngineCore pid=9) INFO [gpu_worker.py:298] Available KV cache memory: 58.12 GiB\n";
  AppState st;
  st.scenario.gpu = "h100-sxm";
  const std::string bytes = encode_import(read_config_outcome(log));
  apply_import_blob(st, {reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()});
  EXPECT_EQ(st.scenario.engine, EngineChoice::kVllm);
  EXPECT_EQ(st.scenario.model, "Qwen/Qwen3-8B");
  EXPECT_EQ(st.scenario.context, 16384);
  EXPECT_DOUBLE_EQ(st.scenario.gpu_memory_utilization, 0.85);
  EXPECT_EQ(st.scenario.gpu_count, 2);
  EXPECT_EQ(st.scenario.vllm_release, VllmReleaseChoice::kV020);
  EXPECT_EQ(st.scenario.gpu, "h100-sxm");  // not in the log: kept
  ASSERT_EQ(st.imported.log_measured.size(), 2u);
  EXPECT_EQ(st.imported.log_measured[0].id, "weights");
  EXPECT_DOUBLE_EQ(st.imported.log_measured[1].bytes, 58.12 * 1024 * 1024 * 1024);
  Headless h;
  const std::set<std::string> items = run(h, st, 1440, 900);
  EXPECT_TRUE(items.count("copy_log_report"));
  // Text that is neither JSON nor a known engine's log is still read as config.json and refused as such.
  AppState other;
  import_config_text(other, "hello world");
  EXPECT_TRUE(other.imported.log_measured.empty());
  EXPECT_FALSE(other.imported.diagnostics.empty());
}

}  // namespace
}  // namespace vramfit::web
