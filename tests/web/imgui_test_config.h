// Dear ImGui configuration for the headless UI tests: an assertion in ImGui (or in our use of it) becomes a
// test failure with its expression and place, instead of aborting the run.
#pragma once

void vramfit_imgui_assert_failed(const char* expression, const char* file, int line);
#define IM_ASSERT(_EXPR) ((_EXPR) ? (void)0 : vramfit_imgui_assert_failed(#_EXPR, __FILE__, __LINE__))
