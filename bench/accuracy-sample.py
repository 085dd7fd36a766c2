#!/usr/bin/env python3
"""Draws the findings to judge by hand from the reports bench/accuracy.sh wrote: every finding of a severity, or a
random sample stratified by history (a fixed seed, so the same reports give the same sample), each printed with the
migration's text at its line.

Usage: bench/accuracy-sample.py DIR [--out bench/out/accuracy] [--manifest bench/accuracy-histories.tsv]
                                    [--severity warning] [--per-history 6] [--seed 1] [--all] [--rule RULE]
"""
import argparse
import json
import os
import random
import sys


def manifest(path):
    rows = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                name, repository, commit, folder, layout = line.rstrip("\n").split("\t")
                rows[name] = folder
    return rows


def excerpt(checkout, folder, file, line, before=0, after=6):
    """The lines of the migration from its finding's line to the end of the statement (at most `after` more)."""
    for base in (os.path.join(checkout, folder), checkout):
        path = os.path.join(base, file)
        if os.path.isfile(path):
            with open(path, encoding="utf-8", errors="replace") as f:
                lines = f.read().split("\n")
            start = max(0, line - 1 - before)
            out = []
            for i in range(start, min(len(lines), line + after)):
                out.append(f"    {i + 1:5} | {lines[i]}")
                if i >= line - 1 and lines[i].rstrip().endswith((";", ")")) and not file.endswith(".py"):
                    break
            return "\n".join(out)
    return f"    (file not found: {file})"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root", help="the folder holding the checkouts")
    parser.add_argument("--out", default="bench/out/accuracy")
    parser.add_argument("--manifest", default="bench/accuracy-histories.tsv")
    parser.add_argument("--severity", default="warning", choices=["error", "warning", "info"])
    parser.add_argument("--per-history", type=int, default=6)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--all", action="store_true", help="every finding of the severity, not a sample")
    parser.add_argument("--rule", help="only this rule")
    args = parser.parse_args()

    folders = manifest(args.manifest)
    rng = random.Random(args.seed)
    number = 0
    for name in folders:
        report_path = os.path.join(args.out, name + ".json")
        if not os.path.isfile(report_path):
            print(f"# {name}: no report (run bench/accuracy.sh first)", file=sys.stderr)
            continue
        with open(report_path, encoding="utf-8") as f:
            findings = [x for x in json.load(f)["findings"] if x["severity"] == args.severity
                        and (args.rule is None or x["rule"] == args.rule)]
        # sorted first: the sample depends on the findings, not on the order the report lists them
        findings.sort(key=lambda x: (x["file"], x["line"], x["rule"], x["message"]))
        chosen = findings if args.all else rng.sample(findings, min(args.per_history, len(findings)))
        print(f"## {name}: {len(chosen)} of {len(findings)} {args.severity} findings")
        for x in chosen:
            number += 1
            print(f"[{number}] {name} {x['rule']} {x['file']}:{x['line']}")
            print(f"    {x['message']}")
            print(excerpt(os.path.join(args.root, name), folders[name], x["file"], x["line"]))
        print()


if __name__ == "__main__":
    main()
