# Writes OUTPUT, a C++ source defining `std::string_view NAMESPACE::FUNCTION()` that returns
# the bytes of INPUT, so that the binary carries a data file instead of a path to it.
# Run as: cmake -DINPUT=... -DOUTPUT=... -DNAMESPACE=... -DFUNCTION=... -DHEADER=... -P embed_text.cmake
file(READ "${INPUT}" text)
# A raw string literal cannot hold its own closing delimiter.
set(delimiter "tracker_embedded")
string(FIND "${text}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains ')${delimiter}\"', which ends the raw string it is embedded in")
endif()
get_filename_component(input_name "${INPUT}" NAME)
set(source "// Generated from ${input_name} by cmake/embed_text.cmake at build time: do not edit.
#include \"${HEADER}\"

namespace ${NAMESPACE} {

std::string_view ${FUNCTION}() {
  return R\"${delimiter}(${text})${delimiter}\";
}

}  // namespace ${NAMESPACE}
")
# Rewritten only when it changes, so that an untouched file does not recompile.
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
  if(old STREQUAL source)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${source}")
