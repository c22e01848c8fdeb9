# Turns the numbered migrations/*.sql files in DIR into a C++ table in OUT (run at build time).
file(GLOB FILES ${DIR}/*.sql)
list(SORT FILES)
set(body "// Generated from gateway/src/store/migrations/*.sql; do not edit.\n#include \"store/Migrations.hpp\"\nnamespace gw {\nconst std::vector<MigrationSource>& embeddedMigrations() {\n  static const std::vector<MigrationSource> all = {\n")
foreach(f ${FILES})
  get_filename_component(name ${f} NAME_WE)
  string(REGEX MATCH "^[0-9]+" number ${name})
  string(REGEX REPLACE "^0+([0-9])" "\\1" number ${number})  # 008 would be an (invalid) octal literal
  file(READ ${f} sql)
  set(body "${body}    {${number}, \"${name}\", R\"__SQL__(${sql})__SQL__\"},\n")
endforeach()
set(body "${body}  };\n  return all;\n}\n}  // namespace gw\n")
file(WRITE ${OUT}.tmp "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different ${OUT}.tmp ${OUT})
