; Windows installer for 政务公开年报助手 (NSIS 3.08 or later, Unicode). build_windows.ps1 compiles it after PyInstaller:
;   python build_scripts\nsis_files.py dist\zwgk build\nsis\files.nsh
;   makensis /DVERSION=0.1.0 /DFILES=C:\path\to\build\nsis\files.nsh /DOUTFILE=C:\path\to\dist\zwgk-0.1.0-setup.exe
;            [/DSIGN=C:\path\to\build\nsis\sign.cmd] build_scripts\installer.nsi
; Give absolute paths: makensis resolves relative ones from this script's folder. The tests compile it on Linux
; against a stand-in bundle and run it under Wine (tests/build_scripts/test_installer_wine.py).
;
; - Per user by default, into %LOCALAPPDATA%\Programs\zwgk, registry under HKCU: township PCs rarely give the clerk
;   administrator rights. For IT staff, /ALLUSERS (or the choice the wizard offers when it runs elevated) installs
;   into Program Files with the registry under HKLM and shortcuts for every user.
; - Before anything is changed the installer makes sure the program is not running (the named mutex the program
;   holds, ui/running.py, and the program files of the installation being locked) and that the folder can be
;   written; the silent installer (/S) exits with a code of its own instead of asking (docs/packaging.md).
; - Upgrade: the previous version's own uninstaller removes what that version installed, then the new files come.
; - The files copied and the files the uninstaller deletes are one list, generated from the bundle at build time
;   (nsis_files.py). The user's reports, settings and recovery copies are never touched.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user
AllowSkipFiles off  ; skipping a locked file would leave a mix of two versions

!ifndef VERSION
  !error "用 /DVERSION=x.y.z 指定版本号"
!endif
!ifndef FILES
  !error "用 /DFILES=<nsis_files.py 生成的 .nsh> 指定程序文件清单"
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
  !define ICON "${__FILEDIR__}${SEP}..${SEP}resources${SEP}icons${SEP}zwgk.ico"
!endif
; Signing: SIGN is a program that signs the file named by its one argument in place (build_windows.ps1 writes one
; around signtool when a certificate is configured). makensis signs the uninstaller before packing it, then the
; finished installer.
!ifdef SIGN
  !uninstfinalize `"${SIGN}" "%1"` = 0
  !finalize `"${SIGN}" "%1"` = 0
!endif

!define APPNAME "政务公开年报助手"
!define APPKEY "zwgk"
!define PROGID "zwgk.report"
!define EXE "zwgk.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPKEY}"
; The program holds this mutex while it runs (ui/running.py; the tests check the two names agree).
!define RUNNING_MUTEX "Local\zwgk.running"
!define SHCNE_ASSOCCHANGED 0x08000000
!define SYNCHRONIZE 0x00100000
; Exit codes of the silent installer and uninstaller besides NSIS' own (0 done, 1 cancelled, 2 aborted).
!define EXIT_RUNNING 3     ; the program is running: nothing was changed
!define EXIT_FOLDER 4      ; the folder cannot be written: nothing was changed
!define EXIT_NEEDS_ADMIN 5 ; all users without administrator rights: nothing was changed
!define EXIT_OLD_VERSION 6 ; the previous version's uninstaller failed

!include "MUI2.nsh"
!include "nsDialogs.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "${FILES}"

Name "${APPNAME}"
Caption "${APPNAME} ${VERSION} 安装"
UninstallCaption "${APPNAME} 卸载"
OutFile "${OUTFILE}"
BrandingText "${APPNAME} ${VERSION}"
; No InstallDir: .onInit chooses the folder for the mode, so that an empty $INSTDIR there means no /D= was given.

; Windows file properties of the installer itself. VIProductVersion needs four numbers.
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${APPNAME}"

Var AllUsers    ; 1: for every user of the PC (Program Files, HKLM); empty: for the current user
Var ModeFixed   ; 1: /ALLUSERS or /CURRENTUSER was given, the wizard does not ask
Var DirGiven    ; 1: /D= was given, the folder is not changed with the mode
Var DefaultDir
Var PerUserDir
Var AllUsersDir
Var ModeAll
Var ModeMe

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "本向导将在您的电脑上安装 ${APPNAME} ${VERSION}。$\r$\n$\r$\n如已安装旧版本，将直接升级，您的报告和设置不受影响。安装前请关闭正在运行的${APPNAME}。$\r$\n$\r$\n单击“下一步”继续。"
!define MUI_COMPONENTSPAGE_SMALLDESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "运行 ${APPNAME}"

