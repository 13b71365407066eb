#!/usr/bin/env bash
# Build the one-folder bundle dist/branch-desk/ with PyInstaller, print its size, smoke-test it.
# Run from anywhere, with the Python that has branch-desk installed (pip install -e .).
# The same steps for Windows are in installer/build.ps1.
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install -q "pyinstaller>=6.5,<7"
version="$(python installer/version_info.py)"
echo "building 支部工作台 $version"
python -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build installer/branch-desk.spec

echo "bundle size: $(du -sh dist/branch-desk | cut -f1) (dist/branch-desk, $(find dist/branch-desk -type f | wc -l) files)"
bash installer/smoke_test.sh dist/branch-desk
