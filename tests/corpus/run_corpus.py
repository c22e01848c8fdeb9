#!/usr/bin/python3
"""Third-party message corpus: every file named in expectations.json goes through the real plugins.

    run_corpus.py --gatewayctl BIN --plugins DIR --source SOURCE_DIR [--manifest FILE] [--validator validate.js]
                  [--only SUBSTRING] [--jobs N]

For each file of tests/data listed in the manifest it runs
    gatewayctl translate --plugins DIR --adapter NAME [--options OPTIONS.yaml] FILE
and checks what the manifest expects:
  translated              exit 0, a Bundle on stdout, the facts hold (warnings, if any, are only reported);
  accepted_with_warnings  exit 0, the facts hold, and each expected field is named by a line
                          'FILE: warning (FIELD): text' on stderr;
  refused                 exit 1, 'FILE: rejected (STATUS[ at LOCATION]): reason' on stderr with the expected
                          status and a reason containing the expected text.
Every Bundle is also run through the independent FHIR validator (node tools/fhir-validator/validate.js OUT.json),
which must report 0 errors; without node the check is skipped, or fails when GW_REQUIRE_NODE=1.
Files read from ../shared/samples (Chinese WS/T examples, never copied) are skipped with a message when absent.
Only the Python standard library is used. Exit status 0 when every file passes.
"""
import argparse
import collections
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

WARNING_RE = re.compile(r"^(?P<file>.*): warning \((?P<field>[^)]*)\): (?P<text>.*)$")
REJECT_RE = re.compile(r"^(?P<file>.*): rejected(?: \((?P<status>GW_[A-Z_]+)(?: at (?P<location>.*?))?\))?: (?P<reason>.*)$")


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--gatewayctl", required=True)
    p.add_argument("--plugins", required=True)
    p.add_argument("--source", required=True, help="the repository root (tests/data and tools/ are read from it)")
    p.add_argument("--manifest", help="default: SOURCE/tests/corpus/expectations.json")
    p.add_argument("--validator", help="default: SOURCE/tools/fhir-validator/validate.js")
    p.add_argument("--only", action="append", default=[], help="run only files whose path contains this text (repeatable)")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--timeout", type=float, default=120.0)
    return p.parse_args()


def yaml_scalar(value):
    # Options are flat maps of scalars: written as double-quoted YAML strings (JSON string syntax is valid YAML).
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(str(value), ensure_ascii=False)


def write_options(folder, name, options, source):
    if not options:
        return None
    path = os.path.join(folder, name + ".yaml")
    with open(path, "w", encoding="utf-8") as out:
        for key, value in options.items():
            if isinstance(value, str):
                value = value.replace("${SOURCE_DIR}", source)
            out.write("%s: %s\n" % (key, yaml_scalar(value)))
    return path


def values_at(node, steps):
    """All values reached by following the dotted path; lists are searched element by element."""
    if isinstance(node, list):
        out = []
        for item in node:
            out.extend(values_at(item, steps))
        return out
    if not steps:
        return [node]
    if not isinstance(node, dict) or steps[0] not in node:
        return []
    return values_at(node[steps[0]], steps[1:])


def same_value(actual, expected):
    if isinstance(expected, bool) or isinstance(actual, bool):
        return actual is expected
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return abs(float(actual) - float(expected)) < 1e-9
    return isinstance(actual, str) and actual == str(expected)


def check_facts(bundle, facts):
    problems = []
    if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
        return ["the output is not a FHIR Bundle"]
    resources = [e.get("resource") for e in bundle.get("entry", []) if isinstance(e, dict) and isinstance(e.get("resource"), dict)]
    by_type = collections.defaultdict(list)
    for r in resources:
        by_type[r.get("resourceType")].append(r)
    if "identifier" in facts:
        ident = bundle.get("identifier")
        value = ident.get("value") if isinstance(ident, dict) else None
        if value != facts["identifier"]:
            problems.append("Bundle.identifier.value is %r, expected %r" % (value, facts["identifier"]))
    for rtype, n in facts.get("counts", {}).items():
        if len(by_type[rtype]) != n:
            problems.append("%d %s, expected %d" % (len(by_type[rtype]), rtype, n))
    for rtype, n in facts.get("min_counts", {}).items():
        if len(by_type[rtype]) < n:
            problems.append("%d %s, expected at least %d" % (len(by_type[rtype]), rtype, n))
    for rtype, path, expected in facts.get("values", []):
        found = [v for r in by_type[rtype] for v in values_at(r, path.split("."))]
        if not any(same_value(v, expected) for v in found):
            shown = ", ".join(repr(v) for v in found[:6]) or "nothing"
            problems.append("no %s.%s = %r (found %s)" % (rtype, path, expected, shown))
    return problems


