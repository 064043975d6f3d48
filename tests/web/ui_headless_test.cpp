// The page's UI, run headless natively: Dear ImGui without a backend, scripted frames over every panel, in
// both languages and themes, at phone and desktop widths. An ImGui assertion (a Begin/End mismatch, a pushed
// style not popped, an ID clash) fails the test instead of aborting (in every ui_*_test.cpp: the handler is here);
// every panel must have drawn its widgets. The headless page itself is headless.h.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <stdexcept>
#include <string>

#include "../../web/app/app_state.h"
#include "headless.h"
#include "../../web/platform/browser.h"
#include "../../web/app/strings.h"  // by path: the name would shadow the C library's <strings.h> on an include path
#include "../../web/ui/theme.h"
#include "../../web/ui/ui.h"
#include "imgui.h"
#include "vramfit/api_json.h"
#include "vramfit/gpu_catalog.h"
#include "vramfit/presets.h"

namespace vramfit::web {
namespace {

TEST(UiHeadless, EveryPanelDrawsInEveryModeWithoutImGuiErrors) {
  Headless h;
  for (const bool chinese : {false, true}) {
    set_language(chinese ? Lang::kChinese : Lang::kEnglish);
    for (const bool dark : {false, true}) {
      apply_style(1.0f, dark);
      for (const float width : {390.0f, 1440.0f}) {
        SCOPED_TRACE(std::string(chinese ? "zh " : "en ") + (dark ? "dark " : "light ") + std::to_string(static_cast<int>(width)));
        AppState st;
        const auto inference = run(h, st, width, 900);
        for (const char* id : {"copy_link", "embed", "export", "theme", "language", "job_inference", "job_training",
                               "context", "sequences", "formats", "what_fits", "accuracy_report", "chart_length",
                               "chart_batch", "sweep_chart"})
          EXPECT_TRUE(inference.count(id)) << id;
        EXPECT_FALSE(st.analysis.estimate.devices.empty());
        EXPECT_FALSE(st.analysis.fits.empty());
        EXPECT_FALSE(st.analysis.formats.empty());
        toggle_custom_editor(st);  // the custom architecture editor, prefilled from the model in use
        const auto editor = run(h, st, width, 900);
        for (const char* id : {"custom_arch", "arch_layers", "arch_hidden", "arch_kv_heads", "arch_experts"})
          EXPECT_TRUE(editor.count(id)) << id;
        toggle_custom_editor(st);

        st.scenario.job = Job::kTraining;
        st.show_loop_details = true;  // the folded "Training loop details" too
        st.dirty = true;
        const auto training = run(h, st, width, 900);
        EXPECT_TRUE(training.count("micro_batch"));
        EXPECT_TRUE(training.count("loop_details"));
        EXPECT_TRUE(training.count("sweep_chart")) << "memory vs sequence length while fine-tuning";
        EXPECT_FALSE(training.count("what_fits")) << "inference views rest while fine-tuning";
        EXPECT_TRUE(training.count("train_fits")) << "which GPUs hold the step";
        EXPECT_FALSE(st.analysis.train_fits.empty());
        EXPECT_FALSE(st.analysis.train.devices.empty());

        AppState embed;
        open_link(embed, "?embed=1&m=meta-llama/Meta-Llama-3.1-70B&ctx=32768");
        const auto embedded = run(h, embed, width, 600);
        EXPECT_TRUE(embedded.count("open_full"));
        EXPECT_FALSE(embedded.count("context")) << "an embed folds its inputs";

        AppState bad;
        open_link(bad, "?ctx=lots&m=no%2Fsuch&seq=%zz");
        EXPECT_TRUE(run(h, bad, width, 900).count("link_notice"));
      }
    }
  }
  set_language(Lang::kEnglish);
}


TEST(UiHeadless, ClicksChangeTheConfiguration) {
  Headless h;
  apply_style(1.0f, false);
  AppState st;
  run(h, st, 1440, 900);
  // "+" beside the concurrent sequences, found where the frame drew it.
  const auto r = browser::marked_rect("sequences");
  h.frame(st, 1440, 900, ImVec2(r[0] + r[2] - r[3] / 2, r[1] + r[3] / 2), true);
  run(h, st, 1440, 900);
  EXPECT_EQ(st.scenario.sequences, 2);
  EXPECT_EQ(encode_share_query(st.scenario), "v=1&seq=2");
  // The fine-tune toggle switches the job and the verdict follows.
  const auto t = browser::marked_rect("job_training");
  h.frame(st, 1440, 900, ImVec2(t[0] + t[2] / 2, t[1] + t[3] / 2), true);
  run(h, st, 1440, 900);
  EXPECT_TRUE(st.scenario.training());
  EXPECT_FALSE(st.analysis.train.devices.empty());
}

// "Custom architecture…" opens an editor prefilled from the model in use; "+" beside the layers adds one, the
// link carries arch= and the estimate follows; the link opens the same; choosing a preset leaves custom mode.
// The page's analysis is the core's: what the page computed for a link is byte for byte what the command line's
// `--analysis` (analyze_link_json) prints for it.
TEST(UiHeadless, ThePagesAnalysisIsTheCommandLines) {
  Headless h;
  apply_style(1.0f, false);
  for (const char* link : {"?m=Qwen/Qwen3-8B&ctx=32768&gpu=h100-sxm", "?e=vllm&gpu=any", "?ctx=131072&n=2&w=Q8_0",
                           "?job=training&tm=full&prec=mixed&dp=8&sh=zero3&gpu=h100-sxm", "?job=training&gpu=any"}) {
    SCOPED_TRACE(link);
    AppState st;
    open_link(st, link);
    run(h, st, 1440, 900);
    EXPECT_EQ(analysis_json(st.analysis, st.mode.link_diagnostics), analyze_link_json(link));
  }
}

TEST(UiHeadless, CustomArchitectureEditorAppliesLive) {
  Headless h;
  apply_style(1.0f, false);
  for (const char* link : {"", "?m=Qwen/Qwen3-30B-A3B&e=vllm"}) {
    SCOPED_TRACE(link);
    AppState st;
    open_link(st, link);
    run(h, st, 1440, 3000);
    const int layers = current_model(st).num_layers;
    const double weights = st.analysis.estimate.weights_bytes;
    const auto b = browser::marked_rect("custom_arch");
    h.frame(st, 1440, 3000, ImVec2(b[0] + b[2] / 2, b[1] + b[3] / 2), true);
    const auto items = run(h, st, 1440, 3000);
    ASSERT_TRUE(st.custom.open);
    ASSERT_TRUE(items.count("arch_layers"));
    EXPECT_EQ(items.count("arch_experts_per_token"), st.custom.fields.experts > 0 ? 1u : 0u);
    EXPECT_EQ(st.custom.fields.layers, layers);
    EXPECT_TRUE(st.custom.approximates.empty()) << "Llama 3.1 and Qwen3-30B-A3B fit the form";
    EXPECT_TRUE(st.scenario.arch.empty()) << "opening the editor changes nothing yet";
    const auto r = browser::marked_rect("arch_layers");
    h.frame(st, 1440, 3000, ImVec2(r[0] + r[2] - r[3] / 2, r[1] + r[3] / 2), true);
    run(h, st, 1440, 3000);
    EXPECT_EQ(st.custom.fields.layers, layers + 1);
    EXPECT_EQ(current_model(st).num_layers, layers + 1);
    const std::string q = encode_share_query(st.scenario);
    EXPECT_NE(q.find("arch=1.L" + std::to_string(layers + 1) + "."), std::string::npos) << q;
    EXPECT_GT(st.analysis.estimate.weights_bytes, weights);
    AppState again;
    open_link(again, q);
    run(h, again, 1440, 3000);
    EXPECT_EQ(again.analysis.estimate.weights_bytes, st.analysis.estimate.weights_bytes);
    EXPECT_EQ(encode_share_query(again.scenario), q);
    open_link(st, "?m=Qwen/Qwen3-8B");
    run(h, st, 1440, 3000);
    EXPECT_TRUE(st.scenario.arch.empty());
    EXPECT_EQ(current_model(st).num_layers, find_preset("Qwen/Qwen3-8B")->arch.num_layers);
  }
}

// "Any GPU" (gpu=any): the page counts the catalog GPUs that hold the model, names the smallest and shows the
// breakdown on it; no single GPU of the catalog holds less and still fits.
TEST(UiHeadless, AnyGpuAnswersWhichGpusFit) {
  Headless h;
  apply_style(1.0f, false);
  for (const char* link : {"?gpu=any&m=meta-llama/Meta-Llama-3.1-8B&ctx=32768", "?gpu=any&m=meta-llama/Meta-Llama-3.1-70B&e=vllm",
                           "?gpu=any&m=meta-llama/Meta-Llama-3.1-8B&e=transformers&hw=fp32"}) {
    SCOPED_TRACE(link);
    AppState st;
    open_link(st, link);
    EXPECT_EQ(gpu_index(st.scenario), kAnyGpu);
    const auto items = run(h, st, 1440, 900);
    const AnyGpuAnswer& a = st.analysis.any;
    ASSERT_GE(a.smallest, 0);
    EXPECT_TRUE(items.count("any_smallest"));
    EXPECT_FALSE(items.count("sequences") && !items.count("what_fits"));
    EXPECT_EQ(a.total, static_cast<int>(st.analysis.fits.size()));
    const GpuEntry& pick = gpu_catalog()[static_cast<std::size_t>(a.smallest)];
    EXPECT_EQ(st.analysis.request.gpu.name, pick.name);
    EXPECT_EQ(st.analysis.request.gpu_count, a.smallest_count);
    EXPECT_TRUE(st.analysis.estimate.fits) << "the breakdown is shown on a GPU that holds it";
    int on_one = 0;
    for (const GpuFit& f : st.analysis.fits) {
      if (f.gpus_needed == 1) ++on_one;
      if (f.gpus_needed > 0 && f.gpus_needed <= a.smallest_count) {
        double pick_capacity = 0;
        for (const GpuFit& g : st.analysis.fits) if (g.gpu_index == a.smallest) pick_capacity = g.capacity_bytes;
        EXPECT_GE(f.capacity_bytes, pick_capacity) << gpu_catalog()[static_cast<std::size_t>(f.gpu_index)].name;
        EXPECT_GE(f.gpus_needed, a.smallest_count);
      }
    }
    EXPECT_EQ(on_one, a.on_one);
    EXPECT_EQ(encode_share_query(st.scenario).find("gpu=any") != std::string::npos, true);
  }
}

// Fine-tuning with "any GPU": the step is shown on the smallest GPU that holds it, on as many as it needs
// (sharded with ZeRO-3 where the request shards nothing), and fits there; one fewer of them does not.
TEST(UiHeadless, AnyGpuForFineTuningShowsTheSmallestThatHoldsTheStep) {
  Headless h;
  apply_style(1.0f, false);
  for (const char* link : {"?job=training&gpu=any&tm=qlora&m=meta-llama/Meta-Llama-3.1-70B",
                           "?job=training&gpu=any&tm=full&m=meta-llama/Meta-Llama-3.1-8B"}) {
    SCOPED_TRACE(link);
    AppState st;
    open_link(st, link);
    const auto items = run(h, st, 1440, 900);
    const AnyGpuAnswer& a = st.analysis.any;
    ASSERT_GE(a.smallest, 0);
    EXPECT_TRUE(items.count("any_smallest"));
    ASSERT_TRUE(st.analysis.train_request);
    const TrainingRequest& r = *st.analysis.train_request;
    EXPECT_EQ(r.gpu.name, gpu_catalog()[static_cast<std::size_t>(a.smallest)].name);
    EXPECT_EQ(r.data_parallel * r.tensor_parallel * r.pipeline_parallel, a.smallest_count);
    EXPECT_TRUE(st.analysis.train.fits);
    EXPECT_EQ(a.total, static_cast<int>(st.analysis.train_fits.size()));
    for (const TrainingGpuFit& f : st.analysis.train_fits)
      if (f.gpus_needed > 0) EXPECT_GE(f.gpus_needed, a.smallest_count);
    if (a.fastest >= 0) EXPECT_GT(a.fastest_value, 0);
  }
}

// The chart's tabs switch between memory vs context and vs concurrent sequences (micro-batch when fine-tuning);
// each sweep holds the chosen value, and its "fits up to" mark lies between the last point that fits and the
// first that does not.
TEST(UiHeadless, SweepChartSwitchesAxisAndMarksTheLimit) {
  Headless h;
  apply_style(1.0f, false);
  AppState st;
  open_link(st, "?m=meta-llama/Meta-Llama-3.1-8B&w=Q8_0&ctx=32768&seq=2");
  run(h, st, 1440, 900);
  EXPECT_EQ(st.chart_axis, SweepAxis::kLength);
  const auto r = browser::marked_rect("chart_batch");
  h.frame(st, 1440, 900, ImVec2(r[0] + r[2] / 2, r[1] + r[3] / 2), true);
  run(h, st, 1440, 900);
  EXPECT_EQ(st.chart_axis, SweepAxis::kBatch);
  for (bool training : {false, true}) {
    SCOPED_TRACE(training ? "fine-tuning" : "inference");
    st.scenario.job = training ? Job::kTraining : Job::kInference;
    st.dirty = true;
    run(h, st, 1440, 900);
    for (const Sweep* sw : {&st.analysis.length_sweep, &st.analysis.batch_sweep}) {
      ASSERT_GE(sw->points.size(), 10u);
      bool has_chosen = false;
      for (std::size_t i = 0; i < sw->points.size(); ++i) {
        has_chosen |= sw->points[i].x == sw->chosen;
        if (i > 0) EXPECT_LT(sw->points[i - 1].x, sw->points[i].x);
        EXPECT_GT(sw->points[i].gpu_bytes, 0);
        // Points at or below the limit fit; points beyond it do not; the limit itself fits and one more does not.
        if (sw->limit > 0) EXPECT_EQ(sw->points[i].x <= sw->limit, sw->points[i].gpu_bytes <= sw->capacity_bytes) << sw->points[i].x;
      }
      EXPECT_TRUE(has_chosen);
      EXPECT_GT(sw->capacity_bytes, 0);
      if (!training && sw->limit > 0 && sw->limit < sw->points.back().x) {
        const bool length = sw == &st.analysis.length_sweep;
        auto fits_at = [&](double x) {
          InferenceRequest q = st.analysis.request;
          if (length) q.context_tokens = static_cast<int>(x), q.prompt_tokens = std::min(q.prompt_tokens, q.context_tokens);
          else q.sequences = static_cast<int>(x);
          return estimate_inference(q).fits;
        };
        EXPECT_TRUE(fits_at(sw->limit)) << sw->limit;
        EXPECT_FALSE(fits_at(sw->limit + 1)) << sw->limit;
      }
    }
    // 2 sequences of 32K at Q8_0 fit a 24 GB card (3 do within CUDA's 25.19 GB; 4 take 25.74 GB), 8 do not: the
    // sweep crosses the line.
    if (!training) EXPECT_EQ(st.analysis.batch_sweep.limit, 3);
    if (!training) EXPECT_LT(st.analysis.batch_sweep.limit, st.analysis.batch_sweep.points.back().x);
  }
}

// Fine-tuning has its own what-fits table: a row takes its GPU and as many as it needs, sharded ZeRO-3 when the
// row says so (a 70B full fine-tune fits no single GPU).
TEST(UiHeadless, TrainingWhatFitsRowTakesTheGpuAndCount) {
  Headless h;
  apply_style(1.0f, false);
  AppState st;
  open_link(st, "?job=training&m=meta-llama/Meta-Llama-3.1-70B&tm=full");
  set_gpu_index(st.scenario, kCustomGpu);  // a custom GPU: the row clicked is not the one chosen already
  st.dirty = true;
  ASSERT_TRUE(run(h, st, 1440, 3000).count("train_fits_first_row"));
  ASSERT_FALSE(st.train_fits_view.order.empty());
  const TrainingGpuFit first = st.analysis.train_fits[static_cast<std::size_t>(st.train_fits_view.order.front())];
  EXPECT_GT(first.gpus_needed, 1);
  EXPECT_TRUE(first.zero3_added);
  const auto r = browser::marked_rect("train_fits_first_row");
  h.frame(st, 1440, 3000, ImVec2(r[0] + r[2] / 2, r[1] + r[3] / 2), true);
  run(h, st, 1440, 3000);
  EXPECT_EQ(gpu_index(st.scenario), first.gpu_index);
  EXPECT_EQ(st.scenario.data_parallel, first.gpus_needed);
  EXPECT_EQ(st.scenario.sharding, ShardingChoice::kZero3);
  EXPECT_TRUE(st.analysis.train.fits) << "the row's configuration holds the step";
}

// The fine-tuning panel's "Training loop details" fold: closed by default, opened by a click, its checkboxes
// reach the link and the request, in both languages.
TEST(UiHeadless, TrainingLoopDetailsOpenAndReachTheLink) {
  Headless h;
  apply_style(1.0f, false);
  for (const bool chinese : {false, true}) {
    SCOPED_TRACE(chinese ? "zh" : "en");
    set_language(chinese ? Lang::kChinese : Lang::kEnglish);
    AppState st;
    open_link(st, "?job=training&tm=qlora");
    auto items = run(h, st, 1440, 3000);
    ASSERT_TRUE(items.count("loop_details"));
    EXPECT_FALSE(items.count("host_ram")) << "folded by default";
    const auto r = browser::marked_rect("loop_details");
    h.frame(st, 1440, 3000, ImVec2(r[0] + r[2] / 2, r[1] + r[3] / 2), true);
    items = run(h, st, 1440, 3000);
    EXPECT_TRUE(st.show_loop_details);
    ASSERT_TRUE(items.count("old_bitsandbytes"));
    EXPECT_TRUE(items.count("host_ram"));
    const auto b = browser::marked_rect("old_bitsandbytes");
    h.frame(st, 1440, 3000, ImVec2(b[0] + b[3] / 2, b[1] + b[3] / 2), true);  // the box itself
    run(h, st, 1440, 3000);
    EXPECT_TRUE(st.scenario.old_bitsandbytes);
    EXPECT_EQ(encode_share_query(st.scenario), "v=1&job=training&tm=qlora&bnb=1");
    ASSERT_TRUE(st.analysis.train_request.has_value());
    EXPECT_TRUE(st.analysis.train_request->bnb_keeps_matmul_inputs);
  }
  set_language(Lang::kEnglish);
}

}  // namespace
}  // namespace vramfit::web

void vramfit_imgui_assert_failed(const char* expression, const char* file, int line) {
  ADD_FAILURE_AT(file, line) << "ImGui assertion: " << expression;
}

// theme.cpp's embedded fonts: the headless tests draw with ImGui's own font and never build the page's atlas.
extern const std::uint8_t kFontInter_regular[] = {0};
extern const std::size_t kFontInter_regular_size = 0;
extern const std::uint8_t kFontCjkSwitch[] = {0};
extern const std::size_t kFontCjkSwitch_size = 0;
