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

# Flags and page links: the same configuration gives the same JSON; tables for people; mistyped flags fail.
execute_process(COMMAND "${CLI}" --model Qwen/Qwen3-8B --weights Q8_0 --context 32768 --gpu rtx-4090 --gpus 2
                OUTPUT_VARIABLE from_flags RESULT_VARIABLE rc)
execute_process(COMMAND "${CLI}" --link "http://127.0.0.1:8080/?v=1&m=Qwen/Qwen3-8B&w=Q8_0&ctx=32768&n=2"
                OUTPUT_VARIABLE from_link RESULT_VARIABLE rc2)
if(NOT rc EQUAL 0 OR NOT rc2 EQUAL 0 OR NOT from_flags STREQUAL from_link OR NOT from_flags MATCHES "\"ok\":true")
  message(FATAL_ERROR "flags vs link: rc=${rc}/${rc2}\n${from_flags}\n${from_link}")
endif()
execute_process(COMMAND "${CLI}" --model Qwen/Qwen3-8B --format table OUTPUT_VARIABLE table RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT table MATCHES "Qwen3 8B, Q4_K_M" OR NOT table MATCHES "kv_cache +[0-9]+\\.[0-9][0-9] +[0-9]+\\.[0-9][0-9]")
  message(FATAL_ERROR "table: rc=${rc}\n${table}")
endif()
execute_process(COMMAND "${CLI}" - --format markdown INPUT_FILE "${CMAKE_CURRENT_LIST_DIR}/request_llama3_8b.json"
                OUTPUT_VARIABLE md RESULT_VARIABLE rc)
if(NOT rc EQUAL 1 OR NOT md MATCHES "bad_request")
  message(FATAL_ERROR "a weights-only request has no table: rc=${rc}\n${md}")
endif()
execute_process(COMMAND "${CLI}" --context lots OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 2 OR NOT err MATCHES "ctx=lots could not be read")
  message(FATAL_ERROR "bad flag: rc=${rc} ${err}")
endif()
execute_process(COMMAND "${CLI}" --frobnicate OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 2 OR NOT err MATCHES "unknown or incomplete option --frobnicate")
  message(FATAL_ERROR "unknown flag: rc=${rc} ${err}")
endif()
