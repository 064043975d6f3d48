// The command line's commands in files of their own (core/cli/main.cpp parses the arguments and calls them).
#pragma once

#include <string>
#include <vector>

#include "vramfit/scenario.h"

namespace vramfit::cli {

// Reads a whole file; false when it cannot be opened. main.cpp.
bool read_file(const char* path, std::string& out);
// Prints an API result (JSON text) on stdout; returns the exit status (0 when it was ok). main.cpp.
int print_result(const std::string& result);

// --fit GOAL: fit mode as JSON, or a table of the best and the runners-up followed by the command.
int fit_settings(const Scenario& s, const std::string& goal, const std::string& format);
// --emit TARGET: the launch line on stdout, its notes on stderr.
int emit_launch(const Scenario& s, const std::string& target);

// vramfit report FILE: measured vs estimated for one reference file. report_commands.cpp, as are the next two.
int report(const char* path);
// vramfit report --all DIR | FILE... [--write MD] [--write-summary JSON] [--check MD] [--check-summary JSON]
int accuracy_report(const std::vector<std::string>& args);
// vramfit compare LINK LINK [LINK [LINK]] [--format F]: two to four questions side by side. launch_commands.cpp.
int compare(const std::vector<std::string>& args);
// vramfit log FILE... | --report DIR [--write MD | --check MD]
int engine_log(const std::vector<std::string>& args);

}  // namespace vramfit::cli