!insertmacro MUI_PAGE_WELCOME
Page custom ModePage ModePageLeave
!insertmacro MUI_PAGE_COMPONENTS
!define MUI_PAGE_CUSTOMFUNCTION_LEAVE DirectoryLeave
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_PAGE_CUSTOMFUNCTION_SHOW FinishShow
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

; NSIS' Chinese file-error text names the buttons [Abort]/[Retry]/[Ignore] in English.
FileErrorText "无法写入文件：$\r$\n$0$\r$\n$\r$\n可能是${APPNAME}仍在运行，或杀毒软件正在检查这个文件。$\r$\n单击“重试”再试一次，单击“中止”停止安装。" \
  "无法写入文件：$\r$\n$0$\r$\n$\r$\n可能是${APPNAME}仍在运行，或杀毒软件正在检查这个文件。$\r$\n关闭后单击“重试”再试一次，单击“取消”停止安装。"

; -- shared by the installer and the uninstaller ------------------------------------------------------------------

!macro SHARED_FUNCTIONS UN
; Push a folder; pops it and pushes why the program counts as running there ("" when it is not): the mutex every
; running instance holds, or one of the folder's programs that cannot be opened for writing because it runs (this
; also finds version 0.1.0, which had no mutex, and an instance another user runs from an all-users install).
Function ${UN}RunningReason
  Exch $R0
  Push $R1
  Push $R2
  Push $R3
  StrCpy $R3 ""
  System::Call 'kernel32::OpenMutexW(i ${SYNCHRONIZE}, i 0, w "${RUNNING_MUTEX}") p .R1'
  ${If} $R1 P<> 0
    System::Call 'kernel32::CloseHandle(p R1)'
    StrCpy $R3 "程序窗口已打开"
  ${ElseIf} $R0 != ""
    FindFirst $R1 $R2 "$R0\*.exe"
    ${DoWhile} $R2 != ""
      ${If} $R2 != "uninstall.exe"
        ; Share everything: only a running program's image refuses write access (other readers do not).
        System::Call 'kernel32::CreateFileW(w "$R0\$R2", i 0x40000000, i 7, p 0, i 3, i 0, p 0) p .R3'
        ${If} $R3 P<> -1
          System::Call 'kernel32::CloseHandle(p R3)'
          StrCpy $R3 ""
        ${Else}
          StrCpy $R3 "$R2 正在使用中"
          ${Break}
        ${EndIf}
      ${EndIf}
      FindNext $R1 $R2
    ${Loop}
    FindClose $R1
  ${EndIf}
  StrCpy $R0 $R3
  Pop $R3
  Pop $R2
  Pop $R1
  Exch $R0
FunctionEnd

; Push a folder. Returns only once the program is not running there; otherwise asks the user to close it
; (重试 / 取消). Cancelled, or silent: stops with EXIT_RUNNING before anything has been changed.
Function ${UN}RefuseWhileRunning
  Exch $R0
  Push $R1
  check:
    Push $R0
    Call ${UN}RunningReason
    Pop $R1
    StrCmp $R1 "" done
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APPNAME}正在运行（$R1），现在不能更改它的程序文件。$\r$\n$\r$\n请保存报告，关闭${APPNAME}的所有窗口，然后单击“重试”。$\r$\n单击“取消”退出，不做任何更改。" /SD IDCANCEL IDRETRY check
    DetailPrint "${APPNAME}正在运行（$R1），已取消，没有做任何更改。"
    SetDetailsView show  ; the aborted page then says why
    SetErrorLevel ${EXIT_RUNNING}
    Abort
  done:
  Pop $R1
  Pop $R0
FunctionEnd

Function ${UN}IsAdmin
  System::Call 'shell32::IsUserAnAdmin() i .s'
FunctionEnd
!macroend
!insertmacro SHARED_FUNCTIONS ""
!insertmacro SHARED_FUNCTIONS "un."

; -- mode and folder ---------------------------------------------------------------------------------------------

