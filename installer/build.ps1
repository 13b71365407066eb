# Build the Windows bundle and installer: the same steps as installer/build.sh, then Inno Setup.
#
#   powershell -ExecutionPolicy Bypass -File installer\build.ps1
#
# Needs Python 3.11 x64 with branch-desk installed (pip install -e .) and, for the installer,
# Inno Setup 6 (ISCC.exe on PATH or in its default folder). Produces:
#   dist\branch-desk\                         the one-folder bundle: branch-desk.exe (window,
#                                             no console) and branch-desk-cli.exe (commands)
#   dist\installer\BranchDesk-Setup-<ver>.exe the per-user installer
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")

function Invoke-Step([string]$What, [scriptblock]$Block) {
    Write-Host "== $What"
    & $Block
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit $LASTEXITCODE)" }
}

Invoke-Step "install PyInstaller" { python -m pip install -q "pyinstaller>=6.5,<7" }
$version = (python installer\version_info.py).Trim()
if ($LASTEXITCODE -ne 0) { throw "cannot read the version" }
$fileVersion = (python installer\version_info.py --numeric).Trim()
Write-Host "building Branch Desk $version"

Invoke-Step "PyInstaller" {
    python -m PyInstaller --noconfirm --clean --log-level WARN `
        --distpath dist --workpath build installer\branch-desk.spec
}

$bytes = (Get-ChildItem dist\branch-desk -Recurse -File | Measure-Object Length -Sum).Sum
Write-Host ("bundle size: {0:N0} MB (dist\branch-desk)" -f ($bytes / 1MB))

# ---- smoke test: the same commands as installer/smoke_test.sh ------------------------------
$gui = Resolve-Path dist\branch-desk\branch-desk.exe
$cli = Resolve-Path dist\branch-desk\branch-desk-cli.exe
$work = Join-Path ([IO.Path]::GetTempPath()) ("branch-desk-smoke-" + [guid]::NewGuid())
$data = Join-Path $work "data"
New-Item -ItemType Directory -Force -Path $work | Out-Null
$env:QT_QPA_PLATFORM = "offscreen"
Remove-Item Env:BRANCH_DESK_HOME -ErrorAction SilentlyContinue
$year = (Get-Date).Year

function Invoke-Bundle([string]$What, [string[]]$Arguments, [string]$Exe = $cli) {
    # wait for the exe and read its exit code; stdout/stderr go to files
    $p = Start-Process -FilePath $Exe -ArgumentList $Arguments -Wait -PassThru -NoNewWindow `
        -RedirectStandardOutput (Join-Path $work "out.txt") -RedirectStandardError (Join-Path $work "err.txt")
    if ($p.ExitCode -ne 0) {
        Get-Content (Join-Path $work "err.txt") | Write-Host
        throw "smoke test failed at: $What (exit $($p.ExitCode))"
    }
    Write-Host "ok - $What"
}

try {
    Invoke-Bundle "--version" @("--version")
    if (-not (Select-String -Path (Join-Path $work "out.txt") -SimpleMatch $version -Quiet)) {
        throw "smoke test: --version does not show $version"
    }
    Invoke-Bundle "demo" @("--data-dir", "`"$data`"", "demo")
    Invoke-Bundle "check" @("--data-dir", "`"$data`"", "check", "--json", "--year", $year)
    Invoke-Bundle "report" @("--data-dir", "`"$data`"", "report", "--year", $year, "-o", "`"$work\report.docx`"")
    Invoke-Bundle "archive" @("--data-dir", "`"$data`"", "archive", "--year", $year, "-o", "`"$work\archive.zip`"")
    Invoke-Bundle "backup" @("--data-dir", "`"$data`"", "backup", "-o", "`"$work\smoke.bdbackup`"")
    Invoke-Bundle "verify" @("--data-dir", "`"$data`"", "verify")
    $env:BRANCH_DESK_SMOKE_EXIT_MS = "1500"
    Invoke-Bundle "main window opens and closes" @("--data-dir", "`"$data`"") $gui
    if (-not (Select-String -Path "$data\logs\branch-desk.log" -SimpleMatch "Qt translations loaded: qtbase_zh_CN" -Quiet)) {
        throw "smoke test: Qt's Chinese translations were not loaded"
    }
    Write-Host "smoke test passed"
}
finally {
    Remove-Item Env:BRANCH_DESK_SMOKE_EXIT_MS -ErrorAction SilentlyContinue
    Remove-Item Env:QT_QPA_PLATFORM -ErrorAction SilentlyContinue
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}

# ---- installer -----------------------------------------------------------------------------
$iscc = Get-Command ISCC.exe -ErrorAction SilentlyContinue | Select-Object -ExpandProperty Source
if (-not $iscc) {
    foreach ($dir in @("${env:ProgramFiles(x86)}\Inno Setup 6", "$env:ProgramFiles\Inno Setup 6",
                       "$env:LOCALAPPDATA\Programs\Inno Setup 6")) {
        if (Test-Path "$dir\ISCC.exe") { $iscc = "$dir\ISCC.exe"; break }
    }
}
if (-not $iscc) {
    Write-Warning "Inno Setup 6 (ISCC.exe) not found: bundle built, installer skipped."
    exit 0
}
Invoke-Step "Inno Setup" {
    & $iscc "/DAppVersion=$version" "/DAppFileVersion=$fileVersion" installer\windows\branch-desk.iss
}
Get-ChildItem dist\installer\*.exe | ForEach-Object { Write-Host "installer: $($_.FullName)" }
