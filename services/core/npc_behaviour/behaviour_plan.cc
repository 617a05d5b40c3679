#include "services/core/npc_behaviour/behaviour_plan.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace aiworld::core {
namespace {
// rAthena emotion_type values.
constexpr uint32_t kEtSurprise = 0, kEtDelight = 2, kEtSweat = 4, kEtAha = 5, kEtMoney = 8, kEtThink = 9, kEtSmile = 18,
                   kEtScratch = 20, kEtStareAbout = 22, kEtGo = 27;

struct Line {
  const char* text;
  uint32_t emotion;
};

template <typename T>
const T& PickOne(const std::vector<T>& v, RandomSource& random) {
  return v[static_cast<size_t>(random.UniformInt(0, static_cast<int64_t>(v.size()) - 1))];
}

const ItemInfo* SomeWare(RandomSource& random, const GameCatalogue& catalogue) {
  std::vector<const ItemInfo*> wares = catalogue.ItemsOfKind(ItemKind::kHealing);
  for (const ItemInfo* i : catalogue.ItemsOfKind(ItemKind::kUsable)) wares.push_back(i);
  return wares.empty() ? nullptr : PickOne(wares, random);
}

const MonsterInfo* SomeMonster(const std::string& map, RandomSource& random, const GameCatalogue& catalogue) {
  std::vector<const MonsterInfo*> here = catalogue.MonstersOn(map);
  if (here.empty()) {
    // A town has no spawns: name one of its region's fields instead.
    if (const MapInfo* m = catalogue.FindMap(map); m != nullptr) {
      for (const MapInfo* near : catalogue.MapsInRegion(m->region)) {
        for (const MonsterInfo* mob : catalogue.MonstersOn(near->name)) {
          if (!mob->is_boss()) here.push_back(mob);
        }
      }
    }
  }
  return here.empty() ? nullptr : PickOne(here, random);
}

v1::NpcSay Say(const KnownNpc& npc, const std::string& text, uint32_t emotion) {
  v1::NpcSay s;
  *s.mutable_npc() = npc.ref;
  s.set_text(text);
  s.set_emotion(emotion);
  s.set_mode(v1::NPC_SAY_MODE_OVERHEAD);
  return s;
}

std::string Fill(const char* text, const ItemInfo* item, const MonsterInfo* mob) {
  return absl::StrReplaceAll(text, {{"{item}", item != nullptr ? item->name : "potions"},
                                    {"{price}", item != nullptr ? absl::StrCat(item->buy) : "a few"},
                                    {"{monster}", mob != nullptr ? mob->name : "monsters"}});
}

std::pair<int32_t, int32_t> Clamp(const KnownNpc& npc, int32_t x, int32_t y, const GameCatalogue& catalogue) {
  int32_t max_x = 32766, max_y = 32766;
  if (const MapInfo* m = catalogue.FindMap(npc.map); m != nullptr && m->width > 2 && m->height > 2) {
    max_x = m->width - 2;
    max_y = m->height - 2;
  }
  return {std::clamp(x, 1, max_x), std::clamp(y, 1, max_y)};
}

v1::MoveNpc MoveTo(const KnownNpc& npc, int32_t x, int32_t y) {
  v1::MoveNpc m;
  *m.mutable_npc() = npc.ref;
  m.mutable_to()->set_map(npc.map);
  m.mutable_to()->set_x(x);
  m.mutable_to()->set_y(y);
  m.set_mode(v1::NPC_MOVE_MODE_WALK);
  return m;
}

int32_t Offset(RandomSource& random, int radius) { return static_cast<int32_t>(random.UniformInt(-radius, radius)); }
}  // namespace

BehaviourPlan PlanBehaviour(const KnownNpc& npc, Behaviour behaviour, RandomSource& random, const GameCatalogue& catalogue) {
  BehaviourPlan plan;
  plan.x = npc.x;
  plan.y = npc.y;
  plan.waypoint = npc.waypoint;
  auto move = [&](int32_t x, int32_t y) {
    const auto [cx, cy] = Clamp(npc, x, y, catalogue);
    if (cx == npc.x && cy == npc.y) return;
    plan.move = MoveTo(npc, cx, cy);
    plan.x = cx;
    plan.y = cy;
  };
  auto say = [&](const std::vector<Line>& lines, const ItemInfo* item = nullptr, const MonsterInfo* mob = nullptr) {
    const Line& l = PickOne(lines, random);
    plan.say = Say(npc, Fill(l.text, item, mob), l.emotion);
  };

  switch (behaviour) {
    case Behaviour::kIdle: break;
    case Behaviour::kEmote:
      say({{"...", kEtThink}, {"Hmm.", kEtScratch}, {"What a nice day!", kEtDelight}, {"Hehe.", kEtSmile}});
      break;
    case Behaviour::kWander: move(npc.home_x + Offset(random, 5), npc.home_y + Offset(random, 5)); break;
    case Behaviour::kExploration: move(npc.x + Offset(random, 12), npc.y + Offset(random, 12)); break;
    case Behaviour::kReturnHome: move(npc.home_x, npc.home_y); break;
    case Behaviour::kAdvertise:
      say({{"{item} for only {price} zeny! Come and see!", kEtDelight},
           {"Fresh {item}, {price} zeny each!", kEtDelight},
           {"Need {item}? Best prices right here!", kEtMoney}},
          SomeWare(random, catalogue));
      break;
    case Behaviour::kOrganizeInventory:
      say({{"Now where did I put the {item}...", kEtSweat}, {"So much stock to sort...", kEtSweat}}, SomeWare(random, catalogue));
      break;
    case Behaviour::kCheckPrices:
      say({{"{item} is going for {price} zeny these days...", kEtMoney}, {"Hmm, should {item} cost more than {price}?", kEtThink}},
          SomeWare(random, catalogue));
      break;
    case Behaviour::kPatrol: {
      static constexpr int32_t kCorners[4][2] = {{6, 6}, {6, -6}, {-6, -6}, {-6, 6}};
      const uint32_t corner = npc.waypoint % 4;
      move(npc.home_x + kCorners[corner][0], npc.home_y + kCorners[corner][1]);
      plan.waypoint = (corner + 1) % 4;
      break;
    }
    case Behaviour::kWatch:
      say({{"All quiet... for now.", kEtStareAbout}, {"Keep an eye out for {monster} around here.", kEtStareAbout}}, nullptr,
          SomeMonster(npc.map, random, catalogue));
      break;
    case Behaviour::kChallenge:
      say({{"Halt! State your business.", kEtSurprise}, {"Who goes there?", kEtSurprise}, {"Keep your weapons sheathed here.", kEtSurprise}});
      break;
    case Behaviour::kSeekAdventurers:
      move(npc.home_x + Offset(random, 8), npc.home_y + Offset(random, 8));
      say({{"Adventurers! I have work for brave souls!", kEtGo}, {"Looking for someone to deal with {monster}!", kEtGo}}, nullptr,
          SomeMonster(npc.map, random, catalogue));
      break;
    case Behaviour::kReviewQuests:
      say({{"Who will deal with the {monster} problem, I wonder...", kEtThink}, {"So many requests, so few heroes...", kEtThink}},
          nullptr, SomeMonster(npc.map, random, catalogue));
      break;
    case Behaviour::kUpdateBoard:
      say({{"New requests are up! Come take a look.", kEtAha}, {"Fresh bounties on the board!", kEtAha}});
      break;
  }
  return plan;
}

}  // namespace aiworld::core
