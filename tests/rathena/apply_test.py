#!/usr/bin/env python3
"""Tests bridge-client/rathena/apply.py against a synthetic tree.

    apply_test.py PATH/TO/apply.py

The tree is written by this test: fake source files with the function names and the anchor
statements apply.py looks for, and nothing else of rAthena (no rAthena code is available, or
copied, here). Checks: the hooks land in the right functions at the right places; a second run
changes nothing; a missing, doubled or brace-less anchor is refused with a message naming the
file, function and anchor, before any file is written; --check writes nothing.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

APPLY = None

FAKE = {
    "src/map/map.cpp": """\
// fake map.cpp for apply_test.py
#include "map.hpp"

#include <cstdlib>

#include "clif.hpp"

using namespace fake;

int32 map_quit(map_session_data *sd) {
	if(!sd->state.active) {
		return 0;
	}
	leave_everything(sd);
	npc_script_event( *sd, NPCE_LOGOUT );
	return 0;
}

void MapServer::finalize(){
	ShowStatus("Terminating...\\n");
	struct s_mapiterator* iter = mapit_getallusers();
	for( map_session_data* sd = (TBL_PC*)mapit_first(iter); mapit_exists(iter); sd = (TBL_PC*)mapit_next(iter) )
		map_quit(sd);
	mapit_free(iter);
	clear_maps();
}

bool MapServer::initialize( int32 argc, char *argv[] ){
	load_everything();
	npc_event_do_oninit();	// fake OnInit
	return true;
}
""",
    "src/map/clif.cpp": """\
// fake clif.cpp
#include "clif.hpp"

#include "pc.hpp"

