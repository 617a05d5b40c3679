# aiworld_add_test(NAME <name> LABEL <unit|pg|e2e|chaos> SOURCES <files...> [LIBS <targets...>])
# Builds one Catch2 executable and registers each of its test cases with ctest under LABEL.
# Every test case in the sources must carry the same tag, e.g. [unit], so `-L unit` and
# `./build/tests/<name> [unit]` select the same set.
set(AIWORLD_TEST_LABELS unit pg e2e chaos)

function(aiworld_add_test)
  cmake_parse_arguments(T "" "NAME;LABEL;TIMEOUT" "SOURCES;LIBS" ${ARGN})
  if(NOT T_LABEL IN_LIST AIWORLD_TEST_LABELS)
    message(FATAL_ERROR "aiworld_add_test(${T_NAME}): LABEL must be one of ${AIWORLD_TEST_LABELS}")
  endif()
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 120)
  endif()
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE Catch2::Catch2WithMain aiworld_test_support ${T_LIBS})
  set_target_properties(${T_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  catch_discover_tests(${T_NAME}
    TEST_SPEC "[${T_LABEL}]"
    # A name that matches no test (e.g. one cut at a ';') must fail, not pass having run nothing.
    EXTRA_ARGS --warn NoTests
    PROPERTIES LABELS ${T_LABEL} TIMEOUT ${T_TIMEOUT})
endfunction()
