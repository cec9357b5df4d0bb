// Headless frames of the whole UI (ImGui with no renderer, no GPU), driven by simulated
// mouse and keyboard input the way a user would use it.
#include <catch2/catch.hpp>

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "app/app_state.hpp"
#include "app/theme.hpp"
#include "app/bridge.hpp"
#include "app/templates.hpp"
#include "app/widgets.hpp"
#include "engine/common/format.hpp"
#include "engine/import/lead_table.hpp"
#include "engine/import/synthetic_export.hpp"
#include "engine/plan/scenario_json.hpp"
#include "app/demo_mapping.hpp"

namespace {

// An ImGui context with a built font atlas and no backend.
struct HeadlessUi {
  explicit HeadlessUi(float w = 1280, float h = 800) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(w, h);
    io.DeltaTime = 1.0f / 60.0f;
    unsigned char* pixels = nullptr;
    int tw = 0, th = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &tw, &th);
    ApplyTheme(1.0f);
  }
  ~HeadlessUi() { ImGui::DestroyContext(); }

  // Draws one frame; returns the number of vertices produced.
  int Frame(AppState& app) {
    ImGui::NewFrame();
    DrawApp(app);
    ImGui::Render();
    return ImGui::GetDrawData()->TotalVtxCount;
  }
  // Draws one frame and returns its text as ImGui's text log sees it: labels, values, table
  // cells and chart labels (ChartText), line by line in screen order.
  std::string Text(AppState& app) {
    app.capture_text = true;
    Frame(app);
    app.capture_text = false;
    return app.screen_text;
  }
  void Click(AppState& app, float x, float y) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(x, y);
    Frame(app);
    io.AddMouseButtonEvent(0, true);
    Frame(app);
    io.AddMouseButtonEvent(0, false);
    Frame(app);
  }
  void Type(AppState& app, const char* text) {
    ImGui::GetIO().AddInputCharactersUTF8(text);
    Frame(app);
  }
  void Press(AppState& app, ImGuiKey key) {
    ImGui::GetIO().AddKeyEvent(key, true);
    Frame(app);
    ImGui::GetIO().AddKeyEvent(key, false);
    Frame(app);
  }
};

}  // namespace

TEST_CASE("the sample plan draws with its inputs on screen", "[app]") {
  HeadlessUi ui;
  AppState app;
  CHECK(ui.Frame(app) > 1000);
  CHECK(app.frame == 1);
  for (const char* name : {"revenue_goal", "deal_size", "steps[0].rate", "steps[4].rate"}) {
    CAPTURE(name);
    REQUIRE(app.item_rects.count(name) == 1);
    const UiRect r = app.item_rects[name];
    CHECK(r.w > 10);
    CHECK(r.h > 5);
    CHECK(r.x >= 0);
    CHECK(r.y + r.h <= 800);
  }
}

