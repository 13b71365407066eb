"""The faster paths added for large data dirs give the same answers as the plain ones."""

from __future__ import annotations

from datetime import date

from alembic.config import Config
from alembic.script import ScriptDirectory

from branch_desk.domain.members import StatusChangeKind
from branch_desk.domain.voting import on_roll
from branch_desk.storage.migrations import runner


def test_migration_chain_read_without_alembic_matches_alembic():
    config = Config()
    config.set_main_option("script_location", str(runner.SCRIPT_LOCATION))
    scripts = ScriptDirectory.from_config(config)
    expected = [r.revision for r in reversed(list(scripts.walk_revisions()))]
    assert runner.all_revisions() == expected
    assert runner.head_revision() == scripts.get_current_head()
    assert runner.is_known(expected[0]) and not runner.is_known("9999")


def _sorted_on_roll(history, day):  # the definition: the last change up to the day, stable order
    latest = None
    for kind, effective in sorted(history, key=lambda item: item[1]):
        if effective <= day:
            latest = kind
    return latest is not None and latest.resulting_status.value == "在册"


def test_on_roll_without_sorting_agrees_with_the_sorted_definition():
    reg, out, back = (
        StatusChangeKind.REGISTERED,
        StatusChangeKind.TRANSFER_OUT,
        StatusChangeKind.TRANSFER_IN,
    )
    histories = [
        [],
        [(reg, date(2020, 1, 1))],
        [(reg, date(2020, 1, 1)), (out, date(2022, 5, 1))],
        [(out, date(2022, 5, 1)), (reg, date(2020, 1, 1))],  # unsorted
        [(reg, date(2020, 1, 1)), (out, date(2022, 5, 1)), (back, date(2022, 5, 1))],
        [(reg, date(2020, 1, 1)), (back, date(2022, 5, 1)), (out, date(2022, 5, 1))],
    ]
    days = [date(2019, 12, 31), date(2020, 1, 1), date(2022, 4, 30), date(2022, 5, 1)]
    for history in histories:
        for day in days:
            assert on_roll(history, day) == _sorted_on_roll(history, day), (history, day)
