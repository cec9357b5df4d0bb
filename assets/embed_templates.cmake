# Writes OUT: a header with each workshop template of TEMPLATES ("a|b", paths relative to
# SRC_DIR) as {id, JSON text}; the id is the file name without ".json".
set(text "// Generated from assets/templates/*.json by assets/embed_templates.cmake. Do not edit.\n#pragma once\n\nnamespace fp_templates {\nstruct Entry {\n  const char* id;\n  const char* json;\n};\ninline constexpr Entry kAll[] = {\n")
string(REPLACE "|" ";" TEMPLATES "${TEMPLATES}")
foreach(rel ${TEMPLATES})
  file(READ "${SRC_DIR}/${rel}" body)
  get_filename_component(id "${rel}" NAME_WE)
  string(APPEND text "    {\"${id}\", R\"json(${body})json\"},\n")
endforeach()
string(APPEND text "};\n}  // namespace fp_templates\n")
file(WRITE "${OUT}" "${text}")
