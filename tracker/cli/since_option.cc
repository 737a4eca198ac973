#include "tracker/cli/since_option.h"

#include <cctype>
#include <cstdio>
#include <ctime>
#include <string_view>

#include "tracker/cli/store_input.h"
#include "tracker/config/settings.h"
#include "tracker/extract/iso_date.h"

namespace tracker::cli {
namespace {

int days_in_month(int year, int month) {
  static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : k_days[month - 1];
}

// An ISO 8601 date or date-time as normalize_date writes it, as Unix seconds; a date alone is
// its midnight UTC, a date-time without a zone is taken as UTC.
std::optional<store::UnixSeconds> iso_to_unix(const std::string& iso) {
  std::tm parts{};
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int consumed = 0;
  if (std::sscanf(iso.c_str(), "%4d-%2d-%2d%n", &year, &month, &day, &consumed) != 3) {
    return std::nullopt;
  }
  std::string_view rest = std::string_view(iso).substr(static_cast<std::size_t>(consumed));
  long offset = 0;
  if (!rest.empty()) {
    const std::string tail(rest);
    int more = 0;
    if (std::sscanf(tail.c_str(), "T%2d:%2d:%2d%n", &hour, &minute, &second, &more) != 3) {
      return std::nullopt;
    }
    std::string_view zone = rest.substr(static_cast<std::size_t>(more));
    if (!zone.empty() && zone.front() == '.') {  // fractional seconds
      zone.remove_prefix(1);
      while (!zone.empty() && std::isdigit(static_cast<unsigned char>(zone.front())) != 0) {
        zone.remove_prefix(1);
      }
    }
    if (zone == "Z" || zone.empty()) {
      offset = 0;
    } else if ((zone.front() == '+' || zone.front() == '-') && zone.size() >= 3) {
      int zone_hours = 0, zone_minutes = 0;
      const std::string zone_text(zone.substr(1));
      if (std::sscanf(zone_text.c_str(), "%2d:%2d", &zone_hours, &zone_minutes) < 1) {
        return std::nullopt;
      }
      if (zone_hours > 14 || zone_minutes > 59) {  // UTC+14:00 is the furthest zone on Earth
        return std::nullopt;
      }
      offset = (zone.front() == '+' ? 1 : -1) * (zone_hours * 3600L + zone_minutes * 60L);
    } else {
      return std::nullopt;
    }
  }
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) || hour > 23 ||
      minute > 59 || second > 60) {
    return std::nullopt;  // timegm would quietly make 2025-02-30 the 2nd of March
  }
  parts.tm_year = year - 1900;
  parts.tm_mon = month - 1;
  parts.tm_mday = day;
  parts.tm_hour = hour;
  parts.tm_min = minute;
  parts.tm_sec = second;
  return static_cast<store::UnixSeconds>(::timegm(&parts)) - offset;
}

}  // namespace

std::optional<store::UnixSeconds> parse_since(const std::string& text) {
  if (auto duration = config::parse_duration(text)) {
    return unix_now() - duration->count();
  }
  const std::string iso = extract::normalize_date(text);
  // normalize_date turns down years no page would carry (2999); plain ISO 8601 still counts.
  return iso_to_unix(iso.empty() ? text : iso);
}

std::string since_error(const std::string& text) {
  return "--since '" + text +
         "': not a date (2025-02-11, 2025-02-11T06:12:00Z) or a duration (24h, 7d)";
}

tl::expected<std::optional<store::UnixSeconds>, std::string> since_option(const std::string& text) {
  if (text.empty()) {
    return std::nullopt;
  }
  const std::optional<store::UnixSeconds> since = parse_since(text);
  if (!since) {
    return tl::make_unexpected(since_error(text));
  }
  return since;
}

}  // namespace tracker::cli
