"""What the app can open: every QDialog class and every function leading to a print preview.

Found by reading ``branch_desk.ui`` itself, so a screen added later is listed here without
anyone remembering to: tests/ui/test_every_dialog.py fails until it also opens the new one.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QDialog

import branch_desk.ui
from branch_desk.ui.dialog_guard import EditorDialog, FittedDialog
from branch_desk.ui.dues.fields import DuesForm
from branch_desk.ui.fitted_preview import FittedPreviewDialog
from branch_desk.ui.widgets.form_dialog import SavingFormDialog
from branch_desk.ui.widgets.import_preview import ImportPreviewDialog

BASES = {
    FittedDialog,
    EditorDialog,
    FittedPreviewDialog,
    ImportPreviewDialog,
    DuesForm,
    SavingFormDialog,
}


def ui_modules() -> list[str]:
    """Return the names of every module of the GUI package."""
    package = branch_desk.ui
    found = pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}.")
    return sorted(info.name for info in found)


def dialog_classes() -> dict[str, type[QDialog]]:
    """Return every QDialog subclass defined in the GUI, by class name."""
    classes: dict[str, type[QDialog]] = {}
    for name in ui_modules():
        module = importlib.import_module(name)
        for _attr, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, QDialog) and value.__module__ == name and value not in BASES:
                classes[value.__name__] = value
    return classes


def _calls(node: ast.AST) -> set[str]:
    """Return the names called inside ``node`` (``f(...)`` and ``x.f(...)``)."""
    names = set()
    for call in ast.walk(node):
        if isinstance(call, ast.Call):
            func = call.func
            if isinstance(func, ast.Name):
                names.add(func.id)
            elif isinstance(func, ast.Attribute):
                names.add(func.attr)
    return names


def _functions(name: str) -> list[tuple[str, ast.FunctionDef]]:
    """Return ``module:Qualified.name`` and the node of every function in a module."""
    source = Path(importlib.import_module(name).__file__ or "").read_text(encoding="utf-8")
    found: list[tuple[str, ast.FunctionDef]] = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef):
            found.append((f"{name}:{node.name}", node))
        elif isinstance(node, ast.ClassDef):
            found += [
                (f"{name}:{node.name}.{item.name}", item)
                for item in node.body
                if isinstance(item, ast.FunctionDef)
            ]
    return found


def preview_openers() -> set[str]:
    """Return every function that opens a QPrintPreviewDialog, directly or through another."""
    functions = [f for name in ui_modules() for f in _functions(name)]
    previews = {c.__name__ for c in dialog_classes().values() if issubclass(c, QPrintPreviewDialog)}
    reaching = {"QPrintPreviewDialog", *previews}
    openers: set[str] = set()
    while True:
        new = {key for key, node in functions if key not in openers and _calls(node) & reaching}
        if not new:
            return openers
        openers |= new
        reaching |= {key.rsplit(".", 1)[-1].rsplit(":", 1)[-1] for key in new}
