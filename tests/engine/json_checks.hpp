// Checks on JSON the engine writes. nlohmann writes NaN and infinity as null, so a search of
// the text for "nan" or "inf" can never fail: walk the values and refuse a null instead.
#pragma once

#include <catch2/catch.hpp>

#include <cmath>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace fp_test {

// Every value under `j` is present and every number finite; `nullable` names the keys that may
// be null by design (e.g. "as_of" when there are no dates).
inline void RequireNoNull(const nlohmann::json& j, std::initializer_list<std::string_view> nullable = {},
                          const std::string& path = "") {
  if (j.is_null()) {
    INFO("null (a NaN or infinity?) at " << (path.empty() ? "/" : path));
    FAIL_CHECK("null value");
  } else if (j.is_number_float()) {
    INFO(path);
    CHECK(std::isfinite(j.get<double>()));
  } else if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      bool may_be_null = false;
      for (std::string_view key : nullable) may_be_null = may_be_null || key == it.key();
      if (may_be_null && it->is_null()) continue;
      RequireNoNull(*it, nullable, path + "/" + it.key());
    }
  } else if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i) RequireNoNull(j[i], nullable, path + "/" + std::to_string(i));
  }
}

}  // namespace fp_test
