#include "tracker/syndication/uri.h"

#include <algorithm>
#include <cctype>

#include "tracker/text/tokens.h"

namespace tracker::syndication {
namespace {

struct UriParts {
  std::string_view scheme;  // without ':'; empty for a relative reference
  bool has_authority = false;
  std::string_view authority;
  std::string_view path;
  bool has_query = false;
  std::string_view query;
  bool has_fragment = false;
  std::string_view fragment;
};

bool is_scheme_char(char c) {
  return (std::isalnum(static_cast<unsigned char>(c)) != 0) || c == '+' || c == '-' || c == '.';
}

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && is_space(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && is_space(s.back())) {
    s.remove_suffix(1);
  }
  return s;
}

UriParts split(std::string_view s) {
  UriParts parts;
  const std::size_t colon = s.find(':');
  if (colon != std::string_view::npos && colon > 0 &&
      (std::isalpha(static_cast<unsigned char>(s[0])) != 0) &&
      std::all_of(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(colon), is_scheme_char)) {
    parts.scheme = s.substr(0, colon);
    s.remove_prefix(colon + 1);
  }
  if (const std::size_t hash = s.find('#'); hash != std::string_view::npos) {
    parts.has_fragment = true;
    parts.fragment = s.substr(hash + 1);
    s = s.substr(0, hash);
  }
  if (const std::size_t question = s.find('?'); question != std::string_view::npos) {
    parts.has_query = true;
    parts.query = s.substr(question + 1);
    s = s.substr(0, question);
  }
  if (s.starts_with("//")) {
    parts.has_authority = true;
    const std::size_t slash = s.find('/', 2);
    parts.authority =
        s.substr(2, slash == std::string_view::npos ? std::string_view::npos : slash - 2);
    s = slash == std::string_view::npos ? std::string_view{} : s.substr(slash);
  }
  parts.path = s;
  return parts;
}

// RFC 3986 section 5.2.4.
std::string remove_dot_segments(std::string_view input) {
  std::string output;
  while (!input.empty()) {
    if (input.starts_with("../")) {
      input.remove_prefix(3);
    } else if (input.starts_with("./")) {
      input.remove_prefix(2);
    } else if (input.starts_with("/./")) {
      input.remove_prefix(2);
    } else if (input == "/.") {
      input = "/";
    } else if (input.starts_with("/../") || input == "/..") {
      input = input.size() == 3 ? std::string_view("/") : input.substr(3);
      const std::size_t last = output.rfind('/');
      output.erase(last == std::string::npos ? 0 : last);
    } else if (input == "." || input == "..") {
      input = {};
    } else {
      const std::size_t next = input.find('/', input.front() == '/' ? 1 : 0);
      const std::size_t length = next == std::string_view::npos ? input.size() : next;
      output.append(input.substr(0, length));
      input.remove_prefix(length);
    }
  }
  return output;
}

// RFC 3986 section 5.2.3.
std::string merge(const UriParts& base, std::string_view path) {
  if (base.has_authority && base.path.empty()) {
    return "/" + std::string(path);
  }
  const std::size_t slash = base.path.rfind('/');
  if (slash == std::string_view::npos) {
    return std::string(path);
  }
  return std::string(base.path.substr(0, slash + 1)) + std::string(path);
}

}  // namespace

std::string resolve_uri(std::string_view base, std::string_view reference) {
  reference = trim(reference);
  const UriParts b = split(trim(base));
  if (b.scheme.empty()) {
    return std::string(reference);
  }
  const UriParts r = split(reference);
  UriParts t;
  std::string path;
  if (!r.scheme.empty()) {
    t = r;
    path = remove_dot_segments(r.path);
  } else {
    t.scheme = b.scheme;
    if (r.has_authority) {
      t.has_authority = true;
      t.authority = r.authority;
      path = remove_dot_segments(r.path);
      t.has_query = r.has_query;
      t.query = r.query;
    } else {
      t.has_authority = b.has_authority;
      t.authority = b.authority;
      if (r.path.empty()) {
        path = std::string(b.path);
        t.has_query = r.has_query || b.has_query;
        t.query = r.has_query ? r.query : b.query;
      } else {
        path = remove_dot_segments(r.path.front() == '/' ? std::string(r.path) : merge(b, r.path));
        t.has_query = r.has_query;
        t.query = r.query;
      }
    }
    t.has_fragment = r.has_fragment;
    t.fragment = r.fragment;
  }
  std::string out(t.scheme);
  out.push_back(':');
  if (t.has_authority) {
    out.append("//").append(t.authority);
  }
  out.append(path);
  if (t.has_query) {
    out.append("?").append(t.query);
  }
  if (t.has_fragment) {
    out.append("#").append(t.fragment);
  }
  return out;
}

bool is_safe_link(std::string_view uri) {
  const UriParts parts = split(trim(uri));
  const std::string scheme = text::ascii_lower(parts.scheme);
  return scheme != "javascript" && scheme != "vbscript" && scheme != "data";
}

}  // namespace tracker::syndication
