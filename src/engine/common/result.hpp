// Result<T>: a value, or the list of problems that prevented computing it.
// Error policy (see README, "For developers"): engine functions never throw to their callers
// and never return inf/NaN; they return a Result naming the offending field.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace funnel {

// One problem with one input, e.g. {"steps[2].rate", "must be between 0 % and 100 %"}.
// `field` uses the scenario JSON path so the app, CLI and JS API can point at the input.
struct FieldError {
  std::string field;
  std::string message;

  bool operator==(const FieldError&) const = default;
};

template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}                          // NOLINT: implicit by design
  Result(std::vector<FieldError> errors) : v_(std::move(errors)) {}  // NOLINT
  static Result Fail(std::string field, std::string message) {
    return Result(std::vector<FieldError>{{std::move(field), std::move(message)}});
  }

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  const T& value() const { return std::get<0>(v_); }
  T& value() { return std::get<0>(v_); }
  const T* operator->() const { return &value(); }
  const std::vector<FieldError>& errors() const { return std::get<1>(v_); }

 private:
  std::variant<T, std::vector<FieldError>> v_;
};

}  // namespace funnel
