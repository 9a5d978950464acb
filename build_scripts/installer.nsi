; Windows installer for 政务公开年报助手 (NSIS 3, Unicode). Compile:
;   makensis /DVERSION=0.1.0 /DSRCDIR=C:\path\to\dist\zwgk /DOUTFILE=C:\path\to\dist\zwgk-0.1.0-setup.exe build_scripts\installer.nsi
; Give absolute paths: makensis resolves relative ones from this script's folder.
; build_windows.ps1 does this after PyInstaller; the tests compile it on Linux against a stand-in folder.
;
; - Per-user install into %LOCALAPPDATA%\Programs\zwgk: township PCs rarely give the clerk administrator rights.
; - Start-menu and desktop shortcuts, the .zwgk association (HKCU\Software\Classes) with the document icon.
; - Upgrade in place: a new version installs over the old one (same folder, old program files removed first).
; - The uninstaller removes only what the installer put there; the user's reports live in their own folders and are
;   never touched, nor are recovery copies and settings in %APPDATA% (a reinstall finds them again).

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!ifndef VERSION
  !error "用 /DVERSION=x.y.z 指定版本号"
!endif
!ifndef SRCDIR
  !error "用 /DSRCDIR=<PyInstaller 生成的 zwgk 文件夹> 指定程序文件夹"
!endif
!ifndef OUTFILE
  !define OUTFILE "zwgk-${VERSION}-setup.exe"
!endif
; Compile-time paths: makensis on Windows wants "\", makensis on Linux (the tests) wants "/".
!ifdef NSIS_WIN32_MAKENSIS
  !define SEP "\"
!else
  !define SEP "/"
!endif
!ifndef ICON
  !define ICON "..${SEP}resources${SEP}icons${SEP}zwgk.ico"  ; relative to this script's folder (makensis works there)
!endif

!define APPNAME "政务公开年报助手"
!define APPKEY "zwgk"
!define PROGID "zwgk.report"
!define EXE "zwgk.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPKEY}"
!define SHCNE_ASSOCCHANGED 0x08000000

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

Name "${APPNAME}"
Caption "${APPNAME} ${VERSION} 安装"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APPKEY}"
InstallDirRegKey HKCU "Software\${APPKEY}" "InstallDir"
BrandingText "${APPNAME} ${VERSION}"

; Windows file properties of the installer itself. VIProductVersion needs four numbers.
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${APPNAME}"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "本向导将在您的电脑上安装 ${APPNAME} ${VERSION}。$\r$\n$\r$\n安装只针对当前用户，不需要管理员权限。如已安装旧版本，将直接升级，您的报告文件不受影响。$\r$\n$\r$\n单击“下一步”继续。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "运行 ${APPNAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Section "${APPNAME}（必需）" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; Upgrade in place: drop the previous version's program files first, so no stale library outlives it.
  ; Only the folders this installer creates are removed; anything else in $INSTDIR stays.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\zwgk-cli.exe"
  File /r "${SRCDIR}${SEP}*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  WriteRegStr HKCU "Software\${APPKEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "Software\${APPKEY}" "Version" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${APPNAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0

  CreateShortCut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
SectionEnd

Section "桌面快捷方式" SecDesktop
  SetShellVarContext current
  CreateShortCut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
SectionEnd

Section "用本程序打开 .zwgk 报告文件" SecAssoc
  WriteRegStr HKCU "Software\Classes\.zwgk" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\.zwgk" "Content Type" "application/x-zwgk"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "政务公开年报"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell" "" "open"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open" "" "打开(&O)"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  System::Call 'shell32::SHChangeNotify(i ${SHCNE_ASSOCCHANGED}, i 0, p 0, p 0)'
SectionEnd

LangString DESC_MAIN ${LANG_SIMPCHINESE} "程序文件和“开始”菜单快捷方式。"
LangString DESC_DESKTOP ${LANG_SIMPCHINESE} "在桌面上放一个快捷方式。"
LangString DESC_ASSOC ${LANG_SIMPCHINESE} "双击 .zwgk 报告文件时用本程序打开。"
!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecMain} $(DESC_MAIN)
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} $(DESC_DESKTOP)
  !insertmacro MUI_DESCRIPTION_TEXT ${SecAssoc} $(DESC_ASSOC)
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Section "Uninstall"
  SetShellVarContext current
  ; Program files only. Reports are wherever the user saved them (Documents, a USB stick) and are left alone.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\zwgk-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"  ; only if empty: a report someone saved into the program folder keeps the folder
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"

  ; The association, only if it is still ours (another program may have taken .zwgk over since).
  ReadRegStr $0 HKCU "Software\Classes\.zwgk" ""
  ${If} $0 == "${PROGID}"
    DeleteRegKey HKCU "Software\Classes\.zwgk"
  ${EndIf}
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  System::Call 'shell32::SHChangeNotify(i ${SHCNE_ASSOCCHANGED}, i 0, p 0, p 0)'

  DeleteRegKey HKCU "${UNINST_KEY}"
  ; Software\zwgk also holds the program's own settings (QSettings: recent files, last agency): keep those.
  DeleteRegValue HKCU "Software\${APPKEY}" "InstallDir"
  DeleteRegValue HKCU "Software\${APPKEY}" "Version"
  DeleteRegKey /ifempty HKCU "Software\${APPKEY}"
SectionEnd
