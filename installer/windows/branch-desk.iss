; Inno Setup script: the per-user Windows installer of 支部工作台 (Branch Desk).
;
; Built by installer\build.ps1 after the PyInstaller bundle dist\branch-desk\ passed its smoke
; test; by hand:
;   ISCC.exe /DAppVersion=0.1.0 /DAppFileVersion=0.1.0.0 installer\windows\branch-desk.iss
; Output: dist\installer\BranchDesk-Setup-<version>.exe
;
; * Installs for the current user only, without administrator rights, into
;   %LOCALAPPDATA%\Programs\BranchDesk.
; * The user's data directory %APPDATA%\BranchDesk (database, attachments, backups, logs) is
;   NEVER touched: not by an upgrade, not by uninstalling. This script names no file there and
;   has no [UninstallDelete] entry for it -- keep it that way.
; * Chinese texts: Inno Setup 6.5+ ships Languages\ChineseSimplified.isl; with an older 6.x put
;   ChineseSimplified.isl (from the Inno Setup translations page) next to this script.
; * Needs Inno Setup 6.3 or newer (x64compatible).

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef AppFileVersion
  #define AppFileVersion "0.0.0.0"
#endif

#define AppName "支部工作台"
#define AppExe "branch-desk.exe"
#define Bundle "..\..\dist\branch-desk"

#if FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
  #define ChineseMessages "ChineseSimplified.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
  #define ChineseMessages "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\Unofficial\ChineseSimplified.isl")
  #define ChineseMessages "compiler:Languages\Unofficial\ChineseSimplified.isl"
#else
  #error ChineseSimplified.isl not found: use Inno Setup 6.5+ or put it next to branch-desk.iss
#endif

#if !FileExists(AddBackslash(AddBackslash(SourcePath) + Bundle) + AppExe)
  #error dist\branch-desk\branch-desk.exe not found: run installer\build.ps1 first
#endif

[Setup]
; AppId identifies the installation for upgrades and uninstall: never change it.
AppId={{27DA7CEA-673B-4FC2-BB3F-3FBB0C4C1F3B}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppFileVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} 安装程序
PrivilegesRequired=lowest
DefaultDirName={autopf}\BranchDesk
DisableProgramGroupPage=yes
DisableWelcomePage=no
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile=..\..\src\branch_desk\resources\icons\branch-desk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist\installer
OutputBaseFilename=BranchDesk-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=no

[Languages]
Name: "chs"; MessagesFile: "{#ChineseMessages}"

[CustomMessages]
chs.DataKept=您的台账数据保存在 %1，卸载不会删除。如不再需要，可在确认已备份后手动删除该文件夹。

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; an upgrade replaces the whole program folder (never the data dir, which is elsewhere)
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; IconFilename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; IconFilename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  { Only a notice: the data directory itself is left exactly as it is. }
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{userappdata}\BranchDesk')]),
      mbInformation, MB_OK);
end;
