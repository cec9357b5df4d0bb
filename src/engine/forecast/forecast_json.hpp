// Tracking and forecast reports as JSON: what `funnelplan track` and `funnelplan forecast`
// print (shapes: docs/cli.md) and what the app's JS API can hand out.
#pragma once

#include <string>

#include "engine/common/result.hpp"
#include "engine/forecast/forecast.hpp"
#include "engine/forecast/track.hpp"

namespace funnel {

std::string TrackToJson(const TrackReport& report, int indent = 2);
std::string ForecastToJson(const ForecastReport& report, int indent = 2);
// {"ok":false,"errors":[{"field","message"}]}: the same shape as a plan that failed.
std::string ErrorsToJson(const std::vector<FieldError>& errors, int indent = 2);

}  // namespace funnel
