"""pyproject.toml lists every package, and the resources folder is found the way it is installed."""

from __future__ import annotations

import tomllib
from pathlib import Path

from setuptools import find_packages

from branch_desk.paths import bundled_resource

ROOT = Path(__file__).resolve().parents[1]


def test_pyproject_lists_every_package_of_the_source_tree():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    expected = set(find_packages(str(ROOT / "src"))) | {"branch_desk.resources"}
    assert listed == expected
    assert config["tool"]["setuptools"]["package-dir"]["branch_desk.resources"] == "resources"


def test_resources_have_one_copy_at_the_top_level():
    assert not (ROOT / "src" / "branch_desk" / "resources").exists()
    icon = bundled_resource("icons/branch-desk.png")
    assert icon.is_file()
    assert icon.resolve().parent.parent == (ROOT / "resources").resolve()
