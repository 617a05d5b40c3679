#pragma once
// A small set of members kept under one key ("<prefix><key>" -> "1:a,b,c"), used as the indexes that
// let ErasePlayer read a few keys instead of scanning an agent's whole state: account -> its
// characters, character -> the NPCs that remember it. Members must not contain ','.
#include <cstdint>
#include <string>
#include <vector>

#include "services/agentkit/state_store.h"

namespace aiworld::core {

class ListIndex {
 public:
  ListIndex(agentkit::StateStore& store, std::string prefix) : store_(store), prefix_(std::move(prefix)) {}

  // In insertion order; empty for an unknown key.
  std::vector<std::string> Members(const std::string& key) const;
  // False when it was already there.
  bool Add(const std::string& key, const std::string& member);
  void Remove(const std::string& key, const std::string& member);
  void Drop(const std::string& key);

 private:
  void Write(const std::string& key, const std::vector<std::string>& members);

  agentkit::StateStore& store_;
  const std::string prefix_;
};

// Which state keys hold data about a character, and which characters an account has, so an agent's
// ErasePlayer reads a few keys instead of scanning: "chr|<char>" lists the keys, "acc|<account>" the
// characters, "own|<char>" the account (so erasing by character id alone leaves the account's list).
class PlayerKeyIndex {
 public:
  explicit PlayerKeyIndex(agentkit::StateStore& store) : store_(store), keys_(store, "chr|"), accounts_(store, "acc|") {}

  // Notes that `key` holds data about char_id (of account_id; 0 = unknown). Writes only what changed.
  void Note(uint32_t char_id, uint32_t account_id, const std::string& key);
  // Erases the noted keys of the characters given and of the account's characters, and their index
  // entries; returns the state entries removed (a noted key already gone is not counted).
  uint64_t Erase(uint32_t account_id, const std::vector<uint32_t>& char_ids);
  // The characters noted for the account.
  std::vector<uint32_t> CharactersOf(uint32_t account_id) const;

 private:
  agentkit::StateStore& store_;
  ListIndex keys_;
  ListIndex accounts_;
};

}  // namespace aiworld::core
