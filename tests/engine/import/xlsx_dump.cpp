// xlsx_dump: what XlsxReader reads from a workbook, for tests/engine/import/xlsx_same_as_browser.mjs
// (which compares it with web/xlsx.js) and for timing the reader.
//
// Usage: xlsx_dump [--count | --text] [--max-bytes N] FILE...
//   one line of JSON per file: {"ok":true,"sheet":…,"sheets":N,"text":…} or {"ok":false,"message":…};
//   Next() is called with N (default 1 MB); --count prints bytes and lines instead of the text;
//   --text writes the text itself, as it is read (a message on stderr if it cannot be).
// Files are mapped, as the CLI does, so a measurement shows the reader's own memory.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

#include "engine/import/xlsx_reader.hpp"

namespace {
enum class Mode { kJson, kCount, kText };

// RssAnon and RssFile of this process in KB (Linux): the reader's own memory apart from the
// pages of the mapped workbook it has touched.
std::pair<long, long> RssAnonFileKb() {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  long anon = -1, file = -1;
  char line[256];
  while (f && std::fgets(line, sizeof line, f)) {
    std::sscanf(line, "RssAnon: %ld", &anon);
    std::sscanf(line, "RssFile: %ld", &file);
  }
  if (f) std::fclose(f);
  return {anon, file};
}

nlohmann::json Dump(const char* path, Mode mode, size_t max_bytes) {
  const int fd = open(path, O_RDONLY);
  struct stat st {};
  if (fd < 0 || fstat(fd, &st) != 0) return {{"ok", false}, {"message", std::string("cannot open ") + path}};
  std::string_view bytes;
  void* map = nullptr;
  if (st.st_size > 0) {
    map = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) return {{"ok", false}, {"message", "mmap failed"}};
    bytes = std::string_view(static_cast<const char*>(map), static_cast<size_t>(st.st_size));
  }
  close(fd);
  nlohmann::json out;
  {
    funnel::XlsxReader reader(bytes);
    std::string text, chunk;
    size_t total = 0, lines = 0;
    while (reader.Next(chunk, max_bytes)) {
      total += chunk.size();
      for (const char c : chunk) lines += c == '\n';
      if (mode == Mode::kText) std::fwrite(chunk.data(), 1, chunk.size(), stdout);
      else if (mode == Mode::kJson) text += chunk;
      chunk.clear();
    }
    if (!reader.error().empty()) out = {{"ok", false}, {"message", reader.error()}};
    else if (mode != Mode::kJson) {
      const auto [anon, file] = RssAnonFileKb();  // at the end: the shared strings are all in memory
      out = {{"ok", true}, {"bytes", total}, {"lines", lines}, {"sheet", reader.sheet_name()},
             {"rss_anon_kb", anon}, {"rss_file_kb", file}};
    }
    else out = {{"ok", true}, {"sheet", reader.sheet_name()}, {"sheets", reader.sheet_count()}, {"text", text}};
  }
  if (map) munmap(map, static_cast<size_t>(st.st_size));
  return out;
}
}  // namespace

int main(int argc, char** argv) {
  Mode mode = Mode::kJson;
  size_t max_bytes = 1 << 20;
  int i = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; ++i) {
    if (std::strcmp(argv[i], "--count") == 0) mode = Mode::kCount;
    else if (std::strcmp(argv[i], "--text") == 0) mode = Mode::kText;
    else if (std::strcmp(argv[i], "--max-bytes") == 0 && i + 1 < argc) max_bytes = std::strtoull(argv[++i], nullptr, 10);
    else break;
  }
  if (i >= argc) {
    std::fprintf(stderr, "usage: xlsx_dump [--count | --text] [--max-bytes N] FILE...\n");
    return 2;
  }
  bool all_ok = true;
  for (; i < argc; ++i) {
    const nlohmann::json out = Dump(argv[i], mode, max_bytes);
    all_ok = all_ok && out["ok"].get<bool>();
    if (mode != Mode::kText) std::cout << out.dump() << "\n";
    else if (!out["ok"].get<bool>()) std::cerr << out["message"].get<std::string>() << "\n";
  }
  return all_ok ? 0 : 1;
}
