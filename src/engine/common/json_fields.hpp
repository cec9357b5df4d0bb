// FieldReader: reads the optional fields of one JSON object for the engine's JSON readers
// (scenarios, saved analyses), recording one clear error per bad field, named by its path
// ("money.cac", "funnel.steps[1].cohort.n"). A missing or null field leaves the default.
// Internal to src/engine: the public interfaces take and return text.
#pragma once

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "engine/common/result.hpp"

namespace funnel::detail {

// Strings may come from user files: dumping never throws on invalid UTF-8.
inline std::string DumpJson(const nlohmann::json& j, int indent = -1) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The deepest nesting of lists and objects the readers accept. Real scenarios and summaries
// nest 4 levels; the limit keeps recursive code (dumping, copying) far from the stack's end.
inline constexpr int kMaxJsonDepth = 64;

// Parses `text` as JSON without throwing. Anything that is not JSON the engine can hold —
// bad syntax, a number out of range (1e400), nesting deeper than kMaxJsonDepth, text longer
// than `max_bytes`, running out of memory — leaves `error` set to a sentence saying why.
// `what` names the thing expected ("a scenario") for the size message.
inline std::optional<nlohmann::json> ParseJson(std::string_view text, size_t max_bytes, const char* what,
                                               std::string& error) {
  if (text.size() > max_bytes) {
    error = "The text is " + std::to_string(text.size() / 1024) + " KB; the most this app reads as " + what +
            " is " + std::to_string(max_bytes / 1024) + " KB";
    return std::nullopt;
  }
  // Nesting is checked before parsing: the parser itself is iterative, but dumping and
  // copying a value recurse once per level.
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) {
        error = "Lists and objects are nested more than " + std::to_string(kMaxJsonDepth) +
                " levels deep (at character " + std::to_string(i + 1) + ")";
        return std::nullopt;
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  try {
    return nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::out_of_range& e) {  // 1e400: nlohmann reports it as out of range
    error = std::string("A number is too large: ") + e.what();
  } catch (const nlohmann::json::exception& e) {
    error = std::string("Not valid JSON: ") + e.what();
  } catch (const std::bad_alloc&) {
    error = "Not enough memory to read the text";
  }
  return std::nullopt;
}

struct FieldReader {
  using json = nlohmann::json;
  const json& obj;
  std::string prefix;  // "money." etc.
  std::vector<FieldError>& errors;

