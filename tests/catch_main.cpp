// The one translation unit that holds Catch2's runner (Catch2 v2, header-only, from Debian).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
