# Small helpers so each module's CMakeLists stays a few lines long (abseil's
# absl_cc_library style): explicit sources, explicit dependencies, no GLOB.

# wuzha_library(NAME name SRCS a.cc ... DEPS wuzha::core ...)
# Builds a static library wuzha_<name> with the alias wuzha::<name>. Public headers are
# included as "<module>/<file>.h" from src/.
function(wuzha_library)
  cmake_parse_arguments(L "" "NAME" "SRCS;DEPS" ${ARGN})
  add_library(wuzha_${L_NAME} STATIC ${L_SRCS})
  add_library(wuzha::${L_NAME} ALIAS wuzha_${L_NAME})
  target_include_directories(wuzha_${L_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(wuzha_${L_NAME} PUBLIC ${L_DEPS})
endfunction()

# wuzha_test(NAME name SRCS a_test.cc ... DEPS ...)
# One GoogleTest binary per unit, registered with CTest test by test.
function(wuzha_test)
  cmake_parse_arguments(T "" "NAME" "SRCS;DEPS" ${ARGN})
  add_executable(${T_NAME} ${T_SRCS})
  target_link_libraries(${T_NAME} PRIVATE ${T_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_compile_definitions(${T_NAME} PRIVATE
    WUZHA_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    WUZHA_TESTDATA_DIR="${PROJECT_SOURCE_DIR}/tests"
    WUZHA_SHARED_DATA_DIR="${PROJECT_SOURCE_DIR}/../shared/data")
  gtest_discover_tests(${T_NAME} DISCOVERY_TIMEOUT 60)
endfunction()

# wuzha_bench(NAME name SRCS a_bench.cc ... DEPS ...)
function(wuzha_bench)
  cmake_parse_arguments(B "" "NAME" "SRCS;DEPS" ${ARGN})
  add_executable(${B_NAME} ${B_SRCS})
  target_link_libraries(${B_NAME} PRIVATE ${B_DEPS} benchmark::benchmark)
endfunction()

# wuzha_fuzz(NAME name SRCS a_fuzz.cc ... DEPS ...)
# A libFuzzer target; the smoke run in scripts/test runs it on its seed corpus
# tests/fuzz/corpus/<name>.
function(wuzha_fuzz)
  cmake_parse_arguments(F "" "NAME" "SRCS;DEPS" ${ARGN})
  add_executable(${F_NAME} ${F_SRCS})
  target_compile_options(${F_NAME} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(${F_NAME} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(${F_NAME} PRIVATE ${F_DEPS})
endfunction()