  void Fail(const std::string& field, std::string message) const {
    errors.push_back({prefix + field, std::move(message)});
  }
  const json* Get(const char* key) const {
    auto it = obj.find(key);
    return it == obj.end() || it->is_null() ? nullptr : &*it;
  }
  void Number(const char* key, double& dst) const {
    if (const json* v = Get(key)) {
      if (v->is_number()) dst = v->get<double>();
      else Fail(key, std::string("Expected a number, got ") + v->type_name());
    }
  }
  void Integer(const char* key, int& dst) const {
    if (const json* v = Get(key)) {
      // nlohmann keeps 0 and up as unsigned: compare each kind in its own type, so a huge
      // unsigned value never wraps into range.
      const bool fits = v->is_number_unsigned() ? v->get<uint64_t>() <= INT32_MAX
                        : v->is_number_integer() && v->get<int64_t>() >= INT32_MIN && v->get<int64_t>() <= INT32_MAX;
      if (fits) {
        dst = static_cast<int>(v->get<int64_t>());
      } else {
        Fail(key, "Expected a whole number, got " + DumpJson(*v));
      }
    }
  }
  template <class Unsigned>  // uint64_t, size_t (they differ in WebAssembly)
  void Count(const char* key, Unsigned& dst) const {
    static_assert(std::is_unsigned_v<Unsigned>);
    if (const json* v = Get(key)) {
      if ((v->is_number_unsigned() || (v->is_number_integer() && v->get<long long>() >= 0)) &&
          v->get<uint64_t>() <= std::numeric_limits<Unsigned>::max()) {
        dst = static_cast<Unsigned>(v->get<uint64_t>());
      } else {
        Fail(key, "Expected a count (0 or more), got " + DumpJson(*v));
      }
    }
  }
  void Bool(const char* key, bool& dst) const {
    if (const json* v = Get(key)) {
      if (v->is_boolean()) dst = v->get<bool>();
      else Fail(key, std::string("Expected true or false, got ") + v->type_name());
    }
  }
  void Text(const char* key, std::string& dst) const {
    if (const json* v = Get(key)) {
      if (v->is_string()) dst = v->get<std::string>();
      else Fail(key, std::string("Expected text, got ") + v->type_name());
    }
  }
  void Numbers(const char* key, std::vector<double>& dst) const {
    const json* v = Get(key);
    if (!v) return;
    if (!v->is_array()) {
      Fail(key, std::string("Expected a list of numbers, got ") + v->type_name());
      return;
    }
    dst.clear();
    for (size_t i = 0; i < v->size(); ++i) {
      if ((*v)[i].is_number()) dst.push_back((*v)[i].get<double>());
      else Fail(key + ("[" + std::to_string(i) + "]"), "Expected a number");
    }
  }
  void Texts(const char* key, std::vector<std::string>& dst) const {
    const json* v = Array(key);
    if (!v) return;
    dst.clear();
    for (size_t i = 0; i < v->size(); ++i) {
      if ((*v)[i].is_string()) dst.push_back((*v)[i].get<std::string>());
      else Fail(key + ("[" + std::to_string(i) + "]"), "Expected text");
    }
  }
  // A list of counts that must have exactly `size` entries (one per stage, say).
  void Counts(const char* key, std::vector<uint64_t>& dst, size_t size) const {
    const json* v = Array(key);
    dst.assign(size, 0);
    if (!v) return;
    if (v->size() != size) {
      Fail(key, "Expected " + std::to_string(size) + " counts, got " + std::to_string(v->size()));
      return;
    }
    for (size_t i = 0; i < size; ++i) {
      const json& x = (*v)[i];
      if (x.is_number_unsigned() || (x.is_number_integer() && x.get<long long>() >= 0)) dst[i] = x.get<uint64_t>();
      else Fail(key + ("[" + std::to_string(i) + "]"), "Expected a count (0 or more), got " + DumpJson(x));
    }
  }
  const json* Object(const char* key) const {
    const json* v = Get(key);
    if (v && !v->is_object()) {
      Fail(key, std::string("Expected an object, got ") + v->type_name());
      return nullptr;
    }
    return v;
  }
  const json* Array(const char* key) const {
    const json* v = Get(key);
    if (v && !v->is_array()) {
      Fail(key, std::string("Expected a list, got ") + v->type_name());
      return nullptr;
    }
    return v;
  }
  // Calls each(reader, i) for every object in the list at `key`, the reader's fields named
  // "key[i].field"; returns how many there were (0 when the list is missing or not a list).
  template <class Each>
  size_t EachObject(const char* key, Each&& each) const {
    const json* list = Array(key);
    if (!list) return 0;
    for (size_t i = 0; i < list->size(); ++i) each(At(&(*list)[i], prefix + key + "[" + std::to_string(i) + "]."), i);
    return list->size();
  }
  // A reader for the object at `key` (an empty object when it is missing or not an object).
  FieldReader Child(const char* key) const { return At(Object(key), prefix + key + "."); }
  // A reader for an object inside a list; `path` ends with "." ("steps[2].").
  FieldReader At(const json* v, std::string path) const {
    static const json kEmpty = json::object();
    if (v && !v->is_null() && !v->is_object()) {
      errors.push_back({path.substr(0, path.size() - 1), std::string("Expected an object, got ") + v->type_name()});
    }
    return {v && v->is_object() ? *v : kEmpty, std::move(path), errors};
  }
};

}  // namespace funnel::detail
