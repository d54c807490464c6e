# Regenerates the example data and compares it with the committed file.
execute_process(COMMAND ${GEN} --rows 3000 --seed 1 OUTPUT_FILE example-data-regenerated.csv
                RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "gen-responses failed: ${status}")
endif()
file(SHA256 example-data-regenerated.csv actual)
file(SHA256 ${EXPECTED} expected)
if(NOT actual STREQUAL expected)
  message(FATAL_ERROR "examples/responses.csv differs from gen-responses --rows 3000 --seed 1")
endif()
