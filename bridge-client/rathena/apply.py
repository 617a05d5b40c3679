#!/usr/bin/env python3
"""Applies the AI World bridge to an rAthena checkout (targets upstream 754c50b5).

    apply.py RATHENA_DIR          copy our files and insert the hooks
    apply.py --check RATHENA_DIR  only verify that every hook can be placed (nothing is written)

What it does to RATHENA_DIR:
  * copies map/*.{hpp,cpp} into src/map/ (map-server's CMake and Makefile glob src/map/*.cpp),
    custom/*.inc into src/custom/, npc/aiworld/*.txt into npc/custom/aiworld/, and
    conf/ai_bridge.conf into conf/ when there is none yet (the operator's copy is never replaced);
  * inserts one-line hook calls (each ending in "// aiworld-hook: <name>") into rAthena's sources,
    each anchored on a function's definition plus one statement inside that function;
  * includes our script commands from src/custom/script.inc and script_def.inc;
  * registers our NPC scripts in npc/scripts_custom.conf;
  * makes src/map/CMakeLists.txt link the bridge when configured with
    -DAIWORLD_BRIDGE_LIB=<libaiworld_rathena_bridge.so> -DAIWORLD_BRIDGE_INCLUDE=<dir;dir>.

Every anchor is checked before any file is written: when one is missing (or matches more than
once) it stops with exit status 2, naming the file, the function and the anchor, and changes
nothing. Running it again changes nothing (hooks already present are recognised by their
marker). Standard library only.
"""
import argparse
import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MARK = "aiworld-hook:"


class Hook:
    """One line inserted into `function` of `path`, before or after the line holding `anchor`."""

    def __init__(self, name, path, function, anchor, where, code):
        self.name, self.path, self.function, self.anchor, self.where, self.code = name, path, function, anchor, where, code


