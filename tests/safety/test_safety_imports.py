"""The safety modules and the attachment store import one another without a cycle, counting the
imports inside functions too (they run later, but a cycle there still ties the modules together)."""

from __future__ import annotations

from tests.test_import_direction import PACKAGE, _imports, _module_name

AREAS = ("branch_desk.services.safety", "branch_desk.services.data")


def test_no_cycle_among_safety_and_data_even_through_function_level_imports() -> None:
    modules = {_module_name(p)[0]: p for p in PACKAGE.rglob("*.py")}
    graph = {
        name: {m for m in _imports(path, module_level_only=False) if m in modules and m != name}
        for name, path in modules.items()
        if name.startswith(AREAS)
    }

    def reachable(start: str) -> set[str]:
        seen: set[str] = set()
        stack = [start]
        while stack:
            for nxt in graph.get(stack.pop(), set()) - seen:
                seen.add(nxt)
                stack.append(nxt)
        return seen

    assert [name for name in sorted(graph) if name in reachable(name)] == []
