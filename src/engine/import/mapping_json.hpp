// The column mapping as JSON (docs/import.md): what a scenario keeps of its data import, what
// the CLI's --mapping reads and what an import summary carries.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "engine/common/result.hpp"
#include "engine/import/column_mapping.hpp"

namespace funnel {

inline constexpr size_t kMaxMappingBytes = 16u << 20;  // the longest mapping text read back
inline constexpr size_t kMaxMappingStages = 64;        // as many as a plan can have

std::string MappingToJson(const ColumnMapping& mapping, int indent = -1);
// Never throws; stage values are normalized (NormalizeKey) and must point at a listed stage.
Result<ColumnMapping> MappingFromJson(std::string_view text);

}  // namespace funnel
