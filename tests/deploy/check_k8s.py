#!/usr/bin/env python3
"""Renders each kustomize overlay of deploy/k8s and checks what an SRE relies on.

usage: check_k8s.py SOURCE_DIR BIN_DIR
  SOURCE_DIR  the repository (deploy/k8s/overlays/* are rendered with `kubectl kustomize`)
  BIN_DIR     where aiworld-gateway ... are: every AIWORLD_* variable a container gets must be one its
              binary lists in --help

Per overlay: a Deployment, a headless Service (clusterIP: None), an HPA and a PDB for each group; the
gateway's Deployment, Service, HPA and PDB; native gRPC probes (readiness on the server's own service
name, liveness on "liveness", SERVING while the process runs); requests and limits; non-root; Prometheus scrape annotations on the
metrics port; the migrations Job; the gateway's group addresses as dns:/// names of the headless
Services in the overlay's namespace; Secret references for the database URL and the admin token;
NetworkPolicies (only the gateway reaches the groups' gRPC ports, only mesh pods reach PostgreSQL,
Prometheus reaches the metrics ports).
"""
import os
import re
import subprocess
import sys

import yaml

GROUPS = {"core": (50052, 9465), "procedural": (50053, 9466), "progression": (50054, 9467), "economy": (50055, 9468)}
SERVERS = dict(GROUPS, gateway=(50051, 9464))
READINESS_SERVICE = {"gateway": "aiworld.v1.Bridge", **{g: "aiworld.v1.AgentGroup" for g in GROUPS}}

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
    return cond


def help_env(bin_dir, binary):
    out = subprocess.run([os.path.join(bin_dir, binary), "--help"], capture_output=True, text=True, check=True).stdout
    return set(re.findall(r"env (AIWORLD_[A-Z0-9_]+)", out))


def labels_match(selector, labels):
    return all(labels.get(k) == v for k, v in (selector or {}).get("matchLabels", {}).items())