TEST_CASE("typing a new goal into the canvas recomputes the plan", "[app]") {
  HeadlessUi ui;
  AppState app;
  ui.Frame(app);
  const UiRect r = app.item_rects["revenue_goal"];
  ui.Click(app, r.x + r.w / 2, r.y + r.h / 2);  // InputDouble selects all on click
  ui.Type(app, "2000000");
  CHECK(app.scenario.revenue_goal == 2'000'000.0);
  REQUIRE(app.plan.ok());
  CHECK(app.plan->funnel.stages.back().whole == 80.0);
  ui.Press(app, ImGuiKey_Enter);
  CHECK(app.plan->funnel.stages.front().whole == 106'667.0);  // 2 × 53,333.33 = 106,666.67 -> 106,667
}

TEST_CASE("a zero rate shows the error instead of the plan", "[app]") {
  HeadlessUi ui;
  AppState app;
  auto s = funnel::SampleScenario();
  s.steps[1].rate = 0.0;
  SetScenario(app, s);
  CHECK_FALSE(app.plan.ok());
  CHECK(ui.Frame(app) > 100);  // the inputs and the message still draw
  CHECK(app.item_rects.count("steps[1].rate") == 1);
}

TEST_CASE("a narrow window stacks inputs above results; a wide one puts them side by side", "[app]") {
  SECTION("narrow: results below the inputs, both within the width") {
    HeadlessUi ui(420, 900);
    AppState app;
    ui.Frame(app);
    ui.Frame(app);
    const UiRect inputs = app.item_rects.at("plan_inputs");
    const UiRect results = app.item_rects.at("plan_results");
    const UiRect goal = app.item_rects.at("revenue_goal");
    CHECK(goal.x + goal.w <= 420);
    CHECK(inputs.x + inputs.w <= 420);
    CHECK(results.y >= inputs.y + inputs.h - 1);  // below, not beside
    CHECK(results.x < inputs.x + inputs.w / 2);
    CHECK(results.w > 300);
    // The results are there at their full height (not a strip at the bottom), below the
    // screen's edge, and the wheel (a swipe on a phone) over them scrolls the whole tab.
    CAPTURE(results.h, results.y, inputs.h);
    CHECK(results.h > 600);
    CHECK(results.y > 500);
    ImGui::GetIO().AddMousePosEvent(200, 850);
    for (int i = 0; i < 20; ++i) {
      ImGui::GetIO().AddMouseWheelEvent(0, -5);
      ui.Frame(app);
    }
    ui.Frame(app);
    const UiRect scrolled = app.item_rects.at("plan_results");
    CHECK(scrolled.y < 100);  // the results' top has come up to the top of the screen
    const std::string text = ui.Text(app);
    CHECK(text.find("What it takes") != std::string::npos);
  }
  SECTION("a phone's 390 px: the toolbar wraps below the title, nothing overlaps") {
    HeadlessUi ui(390, 844);
    ImGui::GetIO().FontGlobalScale = 16.0f / 13.0f;  // the page's 16 px font (the test font is 13 px)
    AppState app;
    ui.Frame(app);
    ui.Frame(app);
    REQUIRE(app.item_rects.count("toolbar_export") == 1);
    const UiRect exp = app.item_rects.at("toolbar_export");
    CHECK(exp.x + exp.w <= 390);
    CHECK(exp.y > 30);  // on a line below the title ("Funnel Planner" is about 30 px high)
    const UiRect inputs = app.item_rects.at("plan_inputs");
    CHECK(inputs.y > exp.y + exp.h);
  }
  SECTION("wide: results to the right of the inputs, on the same line") {
    HeadlessUi ui(1280, 800);
    AppState app;
    ui.Frame(app);
    ui.Frame(app);
    const UiRect inputs = app.item_rects.at("plan_inputs");
    const UiRect results = app.item_rects.at("plan_results");
    CHECK(results.x >= inputs.x + inputs.w);
    CHECK(results.y == Approx(inputs.y).margin(1));
  }
}

TEST_CASE("a DPI scale of 2 publishes rects in CSS pixels", "[app]") {
  // The same frame at scale 1 and 2: the rects published at scale 2 are half the pixels.
  auto rect_at = [](float scale) {
    HeadlessUi ui(2560, 1600);
    AppState app;
    app.dpi_scale = scale;
    ui.Frame(app);
    ui.Frame(app);
    return app.item_rects.at("revenue_goal");
  };
  const UiRect pixels = rect_at(1.0f);
  const UiRect css = rect_at(2.0f);
  REQUIRE(pixels.w > 10);
  CHECK(css.x == Approx(pixels.x / 2));
  CHECK(css.y == Approx(pixels.y / 2));
  CHECK(css.w == Approx(pixels.w / 2));
  CHECK(css.h == Approx(pixels.h / 2));
}

TEST_CASE("sample data → plan with observed rates → uncertainty on screen", "[app]") {
  HeadlessUi ui;
  AppState app;
  StartSampleImport(app);
  FinishImportNow(app);
  REQUIRE(app.data.loaded);
  CHECK(app.data.report.preset == "hubspot-contacts");
  CHECK(app.data.analysis.counts.reached.front() == 5000);
  UseRatesFromData(app);
  REQUIRE(app.plan.ok());
  CHECK(app.scenario.stages == app.data.analysis.counts.stages);
  CHECK(app.scenario.steps[1].n == app.data.analysis.counts.reached[1]);  // Lead → MQL: k of n from the data
  CHECK(app.plan->uncertainty.uncertain);
  CHECK(app.plan->uncertainty.p90 >= app.plan->uncertainty.p50);
  CHECK(ui.Frame(app) > 1000);  // plan tab with monthly table, money, tornado
  app.select_tab = "Data";
  CHECK(ui.Frame(app) > 500);   // data tab with the report
  app.select_tab = "What-if";
  ui.Frame(app);
  CHECK(ui.Frame(app) > 1000);  // sliders, tornado, heatmap (flat cells without a GPU)
  CHECK(app.what_if.grid.leads.size() == 41u * 41u);
}

TEST_CASE("an import in slices keeps frames coming and finishes", "[app]") {
  HeadlessUi ui;
  AppState app;
  StartSampleImport(app);
  app.data.step_bytes = 4096;  // force many slices
  int frames = 0;
  while (app.data.importer && frames < 10000) {
    AdvanceImport(app, 0.001);
    ui.Frame(app);
    ++frames;
  }
  CHECK(frames > 5);
  CHECK(app.data.loaded);
  CHECK(app.data.report.rows_imported == 5000);
}

TEST_CASE("undo and redo a typed edit with Ctrl+Z / Ctrl+Shift+Z", "[app][undo]") {
  HeadlessUi ui;
  AppState app;
  ui.Frame(app);
  const UiRect r = app.item_rects["revenue_goal"];
  ui.Click(app, r.x + r.w / 2, r.y + r.h / 2);
  ui.Type(app, "3000000");
  ui.Press(app, ImGuiKey_Enter);
  ui.Frame(app);
  REQUIRE(app.scenario.revenue_goal == 3'000'000.0);
  REQUIRE(app.undo_stack.size() == 1);  // seven keystrokes, one undo step

  ImGuiIO& io = ImGui::GetIO();
  io.AddKeyEvent(ImGuiMod_Ctrl, true);
  ui.Press(app, ImGuiKey_Z);
  io.AddKeyEvent(ImGuiMod_Ctrl, false);
  ui.Frame(app);
  CHECK(app.scenario.revenue_goal == 1'000'000.0);
  CHECK(app.plan->funnel.stages.back().whole == 40.0);

  io.AddKeyEvent(ImGuiMod_Ctrl, true);
  io.AddKeyEvent(ImGuiMod_Shift, true);
  ui.Press(app, ImGuiKey_Z);
  io.AddKeyEvent(ImGuiMod_Shift, false);
  io.AddKeyEvent(ImGuiMod_Ctrl, false);
  ui.Frame(app);
  CHECK(app.scenario.revenue_goal == 3'000'000.0);
  CHECK(app.plan->funnel.stages.back().whole == 120.0);
}

TEST_CASE("every scenario change through SetScenario is one undo step", "[app][undo]") {
  AppState app;
  auto s = app.scenario;
  s.deal_size = 50'000;
  SetScenario(app, s);
  s.revenue_goal = 2'000'000;
  SetScenario(app, s);
  REQUIRE(Undo(app));
  CHECK(app.scenario.revenue_goal == 1'000'000.0);
  CHECK(app.scenario.deal_size == 50'000.0);
  REQUIRE(Undo(app));
  CHECK(app.scenario == funnel::SampleScenario());
  CHECK_FALSE(Undo(app));
  REQUIRE(Redo(app));
  CHECK(app.scenario.deal_size == 50'000.0);
  s = app.scenario;
  s.name = "new branch";
  SetScenario(app, s);
  CHECK_FALSE(Redo(app));  // a new edit clears the redo history
}

TEST_CASE("what-if: a slider moves a rate and the plan follows", "[app][what-if]") {
  HeadlessUi ui;
  AppState app;
  app.select_tab = "What-if";
  ui.Frame(app);
  ui.Frame(app);
  REQUIRE(app.what_if.grid.leads.size() == 41u * 41u);
  // The grid's centre is today's plan, and its goal contour level is the planned leads.
  const auto& g = app.what_if.grid;
  CHECK(g.leads[20 * 41 + 20] == Approx(app.plan->funnel.stages[app.plan->entry_stage].exact));
  CHECK(app.what_if.goal_level > 0.0f);
  CHECK(app.what_if.goal_level < 1.0f);

  // Drag the Opportunity → Customer slider (25 %) to the right with the mouse.
  const uint64_t before = app.what_if.revision;
  const double rate_before = app.scenario.steps[4].rate;
  const double leads_before = app.plan->funnel.stages[1].whole;
  REQUIRE(app.item_rects.count("what_if.steps[4].rate") == 1);
  const UiRect r = app.item_rects.at("what_if.steps[4].rate");
  ImGuiIO& io = ImGui::GetIO();
  io.AddMousePosEvent(r.x + r.w * 0.5f, r.y + r.h / 2);
  ui.Frame(app);
  io.AddMouseButtonEvent(0, true);
  ui.Frame(app);
  for (int step = 1; step <= 10; ++step) {
    io.AddMousePosEvent(r.x + r.w * (0.5f + 0.04f * static_cast<float>(step)), r.y + r.h / 2);
    ui.Frame(app);
  }
  io.AddMouseButtonEvent(0, false);
  ui.Frame(app);
  const double rate_after = app.scenario.steps[4].rate;
  CHECK(rate_after > rate_before);
  CHECK(app.what_if.revision > before);
  REQUIRE(app.plan.ok());
  // The plan follows the moved rate: leads needed scale by rate_before / rate_after.
  CHECK(app.plan->funnel.stages[1].exact == Approx(1333.333333 * rate_before / rate_after).epsilon(1e-9));
  CHECK(app.plan->funnel.stages[1].whole < leads_before);
}

TEST_CASE("channels & money tab draws the mix and the cheapest mix", "[app][channels]") {
  HeadlessUi ui;
  AppState app;
  auto s = app.scenario;
  s.channels = {{"Search", 0.5, 60, 0, {}}, {"Events", 0.5, 120, 50, {}}};
  s.money.arpa_monthly = 2000;
  s.money.monthly_churn = 0.02;
  s.money.gross_margin = 0.8;
  SetScenario(app, s);
  app.select_tab = "Channels & money";
  ui.Frame(app);
  CHECK(ui.Frame(app) > 1000);
  REQUIRE(app.plan.ok());
  CHECK(app.plan->channels.mix.size() == 2);
  CHECK(app.plan->money.ltv == Approx(80000.0));  // 2,000 x 0.8 / 0.02
}

TEST_CASE("scenarios: save, change, save again, compare and open", "[app][scenarios]") {
  HeadlessUi ui;
  AppState app;
  SaveScenarioAs(app, "Base");
  auto s = app.scenario;
  s.steps[4].rate = 0.5;  // better closing: half the leads
  SetScenario(app, s);
  SaveScenarioAs(app, "Better closing");
  REQUIRE(app.saved.size() == 2);
  CHECK(app.saved[0].compare);
  CHECK(app.saved[1].compare);
  CHECK(app.saved[0].plan->funnel.stages[1].whole == 1334.0);
  CHECK(app.saved[1].plan->funnel.stages[1].whole == 667.0);
  app.select_tab = "Scenarios";
  ui.Frame(app);
  CHECK(ui.Frame(app) > 500);
  OpenSavedScenario(app, 0);
  CHECK(app.scenario.name == "Base");
  CHECK(app.plan->funnel.stages[1].whole == 1334.0);
  REQUIRE(Undo(app));
  CHECK(app.scenario.name == "Better closing");
  SaveScenarioAs(app, "Base");  // replaces, does not add
  CHECK(app.saved.size() == 2);
  DeleteSavedScenario(app, 1);
  CHECK(app.saved.size() == 1);
  app.dark_theme = true;
  ApplyTheme(1.0f, true);
  CHECK(ui.Frame(app) > 100);
}

TEST_CASE("mapping editor: map an unknown stage value and read the data again", "[app][mapping]") {
  HeadlessUi ui;
  AppState app;
  StartImportText(app, kDemoExport, "paste");
  FinishImportNow(app);
  REQUIRE(app.data.loaded);
  // "Demo" is not in the vocabulary: placed before Customer by first appearance.
  CHECK(app.data.analysis.counts.stages == std::vector<std::string>{"Lead", "Demo", "Customer"});
  app.select_tab = "Data";
  ui.Frame(app);
  CHECK(ui.Frame(app) > 300);
  // Say "Demo" means lost instead, and apply.
  RemapImport(app, DemoAsLost(app.data.mapping_draft));
  FinishImportNow(app);
  CHECK(app.data.analysis.counts.stages == std::vector<std::string>{"Lead", "Customer"});
  CHECK(app.data.analysis.counts.reached == std::vector<uint64_t>{4, 1});
  CHECK(app.data.analysis.counts.lost == 2);
}

TEST_CASE("data too large for memory gets a message, not a crash", "[app][import]") {
  HeadlessUi ui;
  AppState app;
  CHECK(ImportBuffer(app, size_t{3} << 30) == nullptr);  // 3 GB: past WebAssembly's 2 GB
  CHECK(app.data.report.fatal);
  REQUIRE_FALSE(app.data.report.errors.empty());
  CHECK(app.data.report.errors[0].message.find("too large") != std::string::npos);
  CHECK(app.select_tab == "Data");
  CHECK(ui.Frame(app) > 100);
  StartSampleImport(app);  // and the next import works
  FinishImportNow(app);
  CHECK(app.data.loaded);
}

TEST_CASE("a chosen mapping is kept in the scenario and reused for the next import", "[app][mapping]") {
  AppState app;
  const std::string& csv = kDemoExport;
  StartImportText(app, csv, "first.csv");
  FinishImportNow(app);
  RemapImport(app, DemoAsLost(app.data.mapping_draft));
  FinishImportNow(app);
  REQUIRE(app.data.analysis.counts.stages == std::vector<std::string>{"Lead", "Customer"});
  REQUIRE_FALSE(app.scenario.data_mapping.empty());
  // It travels with the scenario (JSON round trip)…
  auto loaded = funnel::ScenarioFromJson(funnel::ScenarioToJson(app.scenario));
  REQUIRE(loaded.ok());
  CHECK(loaded->scenario.data_mapping == app.scenario.data_mapping);
  // …and the next import of the same kind is read with it.
  StartImportText(app, csv + "Demo,2024-01-05\n", "second.csv");
  FinishImportNow(app);
  CHECK(app.data.report.source_name == "second.csv");
  CHECK(app.data.analysis.counts.stages == std::vector<std::string>{"Lead", "Customer"});
  CHECK(app.data.analysis.counts.lost == 3);
  // Data without those columns is detected afresh.
  StartImportText(app, "Status,Signup date\nLead,2024-01-01\nMQL,2024-01-02\n", "other.csv");
  FinishImportNow(app);
  CHECK(app.data.analysis.counts.stages == std::vector<std::string>{"Lead", "MQL"});
}

TEST_CASE("the imported summary comes back after a reload, without the rows", "[app][import][restore]") {
  HeadlessUi ui;
  AppState before;
  StartSampleImport(before);
  FinishImportNow(before);
  REQUIRE(before.data.loaded);
  SetDatedOnly(before, true);
  const std::string saved = BridgeGetAnalysis(before);

  AppState after;  // the page after a reload
  const uint64_t revision = after.data_revision;
  const auto reply = nlohmann::json::parse(BridgeRestoreAnalysis(after, saved));
  REQUIRE(reply["ok"] == true);
  CHECK(after.data_revision != revision);
  CHECK(after.data.loaded);
  CHECK(after.data.restored);
  CHECK(after.data.table.rows == 0);  // no rows were kept
  CHECK(after.data.report.mapping.dated_only);
  auto shown = nlohmann::json::parse(BridgeGetAnalysis(after));
  CHECK(shown["restored"] == true);
  shown.erase("restored");
  CHECK(shown == nlohmann::json::parse(saved));

  // The rates to plan with are the same as from the rows themselves.
  UseRatesFromData(before);
  UseRatesFromData(after);
  CHECK(after.scenario.stages == before.scenario.stages);
  CHECK(after.scenario.steps == before.scenario.steps);

  // Without rows the counting cannot change; the Data tab says so and draws.
  SetDatedOnly(after, false);
  CHECK(after.data.report.mapping.dated_only);
  CHECK(after.data.analysis.counts.reached == before.data.analysis.counts.reached);
  after.select_tab = "Data";
  ui.Frame(after);
  CHECK(ui.Frame(after) > 500);

  // A damaged summary leaves what is shown alone.
  const auto bad = nlohmann::json::parse(BridgeRestoreAnalysis(after, R"({"source":"x","ok":true,"funnel":{"steps":3}})"));
  CHECK(bad["ok"] == false);
  CHECK(after.data.restored);
  CHECK(after.data.analysis.counts.reached == before.data.analysis.counts.reached);

  // A new import replaces the restored summary.
  StartSampleImport(after);
  FinishImportNow(after);
  CHECK_FALSE(after.data.restored);
  CHECK(after.data.table.rows == 5000);
}

TEST_CASE("planning with observed rates takes the average won deal as the deal size", "[app][import]") {
  funnel::SyntheticOptions o;
  o.shape = funnel::ExportShape::kPipedriveDeals;
  o.rows = 3000;
  o.seed = 77;
  AppState app;
  StartImportText(app, funnel::GenerateExport(o), "deals.csv");
  FinishImportNow(app);
  REQUIRE(app.data.loaded);
  // By hand from the rows: won = reached the last stage; mean of their positive amounts.
  const funnel::LeadTable& t = app.data.table;
  REQUIRE(t.amount.size() == t.rows);
  const auto counts = funnel::CountStages(t, false);
  const int last = static_cast<int>(t.stages.size()) - 1;
  double sum = 0;
  size_t n = 0;
  for (size_t r = 0; r < t.rows; ++r) {
    const bool won = t.stage[r] == last || (!t.stage_date.back().empty() && t.stage_date.back()[r] != funnel::kNoDate);
    if (won && t.amount[r] > 0) {
      sum += t.amount[r];
      ++n;
    }
  }
  REQUIRE(n > 10);
  CHECK(n <= counts.reached.back());
  UseRatesFromData(app);
  CHECK_THAT(app.scenario.deal_size, Catch::Matchers::WithinRel(sum / static_cast<double>(n), 1e-9));
}

TEST_CASE("the start month moves a month at a time with its − and + buttons, across years", "[app][start]") {
  HeadlessUi ui;
  AppState app;
  auto s = funnel::SampleScenario({2026, 12});
  SetScenario(app, s);
  ui.Frame(app);
  ui.Frame(app);
  REQUIRE(app.item_rects.count("start_month_later") == 1);
  const UiRect later = app.item_rects.at("start_month_later");
  ui.Click(app, later.x + later.w / 2, later.y + later.h / 2);
  CHECK(app.scenario.start_year == 2027);
  CHECK(app.scenario.start_month == 1);
  REQUIRE(app.plan.ok());
  const auto& m = app.plan->monthly;
  CHECK(m.months[static_cast<size_t>(-m.first_offset)] == "2027-01");  // the plan followed
  const UiRect earlier = app.item_rects.at("start_month_earlier");
  ui.Click(app, earlier.x + earlier.w / 2, earlier.y + earlier.h / 2);
  ui.Click(app, earlier.x + earlier.w / 2, earlier.y + earlier.h / 2);
  CHECK(app.scenario.start_year == 2026);
  CHECK(app.scenario.start_month == 11);
}

TEST_CASE("Plan with these rates switches to the Plan tab, says what it did, and Undo takes it back", "[app][import]") {
  HeadlessUi ui;
  AppState app;
  const funnel::Scenario before = app.scenario;
  StartSampleImport(app);
  FinishImportNow(app);
  REQUIRE(app.data.loaded);
  app.select_tab = "Data";
  ui.Frame(app);
  UseRatesFromData(app);
  CHECK(app.select_tab == "Plan");
  CHECK(app.plan_notice.find("from " + app.data.report.source_name) != std::string::npos);
  CHECK(app.plan_notice.find("deal size") == std::string::npos);  // contacts carry no amounts
  ui.Frame(app);
  ui.Frame(app);
  REQUIRE(app.item_rects.count("plan_notice_undo") == 1);
  const UiRect undo = app.item_rects.at("plan_notice_undo");
  ui.Click(app, undo.x + undo.w / 2, undo.y + undo.h / 2);
  CHECK(app.plan_notice.empty());
  CHECK(app.scenario == before);
}

TEST_CASE("workshop templates: each loads, plans without errors and opens in the current month", "[app][templates]") {
  const auto& list = ListTemplates();
  REQUIRE(list.size() >= 4);
  for (const char* id : {"saas-smb-self-serve", "enterprise-b2b", "agency-services", "ecommerce-b2b"}) {
    CAPTURE(id);
    AppState app;
    app.today = {2027, 4};
    REQUIRE(OpenTemplate(app, id));
    CHECK(app.scenario.start_year == 2027);
    CHECK(app.scenario.start_month == 4);
    REQUIRE(app.plan.ok());
    CHECK_FALSE(app.scenario.channels.empty());
    CHECK(app.plan->money.cac.has_value());
    CHECK(app.plan_notice.find(app.scenario.name) != std::string::npos);
    // The JSON a "#t=" link opens is the same plan.
    auto loaded = funnel::ScenarioFromJson(TemplateScenarioJson(app, id));
    REQUIRE(loaded.ok());
    CHECK(loaded->scenario == app.scenario);
    CHECK(Undo(app));
    CHECK(app.scenario.name == "Sample plan");
  }
  AppState app;
  CHECK_FALSE(OpenTemplate(app, "no-such-template"));
  CHECK(TemplateScenarioJson(app, "no-such-template").empty());
  CHECK(app.scenario.name == "Sample plan");
}

TEST_CASE("what-if: fine control, values stored as shown, Reset to plan", "[app][what-if]") {
  HeadlessUi ui;
  AppState app;
  app.select_tab = "What-if";
  ui.Frame(app);
  ui.Frame(app);
  const funnel::Scenario plan = app.scenario;
  const UiRect r = app.item_rects.at("what_if.steps[1].rate");  // Lead → MQL, 40 %
  ImGuiIO& io = ImGui::GetIO();
  const float x = r.x + r.w / 2, y = r.y + r.h / 2;
  io.AddMousePosEvent(x, y);
  ui.Frame(app);
  io.AddMouseButtonEvent(0, true);
  ui.Frame(app);
  for (int px = 1; px <= 5; ++px) {  // five pixels to the right, one at a time
    io.AddMousePosEvent(x + static_cast<float>(px), y);
    ui.Frame(app);
  }
  io.AddMouseButtonEvent(0, false);
  ui.Frame(app);
  const double moved = app.scenario.steps[1].rate - plan.steps[1].rate;
  CHECK(moved > 0.0005);   // more than 0.05 percentage point …
  CHECK(moved < 0.002);    // … and well under the 7 points a slider jumped
  const double per_mille = app.scenario.steps[1].rate * 1000.0;
  CHECK(per_mille == Approx(std::round(per_mille)).margin(1e-9));  // stored to 0.1 point, as shown

  // The heatmap's axes stay the ones shown before the rate moved.
  CHECK(app.what_if.step_x == app.what_if.grid.step_x);
  CHECK(app.what_if.step_y == app.what_if.grid.step_y);
  CHECK(app.what_if.step_x != SIZE_MAX);

  const UiRect reset = app.item_rects.at("what_if.reset");
  ui.Click(app, reset.x + reset.w / 2, reset.y + reset.h / 2);
  CHECK(app.scenario == plan);
}

TEST_CASE("a failed import keeps the data shown before and says what is supported", "[app][import]") {
  HeadlessUi ui;
  AppState app;
  StartSampleImport(app);
  FinishImportNow(app);
  REQUIRE(app.data.loaded);
  const auto counts = app.data.analysis.counts.reached;
  const std::string before = app.data.report.source_name;
  // A PowerPoint file (a ZIP) dropped by mistake.
  std::string zip = "PK\x03\x04";
  zip += std::string(2048, '\0');
  StartImportText(app, zip, "deck.pptx");
  FinishImportNow(app);
  CHECK(app.data.loaded);
  CHECK(app.data.report.source_name == before);
  CHECK(app.data.analysis.counts.reached == counts);
  CHECK(app.import_failure.find("Could not import deck.pptx") != std::string::npos);
  CHECK(app.import_failure.find("CSV and TSV exports, Excel workbooks (.xlsx)") != std::string::npos);
  CHECK(app.import_failure.find("Still showing " + before) != std::string::npos);
  CHECK(ui.Frame(app) > 100);
  // The next good import clears the message.
  StartImportText(app, "Stage,Created\nLead,2024-01-01\nCustomer,2024-02-01\n", "good.csv");
  FinishImportNow(app);
  CHECK(app.import_failure.empty());
  CHECK(app.data.report.source_name == "good.csv");
  // Failing with nothing shown before: the failure itself is shown, as before.
  AppState fresh;
  StartImportText(fresh, zip, "deck.pptx");
  FinishImportNow(fresh);
  CHECK_FALSE(fresh.data.loaded);
  CHECK(fresh.data.report.fatal);
}

namespace {
bool Has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }
// The line of `text` that starts with `prefix` ("" when there is none).
std::string LineStarting(const std::string& text, const std::string& prefix) {
  size_t at = 0;
  while (at < text.size()) {
    const size_t end = std::min(text.find('\n', at), text.size());
    if (text.compare(at, prefix.size(), prefix) == 0) return text.substr(at, end - at);
    at = end + 1;
  }
  return "";
}
}  // namespace

TEST_CASE("a plan opened from a share link shows its own name, not \"Sample plan\"", "[app][share]") {
  HeadlessUi ui;
  AppState app;
  auto s = funnel::SampleScenario();
  s.name = "Acme Q3 pipeline";
  const auto reply = nlohmann::json::parse(BridgeSetScenario(app, funnel::ScenarioToJson(s)));
  REQUIRE(reply["ok"] == true);
  ui.Frame(app);
  const std::string text = ui.Text(app);
  const std::string title = text.substr(0, text.find('\n'));
  CHECK(Has(title, "Acme Q3 pipeline"));
  CHECK_FALSE(Has(text, "Sample plan"));
  CHECK(Has(text, "Acme Q3 pipeline. Bring your own data"));  // the Plan tab's hint line
}

TEST_CASE("the month table's Total row shows each stage's target, on screen", "[app][monthly]") {
  HeadlessUi ui(1280, 2400);
  AppState app;
  auto s = funnel::SampleScenario();
  s.seasonality = {1, 1, 2, 1, 1, 3, 1, 1, 1, 2, 1, 1};  // uneven, so months differ
  SetScenario(app, s);
  ui.Frame(app);
  const std::string text = ui.Text(app);
  // By hand: 40 customers / 25 % = 160 opportunities / 60 % = 266.67 -> 267 SQLs / 50 % = 533.33
  // -> 534 MQLs / 40 % = 1,333.33 -> 1,334 leads / 2.5 % = 53,333.33 -> 53,334 visitors.
  CHECK(LineStarting(text, "| Total |") == "| Total | 53,334 | 1,334 | 534 | 267 | 160 | 40 |");
  REQUIRE(app.item_rects.count("monthly_total") == 1);
}

TEST_CASE("Data tab: row counts in words, win rate only with lost deals, trend axis values", "[app][import]") {
  HeadlessUi ui(1280, 2400);
  AppState app;
  SECTION("one row: \"1 row\"") {
    StartImportText(app, "Stage,Created\nCustomer,2024-01-10\n", "one.csv");
    FinishImportNow(app);
    app.select_tab = "Data";
    ui.Frame(app);
    const std::string text = ui.Text(app);
    CHECK(Has(text, ": 1 row imported, 0 rejected."));
    CHECK_FALSE(Has(text, "1 rows"));
  }
  SECTION("no lost status in the export: no win rate (every closed record is a win)") {
    StartImportText(app, "Stage,Created\nLead,2024-01-05\nCustomer,2024-01-10\nLead,2024-02-03\n", "won.csv");
    FinishImportNow(app);
    app.select_tab = "Data";
    ui.Frame(app);
    const std::string text = ui.Text(app);
    INFO(text);
    REQUIRE(app.data.analysis.win_rate.n == 1);  // one closed record, a win: "100 %" would mislead
    CHECK(Has(text, "Conversion and time to convert"));
    CHECK_FALSE(Has(text, "Win rate"));
  }
  SECTION("won and lost: the win rate; two months: the trend's scale in numbers") {
    // Leads created: 2 in January, 3 in February. Customer share: Jan 1/2 = 50 %, Feb 1/3.
    // Lost: 1 of 3 closed -> win rate 2/3 = 66.7 %.
    StartImportText(app,
                    "Stage,Created\n"
                    "Lead,2024-01-05\n"
                    "Customer,2024-01-10\n"
                    "Lost,2024-02-03\n"
                    "Customer,2024-02-20\n"
                    "Lead,2024-02-21\n",
                    "two.csv");
    FinishImportNow(app);
    REQUIRE(app.data.loaded);
    app.select_tab = "Data";
    ui.Frame(app);
    const std::string text = ui.Text(app);
    INFO(text);
    CHECK(Has(text, ": 5 rows imported, 0 rejected"));
    REQUIRE(app.data.analysis.counts.lost == 1);
    CHECK(Has(text, "Win rate: 66.7 % of 3 closed"));
    // Y axis: the largest month's bar (3 leads) and the line's top (50 % / 0.9 = 55.6 %), and 0.
    CHECK(Has(text, "3 leads"));
    CHECK(Has(text, "55.6 %"));
    CHECK(Has(text, "24-01"));
    CHECK(Has(text, "24-02"));
  }
}

TEST_CASE("a workbook's import is named as a workbook: on screen, after a new mapping, after a reload", "[app][import]") {
  HeadlessUi ui(1280, 2400);
  AppState app;
  // The page streams a workbook's first sheet as the tab-separated text xlsx.js makes of it.
  const std::string sheet = "Stage\tCreated\nLead\t2024-01-05\nCustomer\t2024-01-10\n";
  const uint64_t id = StartStreamImport(app, "deals.xlsx (sheet \"Deals\")", 0, /*workbook=*/true);
  REQUIRE(id != 0);
  REQUIRE(StreamState(app, id) == 1);
  std::copy(sheet.begin(), sheet.end(), StreamBuffer(app, sheet.size()));
  REQUIRE(FeedStream(app, id, sheet.size(), 1.0));
  REQUIRE(EndStream(app, id));
  FinishImportNow(app);
  REQUIRE(app.data.loaded);
  app.select_tab = "Data";
  ui.Frame(app);
  std::string text = ui.Text(app);
  INFO(text);
  CHECK(Has(text, "export (Excel workbook): 2 rows imported, 0 rejected."));
  CHECK_FALSE(Has(text, "tab-separated"));  // the text made from the sheet is not what the user gave

  // Stored and restored (a reload): still the workbook.
  const std::string saved = BridgeGetAnalysis(app);
  CHECK(nlohmann::json::parse(saved)["workbook"] == true);
  AppState after;
  REQUIRE(nlohmann::json::parse(BridgeRestoreAnalysis(after, saved))["ok"] == true);
  CHECK(after.data.report.workbook);
  // A summary stored before the field existed reads as a text file.
  nlohmann::json older = nlohmann::json::parse(saved);
  older.erase("workbook");
  AppState old_page;
  REQUIRE(nlohmann::json::parse(BridgeRestoreAnalysis(old_page, older.dump()))["ok"] == true);
  CHECK_FALSE(old_page.data.report.workbook);

  // Read again with another mapping (the page streams the workbook again): still the workbook.
  funnel::ColumnMapping mapping = app.data.report.mapping;
  mapping.dated_only = !mapping.dated_only;
  RemapImport(app, mapping);
  REQUIRE(app.data.importer != nullptr);
  CHECK(app.data.importer->report().workbook);

  // A CSV file is described by its encoding and delimiter.
  StartImportText(app, "Stage,Created\nLead,2024-01-05\n", "leads.csv");
  FinishImportNow(app);
  text = ui.Text(app);
  CHECK(Has(text, "export (UTF-8, comma-separated): 1 row imported"));
  CHECK_FALSE(app.data.report.workbook);
}

TEST_CASE("Channels & money: an over-cap channel says so in words; names are never cut off", "[app][channels]") {
  HeadlessUi ui(900, 2400);
  AppState app;
  auto s = funnel::SampleScenario();
  // 1,334 leads: 70 % = 933.8 from the long-named channel, capped at 50 a month = 600 a year.
  s.channels = {{"Partner referrals and co-marketing webinars (EMEA)", 0.7, 40, 50, {}}, {"Search", 0.3, 60, 0, {}}};
  SetScenario(app, s);
  app.select_tab = "Channels & money";
  ui.Frame(app);
  const std::string text = ui.Text(app);
  INFO(text);
  CHECK(Has(text, "(cap 600)"));
  for (const char* table : {"mix", "cheapest"}) {
    for (int i = 0; i < 2; ++i) {
      const std::string key = std::string(table) + ".name[" + std::to_string(i) + "]";
      CAPTURE(key);
      REQUIRE(app.item_rects.count(key) == 1);
    }
  }
  // The long name is too wide for its column in a 900-pixel window: it wraps inside its
  // cell instead of running under the next column.
  for (const char* table : {"mix", "cheapest"}) {
    for (int i = 0; i < 2; ++i) {
      const std::string at = "[" + std::to_string(i) + "]";
      const UiRect cell = app.item_rects.at(std::string(table) + ".name_cell" + at);
      const UiRect name = app.item_rects.at(std::string(table) + ".name" + at);
      CAPTURE(table, i, cell.x, cell.w, name.x, name.w);
      CHECK(name.x + name.w <= cell.x + cell.w + 0.5f);
    }
  }
  CHECK(app.item_rects.at("mix.name[0]").h > 1.5f * ImGui::GetFontSize());  // two lines
  CHECK(app.item_rects.at("mix.name[1]").h < 1.5f * ImGui::GetFontSize());  // "Search": one
}

namespace {
// WCAG 2 contrast ratio of two opaque colours.
double Contrast(const ImVec4& a, const ImVec4& b) {
  auto lin = [](float c) { return c <= 0.04045f ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
  auto lum = [&](const ImVec4& c) { return 0.2126 * lin(c.x) + 0.7152 * lin(c.y) + 0.0722 * lin(c.z); };
  const double la = lum(a), lb = lum(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}
}  // namespace

TEST_CASE("both themes: error, warning and body text keep 4.5:1 contrast on their backgrounds", "[app][theme]") {
  HeadlessUi ui;
  for (bool dark : {false, true}) {
    CAPTURE(dark);
    ApplyTheme(1.0f, dark);
    const ImGuiStyle& style = ImGui::GetStyle();
    for (ImGuiCol bg : {ImGuiCol_WindowBg, ImGuiCol_ChildBg}) {
      const ImVec4 back = style.Colors[bg];
      CHECK(Contrast(Colors().error, back) >= 4.5);
      CHECK(Contrast(Colors().warning, back) >= 4.5);
      CHECK(Contrast(style.Colors[ImGuiCol_Text], back) >= 4.5);
    }
    // Lines and the heatmap's marker stay visible (3:1, WCAG's bar for graphics).
    CHECK(Contrast(ImGui::ColorConvertU32ToFloat4(Colors().outline), style.Colors[ImGuiCol_ChildBg]) >= 3.0);
  }
}

TEST_CASE("controls are published for assistive technology with their names, roles and values", "[app][a11y]") {
  HeadlessUi ui(1280, 1600);
  AppState app;
  ui.Frame(app);
  ui.Frame(app);
  auto find = [&](const std::string& name) -> const AccessibleItem* {
    for (const auto& i : app.accessible_items) if (i.name == name) return &i;
    return nullptr;
  };
  const AccessibleItem* goal = find("revenue_goal");
  REQUIRE(goal);
  CHECK(goal->role == "number");
  CHECK(goal->label == "Revenue goal");
  CHECK(goal->value == "1000000");
  const AccessibleItem* rate = find("steps[1].rate");
  REQUIRE(rate);
  CHECK(rate->label == "Lead \xE2\x86\x92 MQL conversion rate (%)");
  CHECK(rate->value == "40");
  const AccessibleItem* lag = find("steps[1].lag_months");
  REQUIRE(lag);
  CHECK(lag->value == "1");
  const AccessibleItem* plan_tab = find("tab:Plan");
  const AccessibleItem* data_tab = find("tab:Data");
  REQUIRE(plan_tab);
  REQUIRE(data_tab);
  CHECK(plan_tab->role == "tab");
  CHECK(plan_tab->selected);
  CHECK_FALSE(data_tab->selected);
  // Screen order is Tab order: toolbar, tabs, then the goal before the rates.
  auto at = [&](const std::string& name) {
    for (size_t k = 0; k < app.accessible_items.size(); ++k) if (app.accessible_items[k].name == name) return k;
    return app.accessible_items.size();
  };
  CHECK(at("toolbar_undo") < at("tab:Plan"));
  CHECK(at("tab:Data") < at("revenue_goal"));
  CHECK(at("revenue_goal") < at("deal_size"));
  CHECK(at("deal_size") < at("steps[0].rate"));
  CHECK(PlainNumber(2.5, 2) == "2.5");
  CHECK(PlainNumber(1e6, 0) == "1000000");
  CHECK(PlainNumber(-0.0001, 2) == "0");
}

TEST_CASE("the page's controls act as the mouse and keyboard do: set, press, choose, open", "[app][a11y]") {
  HeadlessUi ui(1280, 1600);
  AppState app;
  ui.Frame(app);
  ui.Frame(app);
  auto find = [&](const std::string& name) -> const AccessibleItem* {
    for (const auto& i : app.accessible_items) if (i.name == name) return &i;
    return nullptr;
  };
  auto act = [&](const char* name, const char* action, const char* value = "") {
    REQUIRE(BridgeAccessibleAct(app, name, action, value));
    for (int i = 0; i < 3; ++i) ui.Frame(app);  // a tab opens two frames after it is chosen
  };
  const uint64_t revision = app.accessible_revision;
  // A number typed in the page: the goal doubles, so do the customers (2,000,000 / 25,000 = 80).
  act("revenue_goal", "set", "2000000");
  REQUIRE(app.plan.ok());
  CHECK(app.scenario.revenue_goal == 2000000.0);
  CHECK(app.plan->funnel.stages.back().whole == 80.0);
  CHECK(find("revenue_goal")->value == "2000000");
  CHECK(app.accessible_revision > revision);  // the mirror learns the new value
  // A rate is typed in percent and is no longer an observed k of n.
  act("steps[1].rate", "set", "20");
  CHECK(app.scenario.steps[1].rate == Approx(0.2));
  // Each finished edit is one undo step: Undo, pressed in the page, takes the rate back.
  act("toolbar_undo", "press");
  CHECK(app.scenario.steps[1].rate == Approx(0.4));
  CHECK(app.scenario.revenue_goal == 2000000.0);
  // Text that is not a number changes nothing.
  act("deal_size", "set", "lots");
  CHECK(app.scenario.deal_size == 25000.0);
  // A control that is not on screen takes nothing, now or later.
  const size_t channels = app.scenario.channels.size();
  act("add_channel", "press");
  // Tabs: pressing one opens it; then its controls are there.
  act("tab:Channels & money", "press");
  CHECK(app.current_tab == "Channels & money");
  CHECK(app.scenario.channels.size() == channels);
  act("add_channel", "press");
  REQUIRE(app.scenario.channels.size() == channels + 1);
  const std::string last = "channels[" + std::to_string(channels) + "]";
  act((last + ".share").c_str(), "set", "10");
  CHECK(app.scenario.channels.back().share == Approx(0.10));
  REQUIRE(find(last + ".remove"));
  CHECK(find(last + ".remove")->label == "Remove Channel " + std::to_string(channels + 1));
  act((last + ".remove").c_str(), "press");
  CHECK(app.scenario.channels.size() == channels);
  // A disabled control says so (Redo with nothing undone), and says so no more once it can act.
  REQUIRE(find("toolbar_redo"));
  CHECK(find("toolbar_redo")->disabled);
  CHECK_FALSE(find("toolbar_undo")->disabled);
  act("toolbar_undo", "press");
  CHECK_FALSE(find("toolbar_redo")->disabled);
  act("toolbar_redo", "press");
  CHECK(find("toolbar_redo")->disabled);
  // The What-if tab's axis choice, by index among its options.
  act("tab:What-if", "press");
  const AccessibleItem* across = find("what_if.across");
  REQUIRE(across);
  CHECK(across->role == "combobox");
  REQUIRE(across->options.size() >= 2);
  const std::string pick = across->options.back();
  act("what_if.across", "set", std::to_string(across->options.size() - 1).c_str());
  CHECK(find("what_if.across")->value == pick);
  // The Export menu: opened from the page, its items appear; one of them acts and closes it.
  CHECK_FALSE(find("menu:larger_text"));
  act("toolbar_export", "set", "true");
  CHECK(find("toolbar_export")->selected);
  REQUIRE(find("menu:larger_text"));
  REQUIRE(find("menu:template:enterprise-b2b"));
  act("menu:larger_text", "press");
  CHECK(app.text_scale == Approx(1.0f + kTextScaleStep));
  CHECK_FALSE(find("toolbar_export")->selected);
  // Escape in the page's menu closes it.
  act("toolbar_export", "set", "true");
  CHECK(find("toolbar_export")->selected);
  REQUIRE(BridgeAccessibleAct(app, "toolbar_export", "set", "false"));
  act("toolbar_export", "focus");  // focus goes back to the button: the menu still closes
  CHECK_FALSE(find("toolbar_export")->selected);
  CHECK_FALSE(find("menu:larger_text"));
  // Unknown actions are refused.
  CHECK_FALSE(BridgeAccessibleAct(app, "toolbar_undo", "explode", ""));
}

TEST_CASE("Track tab: the plan against the export as of a day, and Add to plan saves a revised plan beside it", "[app][track]") {
  HeadlessUi ui(1280, 1600);
  AppState app;
  StartSampleImport(app);  // leads created over 2024
  FinishImportNow(app);
  REQUIRE(app.data.loaded);
  UseRatesFromData(app);  // the plan's stages are the export's
  app.scenario.start_year = 2024;
  app.scenario.start_month = 7;
  app.scenario.horizon_months = 12;
  app.scenario.revenue_goal = 20'000'000;  // far beyond the pipeline: there is a gap to close
  Recompute(app);
  REQUIRE(app.plan.ok());
  app.select_tab = "Track";
  for (int i = 0; i < 3; ++i) ui.Frame(app);
  REQUIRE(app.current_tab == "Track");
  // As of the data's latest day; the engine's report is what is shown.
  CHECK(app.track.as_of_text == "2024-12-31");
  REQUIRE(app.track.track);
  REQUIRE(app.track.track->ok());
  const funnel::TrackReport& r = app.track.track->value();
  const std::string text = ui.Text(app);
  CHECK(text.find(r.headline) != std::string::npos);
  const funnel::StageTotal& lead = r.totals.at(1);
  CHECK(text.find("| " + lead.stage + " | " + funnel::FormatNumber(lead.planned, 0) + " | " +
                  funnel::FormatNumber(lead.actual, 0) + " |") != std::string::npos);
  CHECK(text.find("What closes the gap") != std::string::npos);
  // The chart's running totals, from its checkbox as a screen reader sets it.
  CHECK(text.find("Running totals.") == std::string::npos);
  REQUIRE(BridgeAccessibleAct(app, "track.cumulative", "set", "true"));
  ui.Frame(app);
  ui.Frame(app);
  CHECK(app.track.cumulative);
  CHECK(ui.Text(app).find("Running totals.") != std::string::npos);
  // A day that is not a day is explained, and nothing is shown for it.
  REQUIRE(BridgeAccessibleAct(app, "track.as_of", "set", "2024-02-30"));
  ui.Frame(app);
  ui.Frame(app);
  CHECK(ui.Text(app).find("\"2024-02-30\" is not a day") != std::string::npos);
  REQUIRE(BridgeAccessibleAct(app, "track.as_of", "set", "2024-12-31"));
  ui.Frame(app);
  ui.Frame(app);
  // Add to plan: the current plan and a revised one with the 80 % level's extra leads, side by side.
  REQUIRE(app.track.forecast);
  REQUIRE(app.track.forecast->ok());
  REQUIRE(app.track.forecast->value().close_the_gap);
  const auto& levels = app.track.forecast->value().close_the_gap->levels;
  const auto level80 = std::find_if(levels.begin(), levels.end(), [](const auto& l) { return l.confidence == 80; });
  REQUIRE(level80 != levels.end());
  REQUIRE(level80->feasible);
  REQUIRE(level80->total_leads > 0);
  const funnel::Scenario original = app.scenario;
  REQUIRE(BridgeAccessibleAct(app, "track.add_to_plan", "press", ""));
  ui.Frame(app);
  CHECK(app.scenario == original);  // the current plan stays as it was
  REQUIRE(app.saved.size() == 2);
  CHECK(app.saved[0].scenario.name == original.name);
  CHECK(app.saved[1].scenario.name == original.name + " (revised)");
  CHECK(app.saved[0].compare);
  CHECK(app.saved[1].compare);
  const double planned = original.planned_leads > 0 ? original.planned_leads
                                                    : app.plan->funnel.stages[app.plan->entry_stage].whole;
  CHECK(app.saved[1].scenario.planned_leads == Approx(planned + level80->total_leads));
}

TEST_CASE("Track tab: an export whose stages the plan does not name says how to plan with them", "[app][track]") {
  HeadlessUi ui(1280, 1600);
  AppState app;
  StartImportText(app, "Deal stage,Created\nQualified,2024-01-03\nProposal,2024-01-09\nQualified,2024-02-01\n", "deals.csv");
  FinishImportNow(app);
  REQUIRE(app.data.loaded);
  app.scenario.start_year = 2024;  // the plan runs while the data was made: only the stages differ
  app.scenario.start_month = 1;
  Recompute(app);
  app.select_tab = "Track";
  for (int i = 0; i < 3; ++i) ui.Frame(app);
  REQUIRE(app.track.track);
  REQUIRE_FALSE(app.track.track->ok());
  CHECK(app.track.track->errors().front().field == "stages");
  const std::string text = ui.Text(app);
  CHECK(text.find("None of the plan's stages has a date column in the export") != std::string::npos);
  CHECK(text.find("\"Plan with these rates\" on the Data tab plans with the export's own stages") != std::string::npos);
}
