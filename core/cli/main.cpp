// vramfit command line: reads a JSON request (a file argument, or stdin), prints the JSON result.
// The same core function produces the JS API's result, byte for byte.
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>

#include "vramfit/api_json.h"

int main(int argc, char** argv) {
  std::string request;
  if (argc > 1 && std::string(argv[1]) != "-") {
    std::ifstream in(argv[1], std::ios::binary);
    if (!in) {
      std::cerr << "vramfit: cannot open " << argv[1] << "\n";
      return 2;
    }
    request.assign(std::istreambuf_iterator<char>(in), {});
  } else {
    request.assign(std::istreambuf_iterator<char>(std::cin), {});
  }
  const std::string result = vramfit::estimate_json(request);
  std::cout << result << "\n";
  return result.find("\"ok\":true") != std::string::npos ? 0 : 1;
}
