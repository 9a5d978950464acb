# Build the Windows installer: PyInstaller one-folder bundle, self-test of the bundle, then NSIS.
#   powershell -ExecutionPolicy Bypass -File build_scripts\build_windows.ps1
# Needs Python 3.11 (x64) on PATH (or -Python C:\path\to\python.exe) and NSIS 3 (makensis on PATH or in
# "C:\Program Files (x86)\NSIS"; `winget install NSIS.NSIS` or `choco install nsis`).
# Result: dist\zwgk\ (the bundle) and dist\zwgk-<version>-setup.exe (what users double-click).
#
# Code signing, when a certificate is configured (otherwise the build says that nothing is signed):
#   $env:ZWGK_SIGN_CERT = "C:\keys\county.pfx"; $env:ZWGK_SIGN_PASSWORD = "..."   a .pfx file, or
#   $env:ZWGK_SIGN_THUMBPRINT = "0123abcd..."                                      a certificate in the Windows store
#   $env:ZWGK_SIGN_TIMESTAMP = "http://timestamp.digicert.com"                     RFC 3161 server (this is the default)
# signtool.exe comes with the Windows SDK ("Windows SDK Signing Tools for Desktop Apps"). zwgk.exe, zwgk-cli.exe, the
# uninstaller (makensis signs it before packing it) and the installer are signed with SHA-256 and timestamped.
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

function Find-SignTool {
    $OnPath = (Get-Command signtool.exe -ErrorAction SilentlyContinue).Source
    if ($OnPath) { return $OnPath }
    $Kits = Join-Path ${env:ProgramFiles(x86)} "Windows Kits\10\bin"
    if (-not (Test-Path $Kits)) { return $null }
    $Newest = Get-ChildItem $Kits -Recurse -Filter signtool.exe -ErrorAction SilentlyContinue |
        Where-Object { $_.FullName -match '\\x64\\' } | Sort-Object FullName -Descending | Select-Object -First 1
    if ($Newest) { return $Newest.FullName }
    return $null
}

# One signing program for everything: build\nsis\sign.cmd signs the file named by its argument. makensis calls it
# for the uninstaller and the installer (installer.nsi, SIGN). The password stays in the environment, not in the file.
function New-SignCommand([string]$Folder) {
    if (-not ($env:ZWGK_SIGN_CERT -or $env:ZWGK_SIGN_THUMBPRINT)) {
        Write-Warning ("No code-signing certificate configured (ZWGK_SIGN_CERT or ZWGK_SIGN_THUMBPRINT): the programs " +
            "and the installer are NOT signed; SmartScreen and antivirus software may warn users.")
        return $null
    }
    $SignTool = Find-SignTool
    if (-not $SignTool) { throw "a signing certificate is configured but signtool.exe was not found: install the Windows SDK signing tools" }
    $Timestamp = if ($env:ZWGK_SIGN_TIMESTAMP) { $env:ZWGK_SIGN_TIMESTAMP } else { "http://timestamp.digicert.com" }
    $Which = if ($env:ZWGK_SIGN_CERT) {
        if ($env:ZWGK_SIGN_PASSWORD) { "/f `"$env:ZWGK_SIGN_CERT`" /p `"%ZWGK_SIGN_PASSWORD%`"" }
        else { "/f `"$env:ZWGK_SIGN_CERT`"" }
    } else { "/sha1 $env:ZWGK_SIGN_THUMBPRINT" }
    New-Item -ItemType Directory -Force -Path $Folder | Out-Null
    $Command = Join-Path $Folder "sign.cmd"
    # cmd.exe reads a batch file in the OEM code page
    Set-Content -Path $Command -Encoding Oem -Value @(
        "@echo off",
        "`"$SignTool`" sign /fd SHA256 /tr $Timestamp /td SHA256 $Which %1"
    )
    Write-Host "Signing with $SignTool ($(if ($env:ZWGK_SIGN_CERT) { $env:ZWGK_SIGN_CERT } else { 'certificate store' }), timestamp $Timestamp)"
    return $Command
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
$NsisWork = Join-Path $Root "build\nsis"
$Sign = New-SignCommand $NsisWork
if ($Sign) {
    foreach ($Program in Get-ChildItem $Bundle -Filter *.exe) { Invoke-Checked $Sign @($Program.FullName) }
}

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

# The installer's file list, and from the same list the uninstaller's, made from the bundle just built.
$FileList = Join-Path $NsisWork "files.nsh"
Invoke-Checked $Py @((Join-Path $Root "build_scripts\nsis_files.py"), $Bundle, $FileList)

$Setup = Join-Path $Dist "zwgk-$Version-setup.exe"
$MakensisArgs = @("/V2", "/WX", "/DVERSION=$Version", "/DFILES=$FileList", "/DOUTFILE=$Setup")
if ($Sign) { $MakensisArgs += "/DSIGN=$Sign" }
Invoke-Checked $Makensis ($MakensisArgs + @((Join-Path $Root "build_scripts\installer.nsi")))
if ($Sign) {
    $SignTool = Find-SignTool
    foreach ($Signed in @($Setup) + @(Get-ChildItem $Bundle -Filter *.exe | ForEach-Object FullName)) {
        Invoke-Checked $SignTool @("verify", "/pa", $Signed)
    }
    Write-Host "Signed and timestamped: zwgk.exe, zwgk-cli.exe, the uninstaller, the installer"
} else {
    Write-Warning "The installer is NOT signed: $Setup"
}
Write-Host "Installer: $Setup ($([math]::Round((Get-Item $Setup).Length / 1MB, 1)) MB)"