Function .onInit
  SetRegView 64  ; the program is 64-bit: its keys belong in the 64-bit view even when this installer is 32-bit
  StrCpy $DirGiven ""
  ${If} $INSTDIR != ""
    StrCpy $DirGiven 1
  ${EndIf}
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/ALLUSERS" $R1
  ${IfNot} ${Errors}
    StrCpy $AllUsers 1
    StrCpy $ModeFixed 1
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/CURRENTUSER" $R1
  ${IfNot} ${Errors}
    StrCpy $AllUsers ""
    StrCpy $ModeFixed 1
  ${EndIf}
  SetShellVarContext current
  StrCpy $PerUserDir "$LOCALAPPDATA\Programs\${APPKEY}"
  StrCpy $AllUsersDir "$PROGRAMFILES64\${APPKEY}"
  Call IsAdmin
  Pop $R1
  ${If} $AllUsers == 1
  ${AndIf} $R1 == 0
    MessageBox MB_ICONSTOP "为所有用户安装（/ALLUSERS）需要管理员权限。$\r$\n请右键单击安装程序，选择“以管理员身份运行”。" /SD IDOK
    SetErrorLevel ${EXIT_NEEDS_ADMIN}
    Quit
  ${EndIf}
  ; Run elevated without a choice on the command line, the wizard offers all users first: installed for the
  ; administrator alone, the program would be missing for the clerk who uses the PC. Unless this user has a
  ; per-user installation (and there is no all-users one): then upgrading that one comes first.
  ${If} $ModeFixed != 1
  ${AndIf} $R1 != 0
  ${AndIfNot} ${Silent}
    ReadRegStr $R2 HKCU "Software\${APPKEY}" "InstallDir"
    ReadRegStr $R3 HKLM "Software\${APPKEY}" "InstallDir"
    ${If} $R2 == ""
    ${OrIf} $R3 != ""
      StrCpy $AllUsers 1
    ${EndIf}
  ${EndIf}
  Call ApplyMode
FunctionEnd

; Shell folders, registry root and default folder for $AllUsers; the folder of an earlier installation wins.
Function ApplyMode
  ${If} $AllUsers == 1
    SetShellVarContext all
    StrCpy $DefaultDir $AllUsersDir
  ${Else}
    SetShellVarContext current
    StrCpy $DefaultDir $PerUserDir
  ${EndIf}
  ${If} $DirGiven != 1
    ReadRegStr $INSTDIR SHCTX "Software\${APPKEY}" "InstallDir"
    ${If} $INSTDIR == ""
      StrCpy $INSTDIR $DefaultDir
    ${EndIf}
  ${EndIf}
FunctionEnd

Function ModePage
  Call IsAdmin
  Pop $R0
  ${If} $R0 == 0
  ${OrIf} $ModeFixed == 1
    Abort  ; a clerk without rights installs for himself; nothing to choose
  ${EndIf}
  !insertmacro MUI_HEADER_TEXT "选择安装方式" "为这台电脑的所有用户安装，或只为您自己安装。"
  nsDialogs::Create 1018
  Pop $R0
  ReadEnvStr $R1 USERNAME
  ${NSD_CreateLabel} 0 0 100% 30u "安装程序正以管理员身份运行。为单位的电脑统一安装时请选“所有用户”：每位用户都能从“开始”菜单打开本程序，报告和设置仍各自保存。"
  Pop $R0
  ${NSD_CreateRadioButton} 0 38u 100% 12u "所有用户(&A)"
  Pop $ModeAll
  ${NSD_CreateLabel} 12u 51u -12u 10u "安装到 $AllUsersDir"
  Pop $R0
  ${NSD_CreateRadioButton} 0 70u 100% 12u "只为我（$R1）(&M)"
  Pop $ModeMe
  ${NSD_CreateLabel} 12u 83u -12u 10u "安装到 $PerUserDir"
  Pop $R0
  ${If} $AllUsers == 1
    ${NSD_Check} $ModeAll
  ${Else}
    ${NSD_Check} $ModeMe
  ${EndIf}
  nsDialogs::Show
FunctionEnd

Function ModePageLeave
  ${NSD_GetState} $ModeAll $R0
  ${If} $R0 == ${BST_CHECKED}
    StrCpy $AllUsers 1
  ${Else}
    StrCpy $AllUsers ""
  ${EndIf}
  Call ApplyMode
FunctionEnd

