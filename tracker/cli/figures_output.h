#pragma once

#include <string>
#include <vector>

#include "tracker/report/figures.h"
#include "tracker/report/ledger.h"
#include "tracker/report/story_ledgers.h"

namespace tracker::cli {

// `tracker figures`' outputs: the figures as listed (by measure, oldest first) ...
std::string figures_text(const std::vector<report::Figure>& figures);
std::string figures_json(const std::vector<report::Figure>& figures);
std::string figures_csv(const std::vector<report::Figure>& figures);

// ... and, with --ledger, each measure's timeline with its events (report/ledger.h), story by
// story (report/story_ledgers.h): text heads each story, JSON gives each measure its "story"
// ({"id", "name"}, null for one selection), CSV ends each line with story_id and story.
std::string ledger_text(const std::vector<report::StoryLedger>& stories);
std::string ledger_json(const std::vector<report::StoryLedger>& stories);
std::string ledger_csv(const std::vector<report::StoryLedger>& stories);

}  // namespace tracker::cli
