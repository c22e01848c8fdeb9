# gw_add_plugin(NAME SOURCES src...): builds a gateway plugin as a MODULE library with hidden
# visibility that exports only the entry symbol (gw_plugin_entry).
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
  if(TARGET gw_plugin_sdk)
    target_link_libraries(${name} PRIVATE gw_plugin_sdk)
  else()
    target_link_libraries(${name} PRIVATE GatewayPluginSdk::sdk)
  endif()
  # This file's folder, not the caller's: a variable set beside it would not be seen from other directories.
  set(map ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/plugin.map)
  target_link_options(${name} PRIVATE "LINKER:--version-script=${map}" "LINKER:--no-undefined")
  set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS ${map})
endfunction()
