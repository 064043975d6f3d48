// A compact binary form of plain data: for data made at build time (the page's catalogs, so the page carries no
// JSON parser) and for results handed from the page's import module to the page. Both ends are built from the
// same source in the same build; the bytes are not a format for users to keep. Reading is bounds-checked: a
// short or malformed input makes ok() false, never reads past the end and never allocates more than the input
// could describe.
//
// A type is written member by member in the order its fields(archive, value) overload lists them (found by
// argument-dependent lookup; blob_fields.h has the core's types). The round-trip tests compare every preset and
// every test config read back with the original (operator==), so a member missing from a fields() list fails.
#pragma once

#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace vramfit::blob {

template <class T> struct is_vector : std::false_type {};
template <class T, class A> struct is_vector<std::vector<T, A>> : std::true_type {};
template <class T> struct is_pair : std::false_type {};
template <class T, class U> struct is_pair<std::pair<T, U>> : std::true_type {};
template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type {};

class Writer {
 public:
  template <class... T> void operator()(const T&... v) { (put(v), ...); }
  template <class T> void put(const T& v) {
    if constexpr (std::is_same_v<T, bool>) {
      out_.push_back(v ? '\1' : '\0');
    } else if constexpr (std::is_enum_v<T>) {
      put(static_cast<std::int64_t>(v));
    } else if constexpr (std::is_integral_v<T>) {
      // Zigzag LEB128: small counts and sizes take one or two bytes instead of eight (the page's catalog
      // blob, mostly per-layer specs, went from 251 to about 60 KB raw).
      const std::int64_t x = v;
      std::uint64_t z = (static_cast<std::uint64_t>(x) << 1) ^ static_cast<std::uint64_t>(x >> 63);
      while (z >= 0x80) {
        out_.push_back(static_cast<char>(0x80 | (z & 0x7f)));
        z >>= 7;
      }
      out_.push_back(static_cast<char>(z));
    } else if constexpr (std::is_floating_point_v<T>) {
      const double x = v;
      raw(&x, sizeof x);
    } else if constexpr (std::is_same_v<T, std::string>) {
      put(static_cast<std::int64_t>(v.size()));
      out_.append(v);
    } else if constexpr (is_vector<T>::value) {
      put(static_cast<std::int64_t>(v.size()));
      for (const auto& e : v) put(e);
    } else if constexpr (is_pair<T>::value) {
      put(v.first);
      put(v.second);
    } else if constexpr (is_optional<T>::value) {
      put(v.has_value());
      if (v) put(*v);
    } else {
      fields(*this, const_cast<T&>(v));  // the writer only reads the members
    }
  }
  const std::string& bytes() const { return out_; }

 private:
  void raw(const void* p, std::size_t n) { out_.append(static_cast<const char*>(p), n); }
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  template <class... T> void operator()(T&... v) { (get(v), ...); }
  template <class T> void get(T& v) {
    if (!ok_) return;
    if constexpr (std::is_same_v<T, bool>) {
      if (!need(1)) return;
      const char b = in_[pos_++];
      if (b != '\0' && b != '\1') ok_ = false;  // one spelling per value: what is read writes back the same
      v = b == '\1';
    } else if constexpr (std::is_enum_v<T>) {
      std::underlying_type_t<T> x{};  // range-checked as that integer
      get(x);
      v = static_cast<T>(x);
    } else if constexpr (std::is_integral_v<T>) {
      std::uint64_t z = 0;
      for (int shift = 0;; shift += 7) {
        if (!need(1)) return;
        const auto b = static_cast<unsigned char>(in_[pos_++]);
        // At most ten bytes, the tenth holding bit 63 only, and no trailing zero byte: one spelling per value.
        if (shift == 63 && b > 1) ok_ = false;
        if (shift > 0 && b == 0) ok_ = false;
        if (!ok_) return;
        z |= static_cast<std::uint64_t>(b & 0x7f) << shift;
        if (!(b & 0x80)) break;
      }
      const auto x = static_cast<std::int64_t>((z >> 1) ^ (~(z & 1) + 1));
      if (x < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
          (x > 0 && static_cast<std::uint64_t>(x) > static_cast<std::uint64_t>(std::numeric_limits<T>::max())))
        ok_ = false;
      else
        v = static_cast<T>(x);
    } else if constexpr (std::is_floating_point_v<T>) {
      double x = 0;
      if (!need(sizeof x)) return;
      std::memcpy(&x, in_.data() + pos_, sizeof x);
      pos_ += sizeof x;
      v = static_cast<T>(x);
    } else if constexpr (std::is_same_v<T, std::string>) {
      const std::size_t n = count(1);
      if (!ok_) return;
      v.assign(in_.data() + pos_, n);
      pos_ += n;
    } else if constexpr (is_vector<T>::value) {
      const std::size_t n = count(1);  // every element takes at least one byte
      v.clear();
      v.reserve(n);
      for (std::size_t i = 0; ok_ && i < n; ++i) get(v.emplace_back());
    } else if constexpr (is_pair<T>::value) {
      get(v.first);
      get(v.second);
    } else if constexpr (is_optional<T>::value) {
      bool has = false;
      get(has);
      if (!ok_) return;
      if (has) get(v.emplace());
      else v.reset();
    } else {
      fields(*this, v);
    }
  }
  bool ok() const { return ok_; }
  bool done() const { return ok_ && pos_ == in_.size(); }  // read whole, nothing left over

 private:
  bool need(std::size_t n) {
    if (in_.size() - pos_ < n) ok_ = false;
    return ok_;
  }
  std::size_t count(std::size_t min_bytes_each) {  // a length that the rest of the input can hold
    std::int64_t n = 0;
    get(n);
    if (ok_ && (n < 0 || static_cast<std::uint64_t>(n) * min_bytes_each > in_.size() - pos_)) ok_ = false;
    return ok_ ? static_cast<std::size_t>(n) : 0;
  }
  std::string_view in_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace vramfit::blob
