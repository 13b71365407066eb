#!/usr/bin/env bash
# Smoke test of a built bundle: run the bundled executable (no Python from the system involved)
# through the main commands on a fresh data dir, then open and close the main window offscreen.
# Any failing step fails the script.
#
#     bash installer/smoke_test.sh [BUNDLE_DIR]      (default dist/branch-desk)
set -euo pipefail
cd "$(dirname "$0")/.."

bundle="${1:-dist/branch-desk}"
exe="$bundle/branch-desk"
[ -x "$exe" ] || exe="$bundle/branch-desk.exe"
[ -x "$exe" ] || { echo "smoke test: no executable in $bundle" >&2; exit 1; }

export QT_QPA_PLATFORM=offscreen
unset BRANCH_DESK_HOME
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
data="$work/data"
out="$work/out"
mkdir -p "$out"
year="$(date +%Y)"
step_no=0

step() {
  local name="$1"
  shift
  step_no=$((step_no + 1))
  local started=$SECONDS
  if ! "$@" >"$work/step.out" 2>"$work/step.err"; then
    echo "smoke test FAILED at step $step_no ($name): $*" >&2
    tail -n 20 "$work/step.out" "$work/step.err" >&2 || true
    for log in "$data"/logs/*; do [ -f "$log" ] && tail -n 30 "$log" >&2; done
    exit 1
  fi
  echo "ok $step_no - $name ($((SECONDS - started)) s)"
}

need_file() {  # a file the bundle must carry
  [ -e "$bundle/$1" ] || [ -e "$bundle/_internal/$1" ] || { echo "missing in bundle: $1" >&2; return 1; }
}

nonempty() { [ -s "$1" ] || { echo "empty or missing: $1" >&2; return 1; }; }

expected_version="$(python3 installer/version_info.py 2>/dev/null || true)"
version_ok() {
  "$exe" --version | tee "$work/version.txt"
  grep -q "支部工作台" "$work/version.txt"
  if [ -n "$expected_version" ]; then grep -qF " $expected_version" "$work/version.txt"; fi
}

json_ok() {
  "$exe" --data-dir "$data" check --json --year "$year" >"$out/check.json"
  python3 -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$out/check.json"
}

zip_ok() { python3 -m zipfile -t "$1" >/dev/null; }

gui_ok() {
  # BRANCH_DESK_SMOKE_EXIT_MS makes the main window close itself once shown (ui/app.py)
  BRANCH_DESK_SMOKE_EXIT_MS=1500 timeout 180 "$exe" --data-dir "$data"
  # Qt's own Chinese texts (standard dialogs, buttons) were found in the bundle
  grep -q "Qt translations loaded: qtbase_zh_CN" "$data/logs/branch-desk.log"
}

libs_ok() {  # every bundled shared library finds its dependencies
  local missing
  missing="$(find "$bundle" -name '*.so*' -type f -exec ldd {} + 2>/dev/null | grep 'not found' | sort -u || true)"
  [ -z "$missing" ] || { echo "$missing" >&2; return 1; }
}

step "bundle carries resources, migrations, zh_CN translations" bash -c "
  set -e
  $(declare -f need_file)
  bundle='$bundle'
  need_file resources/icons/branch-desk.png
  need_file branch_desk/storage/migrations/env.py
  need_file branch_desk/storage/migrations/script.py.mako
  ls '$bundle'/_internal/branch_desk/storage/migrations/versions/0001_*.py >/dev/null
  need_file PySide6/Qt/translations/qtbase_zh_CN.qm || need_file PySide6/translations/qtbase_zh_CN.qm
  ! ls '$bundle'/_internal/PySide6/Qt/plugins/platformthemes/*gtk* >/dev/null 2>&1
"
if [ "$(uname -s)" = "Linux" ]; then step "shared libraries resolve" libs_ok; fi
step "--version" version_ok
step "demo" "$exe" --data-dir "$data" demo
step "check --json" json_ok
step "report" "$exe" --data-dir "$data" report --year "$year" -o "$out/report.docx"
step "report is a docx" zip_ok "$out/report.docx"
step "archive" "$exe" --data-dir "$data" archive --year "$year" -o "$out/archive.zip"
step "archive is a zip" zip_ok "$out/archive.zip"
step "backup" "$exe" --data-dir "$data" backup -o "$out/smoke.bdbackup"
step "backup written" nonempty "$out/smoke.bdbackup"
step "verify" "$exe" --data-dir "$data" verify
step "main window opens and closes" gui_ok
echo "smoke test passed"
echo "smoke: $step_no passed, 0 failed"
