#pragma once

#include <vector>

#include "tracker/extract/content.h"

namespace tracker::extract {

// A page that renders its story twice (a paywalled teaser beside its hidden full copy, a print
// version beside the screen one) yields the article's opening twice. Each later copy of a run of
// at least two different opening paragraphs, long enough to be prose, is dropped: its claims
// would otherwise count twice. A paragraph repeated elsewhere (a list given twice, a recipe's
// ingredients) is left alone, and so is a text whose paragraphs are all the same.
void drop_repeated_opening(std::vector<ContentBlock>& blocks);

}  // namespace tracker::extract
