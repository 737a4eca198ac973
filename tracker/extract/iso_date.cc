#include "tracker/extract/iso_date.h"

#include <array>
#include <cctype>
#include <cstdio>

#include "tracker/text/whitespace.h"

namespace tracker::extract {
namespace {

class Cursor {
 public:
  explicit Cursor(std::string_view s) : m_s(s) {}
  bool done() const { return m_pos >= m_s.size(); }
  char peek() const { return done() ? '\0' : m_s[m_pos]; }
  bool take(char c) {
    if (peek() == c) {
      ++m_pos;
      return true;
    }
    return false;
  }
  // Reads exactly `count` digits.
  bool digits(int count, int& value) {
    value = 0;
    for (int i = 0; i < count; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(peek()))) {
        return false;
      }
      value = value * 10 + (peek() - '0');
      ++m_pos;
    }
    return true;
  }
  // Reads one or more digits.
  bool number(int& value) {
    if (!std::isdigit(static_cast<unsigned char>(peek()))) {
      return false;
    }
    value = 0;
    while (std::isdigit(static_cast<unsigned char>(peek())) && value < 100000) {
      value = value * 10 + (peek() - '0');
      ++m_pos;
    }
    return true;
  }
  std::string_view word() {
    const std::size_t start = m_pos;
    while (std::isalpha(static_cast<unsigned char>(peek()))) {
      ++m_pos;
    }
    return m_s.substr(start, m_pos - start);
  }
  void skip_spaces() {
    while (peek() == ' ' || peek() == ',') {
      ++m_pos;
    }
  }

 private:
  std::string_view m_s;
  std::size_t m_pos = 0;
};

bool valid_date(int year, int month, int day) {
  return year >= 1900 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool valid_time(int hour, int minute, int second) {
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 60;
}

std::string format(int year, int month, int day, bool has_time, int hour, int minute, int second,
                   const std::string& zone) {
  std::array<char, 64> buffer{};
  if (!has_time) {
    std::snprintf(buffer.data(), buffer.size(), "%04d-%02d-%02d", year, month, day);
    return buffer.data();
  }
  std::snprintf(buffer.data(), buffer.size(), "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day,
                hour, minute, second);
  return std::string(buffer.data()) + zone;
}

// Reads "Z", "+09:00", "+0900" or "+09"; `zone` is left empty when there is none.
bool read_zone(Cursor& in, std::string& zone) {
  if (in.take('Z') || in.take('z')) {
    zone = "Z";
    return true;
  }
  const char sign = in.peek();
  if (sign != '+' && sign != '-') {
    return true;
  }
  in.take(sign);
  int hours = 0;
  int minutes = 0;
  if (!in.digits(2, hours)) {
    return false;
  }
  in.take(':');
  if (!in.done()) {
    in.digits(2, minutes);
  }
  if (hours > 14 || minutes > 59) {
    return false;
  }
  std::array<char, 16> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%c%02d:%02d", sign, hours, minutes);
  zone = buffer.data();
  if (zone == "+00:00") {
    zone = "Z";
  }
  return true;
}

std::string parse_iso(std::string_view s) {
  Cursor in(s);
  int year = 0;
  int month = 0;
  int day = 0;
  if (!in.digits(4, year) || !in.take('-') || !in.digits(2, month) || !in.take('-') ||
      !in.digits(2, day) || !valid_date(year, month, day)) {
    return {};
  }
  if (in.done()) {
    return format(year, month, day, false, 0, 0, 0, {});
  }
  if (!in.take('T') && !in.take(' ') && !in.take('t')) {
    return {};
  }
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!in.digits(2, hour) || !in.take(':') || !in.digits(2, minute)) {
    return {};
  }
  if (in.take(':') && !in.digits(2, second)) {
    return {};
  }
  if (in.take('.') || in.take(',')) {
    int fraction = 0;
    in.number(fraction);  // precision past seconds does not matter for a news date
  }
  in.skip_spaces();
  std::string zone;
  if (!read_zone(in, zone) || !in.done() || !valid_time(hour, minute, second)) {
    return {};
  }
  return format(year, month, day, true, hour, minute, second, zone);
}

int month_from_name(std::string_view name) {
  static constexpr std::array<std::string_view, 12> k_months = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3) {
    return 0;
  }
  std::string prefix;
  for (char c : name.substr(0, 3)) {
    prefix.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  for (std::size_t i = 0; i < k_months.size(); ++i) {
    if (prefix == k_months[i]) {
      return static_cast<int>(i) + 1;
    }
  }
  return 0;
}

std::string parse_rfc822(std::string_view s) {
  Cursor in(s);
  if (std::isalpha(static_cast<unsigned char>(in.peek()))) {
    in.word();  // day of the week
    in.skip_spaces();
  }
  int day = 0;
  int year = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!in.number(day)) {
    return {};
  }
  in.skip_spaces();
  const int month = month_from_name(in.word());
  in.skip_spaces();
  if (month == 0 || !in.number(year)) {
    return {};
  }
  if (year < 100) {
    year += year < 50 ? 2000 : 1900;
  }
  if (!valid_date(year, month, day)) {
    return {};
  }
  in.skip_spaces();
  if (in.done()) {
    return format(year, month, day, false, 0, 0, 0, {});
  }
  if (!in.digits(2, hour) || !in.take(':') || !in.digits(2, minute)) {
    return {};
  }
  if (in.take(':') && !in.digits(2, second)) {
    return {};
  }
  in.skip_spaces();
  std::string zone;
  const std::string_view name = in.word();
  if (name == "GMT" || name == "UT" || name == "UTC" || name == "Z") {
    zone = "Z";
  } else if (name.empty() && !read_zone(in, zone)) {
    return {};
  } else if (!name.empty()) {
    return {};  // named zones other than UTC are ambiguous
  }
  if (!valid_time(hour, minute, second)) {
    return {};
  }
  return format(year, month, day, true, hour, minute, second, zone);
}

}  // namespace

std::string normalize_date(std::string_view raw) {
  const std::string trimmed = text::collapse_whitespace(raw);
  if (trimmed.empty()) {
    return {};
  }
  if (std::string iso = parse_iso(trimmed); !iso.empty()) {
    return iso;
  }
  return parse_rfc822(trimmed);
}

}  // namespace tracker::extract
