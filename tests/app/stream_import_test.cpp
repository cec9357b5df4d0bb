// A file streamed by the page: the app keeps the table, not the file; a re-read (another
// column mapping) asks the page to stream the file again.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "app/app_state.hpp"
#include "app/bridge.hpp"
#include "engine/import/synthetic_export.hpp"
#include "app/demo_mapping.hpp"

namespace {
// What web/funnelplan.js does: whenever import `id` asks, writes the next slice of `file` into
// the app's buffer and feeds it, then ends the input; one frame's import step in between.
// Returns the slices fed.
int PageStreams(AppState& app, uint64_t id, std::string_view file, size_t slice) {
  size_t at = 0;
  int slices = 0;
  for (int frame = 0; StreamState(app, id) >= 0 && frame < 1'000'000; ++frame) {
    if (StreamState(app, id) == 1) {
      if (at < file.size()) {
        const size_t n = std::min(slice, file.size() - at);
        char* buffer = StreamBuffer(app, n);
        REQUIRE(buffer != nullptr);
        std::memcpy(buffer, file.data() + at, n);
        REQUIRE(FeedStream(app, id, n));
        at += n;
        ++slices;
      } else {
        REQUIRE(EndStream(app, id));
      }
    }
    AdvanceImport(app, 8.0);
  }
  return slices;
}

std::string Export(size_t rows) {
  funnel::SyntheticOptions o;
  o.shape = funnel::ExportShape::kHubSpotContacts;
  o.rows = rows;
  o.seed = 7;
  return funnel::GenerateExport(o);
}

bool Has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }
}  // namespace

