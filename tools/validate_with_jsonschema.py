#!/usr/bin/env python3
"""Validate Argo manifests against argolint's committed JSON Schemas with an independent
validator (Python's `jsonschema`), one document at a time.

Usage:
  validate_with_jsonschema.py --schemas DIR --version v4.1 EXAMPLES_DIR

For every YAML file under EXAMPLES_DIR (recursively), every document whose `kind` is one of
the four Argo kinds is validated against the combined schema `argo-workflows-<version>.json`
and, when present, the per-kind schema `argo-workflows-<version>-<kind>.json`. Other kinds
are skipped. YAML is read with YAML 1.1 rules like Kubernetes (PyYAML), except that
timestamps stay strings (as they do when Kubernetes converts YAML to JSON); a duplicate key
keeps the last value.

Then two self-checks show the schemas are strict under this validator too:
  - mutations: in each valid document one key is renamed to a near miss (`spec` fields and
    every template's fields) and one enum value is changed; each must be rejected;
  - value grammar: known good and bad quantities and durations are accepted and rejected.

Prints one JSON summary line on stdout; exits 1 on any unexpected result, 2 on bad usage,
3 when jsonschema or PyYAML is not installed.
"""

import argparse
import copy
import json
import os
import sys

try:
    import jsonschema
    import yaml
except ImportError as e:  # pragma: no cover - reported to the Rust test
    print(json.dumps({"missing_module": str(e)}))
    sys.exit(3)

KINDS = {"Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow"}


class Loader(yaml.SafeLoader):
    """SafeLoader without timestamp resolution (Kubernetes' YAML-to-JSON keeps them as text)."""


Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}


def load_docs(path):
    with open(path, encoding="utf-8") as f:
        return [d for d in yaml.load_all(f, Loader=Loader) if d is not None]


