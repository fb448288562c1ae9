; Inno Setup script: per-user installer for the one-folder Windows bundle.
; Build on Windows after PyInstaller has produced dist\CourtSafe\ :
;   iscc packaging\windows\courtsafe.iss
;   iscc /DAppVersion=0.1.1 packaging\windows\courtsafe.iss   (override the version)
; Output: dist\CourtSafe-<version>-setup.exe

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "CourtSafe"
#define AppExe "CourtSafe.exe"
#define Root "..\.."

[Setup]
; The AppId identifies the installation for upgrades and uninstall: never change it.
AppId={{6F3B2C1E-8A4D-4F6B-9C2E-3D7A5B1E0C94}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The CourtSafe project
VersionInfoVersion={#AppVersion}
; Per-user install: no administrator rights; {autopf} resolves to %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile={#Root}\resources\icons\courtsafe.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir={#Root}\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "spanish"; MessagesFile: "compiler:Languages\Spanish.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#Root}\dist\CourtSafe\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program folder: the office's database and backups live in the user data folder and stay.
Type: filesandordirs; Name: "{app}"
