"""domain/, storage/, services/ and exports/ must never load Qt."""

import subprocess
import sys

CHECK = """
import importlib, pkgutil, sys
import branch_desk
for layer in ("domain", "storage", "services", "exports"):
    package = importlib.import_module(f"branch_desk.{layer}")
    for info in pkgutil.walk_packages(package.__path__, f"branch_desk.{layer}."):
        if ".migrations.env" in info.name or ".migrations.versions" in info.name:
            continue
        importlib.import_module(info.name)
loaded = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")))
print(",".join(loaded))
"""


def test_core_layers_load_no_qt():
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == ""


def test_cli_commands_load_no_qt():
    code = (
        "import sys; from branch_desk.cli import main; "
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