def validator(path):
    with open(path, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def errors_of(v, doc):
    return sorted(
        ("/".join(str(p) for p in e.absolute_path) or "<root>") + ": " + e.message[:300]
        for e in v.iter_errors(doc)
    )


def near_miss(name):
    """A plausible typo: swap the last two letters (or double the last one)."""
    if len(name) >= 3 and name[-1] != name[-2]:
        return name[:-2] + name[-1] + name[-2]
    return name + name[-1]


def mutations(doc):
    """Yield (description, mutated document) pairs that a strict schema must reject."""
    spec = doc.get("spec")
    if isinstance(spec, dict) and doc.get("kind") == "CronWorkflow":
        spec = spec.get("workflowSpec")
    if isinstance(spec, dict):
        for key in list(spec)[:3]:
            m = copy.deepcopy(doc)
            s = m["spec"]["workflowSpec"] if doc.get("kind") == "CronWorkflow" else m["spec"]
            s[near_miss(key)] = s.pop(key)
            yield "rename spec key %s" % key, m
        templates = spec.get("templates")
        if isinstance(templates, list):
            for i, t in enumerate(templates):
                if not isinstance(t, dict) or not t:
                    continue
                key = next(k for k in t if k != "name") if len(t) > 1 else next(iter(t))
                m = copy.deepcopy(doc)
                s = m["spec"]["workflowSpec"] if doc.get("kind") == "CronWorkflow" else m["spec"]
                s["templates"][i][near_miss(key)] = s["templates"][i].pop(key)
                yield "rename templates[%d].%s" % (i, key), m
    # One enum value changed: the first retryPolicy / imagePullPolicy / strategy found.
    for path, m in enum_mutations(doc):
        yield "change enum %s" % path, m
        break


ENUM_KEYS = {"retryPolicy", "imagePullPolicy", "concurrencyPolicy", "mergeStrategy", "action"}


def enum_mutations(doc):
    def walk(node, path):
        if isinstance(node, dict):
            for k, v in node.items():
                if k in ENUM_KEYS and isinstance(v, str) and "{{" not in v:
                    yield path + [k]
                else:
                    yield from walk(v, path + [k])
        elif isinstance(node, list):
            for i, v in enumerate(node):
                yield from walk(v, path + [i])

    for p in walk(doc, []):
        m = copy.deepcopy(doc)
        node = m
        for step in p[:-1]:
            node = node[step]
        node[p[-1]] = node[p[-1]].lower() + "x"
        yield "/".join(str(x) for x in p), m


GOOD_QUANTITIES = ["1", "0.5", "250m", "1.5Gi", "512Mi", "2e3", "1E-3", "+1k", ".5", "{{inputs.parameters.mem}}"]
BAD_QUANTITIES = ["1GB", "five", "1.5 Gi", "Gi", "", "1ki"]
GOOD_DURATIONS = ["30", "90s", "1h30m", "1.5h", "500ms", "2d", "0", "{{inputs.parameters.t}}"]
BAD_DURATIONS = ["30 s", "1 hour", "h", "-", "1y", ""]


def grammar_check(v):
    """Known-good values must validate and known-bad ones must not, in typed positions."""
    problems = []

    def wf(resources=None, max_duration=None):
        t = {"name": "main", "container": {"image": "alpine"}}
        if resources is not None:
            t["container"]["resources"] = {"limits": {"memory": resources}}
        if max_duration is not None:
            t["retryStrategy"] = {"backoff": {"maxDuration": max_duration}}
        return {
            "apiVersion": "argoproj.io/v1alpha1",
            "kind": "Workflow",
            "metadata": {"generateName": "g-"},
            "spec": {"entrypoint": "main", "templates": [t]},
        }

    for q in GOOD_QUANTITIES:
        if errors_of(v, wf(resources=q)):
            problems.append("quantity %r rejected" % q)
    for q in BAD_QUANTITIES:
        if not errors_of(v, wf(resources=q)):
            problems.append("quantity %r accepted" % q)
    for d in GOOD_DURATIONS:
        if errors_of(v, wf(max_duration=d)):
            problems.append("duration %r rejected" % d)
    for d in BAD_DURATIONS + [30]:
        if not errors_of(v, wf(max_duration=d)):
            problems.append("duration %r accepted" % d)
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--schemas", required=True)
    ap.add_argument("--version", required=True)
    ap.add_argument("examples")
    a = ap.parse_args()
    if not os.path.isdir(a.examples) or not os.path.isdir(a.schemas):
        print(json.dumps({"usage": "missing directory"}))
        return 2

    combined = validator(os.path.join(a.schemas, "argo-workflows-%s.json" % a.version))
    per_kind = {}
    for k in KINDS:
        p = os.path.join(a.schemas, "argo-workflows-%s-%s.json" % (a.version, k.lower()))
        if os.path.exists(p):
            per_kind[k] = validator(p)

    files = 0
    docs = 0
    skipped = 0
    errors = []
    valid_docs = []
    for dirpath, _, names in sorted(os.walk(a.examples)):
        for name in sorted(names):
            if not name.endswith((".yaml", ".yml")):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, a.examples)
            files += 1
            try:
                loaded = load_docs(path)
            except yaml.YAMLError as e:
                errors.append("%s: YAML error: %s" % (rel, str(e)[:200]))
                continue
            for i, doc in enumerate(loaded):
                if not isinstance(doc, dict) or doc.get("kind") not in KINDS:
                    skipped += 1
                    continue
                docs += 1
                errs = errors_of(combined, doc)
                if doc["kind"] in per_kind:
                    errs += ["(per-kind) " + e for e in errors_of(per_kind[doc["kind"]], doc)]
                errors.extend("%s#%d: %s" % (rel, i, e) for e in errs)
                if not errs:
                    valid_docs.append((rel, i, doc))

    tried = caught = 0
    missed = []
    for rel, i, doc in valid_docs:
        for what, m in mutations(doc):
            tried += 1
            if errors_of(combined, m):
                caught += 1
            else:
                missed.append("%s#%d: %s" % (rel, i, what))

    grammar = grammar_check(combined)
    summary = {
        "files": files,
        "documents": docs,
        "skipped_non_argo": skipped,
        "schema_errors": errors,
        "mutations_tried": tried,
        "mutations_caught": caught,
        "mutations_missed": missed[:50],
        "grammar_problems": grammar,
        "validator": type(combined).__name__,
    }
    print(json.dumps(summary))
    return 1 if errors or missed or grammar else 0


if __name__ == "__main__":
    sys.exit(main())