MAP = "src/map/"
HOOKS = [
    # Lifecycle (map.cpp).
    Hook("init", MAP + "map.cpp", "bool MapServer::initialize(", "npc_event_do_oninit();", "after", "ai_bridge_init();"),
    Hook("shutdown", MAP + "map.cpp", "void MapServer::finalize(", 'ShowStatus("Terminating...\\n");', "after",
         "ai_bridge_shutdown_begin();"),
    Hook("final", MAP + "map.cpp", "void MapServer::finalize(", "mapit_free(iter);", "after", "ai_bridge_final();"),
    Hook("logout", MAP + "map.cpp", "int32 map_quit(", "npc_script_event( *sd, NPCE_LOGOUT );", "before",
         "ai_bridge_on_logout(*sd);"),
    # Sessions and maps (clif.cpp, pc.cpp, atcommand.cpp).
    Hook("auth", MAP + "pc.cpp", "bool pc_authok(", "memcpy(&sd->status, st, sizeof(*st));", "after",
         "ai_bridge_on_auth(*sd, changing_mapservers);"),
    Hook("login", MAP + "clif.cpp", "void clif_parse_LoadEndAck(", "if(sd->state.connect_new) {", "after",
         "ai_bridge_on_login(*sd);"),
    Hook("map-loaded", MAP + "clif.cpp", "void clif_parse_LoadEndAck(", "sd->state.using_fake_npc = 0;", "before",
         "ai_bridge_on_map_loaded(*sd);"),
    Hook("setpos", MAP + "pc.cpp", "enum e_setpos pc_setpos(", "sd->state.changemap = (sd->mapindex != mapindex);", "before",
         "ai_bridge_on_setpos(*sd, mapindex, clrtype);"),
    Hook("mapserver-switch", MAP + "pc.cpp", "enum e_setpos pc_setpos(", "npc_script_event( *sd, NPCE_LOGOUT );", "before",
         "ai_bridge_on_mapserver_switch(*sd);"),
    Hook("respawn", MAP + "pc.cpp", "void pc_respawn(", "pc_setrestartvalue(sd,3);", "after", "ai_bridge_on_respawn(*sd);"),
    Hook("autotrade", MAP + "atcommand.cpp", "ACMD_FUNC(autotrade)", "channel_pcquit(sd,0xF);", "before",
         "ai_bridge_on_autotrade(*sd);"),
    # Combat (mob.cpp, pc.cpp).
    Hook("mob-dead", MAP + "mob.cpp", "int32 mob_dead(", "if( md->npc_event[0] && !md->state.npc_killmonster ) {", "before",
         "ai_bridge_on_mob_dead(*md, src, sd, first_sd, mvp_sd);"),
    Hook("player-dead", MAP + "pc.cpp", "int32 pc_dead(", "pc_setparam(sd, SP_KILLERRID, src?src->id:0);", "after",
         "ai_bridge_on_player_dead(*sd, src);"),
    # NPCs (npc.cpp, clif.cpp).
    Hook("npc-click", MAP + "npc.cpp", "int32 npc_click(", "switch(nd->subtype) {", "before", "ai_bridge_on_npc_click(*sd, *nd);"),
    Hook("npc-input", MAP + "clif.cpp", "void clif_parse_NpcStringInput(", "npc_scriptcont( sd, p->GID, false );", "before",
         "ai_bridge_on_npc_input(*sd, p->GID, sd->npc_str);"),
    Hook("npc-menu", MAP + "clif.cpp", "void clif_parse_NpcSelectMenu(", "sd->npc_menu = select;", "after",
         "ai_bridge_on_npc_menu(*sd, npc_id, select);"),
    Hook("npc-amount", MAP + "clif.cpp", "void clif_parse_NpcAmountInput(", "sd->npc_amount = p->value;", "after",
         "ai_bridge_on_npc_amount(*sd, p->GID, p->value);"),
    # Chat after clif_process_message filtered @commands (clif.cpp).
    Hook("chat-global", MAP + "clif.cpp", "void clif_parse_GlobalMessage(",
         "clif_GlobalMessage( *sd, output, sd->chatID ? CHAT_WOS : AREA_CHAT_WOC );", "before",
         "ai_bridge_on_chat(*sd, 0, message);"),
    Hook("chat-party", MAP + "clif.cpp", "void clif_parse_PartyMessage(", "party_send_message(sd, output, strlen(output) + 1 );",
         "before", "ai_bridge_on_chat(*sd, 1, message);"),
    Hook("chat-guild", MAP + "clif.cpp", "void clif_parse_GuildMessage(", "if( sd->bg_id )", "before",
         "ai_bridge_on_chat(*sd, 2, message);"),
    # Economy (trade.cpp, vending.cpp).
    Hook("trade", MAP + "trade.cpp", "void trade_tradecommit(", "for( trade_i = 0; trade_i < 10; trade_i++ ) {", "before",
         "ai_bridge_on_trade(*sd, *tsd);"),
    Hook("vending", MAP + "vending.cpp", "void vending_purchasereq(",
         "pc_getzeny(vsd, (int32)z, LOG_TYPE_VENDING, sd->status.char_id);", "before",
         "ai_bridge_on_vending(*sd, *vsd, data, count, z);"),
    # Progress (pc.cpp, quest.cpp).
    Hook("base-level", MAP + "pc.cpp", "int32 pc_checkbaselevelup(", "npc_script_event( *sd, NPCE_BASELVUP );", "before",
         "ai_bridge_on_level_up(*sd, false, base_level);"),
    Hook("job-level", MAP + "pc.cpp", "int32 pc_checkjoblevelup(", "npc_script_event( *sd, NPCE_JOBLVUP );", "before",
         "ai_bridge_on_level_up(*sd, true, job_level);"),
    Hook("job-change", MAP + "pc.cpp", "bool pc_jobchange(", "sd->status.class_ = job;", "before",
         "ai_bridge_on_job_change(*sd, job);"),
    Hook("quest-add", MAP + "quest.cpp", "int32 quest_add(", "clif_quest_add(sd, &sd->quest_log[n]);", "after",
         "ai_bridge_on_quest(*sd, quest_id, false);"),
    Hook("quest-complete", MAP + "quest.cpp", "int32 quest_update_status(", "clif_quest_delete(sd, quest_id);", "before",
         "ai_bridge_on_quest(*sd, quest_id, true);"),
]

INCLUDE_LINE = '#include "ai_bridge.hpp"'

