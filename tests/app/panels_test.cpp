// Headless frames of the whole UI (ImGui with no renderer, no GPU), driven by simulated
// mouse and keyboard input the way a user would use it.
#include <catch2/catch.hpp>

#include <imgui.h>

#include "app/app_state.hpp"

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

TEST_CASE("a narrow window stacks inputs above results", "[app]") {
  HeadlessUi ui(420, 900);
  AppState app;
  ui.Frame(app);
  ui.Frame(app);
  const UiRect goal = app.item_rects["revenue_goal"];
  CHECK(goal.x + goal.w <= 420);
}

TEST_CASE("a DPI scale of 2 publishes rects in CSS pixels", "[app]") {
  HeadlessUi ui(2560, 1600);
  AppState app;
  app.dpi_scale = 2.0f;
  ui.Frame(app);
  const UiRect r = app.item_rects["revenue_goal"];
  CHECK(r.x + r.w <= 1280);
  CHECK(r.y + r.h <= 800);
}
