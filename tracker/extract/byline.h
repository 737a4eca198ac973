#pragma once

#include <string>
#include <string_view>

namespace tracker::extract {

// A byline as a page writes it, reduced to the names it credits: "By Steven Musil January 18,
// 2017 11:00 pm PST @stevenmusil" -> "Steven Musil", "Dan Goodin - Apr 16, 2015 8:02 pm UTC"
// -> "Dan Goodin", "Por César Salza" -> "César Salza". A byline's date, handle and separators
// change with every edit of the page and are not who wrote it. Empty when nothing that reads
// as a name is left (a date alone, punctuation).
std::string clean_byline(std::string_view byline);

}  // namespace tracker::extract
