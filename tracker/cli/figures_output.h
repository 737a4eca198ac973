#pragma once

#include <string>
#include <vector>

#include "tracker/report/figures.h"
#include "tracker/report/ledger.h"

namespace tracker::cli {

// `tracker figures`' outputs: the figures as listed (by measure, oldest first) ...
std::string figures_text(const std::vector<report::Figure>& figures);
std::string figures_json(const std::vector<report::Figure>& figures);
std::string figures_csv(const std::vector<report::Figure>& figures);

// ... and, with --ledger, each measure's timeline with its events (report/ledger.h).
std::string ledger_text(const std::vector<report::MeasureLedger>& ledgers);
std::string ledger_json(const std::vector<report::MeasureLedger>& ledgers);
std::string ledger_csv(const std::vector<report::MeasureLedger>& ledgers);

}  // namespace tracker::cli