TEST_CASE("a streamed file gives what the same bytes imported whole give, and no copy is kept", "[app][stream]") {
  const std::string file = Export(20'000);  // ~3 MB: past the first megabyte the encoding is decided on
  AppState whole;
  StartImportText(whole, file, "contacts.csv");
  FinishImportNow(whole);
  REQUIRE(whole.data.loaded);

  for (size_t slice : {size_t{4096 + 3}, size_t{1} << 20, size_t{4} << 20}) {
    CAPTURE(slice);
    AppState app;
    const uint64_t id = StartStreamImport(app, "contacts.csv", file.size());
    REQUIRE(id != 0);
    CHECK(StreamState(app, id) == 1);  // asks for the first slice at once
    const int slices = PageStreams(app, id, file, slice);
    CHECK(slices == static_cast<int>((file.size() + slice - 1) / slice));
    REQUIRE(app.data.loaded);
    CHECK(app.data.report.source_name == "contacts.csv");
    CHECK(app.data.report.rows_imported == whole.data.report.rows_imported);
    CHECK(app.data.report.bytes == file.size());
    CHECK(app.data.analysis.counts.reached == whole.data.analysis.counts.reached);
    CHECK(app.data.analysis.counts.stages == whole.data.analysis.counts.stages);
    CHECK(app.data.bytes == nullptr);  // the page keeps the file, the app only the table
    CHECK(app.data.feed.capacity() == 0);  // the slice buffer is freed once the import is done
    CHECK(app.data.rereadable());
    CHECK(StreamState(app, id) == -1);
    CHECK_FALSE(FeedStream(app, id, 0));  // a finished import takes no more input
  }
}

TEST_CASE("progress shows from the first slice of a streamed file", "[app][stream]") {
  const std::string file = Export(20'000);
  AppState app;
  const uint64_t id = StartStreamImport(app, "contacts.csv", file.size());
  std::memcpy(StreamBuffer(app, file.size() / 2), file.data(), file.size() / 2);
  REQUIRE(FeedStream(app, id, file.size() / 2));
  for (int i = 0; i < 200 && StreamState(app, id) == 0; ++i) AdvanceImport(app, 8.0);
  CHECK(StreamState(app, id) == 1);  // read what it has, waits for more
  CHECK(app.data.progress == Approx(0.5).margin(0.02));
  // Finishing at once (the JS API's importNow) would cut the file short: it waits for the page.
  FinishImportNow(app);
  REQUIRE(app.data.importer != nullptr);
  CHECK_FALSE(app.data.loaded);
  // The page's own progress (a workbook whose text size is not known ahead) wins when given.
  std::memcpy(StreamBuffer(app, 10), file.data() + file.size() / 2, 10);
  REQUIRE(FeedStream(app, id, 10, 0.25));
  AdvanceImport(app, 8.0);
  CHECK(app.data.progress == Approx(0.25));
}

TEST_CASE("a new mapping reads a streamed file again: the app asks the page for it", "[app][stream][mapping]") {
  const std::string& file = kDemoExport;
  AppState app;
  const uint64_t first = StartStreamImport(app, "deals.csv", file.size());
  PageStreams(app, first, file, 16);
  REQUIRE(app.data.loaded);
  CHECK(app.data.analysis.counts.stages == std::vector<std::string>{"Lead", "Demo", "Customer"});
  CHECK(app.shell.queued.empty());

  RemapImport(app, DemoAsLost(app.data.mapping_draft));
  REQUIRE(app.shell.queued == std::vector<std::string>{"rereadImport"});
  app.shell.queued.clear();
  const uint64_t again = static_cast<uint64_t>(BridgeImportStreamId(app));
  CHECK(again != first);  // slices of the first read still on their way are refused
  CHECK(StreamState(app, first) == -1);
  CHECK(StreamState(app, again) == 1);
  // The data read before stays shown until the new read is done.
  CHECK(app.data.analysis.counts.stages == std::vector<std::string>{"Lead", "Demo", "Customer"});
  PageStreams(app, again, file, 7);
  CHECK(app.data.analysis.counts.stages == std::vector<std::string>{"Lead", "Customer"});
  CHECK(app.data.analysis.counts.reached == std::vector<uint64_t>{4, 1});
  CHECK(app.data.analysis.counts.lost == 2);

  // The next export of this kind, streamed, is read again with the mapping the scenario keeps.
  const std::string next = file + "Demo,2024-01-05\n";
  const uint64_t id = StartStreamImport(app, "deals-2.csv", next.size());
  PageStreams(app, id, next, 1 << 20);
  REQUIRE(app.shell.queued == std::vector<std::string>{"rereadImport"});
  app.shell.queued.clear();
  PageStreams(app, static_cast<uint64_t>(BridgeImportStreamId(app)), next, 1 << 20);
  CHECK(app.data.report.source_name == "deals-2.csv");
  CHECK(app.data.analysis.counts.stages == std::vector<std::string>{"Lead", "Customer"});
  CHECK(app.data.analysis.counts.lost == 3);
}

TEST_CASE("a streamed import stops on cancel, on a new import, and when the file cannot be read", "[app][stream]") {
  const std::string file = Export(2'000);
  SECTION("cancel: nothing was shown before, nothing is shown") {
    AppState app;
    const uint64_t id = StartStreamImport(app, "a.csv", file.size());
    std::memcpy(StreamBuffer(app, 100), file.data(), 100);
    REQUIRE(FeedStream(app, id, 100));
    CancelImport(app);
    CHECK(StreamState(app, id) == -1);
    CHECK_FALSE(FeedStream(app, id, 10));
    CHECK_FALSE(EndStream(app, id));
    CHECK_FALSE(app.data.loaded);
    CHECK_FALSE(app.data.rereadable());
    CHECK(BridgeImportProgress(app) == -1.0);
  }
  SECTION("a new import replaces a streamed one still being read") {
    AppState app;
    const uint64_t id = StartStreamImport(app, "a.csv", file.size());
    const uint64_t next = StartStreamImport(app, "b.csv", file.size());
    CHECK(StreamState(app, id) == -1);
    PageStreams(app, next, file, 1000);
    CHECK(app.data.report.source_name == "b.csv");
  }
  SECTION("the file cannot be read: the reason is shown") {
    AppState app;
    const uint64_t id = StartStreamImport(app, "gone.csv", file.size());
    FailStream(app, id, "Could not read gone.csv: the file was moved or deleted.");
    CHECK(StreamState(app, id) == -1);
    CHECK_FALSE(app.data.loaded);
    REQUIRE_FALSE(app.data.report.errors.empty());
    CHECK(Has(app.data.report.errors[0].message, "moved or deleted"));
  }
  SECTION("a re-read that cannot read the file keeps the data shown and says why") {
    AppState app;
    PageStreams(app, StartStreamImport(app, "a.csv", file.size()), file, 1 << 20);
    REQUIRE(app.data.loaded);
    const auto counts = app.data.analysis.counts.reached;
    funnel::ColumnMapping m = app.data.mapping_draft;
    m.dated_only = !m.dated_only;
    RemapImport(app, m);
    const uint64_t again = static_cast<uint64_t>(BridgeImportStreamId(app));
    FailStream(app, again, "Could not read a.csv again: the file was moved or deleted.");
    CHECK(app.data.loaded);
    CHECK(app.data.importer == nullptr);
    CHECK(app.data.analysis.counts.reached == counts);
    CHECK(Has(app.import_failure, "Could not read a.csv again: the file was moved or deleted. The data shown is as read before"));
    CHECK(app.data.rereadable());  // the user may try again (after putting the file back)
  }
}

TEST_CASE("the stream calls refuse what JS got wrong", "[app][stream][bridge]") {
  AppState app;
  for (double bad : {-1.0, std::nan(""), 1e300, 0.5}) {
    CAPTURE(bad);
    CHECK(BridgeImportStreamStart(app, "x.csv", bad) == 0.0);
  }
  const double id = BridgeImportStreamStart(app, "", 100);
  REQUIRE(id > 0);
  CHECK(app.data.name == "data");
  CHECK(BridgeImportStreamBuffer(app, -5) == nullptr);
  CHECK(BridgeImportStreamBuffer(app, 2e9) == nullptr);  // one slice, not a whole file
  REQUIRE(BridgeImportStreamBuffer(app, 64) != nullptr);
  CHECK_FALSE(BridgeImportStreamFeed(app, id, 65, -1));  // more than the buffer holds
  CHECK_FALSE(BridgeImportStreamFeed(app, id + 1, 10, -1));
  CHECK_FALSE(BridgeImportStreamFeed(app, std::nan(""), 10, -1));
  CHECK(BridgeImportStreamFeed(app, id, 10, std::nan("")));
  CHECK(app.data.input_progress == -1.0);
  CHECK(BridgeImportStreamState(app, id) >= 0);
  CHECK(BridgeImportStreamState(app, -1) == -1);
}

TEST_CASE("the page's import steps between frames read a streamed file to the end", "[app][stream][bridge]") {
  const std::string file = Export(2'000);
  AppState app;
  const double id = BridgeImportStreamStart(app, "a.csv", static_cast<double>(file.size()));
  char* buffer = BridgeImportStreamBuffer(app, static_cast<double>(file.size()));
  REQUIRE(buffer != nullptr);
  std::memcpy(buffer, file.data(), file.size());
  REQUIRE(BridgeImportStreamFeed(app, id, static_cast<double>(file.size()), -1));
  REQUIRE(BridgeImportStreamEnd(app, id));
  double progress = 0.0;
  int steps = 0;
  while ((progress = BridgeImportStep(app, 8.0)) >= 0.0 && steps < 10'000) ++steps;
  CHECK(progress == -1.0);
  REQUIRE(app.data.loaded);
  CHECK(app.data.report.rows_imported == 2'000);
  CHECK(BridgeImportStep(app, std::nan("")) == -1.0);  // nothing runs: nothing to do
}

TEST_CASE("running out of memory says how much of the file or the workbook fitted", "[app][stream]") {
  AppState app;
  // A CSV file of 3,000 MB, 40 % read: the bytes read fit.
  StartStreamImport(app, "leads.csv", size_t{3'000'000'000});
  app.data.progress = 0.4;
  CHECK(OutOfMemoryMessage(app.data) ==
        "Ran out of memory after reading 1200 MB of leads.csv (3000 MB): this browser holds about 1200 MB of an "
        "export like this one.");
  // A workbook: its sheet's text has no size ahead (0), so the text fed is what fit.
  const uint64_t id = StartStreamImport(app, "contacts.xlsx", 0);
  REQUIRE(StreamBuffer(app, 1'000) != nullptr);
  for (int i = 0; i < 2'500; ++i) REQUIRE(FeedStream(app, id, 1'000, 0.5));  // 2.5 MB of text
  CHECK(OutOfMemoryMessage(app.data) ==
        "Ran out of memory after reading 3 MB of the rows of contacts.xlsx: this browser holds about 3 MB of an "
        "export like this one.");
  // Nothing read yet, size unknown: no "(0 MB)".
  StartStreamImport(app, "empty.xlsx", 0);
  CHECK(OutOfMemoryMessage(app.data) == "Ran out of memory while importing empty.xlsx.");
}
