"""No import cycles among the package's modules, nor the benchmark's (issue 16): every module
imports only modules below it, so each can be imported, read and tested on its own. Imports
inside functions count too: a cycle deferred to run time is still a cycle."""

from __future__ import annotations

import grimp


def import_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    for root in sorted(graph.modules):
        if root in order:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        order[root] = low[root] = len(order)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, imported = work[-1]
            following = next(imported, None)
            if following is not None:
                if following not in order:
                    order[following] = low[following] = len(order)
                    stack.append(following)
                    on_stack.add(following)
                    edges = graph.find_modules_directly_imported_by(following)
                    work.append((following, iter(sorted(edges))))
                elif following in on_stack:
                    low[module] = min(low[module], order[following])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[module])
            if low[module] == order[module]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == module:
                        break
                if len(group) > 1:
                    cycles.append(sorted(group))
    return sorted(cycles)


def test_the_finder_sees_a_cycle_and_only_the_cycle():
    graph = grimp.ImportGraph()
    for importer, imported in [("p.a", "p.b"), ("p.b", "p.c"), ("p.c", "p.a"), ("p.c", "p.d")]:
        graph.add_import(importer=importer, imported=imported)
    graph.add_import(importer="p.e", imported="p.e2")
    graph.add_import(importer="p.e2", imported="p.e")
    assert import_cycles(graph) == [["p.a", "p.b", "p.c"], ["p.e", "p.e2"]]


def test_no_module_imports_itself_back():
    graph = grimp.build_graph("roma_monitor", "benchmarks", cache_dir=None)
    assert "roma_monitor.validate.gate" in graph.modules
    assert "benchmarks.run" in graph.modules
    assert import_cycles(graph) == []


def test_the_benchmark_is_not_in_the_package():
    graph = grimp.build_graph("roma_monitor", "benchmarks", cache_dir=None)
    assert not [m for m in graph.modules if m.startswith("roma_monitor.bench")]
    assert graph.find_matching_direct_imports("roma_monitor.** -> benchmarks.**") == []
    assert graph.find_matching_direct_imports("roma_monitor.** -> benchmarks") == []
