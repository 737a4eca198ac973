#pragma once

#include <filesystem>

#include "tracker/claims/claim_extractor.h"
#include "tracker/cli/verify_baseline.h"
#include "tracker/report/measures.h"

namespace tracker::cli {

// The file of a baseline story that asks for its figure ledger to be pinned: one version a line,
// in the order the outlets published them, "FILE OUTLET" ("afp-v2.txt afp"); '#' starts a
// comment.
inline constexpr const char* k_ledger_order_file = "ledger.txt";

// Pins the figure ledger of a multi-outlet story (#18): reads the versions `story`/ledger.txt
// lists, in that order, as the outlets' documents (one per outlet, a minute apart from
// 2023-11-14T22:13:20Z, as bench/ledger_score.py publishes them), and compares their ledger,
// as `tracker figures --ledger` prints it, with golden/ledger.txt. Drift is shown line by line
// ("-" a line gone, "+" a new one).
void verify_ledger(const std::filesystem::path& story, claims::ClaimExtractor& extractor,
                   const report::MeasureLexicon& lexicon, bool update, VerifyTally& tally);

}  // namespace tracker::cli
