# The command line answers a good request with ok:true and exit 0, a bad one with a structured error and exit 1.
execute_process(COMMAND "${CLI}" - INPUT_FILE "${CMAKE_CURRENT_LIST_DIR}/request_llama3_8b.json"
                OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT out MATCHES "\"weights_bytes\":16060522496")
  message(FATAL_ERROR "good request: rc=${rc} out=${out}")
endif()
execute_process(COMMAND "${CLI}" - INPUT_FILE "${CMAKE_CURRENT_LIST_DIR}/request_bad.json"
                OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 1 OR NOT out MATCHES "\"code\":\"bad_json\"")
  message(FATAL_ERROR "bad request: rc=${rc} out=${out}")
endif()
