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
if(NOT rc EQUAL 2 OR NOT err MATCHES "--context lots: expected 1 to 1048576 tokens")
  message(FATAL_ERROR "bad flag: rc=${rc} ${err}")
endif()
execute_process(COMMAND "${CLI}" --frobnicate OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 2 OR NOT err MATCHES "unknown option --frobnicate")
  message(FATAL_ERROR "unknown flag: rc=${rc} ${err}")
endif()
# An unknown name is an error that lists the valid ones, worded as a flag (not as a link).
execute_process(COMMAND "${CLI}" --job training --checkpointing ful OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 2 OR NOT err MATCHES "--checkpointing ful: expected one of none, selective, full" OR err MATCHES "link")
  message(FATAL_ERROR "unknown name: rc=${rc} ${err}")
endif()
# One question, one answer: the options, a link and a JSON request with the same (default) settings give the
# same bytes (one set of defaults: the Scenario's).
execute_process(COMMAND "${CLI}" --model meta-llama/Meta-Llama-3.1-8B OUTPUT_VARIABLE from_flags RESULT_VARIABLE rc)
execute_process(COMMAND "${CLI}" --link "?m=meta-llama/Meta-Llama-3.1-8B" OUTPUT_VARIABLE from_link RESULT_VARIABLE rc2)
execute_process(COMMAND "${CLI}" "${CMAKE_CURRENT_LIST_DIR}/request_default.json" OUTPUT_VARIABLE from_json RESULT_VARIABLE rc3)
if(NOT rc EQUAL 0 OR NOT rc2 EQUAL 0 OR NOT rc3 EQUAL 0 OR NOT from_flags STREQUAL from_json OR NOT from_link STREQUAL from_json
   OR NOT from_json MATCHES "\"capacity_bytes\":25180504064" OR NOT from_json MATCHES "\"ok\":true")
  # The RTX 4090 (the default GPU): nvidia-smi prints 24564 MiB; CUDA sees 550 MiB less (24014 MiB).
  message(FATAL_ERROR "defaults differ: rc=${rc}/${rc2}/${rc3}\n${from_flags}\n${from_link}\n${from_json}")
endif()

# A custom architecture: --arch is the link's arch=; the model is named after its parameters; a bad one fails.
execute_process(COMMAND "${CLI}" --arch 1.L32.h4096.a32.kv8.ff14336.v128256.ctx131072 --format table
                OUTPUT_VARIABLE table RESULT_VARIABLE rc)
execute_process(COMMAND "${CLI}" --link "?arch=1.L32.h4096.a32.kv8.ff14336.v128256.ctx131072" --format table
                OUTPUT_VARIABLE from_link RESULT_VARIABLE rc2)
if(NOT rc EQUAL 0 OR NOT rc2 EQUAL 0 OR NOT table STREQUAL from_link OR NOT table MATCHES "^Custom \\(8\\.03B\\), Q4_K_M")
  message(FATAL_ERROR "--arch: rc=${rc}/${rc2}\n${table}\n${from_link}")
endif()
execute_process(COMMAND "${CLI}" --arch L32.h4096.a30.kv8.ff14336.v128256.ctx8192 OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 2 OR NOT err MATCHES "multiple of KV heads")
  message(FATAL_ERROR "bad --arch: rc=${rc} ${err}")
endif()

# The training-loop flags are the link's keys too; they change the estimate; a bad one fails.
execute_process(COMMAND "${CLI}" --job training --method qlora --qlora-format fp4 --qlora-quantizer lightning
                        --old-bitsandbytes --holds-previous-step --lora-dropout --adapter-bytes 4 --fused-qkv
                        --no-rmsnorm-fp32-input --host-ram-gb 128 --dropout --fsdp-no-sync --shard-group 4
                OUTPUT_VARIABLE from_flags RESULT_VARIABLE rc)