void clif_parse_LoadEndAck(int32 fd,map_session_data *sd)
{
	if(sd->state.connect_new) {
		send_skills(sd);
		if (!sd->state.autotrade) {
			npc_script_event( *sd, NPCE_LOGIN );
		}
	} else {
		// a comment with a brace { that must not count
		const char* s = "}";
		sd->state.using_fake_npc = 0;
	}
#if FAKE_VERSION >= 2
	if( sd->x ) {
#else
	if( sd->y ) {
#endif
		show(sd);
	}
	sd->state.connect_new = 0;
}

void clif_parse_GlobalMessage(int32 fd, map_session_data* sd)
{
	char name[24], message[256], output[300];
	if( !clif_process_message(sd, false, name, message, output ) )
		return;
	clif_GlobalMessage( *sd, output, sd->chatID ? CHAT_WOS : AREA_CHAT_WOC );
}

void clif_parse_NpcSelectMenu(int32 fd,map_session_data *sd){
	int32 npc_id = read_id(fd);
	uint8 select = read_choice(fd);
	sd->npc_menu = select;
	npc_scriptcont(sd,npc_id, false);
}

void clif_parse_NpcAmountInput(int32 fd,map_session_data *sd){
	const PACKET* p = read(fd);
	sd->npc_amount = p->value;
	npc_scriptcont( sd, p->GID, false );
}

void clif_parse_NpcStringInput(int32 fd, map_session_data* sd){
	const PACKET* p = read(fd);
	copy_text(sd->npc_str, p);
	npc_scriptcont( sd, p->GID, false );
}

void clif_parse_PartyMessage(int32 fd, map_session_data* sd){
	char name[24], message[256], output[300];
	if( !clif_process_message( sd, false, name, message, output ) )
		return;
	party_send_message(sd, output, strlen(output) + 1 );
}

void clif_parse_GuildMessage(int32 fd, map_session_data* sd){
	char name[24], message[256], output[300];
	if( !clif_process_message( sd, false, name, message, output ) )
		return;
	if( sd->bg_id )
		bg_say(sd, output);
	else
		guild_say(sd, output);
}
""",
    "src/map/pc.cpp": """\
// fake pc.cpp
#include "pc.hpp"

bool pc_authok(map_session_data *sd, uint32 login_id2, time_t expiration_time, int32 group_id, struct mmo_charstatus *st, bool changing_mapservers)
{
	memcpy(&sd->status, st, sizeof(*st));
	return true;
}

enum e_setpos pc_setpos(map_session_data* sd, uint16 mapindex, int32 x, int32 y, clr_type clrtype)
{
	sd->state.changemap = (sd->mapindex != mapindex);
	if( m < 0 ) {
		npc_script_event( *sd, NPCE_LOGOUT );
		return SETPOS_OK;
	}
	return SETPOS_OK;
}

enum e_setpos pc_setpos_savepoint( map_session_data& sd, clr_type clrtype ){
	return pc_setpos( &sd, 1, 2, 3, clrtype );
}

void pc_respawn(map_session_data* sd, clr_type clrtype)
{
	pc_setstand(sd, true);
	pc_setrestartvalue(sd,3);
	pc_setpos_savepoint(*sd, clrtype);
}

int32 pc_checkbaselevelup(map_session_data *sd) {
	uint32 base_level = sd->status.base_level;
	sd->status.base_level++;
	npc_script_event( *sd, NPCE_BASELVUP );
	return 1;
}

int32 pc_checkjoblevelup(map_session_data *sd)
{
	uint32 job_level = sd->status.job_level;
	sd->status.job_level++;
	npc_script_event( *sd, NPCE_JOBLVUP );
	return 1;
}

int32 pc_dead(map_session_data *sd,block_list *src)
{
	pc_setparam(sd, SP_KILLERRID, src?src->id:0);
	return 1;
}

bool pc_jobchange(map_session_data *sd,int32 job, char upper)
{
	sd->status.class_ = job;
	return true;
}
""",
    "src/map/mob.cpp": """\
// fake mob.cpp
#include "mob.hpp"

int32 mob_dead(mob_data *md, block_list *src, int32 type)
{
	map_session_data *sd = nullptr, *first_sd = nullptr;
	map_session_data* mvp_sd = md->get_mvp_player(first_sd);
	if( !rebirth ) {
		if( md->npc_event[0] && !md->state.npc_killmonster ) {
			npc_event_do(md->npc_event);
		}
	}
	return 3;
}
""",
    "src/map/npc.cpp": """\
// fake npc.cpp
#include "npc.hpp"

int32 npc_click(map_session_data* sd, npc_data* nd)
{
	if (nd == nullptr)
		return 1;
	switch(nd->subtype) {
		case 1:
			break;
	}
	return 0;
}
""",
    "src/map/trade.cpp": """\
// fake trade.cpp
#include "trade.hpp"

void trade_tradecommit(map_session_data *sd)
{
	map_session_data *tsd = partner(sd);
	int32 trade_i;
	for( trade_i = 0; trade_i < 10; trade_i++ ) {
		move(sd, tsd, trade_i);
	}
}
""",
    "src/map/vending.cpp": """\
// fake vending.cpp
#include "vending.hpp"

void vending_purchasereq(map_session_data* sd, int32 aid, int32 uid, const uint8* data, int32 count)
{
	map_session_data* vsd = map_id2sd(aid);
	double z = 0.;
	pc_getzeny(vsd, (int32)z, LOG_TYPE_VENDING, sd->status.char_id);
}
""",
    "src/map/quest.cpp": """\
// fake quest.cpp
#include "quest.hpp"

int32 quest_add(map_session_data *sd, int32 quest_id)
{
	int32 n = 0;
	clif_quest_add(sd, &sd->quest_log[n]);
	return 0;
}

int32 quest_update_status(map_session_data *sd, int32 quest_id, e_quest_state status)
{
	if (status < Q_COMPLETE) {
		return 0;
	}
	clif_quest_delete(sd, quest_id);
	return 0;
}
""",
    "src/map/atcommand.cpp": """\
// fake atcommand.cpp
#include "atcommand.hpp"

ACMD_FUNC(autotrade)
{
	if (battle_config.at_logout_event)
		npc_script_event( *sd, NPCE_LOGOUT );

	channel_pcquit(sd,0xF); //leave all chan
	return 0;
}
""",
    "src/map/CMakeLists.txt": """\
# fake map CMakeLists.txt
add_executable( map-server ${SOURCE_FILES} )
target_link_libraries( map-server ${LIBRARIES} ${DEPENDENCIES} )
set_target_properties( map-server PROPERTIES COMPILE_FLAGS "${DEFINITIONS}" )
""",
    "src/custom/script.inc": "// fake custom script bodies\n",
    "src/custom/script_def.inc": "// fake custom script definitions\n",
    "npc/scripts_custom.conf": "// fake custom scripts\n//npc: npc/custom/example.txt\n",
}


def write_tree(root, files):
    for rel, text in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", newline="") as f:
            f.write(text)


def snapshot(root):
    out = {}
    for base, _, names in os.walk(root):
        for name in names:
            path = os.path.join(base, name)
            with open(path, "rb") as f:
                out[os.path.relpath(path, root)] = f.read()
    return out


def run(*args):
    return subprocess.run([sys.executable, APPLY] + list(args), capture_output=True, text=True)


def lines_of(root, rel):
    with open(os.path.join(root, rel)) as f:
        return f.read().splitlines()


def after(lines, anchor):
    """The line following the one holding anchor."""
    i = next(i for i, l in enumerate(lines) if anchor in l)
    return lines[i + 1]


def before(lines, anchor):
    i = next(i for i, l in enumerate(lines) if anchor in l)
    return lines[i - 1]


class ApplyTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="aiworld-apply-")
        self.root = os.path.join(self.dir, "rathena")
        write_tree(self.root, FAKE)

    def tearDown(self):
        shutil.rmtree(self.dir)

    def broken(self, rel, old, new):
        text = FAKE[rel]
        self.assertIn(old, text)
        write_tree(self.root, {rel: text.replace(old, new)})

    def test_hooks_land_in_their_functions(self):
        r = run(self.root)
        self.assertEqual(r.returncode, 0, r.stderr)
        clif = lines_of(self.root, "src/map/clif.cpp")
        self.assertEqual(after(clif, "if(sd->state.connect_new) {"), "\t\tai_bridge_on_login(*sd); // aiworld-hook: login")
        self.assertEqual(before(clif, "sd->state.using_fake_npc = 0;"), "\t\tai_bridge_on_map_loaded(*sd); // aiworld-hook: map-loaded")
        self.assertEqual(before(clif, "clif_GlobalMessage( *sd, output"), "\tai_bridge_on_chat(*sd, 0, message); // aiworld-hook: chat-global")
        self.assertEqual(after(clif, "sd->npc_menu = select;"), "\tai_bridge_on_npc_menu(*sd, npc_id, select); // aiworld-hook: npc-menu")
        self.assertEqual(before(clif, "if( sd->bg_id )"), "\tai_bridge_on_chat(*sd, 2, message); // aiworld-hook: chat-guild")
        # The input hook goes into clif_parse_NpcStringInput, not the look-alike line of NpcAmountInput.
        amount_at = next(i for i, l in enumerate(clif) if "void clif_parse_NpcAmountInput" in l)
        string_at = next(i for i, l in enumerate(clif) if "void clif_parse_NpcStringInput" in l)
        input_at = next(i for i, l in enumerate(clif) if "aiworld-hook: npc-input" in l)
        self.assertGreater(input_at, string_at)
        self.assertGreater(string_at, amount_at)
        self.assertIn('#include "ai_bridge.hpp" // aiworld-hook: include', clif)
        self.assertEqual(after(clif, '#include "pc.hpp"'), '#include "ai_bridge.hpp" // aiworld-hook: include')

        mapc = lines_of(self.root, "src/map/map.cpp")
        self.assertEqual(after(mapc, "npc_event_do_oninit();"), "\tai_bridge_init(); // aiworld-hook: init")
        self.assertEqual(after(mapc, "mapit_free(iter);"), "\tai_bridge_final(); // aiworld-hook: final")
        self.assertEqual(after(mapc, 'ShowStatus("Terminating'), "\tai_bridge_shutdown_begin(); // aiworld-hook: shutdown")
        self.assertEqual(before(mapc, "npc_script_event( *sd, NPCE_LOGOUT );"), "\tai_bridge_on_logout(*sd); // aiworld-hook: logout")
        # The include goes after the last include of the top block, before "using".
        self.assertEqual(after(mapc, '#include "clif.hpp"'), '#include "ai_bridge.hpp" // aiworld-hook: include')

        pc = lines_of(self.root, "src/map/pc.cpp")
        self.assertEqual(before(pc, "sd->state.changemap = "), "\tai_bridge_on_setpos(*sd, mapindex, clrtype); // aiworld-hook: setpos")
        self.assertEqual(before(pc, "npc_script_event( *sd, NPCE_LOGOUT );"), "\t\tai_bridge_on_mapserver_switch(*sd); // aiworld-hook: mapserver-switch")
        self.assertEqual(after(pc, "pc_setrestartvalue(sd,3);"), "\tai_bridge_on_respawn(*sd); // aiworld-hook: respawn")
        self.assertEqual(before(pc, "npc_script_event( *sd, NPCE_BASELVUP );"), "\tai_bridge_on_level_up(*sd, false, base_level); // aiworld-hook: base-level")
        self.assertEqual(before(pc, "sd->status.class_ = job;"), "\tai_bridge_on_job_change(*sd, job); // aiworld-hook: job-change")

        atc = lines_of(self.root, "src/map/atcommand.cpp")
        # Not between the brace-less "if (at_logout_event)" and its statement.
        self.assertEqual(after(atc, "if (battle_config.at_logout_event)"), "\t\tnpc_script_event( *sd, NPCE_LOGOUT );")
        self.assertEqual(before(atc, "channel_pcquit(sd,0xF);"), "\tai_bridge_on_autotrade(*sd); // aiworld-hook: autotrade")

        self.assertEqual(before(lines_of(self.root, "src/map/mob.cpp"), "if( md->npc_event[0]"),
                         "\t\tai_bridge_on_mob_dead(*md, src, sd, first_sd, mvp_sd); // aiworld-hook: mob-dead")
        self.assertEqual(before(lines_of(self.root, "src/map/npc.cpp"), "switch(nd->subtype) {"),
                         "\tai_bridge_on_npc_click(*sd, *nd); // aiworld-hook: npc-click")
        self.assertEqual(before(lines_of(self.root, "src/map/trade.cpp"), "for( trade_i = 0;"), "\tai_bridge_on_trade(*sd, *tsd); // aiworld-hook: trade")
        self.assertEqual(before(lines_of(self.root, "src/map/vending.cpp"), "pc_getzeny(vsd"),
                         "\tai_bridge_on_vending(*sd, *vsd, data, count, z); // aiworld-hook: vending")
        quest = lines_of(self.root, "src/map/quest.cpp")
        self.assertEqual(after(quest, "clif_quest_add(sd"), "\tai_bridge_on_quest(*sd, quest_id, false); // aiworld-hook: quest-add")
        self.assertEqual(before(quest, "clif_quest_delete(sd"), "\tai_bridge_on_quest(*sd, quest_id, true); // aiworld-hook: quest-complete")

        cmake = lines_of(self.root, "src/map/CMakeLists.txt")
        self.assertEqual(after(cmake, "target_link_libraries( map-server ${LIBRARIES}"), "# aiworld-hook: cmake begin")
        self.assertIn("\ttarget_link_libraries( map-server ${AIWORLD_BRIDGE_LIB} )", cmake)
        self.assertIn('#include "script_ai_bridge.inc"', lines_of(self.root, "src/custom/script.inc"))
        self.assertIn('#include "script_def_ai_bridge.inc"', lines_of(self.root, "src/custom/script_def.inc"))
        npc = lines_of(self.root, "npc/scripts_custom.conf")
        self.assertTrue(any(l.startswith("npc: npc/custom/aiworld/") for l in npc))

        for rel in ("src/map/ai_bridge.hpp", "src/map/ai_bridge.cpp", "src/map/ai_bridge_game.cpp",
                    "src/custom/script_ai_bridge.inc", "src/custom/script_def_ai_bridge.inc", "conf/ai_bridge.conf"):
            self.assertTrue(os.path.isfile(os.path.join(self.root, rel)), rel)
        listed = [l.split("npc: ", 1)[1] for l in npc if l.startswith("npc: npc/custom/aiworld/")]
        for rel in listed:
            self.assertTrue(os.path.isfile(os.path.join(self.root, rel)), rel)

    def test_a_second_run_changes_nothing(self):
        self.assertEqual(run(self.root).returncode, 0)
        first = snapshot(self.root)
        r = run(self.root)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("up to date", r.stdout)
        self.assertEqual(snapshot(self.root), first)
        self.assertEqual(sum(l.count("aiworld-hook: login") for l in lines_of(self.root, "src/map/clif.cpp")), 1)

    def test_the_operators_conf_is_kept(self):
        write_tree(self.root, {"conf/ai_bridge.conf": "[gateway]\nserver_id = mine\n"})
        self.assertEqual(run(self.root).returncode, 0)
        self.assertEqual(lines_of(self.root, "conf/ai_bridge.conf"), ["[gateway]", "server_id = mine"])

    def assert_refused(self, r, *words):
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertIn("nothing was changed", r.stderr)
        for w in words:
            self.assertIn(w, r.stderr)

    def test_a_missing_anchor_is_refused_before_anything_is_written(self):
        self.broken("src/map/clif.cpp", "\tsd->npc_menu = select;\n", "\tsd->npc_menu = select + 0;\n")
        before_run = snapshot(self.root)
        r = run(self.root)
        self.assert_refused(r, "src/map/clif.cpp", "clif_parse_NpcSelectMenu", "sd->npc_menu = select;", "not found")
        self.assertEqual(snapshot(self.root), before_run)

    def test_a_missing_function_is_refused(self):
        self.broken("src/map/trade.cpp", "void trade_tradecommit(", "void trade_commit_renamed(")
        before_run = snapshot(self.root)
        self.assert_refused(run(self.root), "src/map/trade.cpp", "trade_tradecommit")
        self.assertEqual(snapshot(self.root), before_run)

    def test_an_anchor_found_twice_is_refused(self):
        self.broken("src/map/npc.cpp", "\tswitch(nd->subtype) {", "\tswitch(nd->subtype) {\n\t}\n\tswitch(nd->subtype) {")
        before_run = snapshot(self.root)
        self.assert_refused(run(self.root), "src/map/npc.cpp", "npc_click", "found 2 times")
        self.assertEqual(snapshot(self.root), before_run)

    def test_a_braceless_body_is_refused(self):
        self.broken("src/map/trade.cpp", "\tfor( trade_i = 0; trade_i < 10; trade_i++ ) {",
                    "\tif (sd)\n\tfor( trade_i = 0; trade_i < 10; trade_i++ ) {")
        before_run = snapshot(self.root)
        self.assert_refused(run(self.root), "src/map/trade.cpp", "brace-less")
        self.assertEqual(snapshot(self.root), before_run)

    def test_a_missing_file_is_refused(self):
        os.remove(os.path.join(self.root, "src/map/vending.cpp"))
        before_run = snapshot(self.root)
        self.assert_refused(run(self.root), "src/map/vending.cpp", "file not found")
        self.assertEqual(snapshot(self.root), before_run)

    def test_check_only_verifies(self):
        before_run = snapshot(self.root)
        r = run("--check", self.root)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(snapshot(self.root), before_run)
        self.broken("src/map/mob.cpp", "if( md->npc_event[0] && !md->state.npc_killmonster ) {", "if( md->npc_event[0] ) {")
        self.assert_refused(run("--check", self.root), "src/map/mob.cpp", "mob_dead")

    def test_an_applied_tree_passes_check(self):
        self.assertEqual(run(self.root).returncode, 0)
        applied = snapshot(self.root)
        r = run("--check", self.root)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(snapshot(self.root), applied)

    def test_crlf_files_keep_their_line_endings(self):
        write_tree(self.root, {"src/map/npc.cpp": FAKE["src/map/npc.cpp"].replace("\n", "\r\n")})
        self.assertEqual(run(self.root).returncode, 0)
        with open(os.path.join(self.root, "src/map/npc.cpp"), "rb") as f:
            data = f.read()
        self.assertIn(b"ai_bridge_on_npc_click(*sd, *nd); // aiworld-hook: npc-click\r\n", data)
        self.assertNotIn(b"\r\r", data)
        self.assertEqual(data.count(b"\n"), data.count(b"\r\n"))

    def test_not_an_rathena_tree(self):
        r = run(self.dir)
        self.assertEqual(r.returncode, 2)
        self.assertIn("not an rAthena checkout", r.stderr)


if __name__ == "__main__":
    APPLY = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
