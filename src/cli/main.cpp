// funnelplan: the command-line face of the engine, for batch work and tests.
// Usage and output formats: docs/cli.md.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/format.hpp"
#include "engine/reverse_funnel.hpp"
#include "engine/scenario_json.hpp"

namespace {

constexpr const char* kUsage =
    "Usage:\n"
    "  funnelplan plan SCENARIO.json [--format table|json]\n"
    "      Reverse funnel: the count needed at every stage to reach the revenue goal.\n"
    "  funnelplan sample-scenario\n"
    "      Print the sample scenario (a starting point to edit).\n"
    "  funnelplan --help\n";

int Fail(const std::string& message) {
  std::cerr << "funnelplan: " << message << "\n";
  return 2;
}

bool ReadFile(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

std::string Pad(const std::string& s, size_t width, bool right) {
  // Count UTF-8 code points, not bytes, so "→" lines up.
  size_t cps = 0;
  for (unsigned char c : s) cps += (c & 0xC0) != 0x80;
  if (cps >= width) return s;
  std::string pad(width - cps, ' ');
  return right ? pad + s : s + pad;
}

void PrintTable(const funnel::Scenario& s, const funnel::ReverseFunnel& plan) {
  using namespace funnel;
  std::cout << s.name << ": goal " << FormatMoney(s.revenue_goal, s.currency) << " at "
            << FormatMoney(s.deal_size, s.currency) << " per deal\n\n";
  std::cout << Pad("Stage", 16, false) << Pad("Rate to next", 14, true)
            << Pad("Needed (exact)", 18, true) << Pad("Target", 14, true) << "\n";
  for (size_t i = 0; i < plan.stages.size(); ++i) {
    const StageTarget& t = plan.stages[i];
    const bool last = i + 1 == plan.stages.size();
    std::cout << Pad(t.stage, 16, false) << Pad(last ? "" : FormatPercent(t.rate_to_next), 14, true)
              << Pad(FormatNumber(t.exact, 2), 18, true) << Pad(FormatNumber(t.whole, 0), 14, true)
              << "\n";
  }
}

int Plan(const std::vector<std::string>& args) {
  std::string path, format = "table";
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--format" && i + 1 < args.size()) {
      format = args[++i];
    } else if (args[i].rfind("--format=", 0) == 0) {
      format = args[i].substr(9);
    } else if (!args[i].empty() && args[i][0] == '-') {
      return Fail("unknown option " + args[i] + "\n" + kUsage);
    } else if (path.empty()) {
      path = args[i];
    } else {
      return Fail("more than one scenario file given\n" + std::string(kUsage));
    }
  }
  if (path.empty()) return Fail(std::string("plan needs a scenario file\n") + kUsage);
  if (format != "table" && format != "json") {
    return Fail("unknown format '" + format + "' (expected table or json)");
  }
  std::string text;
  if (!ReadFile(path, text)) return Fail("cannot read " + path);

  auto loaded = funnel::ScenarioFromJson(text);
  if (!loaded) {
    for (const auto& e : loaded.errors()) {
      std::cerr << path << ": " << (e.field.empty() ? "" : e.field + ": ") << e.message << "\n";
    }
    return 1;
  }
  for (const auto& w : loaded->warnings) std::cerr << path << ": " << w.field << ": " << w.message << "\n";
  const funnel::Scenario& s = loaded->scenario;
  auto plan = funnel::PlanReverseFunnel(s);
  if (format == "json") {
    std::cout << funnel::PlanToJson(s, plan) << "\n";
    return plan.ok() ? 0 : 1;
  }
  if (!plan) {
    for (const auto& e : plan.errors()) std::cerr << path << ": " << e.field << ": " << e.message << "\n";
    return 1;
  }
  PrintTable(s, plan.value());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  if (command == "plan") return Plan(args);
  if (command == "sample-scenario") {
    std::cout << funnel::ScenarioToJson(funnel::SampleScenario()) << "\n";
    return 0;
  }
  return Fail("unknown command '" + command + "'\n" + kUsage);
}