CMAKE_BLOCK = [
    "if( AIWORLD_BRIDGE_LIB )",
    '\tmessage( STATUS "Linking the AI World bridge: ${AIWORLD_BRIDGE_LIB}" )',
    "\ttarget_link_libraries( map-server ${AIWORLD_BRIDGE_LIB} )",
    "\tset_source_files_properties( ${MAP_SOURCE_DIR}/ai_bridge.cpp ${MAP_SOURCE_DIR}/ai_bridge_game.cpp PROPERTIES",
    "\t\tCOMPILE_DEFINITIONS AIWORLD_BRIDGE",
    '\t\tINCLUDE_DIRECTORIES "${AIWORLD_BRIDGE_INCLUDE}" )',
    "endif()",
]
CMAKE_ANCHOR = "target_link_libraries( map-server"


class Refusal(Exception):
    pass


def squash(text):
    return re.sub(r"\s+", "", text)


def read(root, rel):
    path = os.path.join(root, rel)
    if not os.path.isfile(path):
        raise Refusal("%s: file not found" % rel)
    with open(path, encoding="utf-8", errors="surrogateescape", newline="") as f:
        return f.read()


def split_lines(text):
    """Lines with their endings kept, so that a file is written back byte for byte."""
    return text.splitlines(keepends=True)


def ending_of(lines):
    for line in lines:
        if line.endswith("\r\n"):
            return "\r\n"
        if line.endswith("\n"):
            return "\n"
    return "\n"


def counted_lines(lines):
    """For brace matching: which lines count. Preprocessor lines do not, nor the #else/#elif
    branches of a conditional (only its first branch is followed, so both branches of an
    `#if X ... {` / `#else ... {` pair are not counted twice)."""
    stack, counted = [], []
    for line in lines:
        s = line.strip()
        if s.startswith("#"):
            directive = s[1:].strip().split(None, 1)[0] if s[1:].strip() else ""
            if directive in ("if", "ifdef", "ifndef"):
                stack.append(True)
            elif directive in ("elif", "else") and stack:
                stack[-1] = False
            elif directive == "endif" and stack:
                stack.pop()
            counted.append(False)
        else:
            counted.append(all(stack))
    return counted


def braces(line, state):
    """Yields (column, char) of the braces of one line outside comments and literals; state
    carries an open /* comment over lines."""
    i, n = 0, len(line)
    while i < n:
        if state["comment"]:
            end = line.find("*/", i)
            if end < 0:
                return
            state["comment"] = False
            i = end + 2
            continue
        c = line[i]
        if line.startswith("//", i):
            return
        if line.startswith("/*", i):
            state["comment"] = True
            i += 2
            continue
        if c in "\"'":
            j = i + 1
            while j < n and line[j] != c:
                j += 2 if line[j] == "\\" else 1
            i = j + 1
            continue
        if c in "{};":
            yield i, c
        i += 1


def find_function(lines, signature):
    """(first, last) line indexes of the one definition of `signature`: a line starting with it
    (whitespace ignored) whose next brace or ';' opens a body. Refuses none or several."""
    want = squash(signature)
    counted = counted_lines(lines)
    found = []
    for start, line in enumerate(lines):
        if not squash(line).startswith(want):
            continue
        state = {"comment": False}
        depth, opened, end = 0, False, None
        for k in range(start, len(lines)):
            if not counted[k]:
                continue
            for _, c in braces(lines[k], state):
                if c == ";" and not opened:
                    end = -1  # a declaration
                    break
                if c == "{":
                    depth += 1
                    opened = True
                elif c == "}" and opened:
                    depth -= 1
                    if depth == 0:
                        end = k
                        break
            if end is not None:
                break
        if end is not None and end >= 0:
            found.append((start, end))
    if not found:
        return None, "no definition of %r" % signature
    if len(found) > 1:
        return None, "%d definitions of %r" % (len(found), signature)
    return found[0], None


def indentation(line):
    return line[: len(line) - len(line.lstrip(" \t"))]


def code_of(line):
    """A line without its // comment and surrounding blanks ("" for comments and directives)."""
    s = line.strip()
    if s.startswith(("#", "/*", "*")):
        return ""
    cut = s.find("//")
    return (s[:cut] if cut >= 0 else s).strip()


def previous_code(lines, at):
    for i in range(at - 1, -1, -1):
        code = code_of(lines[i])
        if code:
            return code
    return None


