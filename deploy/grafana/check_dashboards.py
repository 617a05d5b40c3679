#!/usr/bin/env python3
"""Checks the structure of the Grafana dashboards in deploy/grafana/dashboards.

  python3 deploy/grafana/check_dashboards.py [DIR]            # exit 1 and a list of problems if any
  python3 deploy/grafana/check_dashboards.py --metrics [DIR]  # the metric names the dashboards query

Each dashboard must be valid JSON with a title and a unique uid, panels with unique ids, a gridPos
inside the 24-column grid, the Prometheus datasource (uid "prometheus", type "prometheus", as
provisioning/datasources/prometheus.yml declares) and at least one target with a non-empty expr
and a unique refId. Whether every metric is exported is checked against a live mesh by the e2e
test tests/e2e/metrics_names_test.cpp.
"""
import json
import os
import re
import sys

DATASOURCE = {"type": "prometheus", "uid": "prometheus"}
# Words in PromQL that are not metric names.
PROMQL_WORDS = {
    "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless",
    "offset", "inf", "nan", "le",
    # aggregation operators, also written "sum by (x) (...)"
    "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
    "quantile",
}
# Metric families the mesh exports: ours, the gRPC ones, and Prometheus's own "up".
EXPORTED = re.compile(r"^(aiworld_|grpc_)[a-z0-9_]+$|^up$")
IDENT = re.compile(r"[A-Za-z_:][A-Za-z0-9_:]*")


def metric_names(expr):
    """Identifiers of expr that name metrics: not functions, keywords, label names or strings."""
    stripped = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)       # string literals
    stripped = re.sub(r"\{[^}]*\}", "{}", stripped)             # label matchers
    stripped = re.sub(r"\[[^\]]*\]", "[]", stripped)            # ranges
    stripped = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", r"\1()", stripped)
    names = set()
    for m in IDENT.finditer(stripped):
        word = m.group(0)
        rest = stripped[m.end():].lstrip()
        if rest.startswith("("):  # a function call
            continue
        if word.lower() in PROMQL_WORDS or word[0].isdigit():
            continue
        if m.start() > 0 and (stripped[m.start() - 1].isdigit() or stripped[m.start() - 1] == "."):
            continue  # part of a number like 1e6
        names.add(word)
    return names


def check_dashboard(path, seen_uids):
    problems = []
    name = os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
    except (OSError, ValueError) as e:
        return [f"{name}: not valid JSON: {e}"], set()
    if not isinstance(d, dict):
        return [f"{name}: the top level is not an object"], set()
    for key in ("title", "uid"):
        if not isinstance(d.get(key), str) or not d.get(key):
            problems.append(f"{name}: missing {key}")
    uid = d.get("uid")
    if isinstance(uid, str):
        if len(uid) > 40:
            problems.append(f"{name}: uid {uid!r} is longer than 40 characters")
        if uid in seen_uids:
            problems.append(f"{name}: uid {uid!r} also in {seen_uids[uid]}")
        seen_uids[uid] = name
    panels = d.get("panels")
    if not isinstance(panels, list) or not panels:
        return problems + [f"{name}: no panels"], set()
    ids = set()
    metrics = set()
    for i, p in enumerate(panels):
        where = f"{name}: panel {i} ({p.get('title', '?')!r})"
        if not p.get("title"):
            problems.append(f"{where}: no title")
        pid = p.get("id")
        if not isinstance(pid, int):
            problems.append(f"{where}: id is not an integer")
        elif pid in ids:
            problems.append(f"{where}: id {pid} used twice")
        ids.add(pid)
        grid = p.get("gridPos")
        if not isinstance(grid, dict) or not all(isinstance(grid.get(k), int) for k in ("x", "y", "w", "h")):
            problems.append(f"{where}: gridPos needs integer x, y, w, h")
        elif grid["x"] < 0 or grid["w"] <= 0 or grid["h"] <= 0 or grid["x"] + grid["w"] > 24:
            problems.append(f"{where}: gridPos {grid} is outside the 24-column grid")
        if p.get("type") == "row":
            continue
        if p.get("datasource") != DATASOURCE:
            problems.append(f"{where}: datasource is {p.get('datasource')!r}, want {DATASOURCE!r}")
        targets = p.get("targets")
        if not isinstance(targets, list) or not targets:
            problems.append(f"{where}: no targets")
            continue
        refs = set()
        for t in targets:
            if t.get("datasource", DATASOURCE) != DATASOURCE:
                problems.append(f"{where}: target {t.get('refId')} datasource is {t.get('datasource')!r}")
            if not isinstance(t.get("expr"), str) or not t["expr"].strip():
                problems.append(f"{where}: target {t.get('refId')} has no expr")
                continue
            if t.get("refId") in refs or not t.get("refId"):
                problems.append(f"{where}: refId {t.get('refId')!r} missing or used twice")
            refs.add(t.get("refId"))
            if t["expr"].count("(") != t["expr"].count(")") or t["expr"].count("{") != t["expr"].count("}"):
                problems.append(f"{where}: unbalanced brackets in {t['expr']!r}")
            for metric in metric_names(t["expr"]):
                if not EXPORTED.match(metric):
                    problems.append(f"{where}: {metric!r} is not a metric of the mesh (aiworld_*, grpc_*, up)")
                metrics.add(metric)
    return problems, metrics


def main(argv):
    list_metrics = "--metrics" in argv
    args = [a for a in argv if not a.startswith("--")]
    directory = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "dashboards")
    files = sorted(os.path.join(directory, f) for f in os.listdir(directory) if f.endswith(".json"))
    if not files:
        print(f"no dashboards in {directory}", file=sys.stderr)
        return 1
    problems, metrics, seen = [], set(), {}
    for path in files:
        p, m = check_dashboard(path, seen)
        problems += p
        metrics |= m
    if list_metrics:
        print("\n".join(sorted(metrics)))
    else:
        for p in problems:
            print(p)
        print(f"{len(files)} dashboards, {len(metrics)} metrics: {' '.join(sorted(metrics))}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
