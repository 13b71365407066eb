"""Entry point of the PyInstaller bundle: the same main() as the ``branch-desk`` command.

The windowed Windows exe has no console: Python sets sys.stdout and sys.stderr to None there,
so they are pointed at os.devnull to keep a command started from it from failing on output
(branch-desk-cli.exe is the console twin for the command line).
"""

import os
import sys

if sys.stdout is None or sys.stderr is None:
    _devnull = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the app
    sys.stdout = sys.stdout or _devnull
    sys.stderr = sys.stderr or _devnull

from branch_desk.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
