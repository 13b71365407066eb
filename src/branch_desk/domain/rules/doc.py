"""Write docs/rules.md from the rule catalogue: ``python -m branch_desk.domain.rules.doc``.

A test compares the file in the repository with ``render()``, so the document cannot drift
from the code: change a rule, then regenerate the file.
"""

from __future__ import annotations

import sys

from .catalogue import CATALOGUE, RuleSpec
from .ids import Area
from .settings import SETTINGS

SEVERITY_WORDS = {"error": "error", "warning": "warning", "info": "information"}

INTRO = """\
# Rules Branch Desk checks

Generated from the rule catalogue (`src/branch_desk/domain/rules/catalogue.py`) by
`python -m branch_desk.domain.rules.doc > docs/rules.md`; do not edit by hand (a test fails
when this file and the catalogue disagree).

Every rule has a stable id (the `rule` of a finding and of `check --json`), an area, a default
severity, the regulation it comes from, the settings that tune it (stored per unit, editable
under 设置, with the defaults given here) and the pure function in `domain/rules/` that
checks it. Sources: 条例 = 《中国共产党支部工作条例（试行）》; 细则 = 《中国共产党发展党员工作细则》;
党费规定 = 《关于中国共产党党费收缴、使用和管理的规定》; 本地规定 = a local practice, so a
setting; 本系统约定 = a choice of this application.
"""


def _rule(spec: RuleSpec) -> list[str]:
    settings = ", ".join(f"`{key}` = {default}" for key, default in spec.setting_defaults())
    return [
        f"### `{spec.id.value}` — {spec.title}",
        "",
        spec.text,
        "",
        f"- Severity: {SEVERITY_WORDS[spec.severity.value]}",
        f"- Source: {spec.source}",
        f"- Settings: {settings or 'none'}",
        f"- Checked by: `{spec.checker_name}`",
        "",
    ]


def _other_settings() -> list[str]:
    used = {key for spec in CATALOGUE.values() for key in spec.settings}
    lines = [
        "## Other settings",
        "",
        "Settings no check reads directly (the dues calculation, reminders, forms):",
        "",
        "| key | meaning | default | source |",
        "|---|---|---|---|",
    ]
    for s in SETTINGS:
        if s.key not in used:
            lines.append(f"| `{s.key}` | {s.label} | {s.default} | {s.basis} |")
    return [*lines, ""]


def render() -> str:
    """Return the text of docs/rules.md."""
    lines = [INTRO]
    for area in Area:
        lines += [f"## {area.label} ({area.value})", ""]
        for spec in CATALOGUE.values():
            if spec.area is area:
                lines += _rule(spec)
    lines += _other_settings()
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":  # pragma: no cover - exercised through the test of render()
    sys.stdout.write(render())
