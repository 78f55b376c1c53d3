<#
.SYNOPSIS
  Lock a Windows PC into AI-Book for one local account with Shell Launcher v2 (and, where the
  edition has it, Keyboard Filter): the app *is* the shell, so there is no Start menu, taskbar,
  Explorer or desktop to escape to.

.DESCRIPTION
  A Startup shortcut (setup.ps1 -Kiosk) is not a kiosk: the Windows key, Ctrl+Alt+Del and
  Task Manager all still work. This script uses Windows' own kiosk mechanism instead.

  Requirements: Windows 10/11 Enterprise, Education or IoT Enterprise (Shell Launcher is not in
  Home or Pro), run as Administrator, AI-Book already installed (setup.ps1).

    powershell -ExecutionPolicy Bypass -File packaging\windows\kiosk-shell-launcher.ps1 `
        -User aibook -AppExe "C:\Users\aibook\AppData\Local\Programs\AIBook\aibook-desktop.exe"
    ... -Undo      # back to Explorer for that account

  What it does:
    1. enables the optional features Client-EmbeddedShellLauncher and (if present)
       Client-KeyboardFilter;
    2. sets "aibook-desktop.exe --kiosk --supervised" as the custom shell of -User only
       (every other account keeps Explorer, so a grown-up can still sign in as themselves);
       if the shell exits it is started again (exit action 0 = restart the shell);
    3. with Keyboard Filter: blocks Win key combinations, Alt+Tab, Alt+F4, Ctrl+Esc and
       Ctrl+Shift+Esc (Task Manager) for that account. Ctrl+Alt+Del itself always reaches the
       secure screen; Shell Launcher's account shows only "Sign out" / "Switch user" there, and
       the booth account should have no rights worth using (a standard user).
  Auto sign-in of the booth account: use Sysinternals Autologon (stores the password
  encrypted), or Settings > Accounts; this script does not write passwords to the registry.

  Assigned Access (the other built-in kiosk) runs a single UWP/Store app, or on Windows 11
  a restricted multi-app Start menu from an XML profile; AI-Book is a Win32 folder app, so
  Shell Launcher is the fitting mechanism. See packaging\README.md.

  HONESTY: written against Microsoft's documented WMI classes (root\standardcimv2\embedded:
  WESL_UserSetting, WEKF_PredefinedKey); NOT tried on a Windows machine (none here).
#>
[CmdletBinding()]
param(
    [string]$User = "aibook",
    [string]$AppExe = "",
    [switch]$Undo
)
$ErrorActionPreference = "Stop"
$Namespace = "root\standardcimv2\embedded"
$RestartShell = 0

$principal = New-Object Security.Principal.WindowsPrincipal(
    [Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    throw "Run this from an Administrator PowerShell."
}
$Sid = (New-Object Security.Principal.NTAccount($User)).Translate(
    [Security.Principal.SecurityIdentifier]).Value

function Enable-Feature([string]$Name) {
    $feature = Get-WindowsOptionalFeature -Online -FeatureName $Name -ErrorAction SilentlyContinue
    if ($null -eq $feature) { return $false }
    if ($feature.State -ne "Enabled") {
        Enable-WindowsOptionalFeature -Online -FeatureName $Name -All -NoRestart | Out-Null
        Write-Host "Enabled $Name (a restart may be needed before the WMI classes appear)."
    }
    return $true
}

if (-not (Enable-Feature "Client-EmbeddedShellLauncher")) {
    throw "This edition of Windows has no Shell Launcher (needs Enterprise, Education or IoT)."
}
$Launcher = [wmiclass]"\\localhost\$($Namespace):WESL_UserSetting"

if ($Undo) {
    $Launcher.RemoveCustomShell($Sid) | Out-Null
    Write-Host "$User gets Explorer again at the next sign-in."
    exit 0
}

if (-not $AppExe) {
    $AppExe = Join-Path (Join-Path $env:SystemDrive "Users\$User\AppData\Local\Programs\AIBook") "aibook-desktop.exe"
}
if (-not (Test-Path $AppExe)) { throw "No AI-Book at $AppExe: run setup.ps1 as $User first." }

$Launcher.SetDefaultShell("explorer.exe", $RestartShell) | Out-Null   # everyone else
$Launcher.SetCustomShell($Sid, "`"$AppExe`" --kiosk --supervised", $null, $null, $RestartShell) | Out-Null
$Launcher.SetEnabled($true) | Out-Null
Write-Host "Shell Launcher: $User now signs in straight into AI-Book ($AppExe)."

if (Enable-Feature "Client-KeyboardFilter") {
    $blocked = @("Win+L", "Win+D", "Win+E", "Win+R", "Win+Tab", "Windows", "Alt+Tab",
                 "Alt+F4", "Ctrl+Esc", "Ctrl+Shift+Esc", "Alt+Esc", "Alt+Space")
    foreach ($key in $blocked) {
        $rule = Get-CimInstance -Namespace $Namespace -ClassName WEKF_PredefinedKey |
            Where-Object { $_.Id -eq $key }
        if ($rule) { Set-CimInstance -InputObject $rule -Property @{ Enabled = 1 } }
    }
    # administrators are not filtered, so a grown-up signing in as themselves keeps every key
    $settings = Get-CimInstance -Namespace $Namespace -ClassName WEKF_Settings |
        Where-Object { $_.Name -eq "DisableKeyboardFilterForAdministrators" }
    if ($settings) { Set-CimInstance -InputObject $settings -Property @{ Value = "true" } }
    Write-Host "Keyboard Filter: Windows key combinations, Alt+Tab/F4 and Task Manager keys blocked."
} else {
    Write-Host "No Keyboard Filter in this edition: the app itself swallows the keys it sees."
}
Write-Host "Sign in as $User (Autologon for unattended start). Restart once if WMI classes were new."
