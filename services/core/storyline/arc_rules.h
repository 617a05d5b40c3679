#pragma once
// The numbers of the story-arc workflow (original-system.md §6.2, §3.17), without its bugs:
//   duration 7..30 days; total_chapters = max(3, duration_days / 3) (CHAPTER_DURATION_DAYS 3)
//   chapter N's completion rate = participants with chapters_completed >= N
//                                 / participants with chapters_completed >= N - 1
//   advance with SUCCESS when completion >= 0.70, or when the chapter is >= 3 days old; a chapter
//   that timed out with completion <= 0.30 ends in FAILURE. A chapter with no start time is
//   treated as just started (the reference left its age unset and crashed).
//   heroes: top 3 by contribution_score, then chapters_completed, then quests_completed (then the
//   lower char_id, so ties decide the same way every time); rank 1 "<arc> Champion" 5x item 617,
//   rank 2 "Hero" 3x 617, rank 3 "Defender" 10x 607.
//   villain evolution tier by earlier defeats: 0 -> 1, <= 2 -> 2, <= 4 -> 3, <= 7 -> 4, more -> 5.
// And the part the reference never did: the sum of the impact scores of a chapter's choices picks
// the next chapter's branch (see Branch).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "aiworld/v1/core.pb.h"

namespace aiworld::core {

inline constexpr uint32_t kArcMinDays = 7;
inline constexpr uint32_t kArcMaxDays = 30;
inline constexpr uint32_t kChapterDurationDays = 3;
inline constexpr double kAdvanceCompletion = 0.70;
inline constexpr double kFailureCompletion = 0.30;
inline constexpr size_t kHeroCount = 3;
inline constexpr uint32_t kHeroItemBox = 617;    // Old Purple Box
inline constexpr uint32_t kHeroItemBerry = 607;  // Yggdrasil Berry

uint32_t TotalChapters(uint32_t duration_days);

struct ChapterVerdict {
  bool advance = false;
  v1::ChapterOutcome outcome = v1::CHAPTER_OUTCOME_UNSPECIFIED;
};
// `age` is nullopt for a chapter without a start time.
ChapterVerdict JudgeChapter(std::optional<absl::Duration> age, double completion_rate);

// chapters_completed of every participant; 0 when nobody reached chapter - 1.
double CompletionRate(const std::vector<uint32_t>& chapters_completed, uint32_t chapter);

struct HeroCandidate {
  uint32_t char_id = 0;
  std::string char_name;
  double contribution_score = 0;
  uint32_t chapters_completed = 0;
  uint32_t quests_completed = 0;
};
std::vector<v1::StoryHero> ChooseHeroes(std::vector<HeroCandidate> candidates, const std::string& arc_name);
v1::RewardBundle HeroReward(uint32_t rank);

uint32_t VillainEvolutionTier(uint32_t defeats);

// How the players' choices bend the next chapter: a positive sum of impact scores (mercy,
// alliance) brings an ally, moves the story one map on and weakens the boss; a negative sum
// (cruelty, betrayal) moves it two maps on, brings a herald of the villain and strengthens the
// boss; zero (no choices, or choices that cancel out) keeps the planned course.
enum class Branch { kSteady, kMercy, kWrath };
Branch BranchOf(double impact_sum);
const char* BranchName(Branch b);
// Boss max HP in percent of mob_db: 100 + 50 per chapter after the first, x0.75 on mercy, x1.5 on
// wrath, within 100..1000.
uint32_t BossHpPercent(uint32_t chapter, Branch branch);
// How far along the arc's map list the chapter's target moves: steady 0, mercy 1, wrath 2.
size_t BranchMapShift(Branch b);

}  // namespace aiworld::core
