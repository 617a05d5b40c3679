#include "services/core/storyline/arc_rules.h"

#include <algorithm>
#include <cmath>

namespace aiworld::core {

uint32_t TotalChapters(uint32_t duration_days) { return std::max<uint32_t>(3, duration_days / kChapterDurationDays); }

ChapterVerdict JudgeChapter(std::optional<absl::Duration> age, double completion_rate) {
  ChapterVerdict v;
  const absl::Duration how_old = age.value_or(absl::ZeroDuration());
  if (completion_rate >= kAdvanceCompletion) {
    v.advance = true;
    v.outcome = v1::CHAPTER_OUTCOME_SUCCESS;
  } else if (how_old >= absl::Hours(24 * kChapterDurationDays)) {
    v.advance = true;
    v.outcome = completion_rate <= kFailureCompletion ? v1::CHAPTER_OUTCOME_FAILURE : v1::CHAPTER_OUTCOME_SUCCESS;
  }
  return v;
}

double CompletionRate(const std::vector<uint32_t>& chapters_completed, uint32_t chapter) {
  size_t reached = 0, eligible = 0;
  for (uint32_t done : chapters_completed) {
    if (done + 1 >= chapter) ++eligible;  // done >= chapter - 1, without unsigned underflow
    if (done >= chapter) ++reached;
  }
  return eligible == 0 ? 0.0 : static_cast<double>(reached) / static_cast<double>(eligible);
}

std::vector<v1::StoryHero> ChooseHeroes(std::vector<HeroCandidate> candidates, const std::string& arc_name) {
  std::sort(candidates.begin(), candidates.end(), [](const HeroCandidate& a, const HeroCandidate& b) {
    if (a.contribution_score != b.contribution_score) return a.contribution_score > b.contribution_score;
    if (a.chapters_completed != b.chapters_completed) return a.chapters_completed > b.chapters_completed;
    if (a.quests_completed != b.quests_completed) return a.quests_completed > b.quests_completed;
    return a.char_id < b.char_id;
  });
  std::vector<v1::StoryHero> heroes;
  for (const HeroCandidate& c : candidates) {
    if (heroes.size() == kHeroCount) break;
    if (c.contribution_score <= 0 && c.chapters_completed == 0 && c.quests_completed == 0) continue;
    v1::StoryHero h;
    h.set_rank(static_cast<uint32_t>(heroes.size() + 1));
    h.set_char_id(c.char_id);
    h.set_char_name(c.char_name);
    h.set_contribution_score(c.contribution_score);
    h.set_chapters_completed(c.chapters_completed);
    h.set_quests_completed(c.quests_completed);
    h.set_title(h.rank() == 1 ? arc_name + " Champion" : h.rank() == 2 ? "Hero" : "Defender");
    heroes.push_back(std::move(h));
  }
  return heroes;
}

v1::RewardBundle HeroReward(uint32_t rank) {
  v1::RewardBundle r;
  v1::ItemStack* stack = r.add_items();
  if (rank == 1) {
    stack->set_item_id(kHeroItemBox);
    stack->set_amount(5);
  } else if (rank == 2) {
    stack->set_item_id(kHeroItemBox);
    stack->set_amount(3);
  } else {
    stack->set_item_id(kHeroItemBerry);
    stack->set_amount(10);
  }
  return r;
}

uint32_t VillainEvolutionTier(uint32_t defeats) {
  if (defeats == 0) return 1;
  if (defeats <= 2) return 2;
  if (defeats <= 4) return 3;
  if (defeats <= 7) return 4;
  return 5;
}

Branch BranchOf(double impact_sum) {
  // Sums of decimals such as 0.3 - 0.1 - 0.2 are not exactly 0: below 1e-9 counts as balanced.
  if (impact_sum > 1e-9) return Branch::kMercy;
  if (impact_sum < -1e-9) return Branch::kWrath;
  return Branch::kSteady;
}

const char* BranchName(Branch b) {
  switch (b) {
    case Branch::kMercy: return "mercy";
    case Branch::kWrath: return "wrath";
    default: return "steady";
  }
}

uint32_t BossHpPercent(uint32_t chapter, Branch branch) {
  double hp = 100.0 + 50.0 * (std::max<uint32_t>(chapter, 1) - 1);
  if (branch == Branch::kMercy) hp *= 0.75;
  if (branch == Branch::kWrath) hp *= 1.5;
  return static_cast<uint32_t>(std::clamp(std::lround(hp), 100L, 1000L));
}

size_t BranchMapShift(Branch b) {
  switch (b) {
    case Branch::kMercy: return 1;
    case Branch::kWrath: return 2;
    default: return 0;
  }
}

}  // namespace aiworld::core