execute_process(COMMAND "${CLI}" --link "?job=training&tm=qlora&qf=fp4&qq=lightning&bnb=1&hps=1&ld=1&ab=4&fq=1&rn=0&ram=128&do=1&ns=1&sg=4"
                OUTPUT_VARIABLE from_link RESULT_VARIABLE rc2)
execute_process(COMMAND "${CLI}" --job training --method qlora OUTPUT_VARIABLE plain RESULT_VARIABLE rc3)
if(NOT rc EQUAL 0 OR NOT rc2 EQUAL 0 OR NOT rc3 EQUAL 0 OR NOT from_flags STREQUAL from_link
   OR NOT from_flags MATCHES "\"ok\":true" OR from_flags STREQUAL plain)
  message(FATAL_ERROR "training-loop flags vs link: rc=${rc}/${rc2}/${rc3}\n${from_flags}\n${from_link}\n${plain}")
endif()
execute_process(COMMAND "${CLI}" --job training --shard-group 0 OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 2 OR NOT err MATCHES "--shard-group 0: expected 1 to 4096 GPUs")
  message(FATAL_ERROR "bad training-loop flag: rc=${rc} ${err}")
endif()

# "Which GPUs fit": --fits and --gpu any give the page's table; JSON the same rows either way.
execute_process(COMMAND "${CLI}" --model Qwen/Qwen3-8B --gpu any --format table OUTPUT_VARIABLE table RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT table MATCHES "Which GPUs fit: Qwen3 8B" OR NOT table MATCHES "\nGeForce RTX 4090 +25\\.8 +1 ")
  message(FATAL_ERROR "fits table: rc=${rc}\n${table}")
endif()
execute_process(COMMAND "${CLI}" --model Qwen/Qwen3-8B --gpu any OUTPUT_VARIABLE any_json RESULT_VARIABLE rc)
execute_process(COMMAND "${CLI}" --model Qwen/Qwen3-8B --fits OUTPUT_VARIABLE fits_json RESULT_VARIABLE rc2)
if(NOT rc EQUAL 0 OR NOT rc2 EQUAL 0 OR NOT any_json STREQUAL fits_json OR NOT fits_json MATCHES "\"largest_context\"")
  message(FATAL_ERROR "fits json: rc=${rc}/${rc2}\n${any_json}\n${fits_json}")
endif()
execute_process(COMMAND "${CLI}" --fits --job training --method full --format csv OUTPUT_VARIABLE csv RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT csv MATCHES "^GPU,memory \\(bytes\\),GPUs needed,ZeRO-3 added,peak per GPU \\(bytes\\)")
  message(FATAL_ERROR "fits csv: rc=${rc}\n${csv}")
endif()
execute_process(COMMAND "${CLI}" --link "?job=training&tm=full&m=meta-llama/Meta-Llama-3.1-8B&ck=bogus" --fits --format markdown
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT out MATCHES "\\| GPU \\| memory \\(GB\\) \\|")
  message(FATAL_ERROR "fits from a link with a bad value (warned, default used): rc=${rc}\n${out}\n${err}")
endif()

# The analysis (what the page shows beside the breakdown): JSON as the JS API's analyzeLink, or as tables.
execute_process(COMMAND "${CLI}" --model meta-llama/Meta-Llama-3.1-70B --context 32768 --analysis OUTPUT_VARIABLE json_out RESULT_VARIABLE rc)
execute_process(COMMAND "${CLI}" --model meta-llama/Meta-Llama-3.1-70B --context 32768 --analysis --format table
                OUTPUT_VARIABLE table RESULT_VARIABLE rc2)
if(NOT rc EQUAL 0 OR NOT rc2 EQUAL 0 OR NOT json_out MATCHES "\"gpus_needed\":4" OR NOT table MATCHES "GPUs needed +4"
   OR NOT table MATCHES "Every weight format side by side" OR NOT table MATCHES "Q2_K +37\\.35")
  message(FATAL_ERROR "--analysis: rc=${rc}/${rc2}\n${json_out}\n${table}")
endif()
