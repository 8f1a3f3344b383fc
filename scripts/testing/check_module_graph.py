#!/usr/bin/env python3
"""Checks that the modules' imports are exactly the dependencies Package.swift declares.

For every Swift target: a module it imports that Package.swift does not list is an undeclared edge (it builds only
by accident, through another target's dependency); a listed dependency it never imports is an unused edge. Either
fails the run. ARCHITECTURE.md draws this graph. Run from anywhere: python3 scripts/testing/check_module_graph.py
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Products of package dependencies: the module names they are imported as.
PRODUCT_MODULES = {"AsyncHTTPClient", "Crypto", "NIOCore", "NIOPosix", "NIOHTTP1", "Logging", "ArgumentParser", "BigInt"}
SYSTEM_MODULES = {"Foundation", "Glibc", "Darwin", "Testing", "Synchronization", "Dispatch", "FoundationEssentials",
                  "_Concurrency", "os", "XCTest", "Musl"}


def targets():
    text = open(os.path.join(ROOT, "Package.swift")).read()
    found = {}
    for match in re.finditer(r"\.(target|executableTarget|testTarget|systemLibrary)\(\s*name:\s*\"([^\"]+)\"", text):
        kind, name = match.group(1), match.group(2)
        # The call's text up to its matching parenthesis.
        depth, index = 0, match.start()
        while True:
            char = text[index]
            depth += char == "("
            depth -= char == ")"
            index += 1
            if depth == 0 and char == ")":
                break
        call = text[match.start():index]
        deps = set()
        deps_match = re.search(r"dependencies:\s*\[(.*?)\]\s*(,|\))", call, re.S)
        if deps_match:
            body = deps_match.group(1)
            deps |= set(re.findall(r"\.product\(name:\s*\"([^\"]+)\"", body))
            body = re.sub(r"\.product\([^)]*\)", "", body)
            deps |= set(re.findall(r"\"([^\"]+)\"", body))
        path_match = re.search(r"path:\s*\"([^\"]+)\"", call)
        if path_match:
            path = path_match.group(1)
        else:
            path = os.path.join("Tests" if kind == "testTarget" else "Sources", name)
        found[name] = (kind, deps, os.path.join(ROOT, path))
    return found


def imports(directory):
    names = set()
    for folder, _, files in os.walk(directory):
        for file in files:
            if not file.endswith(".swift"):
                continue
            for line in open(os.path.join(folder, file), encoding="utf-8"):
                match = re.match(r"\s*(?:@[\w()]+\s+)*(?:public\s+|internal\s+|package\s+)?import\s+(\w+)", line)
                if match:
                    names.add(match.group(1))
    return names


def main():
    all_targets = targets()
    problems = []
    for name, (kind, deps, directory) in sorted(all_targets.items()):
        if kind == "systemLibrary":
            continue
        used = imports(directory) - SYSTEM_MODULES - {name}
        known = set(all_targets) | PRODUCT_MODULES
        for module in sorted(used - deps):
            if module in known:
                problems.append(f"{name} imports {module} but Package.swift does not declare it")
        for module in sorted(deps - used):
            problems.append(f"{name} declares {module} but never imports it")
    for problem in problems:
        print(problem)
    if problems:
        sys.exit(1)
    print(f"module graph: {len(all_targets)} targets, imports match Package.swift")


if __name__ == "__main__":
    main()
