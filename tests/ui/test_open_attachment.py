"""打开附件 in the event editor's panel: a hostile stored name cannot leave the temp folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from branch_desk.ui.context import UiContext
from branch_desk.ui.events import attachments
from tests.services.test_hostile_attachments import SCAN, SCAN_SHA, attach


def test_open_current_copies_inside_the_temp_folder(
    ctx: UiContext, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attach(ctx.desk, ctx.unit_id, tmp_path, "../../pwned_open_copy.sh")
    temp_root = tmp_path / "a" / "temp"
    temp_root.mkdir(parents=True)
    opened: list[str] = []

    class Temp:
        StandardLocation = attachments.QStandardPaths.StandardLocation

        @staticmethod
        def writableLocation(_where: object) -> str:
            return str(temp_root)

    class Desktop:
        @staticmethod
        def openUrl(url: Any) -> bool:
            opened.append(url.toLocalFile())
            return True

    monkeypatch.setattr(attachments, "QStandardPaths", Temp)
    monkeypatch.setattr(attachments, "QDesktopServices", Desktop)
    event_id = ctx.desk.events.list(ctx.unit_id)[0].id
    panel = attachments.AttachmentsPanel(ctx, event_id)
    qtbot.addWidget(panel)
    panel.reload()
    panel.list.setCurrentRow(0)
    panel.open_current()
    expected = temp_root / f"branch-desk-{SCAN_SHA[:12]}" / "pwned_open_copy.sh"
    assert opened == [str(expected)] and expected.read_bytes() == SCAN
    assert not (tmp_path / "a" / "pwned_open_copy.sh").exists()
    assert not (tmp_path / "pwned_open_copy.sh").exists()