def is_braceless_header(line):
    """`if (...)`, `else if (...)`, `else`, `for (...)`, `while (...)` without a body on the line."""
    code = code_of(line)
    if re.match(r"^(\}\s*)?else$", code):
        return True
    return bool(re.match(r"^(\}\s*)?(else\s+)?(if|for|while)\b.*\)$", code))


def plan_hook(root, hook, files):
    """The new text of hook.path with the hook in place (or None when it already is)."""
    lines = files[hook.path]
    marker = "// %s %s" % (MARK, hook.name)
    for i, line in enumerate(lines):
        if line.rstrip("\r\n").endswith(marker):
            wanted = indentation(line) + hook.code + " " + marker + line[len(line.rstrip("\r\n")):]
            if line != wanted:  # an older version of the hook: refresh it in place
                lines[i] = wanted
                return True
            return False
    span, problem = find_function(lines, hook.function)
    where = "%s, function %s" % (hook.path, hook.function.rstrip("("))
    if span is None:
        raise Refusal("%s: %s (hook %s)" % (hook.path, problem, hook.name))
    want = squash(hook.anchor)
    hits = [i for i in range(span[0], span[1] + 1) if want in squash(lines[i])]
    if len(hits) != 1:
        raise Refusal("%s: anchor %r %s (hook %s)" % (
            where, hook.anchor, "not found" if not hits else "found %d times" % len(hits), hook.name))
    at = hits[0]
    anchor_line = lines[at]
    # Never become (or follow) the brace-less body of an if/else/for/while: that would change
    # what rAthena's own statement depends on.
    if hook.where == "before":
        before = previous_code(lines, at)
        if before is not None and is_braceless_header(before):
            raise Refusal("%s: anchor %r is the brace-less body of %r; the hook cannot go before it (hook %s)"
                          % (where, hook.anchor, before.strip(), hook.name))
    if hook.where == "after" and (is_braceless_header(anchor_line) or is_braceless_header(previous_code(lines, at) or "")):
        raise Refusal("%s: anchor %r is part of a brace-less if/else/for/while; the hook cannot go after it (hook %s)"
                      % (where, hook.anchor, hook.name))
    indent = indentation(anchor_line)
    if hook.where == "after" and anchor_line.rstrip().endswith("{"):
        indent += "\t" if ("\t" in indent or indent == "") else "    "
    new = indent + hook.code + " " + marker + ending_of(lines)
    lines.insert(at + 1 if hook.where == "after" else at, new)
    return True


def plan_include(rel, files):
    lines = files[rel]
    marker = "// %s include" % MARK
    if any(line.rstrip("\r\n").endswith(marker) for line in lines):
        return False
    last = None
    for i, line in enumerate(lines):
        s = line.strip()
        if s.startswith("#include"):
            last = i
        elif s == "" or s.startswith(("#", "//", "/*", "*")):
            continue
        else:
            break
    if last is None:
        raise Refusal("%s: no #include block at the top of the file to add %s to" % (rel, INCLUDE_LINE))
    lines.insert(last + 1, INCLUDE_LINE + " " + marker + ending_of(lines))
    return True


def plan_block(rel, files, name, body, anchor=None, comment="//"):
    """A block between begin/end markers: after the line holding `anchor`, or at the end of the
    file; replaced in place when it is there already."""
    lines = files[rel]
    eol = ending_of(lines)
    begin = "%s %s %s begin" % (comment, MARK, name)
    end = "%s %s %s end" % (comment, MARK, name)
    block = [begin + eol] + [b + eol for b in body] + [end + eol]
    starts = [i for i, l in enumerate(lines) if l.rstrip("\r\n") == begin]
    ends = [i for i, l in enumerate(lines) if l.rstrip("\r\n") == end]
    if starts and ends and ends[0] > starts[0]:
        if lines[starts[0]: ends[0] + 1] == block:
            return False
        lines[starts[0]: ends[0] + 1] = block
        return True
    if anchor is None:
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += eol
        lines.extend(block)
        return True
    hits = [i for i, l in enumerate(lines) if squash(anchor) in squash(l)]
    if len(hits) != 1:
        raise Refusal("%s: anchor %r %s (block %s)" % (rel, anchor, "not found" if not hits else "found %d times" % len(hits), name))
    lines[hits[0] + 1: hits[0] + 1] = block
    return True


