// vramfit._vramfit: the core's JSON codec for Python. Strings in, JSON text out, the same bytes as the JS API's
// functions of the same names (web/platform/bindings.cpp); vramfit/__init__.py turns them into dicts. No
// arithmetic here. The GIL is released while the core works, so threads can estimate side by side.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "vramfit/api_json.h"
#include "vramfit/gguf_reader.h"

namespace py = pybind11;

namespace {

// A string-to-string core function, called without the GIL.
template <auto F>
std::string unlocked(const std::string& a) {
  py::gil_scoped_release release;
  return F(a);
}
template <auto F>
std::string unlocked2(const std::string& a, const std::string& b) {
  py::gil_scoped_release release;
  return F(a, b);
}

std::string inspect_file(const py::bytes& prefix, double file_bytes) {
  const std::string bytes = prefix;  // a copy: the bytes object may not be read without the GIL
  py::gil_scoped_release release;
  return vramfit::inspect_file_json(std::span(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()), file_bytes);
}

// parts: (the start of each file of a split GGUF, its size), in order.
std::string inspect_parts(const std::vector<std::pair<py::bytes, double>>& parts) {
  std::vector<std::string> held;
  for (const auto& [bytes, size] : parts) held.push_back(bytes);
  std::vector<vramfit::GgufPart> in;
  for (std::size_t i = 0; i < held.size(); ++i)
    in.push_back({std::span(reinterpret_cast<const unsigned char*>(held[i].data()), held[i].size()), parts[i].second});
  py::gil_scoped_release release;
  return vramfit::inspect_gguf_parts_json(in);
}

}  // namespace

PYBIND11_MODULE(_vramfit, m) {
  m.doc() = "vramfit's core: JSON text in, JSON text out (the JS API's functions; see the vramfit package)";
  m.def("estimate_json", &unlocked<vramfit::estimate_json>, py::arg("request"));
  m.def("export_json", &unlocked2<vramfit::export_json>, py::arg("request"), py::arg("format"));
  m.def("share_decode_json", &unlocked<vramfit::share_decode_json>, py::arg("link"));
  m.def("share_encode_json", &unlocked<vramfit::share_encode_json>, py::arg("config"));
  m.def("estimate_link_json", &unlocked<vramfit::estimate_link_json>, py::arg("link"));
  m.def("what_fits_link_json", &unlocked<vramfit::what_fits_link_json>, py::arg("link"));
  m.def("analyze_link_json", &unlocked<vramfit::analyze_link_json>, py::arg("link"));
  m.def("fit_link_json", &unlocked2<vramfit::fit_link_json>, py::arg("link"), py::arg("goal"));
  m.def("catalog_json", &unlocked<vramfit::catalog_json>, py::arg("which"));
  m.def("read_log_json", &unlocked<vramfit::read_log_json>, py::arg("text"));
  m.def("inspect_file_json", &inspect_file, py::arg("prefix"), py::arg("file_bytes"));
  m.def("inspect_gguf_parts_json", &inspect_parts, py::arg("parts"));
  m.attr("api_version") = vramfit::kApiVersion;
  m.attr("first_read_bytes") = vramfit::kGgufFirstRead;
}
