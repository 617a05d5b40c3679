#!/usr/bin/env python3
"""Checks deploy/compose.yaml against the binaries and the rest of deploy/.

usage: check_compose.py SOURCE_DIR BIN_DIR

Every mesh service builds its image from deploy/docker/Dockerfile with the right binary, target and
ports, gets only AIWORLD_* variables its binary lists in --help (and listens on 0.0.0.0 on its ports);
the gateway finds the groups by their compose names; the admin token comes from the environment;
migrate waits for a healthy PostgreSQL and everything else for migrate to complete; Prometheus scrapes
every metrics port with the rules of deploy/prometheus/rules; Grafana gets deploy/grafana's provisioning
and dashboards; every mounted host path exists.
"""
import os
import re
import subprocess
import sys

import yaml

SERVERS = {"gateway": (50051, 9464), "core": (50052, 9465), "procedural": (50053, 9466),
           "progression": (50054, 9467), "economy": (50055, 9468)}
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
    return cond


def help_env(bin_dir, binary):
    out = subprocess.run([os.path.join(bin_dir, binary), "--help"], capture_output=True, text=True, check=True).stdout
    return set(re.findall(r"env (AIWORLD_[A-Z0-9_]+)", out))


def main():
    source, bin_dir = sys.argv[1], sys.argv[2]
    deploy = os.path.join(source, "deploy")
    compose = yaml.safe_load(open(os.path.join(deploy, "compose.yaml")))
    services = compose["services"]
    check(set(SERVERS) | {"postgres", "migrate", "prometheus", "grafana"} <= set(services),
          f"services: got {sorted(services)}")

    check(services.get("postgres", {}).get("image") == "postgres:15", "postgres runs postgres:15")
    check("healthcheck" in services.get("postgres", {}), "postgres has a healthcheck")

    for name in list(SERVERS) + ["migrate"]:
        svc = services.get(name)
        if svc is None:
            continue
        binary = f"aiworld-{name}"
        accepted = help_env(bin_dir, binary)
        check(svc.get("image", "").split(":")[0] == binary, f"{name}: image {binary} (got {svc.get('image')})")
        build = svc.get("build", {})
        check(os.path.isfile(os.path.join(deploy, build.get("context", ""), build.get("dockerfile", ""))),
              f"{name}: build.dockerfile exists relative to its context")
        check(build.get("dockerfile") == "deploy/docker/Dockerfile", f"{name}: built from deploy/docker/Dockerfile")
        args = build.get("args", {})
        check(args.get("BINARY") == binary, f"{name}: build arg BINARY={binary}")
        env = svc.get("environment", {})
        check(isinstance(env, dict), f"{name}: environment is a mapping")
        unknown = {k for k in env if k.startswith("AIWORLD_")} - accepted
        check(not unknown, f"{name}: variables {binary} --help does not list: {sorted(unknown)}")
        check(str(env.get("AIWORLD_DATABASE_URL", "")).startswith("postgresql://") and "@postgres:5432/" in env.get("AIWORLD_DATABASE_URL", ""),
              f"{name}: AIWORLD_DATABASE_URL points at the postgres service")
        if name == "migrate":
            check(build.get("target") == "job", "migrate: build target job")
            check(any(str(a).startswith("--wait") for a in svc.get("command", [])), "migrate: waits for the database (--wait)")
            check(svc.get("depends_on", {}).get("postgres", {}).get("condition") == "service_healthy",
                  "migrate: depends on postgres being healthy")
            continue
        grpc, metrics = SERVERS[name]
        check(build.get("target") == "server", f"{name}: build target server")
        check(str(args.get("GRPC_PORT")) == str(grpc) and str(args.get("METRICS_PORT")) == str(metrics),
              f"{name}: build args GRPC_PORT={grpc} METRICS_PORT={metrics} (EXPOSE)")
        check(env.get("AIWORLD_GRPC_ADDR") == f"0.0.0.0:{grpc}", f"{name}: AIWORLD_GRPC_ADDR=0.0.0.0:{grpc}")
        check(env.get("AIWORLD_METRICS_ADDR") == f"0.0.0.0:{metrics}", f"{name}: AIWORLD_METRICS_ADDR=0.0.0.0:{metrics}")
        check(svc.get("depends_on", {}).get("migrate", {}).get("condition") == "service_completed_successfully",
              f"{name}: depends on migrate completing successfully")
        if name != "gateway":
            check(bool({"libcurl4", "ca-certificates"} <= set(str(args.get("EXTRA_PACKAGES", "")).split())),
                  f"{name}: image gets libcurl4 and ca-certificates (LLM providers over HTTPS)")

    gw = services.get("gateway", {}).get("environment", {})
    for group, (grpc, _) in SERVERS.items():
        if group == "gateway":
            continue
        addr = str(gw.get(f"AIWORLD_{group.upper()}_ADDR", ""))
        check(re.fullmatch(rf"(dns:///)?{group}:{grpc}", addr) is not None, f"gateway: AIWORLD_{group.upper()}_ADDR reaches {group}:{grpc} (got {addr})")
    token = str(gw.get("AIWORLD_ADMIN_TOKEN", ""))
    check(token.startswith("${AIWORLD_ADMIN_TOKEN"), f"gateway: the admin token comes from the environment (got {token!r})")
    check("50051:50051" in [str(p) for p in services.get("gateway", {}).get("ports", [])], "gateway: publishes 50051")
    core = str(services.get("core", {}).get("environment", {}).get("AIWORLD_PROGRESSION_ADDR", ""))
    check(re.fullmatch(r"(dns:///)?progression:50054", core) is not None, f"core: AIWORLD_PROGRESSION_ADDR (got {core})")

    # Prometheus: every metrics port scraped under job "aiworld" with the service label; the rules mounted.
    prom = services.get("prometheus", {})
    check(prom.get("image", "").startswith("prom/prometheus:"), "prometheus: the official image")
    content = compose.get("configs", {}).get("prometheus", {}).get("content", "")
    config = yaml.safe_load(content) if content else {}
    jobs = {j["job_name"]: j for j in config.get("scrape_configs", [])}
    targets = set()
    for j in jobs.values():
        for sd in j.get("dns_sd_configs", []):
            targets |= {(n, sd["port"]) for n in sd["names"]}
        for sc in j.get("static_configs", []):
            targets |= {tuple(t.rsplit(":", 1)[0:1]) + (int(t.rsplit(":", 1)[1]),) for t in sc["targets"]}
    check(set(jobs) == {"aiworld"}, f"prometheus: one job named aiworld (got {sorted(jobs)})")
    check(targets == {(s, m) for s, (_, m) in SERVERS.items()}, f"prometheus: scrapes every metrics port (got {sorted(targets)})")
    check(any("/etc/prometheus/rules/" in r for r in config.get("rule_files", [])), "prometheus: loads the rules")
    check(os.path.isdir(os.path.join(deploy, "prometheus", "rules")), "deploy/prometheus/rules exists")
    check(services.get("grafana", {}).get("image", "").startswith("grafana/grafana:"), "grafana: the official image")

    mounts = {}
    for name, svc in services.items():
        for v in svc.get("volumes", []):
            host, target = str(v).split(":")[0:2]
            if host.startswith("."):
                mounts[target] = host
                check(os.path.exists(os.path.join(deploy, host)), f"{name}: mounted host path {host} exists")
    check(mounts.get("/etc/prometheus/rules") == "./prometheus/rules", "prometheus: mounts ./prometheus/rules")
    check(mounts.get("/etc/grafana/provisioning") == "./grafana/provisioning", "grafana: mounts ./grafana/provisioning")
    check(mounts.get("/var/lib/grafana/dashboards") == "./grafana/dashboards", "grafana: mounts ./grafana/dashboards")

    print(f"compose: {len(services)} services, {len(failures)} problems")
    for f in failures:
        print("FAIL:", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
