-- One schema per owner (DESIGN §6). No service reads another's tables; it asks over gRPC.
-- public.schema_migrations is created by aiworld-migrate itself, before this file runs.
CREATE SCHEMA IF NOT EXISTS gateway;
COMMENT ON SCHEMA gateway IS 'aiworld gateway: bridge keys, event inbox, action queue, scheduler';
CREATE SCHEMA IF NOT EXISTS core;
COMMENT ON SCHEMA core IS 'aiworld core group: world aggregates, memories, dialogue, quests, storylines';
CREATE SCHEMA IF NOT EXISTS procedural;
COMMENT ON SCHEMA procedural IS 'aiworld procedural group: problems, dynamic NPCs, events, hazards, weather, archaeology, dungeons, chains';
CREATE SCHEMA IF NOT EXISTS progression;
COMMENT ON SCHEMA progression IS 'aiworld progression group: factions, reputation, bosses, karma, social';
CREATE SCHEMA IF NOT EXISTS economy;
COMMENT ON SCHEMA economy IS 'aiworld economy group: prices, merchant economy, treasures';
CREATE SCHEMA IF NOT EXISTS llm;
COMMENT ON SCHEMA llm IS 'aiworld LLM usage: cost ledger, budgets, decision cache';