def warning_named(expected, warnings):
    """expected is 'A' or 'A|B|...': true when some warning's field names one of them."""
    for alternative in expected.split("|"):
        alternative = alternative.strip().lower()
        for field, text in warnings:
            if alternative and (alternative in field.lower()):
                return True
    return False


class Validator:
    def __init__(self, script):
        self.script = script
        self.node = shutil.which("node")
        self.require = os.environ.get("GW_REQUIRE_NODE") == "1"
        self.missing = None
        if not self.node:
            self.missing = "node is not installed"
        elif not os.path.isfile(script):
            self.missing = "%s is missing" % script
        elif not os.path.isdir(os.path.join(os.path.dirname(script), "node_modules")):
            self.missing = "the validator's node_modules are not installed (npm ci in %s)" % os.path.dirname(script)

    def check(self, bundle_path, timeout):
        """(ok, message); ok None means skipped."""
        if self.missing:
            return (False if self.require else None), "FHIR validation: " + self.missing
        proc = subprocess.run([self.node, self.script, bundle_path], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=timeout)
        text = (proc.stdout + proc.stderr).decode("utf-8", "replace").strip()
        if proc.returncode == 0:
            return True, "valid"
        lines = [l.replace(bundle_path + ": ", "") for l in text.splitlines()
                 if l.strip() and not l.startswith("validate.js:")]
        return False, "FHIR validator: %s" % (" | ".join(lines[:4]) or "exit %d" % proc.returncode)


def run_one(rel, entry, ctx):
    """Returns (status, outcome, message); status PASS / FAIL / SKIP, outcome translated / warnings / refused / -."""
    path = os.path.join(ctx["data"], entry.get("file", rel))
    if entry.get("external"):
        path = os.path.normpath(os.path.join(ctx["source"], entry["external"]))
        if not os.path.isfile(path):
            return "SKIP", "-", "%s is not present (never copied into the repository)" % entry["external"]
    if not os.path.isfile(path):
        return "FAIL", "-", "the file is missing"
    adapter = entry["adapter"]
    cmd = [ctx["gatewayctl"], "translate", "--plugins", ctx["plugins"], "--adapter", adapter]
    if ctx["options"].get(adapter):
        cmd += ["--options", ctx["options"][adapter]]
    cmd.append(path)
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=ctx["timeout"])
    except subprocess.TimeoutExpired:
        return "FAIL", "-", "gatewayctl did not finish in %.0f s" % ctx["timeout"]
    stdout = proc.stdout.decode("utf-8", "replace")
    stderr = proc.stderr.decode("utf-8", "replace")
    warnings, rejection, other = [], None, []
    for line in stderr.splitlines():
        w = WARNING_RE.match(line)
        r = REJECT_RE.match(line)
        if w and w.group("file") == path:
            warnings.append((w.group("field"), w.group("text")))
        elif r and r.group("file") == path:
            rejection = r
        elif line.strip():
            other.append(line.strip())
    outcome = "refused" if proc.returncode != 0 else ("warnings" if warnings else "translated")
    expect = entry["expect"]
    problems = []
    if expect == "refused":
        if proc.returncode == 0:
            problems.append("translated, expected a refusal (%s: %s)" % (entry.get("status"), entry.get("reason_contains")))
        elif rejection is None:
            problems.append("exit %d without a rejection line: %s" % (proc.returncode, " | ".join(other[:3]) or "no stderr"))
        else:
            if entry.get("status") and rejection.group("status") != entry["status"]:
                problems.append("status %s, expected %s" % (rejection.group("status"), entry["status"]))
            want = entry.get("reason_contains", "")
            reason = rejection.group("reason").lower()
            if want and not any(w.strip().lower() in reason for w in want.split("|")):
                problems.append("reason does not contain %r" % want)
            if problems:
                problems.append("actual: rejected (%s%s): %s" % (rejection.group("status"),
                                " at " + rejection.group("location") if rejection.group("location") else "", rejection.group("reason")))
        if not problems:
            return "PASS", outcome, "refused (%s): %s" % (rejection.group("status"), rejection.group("reason"))
        return "FAIL", outcome, "; ".join(problems)

    # translated or accepted_with_warnings
    if proc.returncode != 0:
        if rejection is not None:
            detail = "rejected (%s%s): %s" % (rejection.group("status"),
                                               " at " + rejection.group("location") if rejection.group("location") else "",
                                               rejection.group("reason"))
        else:
            detail = "exit %d: %s" % (proc.returncode, " | ".join(other[:3]) or "no stderr")
        return "FAIL", outcome, "expected %s, got %s" % (expect.replace("_", " "), detail)
    try:
        bundle = json.loads(stdout)
    except ValueError as e:
        return "FAIL", outcome, "stdout is not JSON: %s" % e
    if expect == "accepted_with_warnings":
        for field in entry.get("warnings", []):
            if not warning_named(field, warnings):
                problems.append("no warning naming %s" % field)
    problems += check_facts(bundle, entry.get("facts", {}))
    validation = ""
    with tempfile.NamedTemporaryFile("w", suffix=".json", dir=ctx["tmp"], delete=False, encoding="utf-8") as out:
        out.write(stdout)
        bundle_path = out.name
    try:
        ok, message = ctx["validator"].check(bundle_path, ctx["timeout"])
    except subprocess.TimeoutExpired:
        ok, message = False, "FHIR validator did not finish"
    finally:
        os.unlink(bundle_path)
    if ok is False:
        problems.append(message)
    elif ok is None:
        validation = " (%s, skipped)" % message
    seen = "; warnings: " + ", ".join("%s: %s" % w for w in warnings) if warnings else ""
    if problems:
        return "FAIL", outcome, "; ".join(problems) + seen
    return "PASS", outcome, "%s%s%s" % (expect.replace("_", " "), validation, seen)


