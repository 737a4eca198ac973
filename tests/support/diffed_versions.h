#pragma once

#include <string>
#include <vector>

#include "support/shipped_extractor.h"
#include "tracker/diff/claim_diff.h"

namespace tracker::test {

// Two versions' claims, kept alive beside the diff that points into them.
struct DiffedVersions {
  std::vector<claims::Claim> old_claims;
  std::vector<claims::Claim> new_claims;
  diff::ClaimDiff result;
};

// The claim diff of two versions given as paragraphs, read with the shipped lexicon.
inline DiffedVersions diff_versions(const std::vector<std::string>& old_paragraphs,
                                    const std::vector<std::string>& new_paragraphs,
                                    const diff::DiffOptions& options = {}) {
  DiffedVersions versions;
  versions.old_claims = shipped_extractor().extract(old_paragraphs);
  versions.new_claims = shipped_extractor().extract(new_paragraphs);
  versions.result = diff::diff_claims(versions.old_claims, versions.new_claims, options);
  return versions;
}

}  // namespace tracker::test
