"""The rule catalogue: complete, documented, the one place rule ids are spelled."""

from __future__ import annotations

import ast
from pathlib import Path

from branch_desk.domain.rules.catalogue import CATALOGUE, area_of
from branch_desk.domain.rules.doc import render
from branch_desk.domain.rules.ids import Area, RuleId
from branch_desk.domain.rules.settings import SETTING_BY_KEY

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "branch_desk"
RULES_DIR = SRC / "domain" / "rules"


def test_docs_rules_md_is_generated_from_the_catalogue() -> None:
    stored = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert stored == render(), (
        "docs/rules.md is stale: run python -m branch_desk.domain.rules.doc > docs/rules.md"
    )


def test_every_rule_id_has_one_entry_with_source_settings_and_checker() -> None:
    assert set(CATALOGUE) == set(RuleId)
    for rule, spec in CATALOGUE.items():
        assert spec.id is rule and spec.source and spec.title and spec.text
        assert all(key in SETTING_BY_KEY for key in spec.settings), rule
        assert spec.check.__module__.startswith("branch_desk.domain.rules."), rule
        assert spec.checker_name in render()


def test_area_of_a_finding_rule() -> None:
    assert area_of("quorum") is Area.VOTES
    assert area_of("develop.publicity") is Area.DEVELOPMENT
    assert area_of("dues.arrears_6") is Area.DUES
    assert area_of("no.such.rule") is None


def _strings(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def test_rule_ids_are_spelled_only_in_the_catalogue_ids() -> None:
    ids = {r.value for r in RuleId}
    spelled = [
        f"{path.relative_to(SRC)}:{line} {text}"
        for path in SRC.rglob("*.py")
        if path != RULES_DIR / "ids.py"
        for line, text in _strings(path)
        if text in ids
    ]
    assert spelled == []


def test_rule_modules_are_pure() -> None:
    for path in RULES_DIR.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            for name in names:
                assert not name.startswith(("PySide6", "sqlalchemy")), (path.name, name)
            if isinstance(node, ast.ImportFrom) and node.level >= 2:
                assert not (node.module or "").startswith(("storage", "services", "ui")), path