; Pushes why $INSTDIR cannot be written ("" when it can): a test file (or, for a folder still to be made, a test
; folder) in the nearest folder that exists, removed again at once.
Function WriteProblem
  Push $R0
  Push $R1
  Push $R2
  StrCpy $R0 $INSTDIR
  ${DoUntil} ${FileExists} "$R0\*.*"
    ${GetParent} $R0 $R1
    ${If} $R1 == ""
      StrCpy $R2 "找不到这个驱动器或位置。"
      Goto done
    ${EndIf}
    StrCpy $R0 $R1
  ${Loop}
  System::Call 'kernel32::GetTickCount() i .R1'
  StrCpy $R1 "$R0\~zwgk-$R1"
  ${If} $R0 == $INSTDIR
    ; FILE_ATTRIBUTE_TEMPORARY | FILE_FLAG_DELETE_ON_CLOSE: gone when closed
    System::Call 'kernel32::CreateFileW(w "$R1.tmp", i 0x40000000, i 0, p 0, i 1, i 0x04000100, p 0) p .R2 ?e'
    Pop $R1
    ${If} $R2 P<> -1
      System::Call 'kernel32::CloseHandle(p R2)'
      StrCpy $R1 0
    ${EndIf}
  ${Else}
    System::Call 'kernel32::CreateDirectoryW(w "$R1", p 0) i .R2 ?e'
    ${If} $R2 != 0
      System::Call 'kernel32::RemoveDirectoryW(w "$R1")'
      Pop $R1  ; the last error, meaningless after a success
      StrCpy $R1 0
    ${Else}
      Pop $R1
    ${EndIf}
  ${EndIf}
  ${Select} $R1
    ${Case} 0
      StrCpy $R2 ""
    ${Case} 5
      StrCpy $R2 "您没有这个文件夹的写入权限（拒绝访问）。"
    ${Case} 19
      StrCpy $R2 "磁盘有写保护。"
    ${Case} 21
      StrCpy $R2 "设备未就绪（光盘或 U 盘已取出？）。"
    ${Case2} 3 161
      StrCpy $R2 "找不到这个路径。"
    ${Case} 112
      StrCpy $R2 "磁盘空间不足。"
    ${Case2} 123 267
      StrCpy $R2 "文件夹名称无效。"
    ${CaseElse}
      StrCpy $R2 "无法写入（Windows 错误代码 $R1）。"
  ${EndSelect}
  done:
  Exch $R2  ; the reason on top, then $R1 and $R0 back from under it
  Exch
  Pop $R1
  Exch
  Pop $R0
FunctionEnd

Function DirectoryLeave
  Call WriteProblem
  Pop $R0
  ${If} $R0 != ""
    MessageBox MB_ICONEXCLAMATION "不能安装到这个文件夹：$\r$\n$INSTDIR$\r$\n$\r$\n原因：$R0$\r$\n$\r$\n请选择您有写入权限的文件夹，例如 $DefaultDir。"
    Abort  ; stay on the page
  ${EndIf}
FunctionEnd

Function FinishShow
  ; Started from an elevated installer the program would run as the administrator, with his settings.
  ${If} $AllUsers == 1
    SendMessage $mui.FinishPage.Run ${BM_SETCHECK} ${BST_UNCHECKED} 0
    ShowWindow $mui.FinishPage.Run ${SW_HIDE}
  ${EndIf}
FunctionEnd

; -- installing --------------------------------------------------------------------------------------------------

Section "-检查" SecCheck
  ; Nothing has been changed yet: every reason to stop comes first.
  ReadRegStr $R0 SHCTX "${UNINST_KEY}" "InstallLocation"
  ${If} $R0 != ""
  ${AndIf} $R0 != $INSTDIR
    Push $R0  ; moving to another folder: the old installation must not be running either
    Call RefuseWhileRunning
  ${EndIf}
  Push $INSTDIR
  Call RefuseWhileRunning
  Call WriteProblem
  Pop $R1
  ${If} $R1 != ""
    DetailPrint "不能安装到 $INSTDIR：$R1"
    SetDetailsView show
    MessageBox MB_ICONSTOP "不能安装到这个文件夹：$\r$\n$INSTDIR$\r$\n$\r$\n原因：$R1" /SD IDOK
    SetErrorLevel ${EXIT_FOLDER}
    Abort
  ${EndIf}

  ; Upgrade: the previous version's uninstaller removes exactly what that version installed (_?= keeps it in place
  ; and makes ExecWait wait for it); it cannot delete itself while it runs, so that file goes afterwards.
  ${If} $R0 == ""
    StrCpy $R0 $INSTDIR
  ${EndIf}
  ${If} ${FileExists} "$R0\uninstall.exe"
    DetailPrint "删除旧版本：$R0"
    ClearErrors
    ExecWait '"$R0\uninstall.exe" /S _?=$R0' $R1
    ${If} ${Errors}
    ${OrIf} $R1 != 0
      DetailPrint "无法删除旧版本（卸载程序返回 $R1）。"
      SetDetailsView show
      MessageBox MB_ICONSTOP "无法删除旧版本（卸载程序返回 $R1）。$\r$\n请在“设置 → 应用”中卸载${APPNAME}后再安装。" /SD IDOK
      SetErrorLevel ${EXIT_OLD_VERSION}
      Abort
    ${EndIf}
    Delete "$R0\uninstall.exe"
    RMDir "$R0"  ; only if empty
  ${EndIf}