def check_overlay(name, docs, bin_dir, accepted):
    by = {}
    for d in docs:
        by[(d["kind"], d["metadata"]["name"])] = d
    namespaces = {d["metadata"].get("namespace") for d in docs if d["kind"] != "Namespace"}
    check(len(namespaces) == 1 and None not in namespaces, f"{name}: one namespace for all, got {namespaces}")
    ns = next(iter(namespaces))
    configmaps = {d["metadata"]["name"]: d.get("data", {}) for d in docs if d["kind"] == "ConfigMap"}

    def container_env(pod_spec):
        c = pod_spec["containers"][0]
        env = {e["name"]: e for e in c.get("env", [])}
        for src in c.get("envFrom", []):
            ref = src.get("configMapRef")
            if ref and check(ref["name"] in configmaps, f"{name}: envFrom names a missing ConfigMap {ref['name']}"):
                env.update({k: {"name": k, "value": v} for k, v in configmaps[ref["name"]].items()})
        return c, env

    for server, (grpc, metrics) in SERVERS.items():
        app = f"aiworld-{server}"
        dep = by.get(("Deployment", app))
        if not check(dep is not None, f"{name}: Deployment {app}"):
            continue
        pod = dep["spec"]["template"]
        check(labels_match(dep["spec"]["selector"], pod["metadata"]["labels"]), f"{name}: {app} selector matches its pods")
        check(pod["metadata"]["labels"].get("app.kubernetes.io/component") == server,
              f"{name}: {app} pods labelled app.kubernetes.io/component={server} (Prometheus's service label)")
        ann = pod["metadata"].get("annotations", {})
        check(ann.get("prometheus.io/scrape") == "true" and ann.get("prometheus.io/port") == str(metrics),
              f"{name}: {app} scrape annotations on port {metrics}")
        spec = pod["spec"]
        check(spec.get("securityContext", {}).get("runAsNonRoot") is True, f"{name}: {app} runs as non-root")
        c, env = container_env(spec)
        ports = {p["containerPort"] for p in c.get("ports", [])}
        check(ports == {grpc, metrics}, f"{name}: {app} container ports {grpc}, {metrics} (got {ports})")
        check(env.get("AIWORLD_GRPC_ADDR", {}).get("value") == f"0.0.0.0:{grpc}", f"{name}: {app} listens on 0.0.0.0:{grpc}")
        check(env.get("AIWORLD_METRICS_ADDR", {}).get("value") == f"0.0.0.0:{metrics}", f"{name}: {app} metrics on 0.0.0.0:{metrics}")
        res = c.get("resources", {})
        check(all(k in res.get(t, {}) for t in ("requests", "limits") for k in ("cpu", "memory")),
              f"{name}: {app} sets cpu and memory requests and limits")
        rp, lp = c.get("readinessProbe", {}).get("grpc"), c.get("livenessProbe", {}).get("grpc")
        check(rp == {"port": grpc, "service": READINESS_SERVICE[server]},
              f"{name}: {app} readiness is gRPC on {grpc} for {READINESS_SERVICE[server]} (got {rp})")
        check(lp == {"port": grpc, "service": "liveness"},
              f"{name}: {app} liveness is gRPC on {grpc} for \"liveness\", which no database outage flips (got {lp})")
        db = env.get("AIWORLD_DATABASE_URL", {}).get("valueFrom", {}).get("secretKeyRef")
        check(db is not None, f"{name}: {app} takes AIWORLD_DATABASE_URL from a Secret")
        unknown = {k for k in env if k.startswith("AIWORLD_")} - accepted[app]
        check(not unknown, f"{name}: {app} gets variables its --help does not list: {sorted(unknown)}")
        check(c["image"].split("/")[-1].split(":")[0] == app, f"{name}: {app} runs image {app} (got {c['image']})")

        svc = by.get(("Service", app))
        if check(svc is not None, f"{name}: Service {app}"):
            check(labels_match({"matchLabels": svc["spec"]["selector"]}, pod["metadata"]["labels"]), f"{name}: Service {app} selects its pods")
            check(grpc in {p["port"] for p in svc["spec"]["ports"]}, f"{name}: Service {app} exposes {grpc}")
            if server in GROUPS:
                check(svc["spec"].get("clusterIP") == "None", f"{name}: Service {app} is headless (round_robin over DNS)")
        hpa = by.get(("HorizontalPodAutoscaler", app))
        if check(hpa is not None, f"{name}: HorizontalPodAutoscaler {app}"):
            check(hpa["spec"]["scaleTargetRef"]["name"] == app, f"{name}: HPA {app} scales its Deployment")
            check(1 <= hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"], f"{name}: HPA {app} bounds")
            check("replicas" not in dep["spec"], f"{name}: {app} leaves replicas to its HPA")
        pdb = by.get(("PodDisruptionBudget", app))
        if check(pdb is not None, f"{name}: PodDisruptionBudget {app}"):
            check(labels_match(pdb["spec"]["selector"], pod["metadata"]["labels"]), f"{name}: PDB {app} selects its pods")

    # The gateway reaches each group through its headless Service in this namespace; core reaches progression.
    gw = by.get(("Deployment", "aiworld-gateway"))
    if gw:
        _, env = container_env(gw["spec"]["template"]["spec"])
        for group, (grpc, _) in GROUPS.items():
            want = f"dns:///aiworld-{group}.{ns}.svc.cluster.local:{grpc}"
            got = env.get(f"AIWORLD_{group.upper()}_ADDR", {}).get("value")
            check(got == want, f"{name}: gateway AIWORLD_{group.upper()}_ADDR is {want} (got {got})")
        tok = env.get("AIWORLD_ADMIN_TOKEN", {}).get("valueFrom", {}).get("secretKeyRef")
        check(tok is not None, f"{name}: gateway takes AIWORLD_ADMIN_TOKEN from a Secret")
    core = by.get(("Deployment", "aiworld-core"))
    if core:
        _, env = container_env(core["spec"]["template"]["spec"])
        ref = env.get("AIWORLD_PROGRESSION_ADDR", {}).get("valueFrom", {}).get("configMapKeyRef", {})
        got = configmaps.get(ref.get("name"), {}).get(ref.get("key"))
        check(got == f"dns:///aiworld-progression.{ns}.svc.cluster.local:50054", f"{name}: core's AIWORLD_PROGRESSION_ADDR (got {got})")

    job = by.get(("Job", "aiworld-migrate"))
    if check(job is not None, f"{name}: the migrations Job aiworld-migrate"):
        spec = job["spec"]["template"]["spec"]
        c, env = container_env(spec)
        check(c["image"].split("/")[-1].split(":")[0] == "aiworld-migrate", f"{name}: the Job runs aiworld-migrate")
        check("secretKeyRef" in env.get("AIWORLD_DATABASE_URL", {}).get("valueFrom", {}), f"{name}: the Job takes the database URL from a Secret")
        check(spec.get("restartPolicy") in ("OnFailure", "Never"), f"{name}: the Job's restartPolicy")
        unknown = {k for k in env if k.startswith("AIWORLD_")} - accepted["aiworld-migrate"]
        check(not unknown, f"{name}: aiworld-migrate gets variables its --help does not list: {sorted(unknown)}")

    # NetworkPolicies: evaluate who may reach what, by labels.
    policies = [d for d in docs if d["kind"] == "NetworkPolicy"]
    pods = {d["metadata"]["name"]: d["spec"]["template"]["metadata"]["labels"] for d in docs
            if d["kind"] in ("Deployment", "Job") and d["metadata"]["name"].startswith("aiworld-")}
    check(any(p["spec"]["podSelector"] == {} and p["spec"].get("policyTypes") == ["Ingress"] and not p["spec"].get("ingress")
              for p in policies), f"{name}: a default-deny ingress NetworkPolicy")

    def allowed(src_labels, src_ns, dst_labels, port):
        for p in policies:
            if not labels_match(p["spec"]["podSelector"], dst_labels):
                continue
            for rule in p["spec"].get("ingress", []):
                if rule.get("ports") and port not in {x["port"] for x in rule["ports"]}:
                    continue
                if "from" not in rule:
                    return True
                for peer in rule["from"]:
                    if "namespaceSelector" in peer and labels_match(peer["namespaceSelector"], {"kubernetes.io/metadata.name": src_ns}):
                        return True
                    if "podSelector" in peer and "namespaceSelector" not in peer and src_ns == ns and labels_match(peer["podSelector"], src_labels):
                        return True
        return False

    stranger = {"app.kubernetes.io/name": "stranger"}
    prometheus = {"app.kubernetes.io/name": "prometheus"}
    for group, (grpc, metrics) in GROUPS.items():
        dst = pods.get(f"aiworld-{group}", {})
        check(allowed(pods.get("aiworld-gateway", {}), ns, dst, grpc), f"{name}: the gateway reaches {group}:{grpc}")
        check(not allowed(stranger, ns, dst, grpc), f"{name}: another pod does not reach {group}:{grpc}")
        check(not allowed(stranger, "elsewhere", dst, grpc), f"{name}: another namespace does not reach {group}:{grpc}")
        check(allowed({}, "monitoring", dst, metrics) and allowed(prometheus, ns, dst, metrics), f"{name}: Prometheus scrapes {group}:{metrics}")
        check(not allowed(stranger, ns, dst, metrics), f"{name}: another pod does not scrape {group}:{metrics}")
        for other in GROUPS:
            if other != group and not (other == "core" and group == "progression"):
                check(not allowed(pods.get(f"aiworld-{other}", {}), ns, dst, grpc), f"{name}: {other} does not reach {group}:{grpc}")
    check(allowed(stranger, "elsewhere", pods.get("aiworld-gateway", {}), 50051), f"{name}: bridges reach the gateway:50051")
    postgresql = {"app.kubernetes.io/name": "postgresql"}
    for app, labels in pods.items():
        check(allowed(labels, ns, postgresql, 5432), f"{name}: {app} reaches PostgreSQL")
    check(not allowed(stranger, ns, postgresql, 5432), f"{name}: another pod does not reach PostgreSQL")


def main():
    source, bin_dir = sys.argv[1], sys.argv[2]
    accepted = {f"aiworld-{s}": help_env(bin_dir, f"aiworld-{s}") for s in list(SERVERS) + ["migrate"]}
    overlays_dir = os.path.join(source, "deploy", "k8s", "overlays")
    overlays = sorted(os.listdir(overlays_dir))
    check({"dev", "prod"} <= set(overlays), f"overlays dev and prod exist (got {overlays})")
    for overlay in overlays:
        r = subprocess.run(["kubectl", "kustomize", os.path.join(overlays_dir, overlay)], capture_output=True, text=True)
        if not check(r.returncode == 0, f"{overlay}: kubectl kustomize failed: {r.stderr.strip()}"):
            continue
        docs = [d for d in yaml.safe_load_all(r.stdout) if d]
        before = len(failures)
        check_overlay(overlay, docs, bin_dir, accepted)
        print(f"{overlay}: {len(docs)} objects, {len(failures) - before} problems")
    for f in failures:
        print("FAIL:", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