def main():
    args = parse_args()
    source = os.path.abspath(args.source)
    manifest_path = args.manifest or os.path.join(source, "tests", "corpus", "expectations.json")
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
    for what, path in (("gatewayctl", args.gatewayctl), ("plugins folder", args.plugins)):
        if not os.path.exists(path):
            print("FAIL: the %s %s does not exist" % (what, path))
            return 2
    tmp = tempfile.mkdtemp(prefix="gw-corpus-")
    try:
        options = {name: write_options(tmp, name, spec.get("options"), source)
                   for name, spec in manifest.get("adapters", {}).items()}
        ctx = {"data": os.path.join(source, "tests", "data"), "source": source, "gatewayctl": args.gatewayctl,
               "plugins": args.plugins, "options": options, "timeout": args.timeout, "tmp": tmp,
               "validator": Validator(args.validator or os.path.join(source, "tools", "fhir-validator", "validate.js"))}
        files = [(rel, e) for rel, e in manifest["files"].items() if not args.only or any(o in rel for o in args.only)]
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            results = list(pool.map(lambda item: (item[0], item[1], run_one(item[0], item[1], ctx)), files))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    summary = collections.OrderedDict()
    failures = 0
    for rel, entry, (status, outcome, message) in results:
        print("%s %s [%s]: %s" % (status, rel, entry["adapter"], message))
        counts = summary.setdefault(entry.get("source", "?"), collections.Counter())
        counts[outcome] += 1
        counts[status] += 1
        failures += status == "FAIL"
    print()
    print("%-40s %10s %10s %8s %5s %5s %5s" % ("source repository", "translated", "warnings", "refused", "PASS", "FAIL", "SKIP"))
    for src, c in sorted(summary.items()):
        print("%-40s %10d %10d %8d %5d %5d %5d" % (src, c["translated"], c["warnings"], c["refused"], c["PASS"], c["FAIL"], c["SKIP"]))
    total = sum(summary.values(), collections.Counter())
    print("%-40s %10d %10d %8d %5d %5d %5d" % ("total", total["translated"], total["warnings"], total["refused"],
                                               total["PASS"], total["FAIL"], total["SKIP"]))
    print("(translated / warnings / refused: what the gateway did; PASS / FAIL: against expectations.json)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
