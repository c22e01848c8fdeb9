# gw_add_plugin(NAME SOURCES src...): builds a gateway plugin as a MODULE library with hidden
# visibility that exports only the entry symbol (gw_plugin_entry).
#
# gw_add_adapter(NAME [SOURCES src...] [PLUGIN_SOURCES src...] [LIBRARIES lib...]
#                [TESTS test.cpp...] [TEST_LIBRARIES lib...] [TEST_DEFINITIONS NAME=VALUE...]):
# an adapter as every adapter is laid out (by default SOURCES are src/*.cpp but the plugin's, PLUGIN_SOURCES is
# src/Plugin.cpp and TESTS are tests/*.cpp): its code in the static library gw_NAME (include folder src/,
# linked with the SDK, the kit and LIBRARIES), the plugin NAME.so made of PLUGIN_SOURCES (default
# src/Plugin.cpp) and that library, and the GoogleTest program gw_NAME_tests (registered with CTest) that links
# the same library and the adapter test kit (GatewayPluginSdk::testing: the ABI suite and the shared helpers), so
# the tests exercise exactly what ships. Every part gets the same warnings.
# TEST_DEFINITIONS may use $<TARGET_FILE:NAME>, the built plugin.
include_guard(GLOBAL)

function(gw_add_plugin name)
  cmake_parse_arguments(ARG "" "OUTPUT_DIRECTORY" "SOURCES" ${ARGN})
  add_library(${name} MODULE ${ARG_SOURCES})
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    C_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(ARG_OUTPUT_DIRECTORY)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIRECTORY})
  elseif(DEFINED GW_PLUGIN_OUTPUT_DIR)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${GW_PLUGIN_OUTPUT_DIR})
  endif()
  target_link_libraries(${name} PRIVATE GatewayPluginSdk::sdk)
  # This file's folder, not the caller's: a variable set beside it would not be seen from other directories.
  set(map ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/plugin.map)
  target_link_options(${name} PRIVATE "LINKER:--version-script=${map}" "LINKER:--no-undefined")
  set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS ${map})
endfunction()

function(gw_add_adapter name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PLUGIN_SOURCES;LIBRARIES;TESTS;TEST_LIBRARIES;TEST_DEFINITIONS" ${ARGN})
  if(NOT ARG_PLUGIN_SOURCES)
    set(ARG_PLUGIN_SOURCES src/Plugin.cpp)
  endif()
  if(NOT ARG_SOURCES)
    file(GLOB ARG_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/src/*.cpp)
    foreach(source ${ARG_PLUGIN_SOURCES})
      list(REMOVE_ITEM ARG_SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/${source})
    endforeach()
  endif()
  if(NOT ARG_TESTS)
    file(GLOB ARG_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/tests/*.cpp)
  endif()
  set(warnings -Wall -Wextra -Werror)

  add_library(gw_${name} STATIC ${ARG_SOURCES})
  target_include_directories(gw_${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(gw_${name} PUBLIC GatewayPluginSdk::sdk GatewayPluginSdk::kit ${ARG_LIBRARIES})
  target_compile_options(gw_${name} PRIVATE ${warnings})
  # Hidden like the plugin itself: nothing of the library is exported from the .so.
  set_target_properties(gw_${name} PROPERTIES POSITION_INDEPENDENT_CODE ON
                                              CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)

  gw_add_plugin(${name} SOURCES ${ARG_PLUGIN_SOURCES})
  target_link_libraries(${name} PRIVATE gw_${name})
  target_compile_options(${name} PRIVATE ${warnings})

  if(ARG_TESTS AND (NOT DEFINED GW_BUILD_TESTS OR GW_BUILD_TESTS))
    find_package(GTest REQUIRED)
    include(GoogleTest)
    if(NOT TARGET GatewayPluginSdk::testing)
      message(FATAL_ERROR "gw_add_adapter(${name} TESTS ...) needs GatewayPluginSdk::testing, which the SDK provides "
                          "only when GoogleTest is found before or by find_package(GatewayPluginSdk)")
    endif()
    add_executable(gw_${name}_tests ${ARG_TESTS})
    target_link_libraries(gw_${name}_tests PRIVATE gw_${name} ${ARG_TEST_LIBRARIES} GatewayPluginSdk::testing
                                                   GTest::gtest GTest::gmock GTest::gtest_main ${CMAKE_DL_LIBS})
    target_compile_options(gw_${name}_tests PRIVATE ${warnings})
    target_compile_definitions(gw_${name}_tests PRIVATE ${ARG_TEST_DEFINITIONS})
    add_dependencies(gw_${name}_tests ${name})
    gtest_discover_tests(gw_${name}_tests DISCOVERY_TIMEOUT 60)
  endif()
endfunction()
