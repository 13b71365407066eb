"""The composition root: services built on first use, each once, wired as before."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from branch_desk.services.app import BranchDesk
from branch_desk.services.checking.checker import CheckService

SERVICES = [
    "safety",
    "audit",
    "org",
    "roster",
    "roster_import",
    "roster_io",
    "files",
    "exchange",
    "events",
    "settings",
    "exclusions",
    "minutes",
    "event_import",
    "dues",
    "dues_reports",
    "dues_day",
    "dues_carry",
    "dues_import",
    "dues_io",
    "checks",
    "development",
    "candidate_import",
    "development_checks",
    "calendar",
    "development_io",
    "year_records",
    "snapshots",
    "summary",
    "archive",
]


def test_services_are_built_on_first_use_and_only_once(desk: BranchDesk) -> None:
    fresh = BranchDesk(desk.paths, desk.db)
    assert not set(SERVICES) & set(vars(fresh))  # opening builds no service
    assert fresh.roster is fresh.roster
    assert set(vars(fresh)) & set(SERVICES) == {"roster"}
    for name in SERVICES:
        assert getattr(fresh, name) is getattr(fresh, name)
    assert fresh.snapshots.src.checks is fresh.checks  # one shared instance per desk
    assert fresh.archive.src.summary is fresh.summary


def test_the_checker_hears_dues_and_development_findings(desk: BranchDesk) -> None:
    checks = desk.checks
    assert isinstance(checks, CheckService)
    owners = [getattr(f, "__self__", None) for f in checks.checkers[1:]]
    assert owners == [desk.dues_reports, desk.development_checks]


def test_importing_the_composition_loads_no_service_module() -> None:
    code = textwrap.dedent(
        """
        import sys
        import branch_desk.services.app
        heavy = [m for m in sys.modules if m.startswith(("branch_desk.services.archive.pack",
                 "branch_desk.services.dues", "branch_desk.services.development",
                 "branch_desk.services.year", "branch_desk.exports.archive_pack", "pypinyin"))]
        print(heavy)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
