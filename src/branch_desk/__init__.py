"""Branch Desk (支部工作台): offline record keeping for Party branch secretaries."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("branch-desk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