SectionEnd

Section "${APPNAME}（必需）" SecMain
  SectionIn RO
  !insertmacro ZWGK_INSTALL_FILES
  WriteUninstaller "$INSTDIR\uninstall.exe"

  WriteRegStr SHCTX "Software\${APPKEY}" "InstallDir" "$INSTDIR"
  WriteRegStr SHCTX "Software\${APPKEY}" "Version" "${VERSION}"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayName" "${APPNAME}"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr SHCTX "${UNINST_KEY}" "Publisher" "${APPNAME}"
  WriteRegStr SHCTX "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr SHCTX "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD SHCTX "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD SHCTX "${UNINST_KEY}" "EstimatedSize" $0

  SetOutPath "$INSTDIR"  ; the shortcut's working folder
  CreateShortCut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
SectionEnd

Section "桌面快捷方式" SecDesktop
  SetOutPath "$INSTDIR"
  CreateShortCut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
SectionEnd

Section "关联 .zwgk 报告文件" SecAssoc
  WriteRegStr SHCTX "Software\Classes\.zwgk" "" "${PROGID}"
  WriteRegStr SHCTX "Software\Classes\.zwgk" "Content Type" "application/x-zwgk"
  WriteRegStr SHCTX "Software\Classes\${PROGID}" "" "政务公开年报"
  WriteRegStr SHCTX "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\${EXE},0"
  WriteRegStr SHCTX "Software\Classes\${PROGID}\shell" "" "open"
  WriteRegStr SHCTX "Software\Classes\${PROGID}\shell\open" "" "打开(&O)"
  WriteRegStr SHCTX "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
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

; -- uninstalling ------------------------------------------------------------------------------------------------

Function un.onInit
  SetRegView 64
  ; Installed for all users exactly when the HKLM uninstall entry points at this folder.
  ReadRegStr $R0 HKLM "${UNINST_KEY}" "InstallLocation"
  ${If} $R0 != ""
  ${AndIf} $R0 == $INSTDIR
    StrCpy $AllUsers 1
    SetShellVarContext all
    Call un.IsAdmin
    Pop $R1
    ${If} $R1 == 0
      MessageBox MB_ICONSTOP "${APPNAME}是为这台电脑的所有用户安装的，卸载需要管理员权限。$\r$\n请让管理员卸载，或右键单击卸载程序，选择“以管理员身份运行”。" /SD IDOK
      SetErrorLevel ${EXIT_NEEDS_ADMIN}
      Quit
    ${EndIf}
  ${Else}
    SetShellVarContext current
  ${EndIf}
FunctionEnd

Section "Uninstall"
  Push $INSTDIR
  Call un.RefuseWhileRunning
  ; Program files only, from the build's list. Reports are wherever the user saved them and are left alone.
  !insertmacro ZWGK_REMOVE_FILES
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"  ; only if empty: a report someone saved into the program folder keeps the folder
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"

  ; The association, only if it is still ours (another program may have taken .zwgk over since).
  ReadRegStr $0 SHCTX "Software\Classes\.zwgk" ""
  ${If} $0 == "${PROGID}"
    DeleteRegKey SHCTX "Software\Classes\.zwgk"
  ${EndIf}
  DeleteRegKey SHCTX "Software\Classes\${PROGID}"
  System::Call 'shell32::SHChangeNotify(i ${SHCNE_ASSOCCHANGED}, i 0, p 0, p 0)'

  DeleteRegKey SHCTX "${UNINST_KEY}"
  ; HKCU\Software\zwgk also holds the program's own settings (QSettings: recent files, last agency): keep those.
  DeleteRegValue SHCTX "Software\${APPKEY}" "InstallDir"
  DeleteRegValue SHCTX "Software\${APPKEY}" "Version"
  DeleteRegKey /ifempty SHCTX "Software\${APPKEY}"
SectionEnd
