#!/usr/bin/env python3
"""Checks the engine's include graph (ctest engine_dependencies; docs/architecture.md).

Usage: check_dependencies.py SRC_DIR PIPELINE=DEP,DEP ...   (one argument per engine folder)
- a file in src/engine/P/ includes engine headers only from P and the folders P depends on;
- no include cycle between modules (x.hpp and x.cpp are one module), e.g. a preset table and
  the importer that uses it;
- the engine includes no UI or platform headers.
Static libraries catch a wrong call at link time; this also catches inline code and types.
"""
import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^">]+)[">]', re.M)
FORBIDDEN = ("imgui", "emscripten", "GLFW", "GLES")


def main(argv):
    src = pathlib.Path(argv[1])
    allowed = {}
    for spec in argv[2:]:
        name, _, deps = spec.partition("=")
        allowed[name] = {name, *filter(None, deps.split(","))}
    problems = []
    graph = {}  # module "import/lead_import" -> modules it includes
    for path in sorted(src.rglob("*.[ch]pp")):
        rel = path.relative_to(src)
        folder = rel.parts[0] if len(rel.parts) > 1 else ""
        if folder not in allowed:
            problems.append(f"{rel}: not in a known engine folder ({', '.join(sorted(allowed))})")
            continue
        module = str(rel.with_suffix(""))
        edges = graph.setdefault(module, set())
        for inc in INCLUDE.findall(path.read_text(encoding="utf-8")):
            if inc.startswith(FORBIDDEN):
                problems.append(f"{rel}: includes <{inc}>: the engine has no UI or platform code")
            if not inc.startswith("engine/"):
                continue
            target = pathlib.PurePosixPath(inc[len("engine/"):])
            if not (src / target).is_file():
                problems.append(f"{rel}: includes {inc}, which does not exist")
                continue
            if target.parts[0] not in allowed[folder]:
                problems.append(f"{rel}: includes {inc}, but {folder}/ may only use "
                                f"{', '.join(sorted(allowed[folder]))}")
            if str(target.with_suffix("")) != module:
                edges.add(str(target.with_suffix("")))
    # Cycles: depth-first search, reporting each cycle once by its path.
    state, stack = {}, []

    def visit(m):
        state[m] = "open"
        stack.append(m)
        for n in sorted(graph.get(m, ())):
            if state.get(n) == "open":
                problems.append("include cycle: " + " -> ".join(stack[stack.index(n):] + [n]))
            elif n not in state:
                visit(n)
        stack.pop()
        state[m] = "done"

    for m in sorted(graph):
        if m not in state:
            visit(m)
    for p in problems:
        print(p)
    print(f"{len(graph)} modules checked, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
