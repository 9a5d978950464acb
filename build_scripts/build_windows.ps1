# Build the Windows installer: PyInstaller one-folder bundle, self-test of the bundle, then NSIS.
#   powershell -ExecutionPolicy Bypass -File build_scripts\build_windows.ps1
# Needs Python 3.11 (x64) on PATH (or -Python C:\path\to\python.exe) and NSIS 3 (makensis on PATH or in
# "C:\Program Files (x86)\NSIS"; `winget install NSIS.NSIS` or `choco install nsis`).
# Result: dist\zwgk\ (the bundle) and dist\zwgk-<version>-setup.exe (what users double-click).
param(
    [string]$Python = "python",
    [switch]$SkipSelfTest
)
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

# A build environment of its own, so the bundle holds exactly the declared dependencies.
$Venv = Join-Path $Root ".venv-win"
if (-not (Test-Path (Join-Path $Venv "Scripts\python.exe"))) {
    Invoke-Checked $Python @("-m", "venv", $Venv)
}
$Py = Join-Path $Venv "Scripts\python.exe"
Invoke-Checked $Py @("-m", "pip", "install", "--quiet", "--upgrade", "pip")
Invoke-Checked $Py @("-m", "pip", "install", "--quiet", "-e", ".[build]")

$Version = & $Py -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])"
if ($LASTEXITCODE -ne 0) { throw "cannot read the version from pyproject.toml" }
$Dist = Join-Path $Root "dist"
$Work = Join-Path $Root "build\pyinstaller"
Write-Host "Building zwgk $Version into $Dist"

Invoke-Checked $Py @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
    "--distpath", $Dist, "--workpath", $Work, "build_scripts\zwgk.spec")
$Bundle = Join-Path $Dist "zwgk"

if (-not $SkipSelfTest) {
    # zwgk-cli.exe is the console twin of zwgk.exe (same folder, same libraries): it prints the summary.
    Invoke-Checked (Join-Path $Bundle "zwgk-cli.exe") @("--self-test")
}

$Makensis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $Makensis) {
    foreach ($Candidate in @("${env:ProgramFiles(x86)}\NSIS\makensis.exe", "$env:ProgramFiles\NSIS\makensis.exe")) {
        if (Test-Path $Candidate) { $Makensis = $Candidate; break }
    }
}
if (-not $Makensis) { throw "makensis not found: install NSIS 3 (winget install NSIS.NSIS)" }

$Setup = Join-Path $Dist "zwgk-$Version-setup.exe"
Invoke-Checked $Makensis @("/V2", "/WX", "/DVERSION=$Version", "/DSRCDIR=$Bundle", "/DOUTFILE=$Setup",
    (Join-Path $Root "build_scripts\installer.nsi"))
Write-Host "Installer: $Setup ($([math]::Round((Get-Item $Setup).Length / 1MB, 1)) MB)"