def our_files(sub, suffixes):
    base = os.path.join(HERE, sub)
    if not os.path.isdir(base):
        return []
    return sorted(f for f in os.listdir(base) if f.endswith(suffixes) and os.path.isfile(os.path.join(base, f)))


def plan(root):
    """Everything to write, as {relative path: new bytes}; raises Refusal before anything is written."""
    if not os.path.isdir(os.path.join(root, "src", "map")):
        raise Refusal("%s: not an rAthena checkout (no src/map)" % root)
    problems = []
    files = {}
    touched = set()

    def load(rel):
        if rel not in files:
            files[rel] = split_lines(read(root, rel))
        return files[rel]

    for hook in HOOKS:
        try:
            load(hook.path)
            if plan_hook(root, hook, files):
                touched.add(hook.path)
        except Refusal as e:
            problems.append(str(e))
    for rel in sorted({h.path for h in HOOKS}):
        if rel in files:
            try:
                if plan_include(rel, files):
                    touched.add(rel)
            except Refusal as e:
                problems.append(str(e))

    blocks = [
        (MAP + "CMakeLists.txt", "cmake", CMAKE_BLOCK, CMAKE_ANCHOR, "#"),
        ("src/custom/script.inc", "script-commands", ['#include "script_ai_bridge.inc"'], None, "//"),
        ("src/custom/script_def.inc", "script-commands", ['#include "script_def_ai_bridge.inc"'], None, "//"),
        ("npc/scripts_custom.conf", "npc", ["npc: npc/custom/aiworld/%s" % f for f in our_files("npc/aiworld", (".txt",))],
         None, "//"),
    ]
    for rel, name, body, anchor, comment in blocks:
        try:
            load(rel)
            if plan_block(rel, files, name, body, anchor, comment):
                touched.add(rel)
        except Refusal as e:
            problems.append(str(e))
    if problems:
        raise Refusal("\n".join(problems))

    writes = {rel: "".join(files[rel]).encode("utf-8", "surrogateescape") for rel in sorted(touched)}
    copies = [("map", MAP, (".hpp", ".cpp")), ("custom", "src/custom/", (".inc",)), ("npc/aiworld", "npc/custom/aiworld/", (".txt",))]
    for sub, dest, suffixes in copies:
        for name in our_files(sub, suffixes):
            with open(os.path.join(HERE, sub, name), "rb") as f:
                data = f.read()
            rel = dest + name
            target = os.path.join(root, rel)
            if not os.path.isfile(target) or open(target, "rb").read() != data:
                writes[rel] = data
    conf = os.path.join(HERE, "conf", "ai_bridge.conf")
    if os.path.isfile(conf) and not os.path.exists(os.path.join(root, "conf", "ai_bridge.conf")):
        with open(conf, "rb") as f:
            writes["conf/ai_bridge.conf"] = f.read()
    return writes


def main(argv):
    parser = argparse.ArgumentParser(description="Apply the AI World bridge to an rAthena checkout.")
    parser.add_argument("--check", action="store_true", help="only verify the anchors; write nothing")
    parser.add_argument("rathena_dir")
    args = parser.parse_args(argv)
    root = os.path.abspath(args.rathena_dir)
    try:
        writes = plan(root)
    except Refusal as e:
        sys.stderr.write("apply.py: refusing to patch %s; nothing was changed:\n" % root)
        for line in str(e).splitlines():
            sys.stderr.write("  %s\n" % line)
        return 2
    if args.check:
        print("apply.py --check: every anchor of %d hooks was found in %s (%d files would change)"
              % (len(HOOKS), root, len(writes)))
        return 0
    for rel, data in writes.items():
        target = os.path.join(root, rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        tmp = target + ".aiworld-tmp"
        with open(tmp, "wb") as f:
            f.write(data)
        if os.path.exists(target):
            shutil.copymode(target, tmp)
        os.replace(tmp, target)
    if writes:
        print("apply.py: %d files written in %s:" % (len(writes), root))
        for rel in writes:
            print("  " + rel)
    else:
        print("apply.py: %s is up to date (nothing changed)" % root)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
