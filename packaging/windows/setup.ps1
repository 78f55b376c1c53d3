<#
.SYNOPSIS
  Install AI-Book Desktop on a home gaming PC: copy the bundle, desktop shortcut, optional
  auto-start in kiosk mode.

.DESCRIPTION
  Run from the folder that holds the built bundle (packaging\build_bundle.py output):
    powershell -ExecutionPolicy Bypass -File packaging\windows\setup.ps1 -Bundle C:\tmp\aibook-dist\aibook
  Options:
    -Kiosk        also start AI-Book full screen at logon (restarted after a crash), and keep the
                  display from sleeping while plugged in
    -GpuSite DIR  a site-packages folder with the CUDA build of torch and the GPU stack
                  (see packaging\README.md); stored in the user's AIBOOK_GPU_SITE
    -Uninstall    remove the shortcuts, the auto-start and the program folder (books are kept)
  Nothing needs administrator rights: everything goes into the current user's profile.
#>
[CmdletBinding()]
param(
    [string]$Bundle = (Join-Path $PSScriptRoot "..\..\dist\aibook"),
    [string]$InstallDir = (Join-Path $env:LOCALAPPDATA "Programs\AIBook"),
    [switch]$Kiosk,
    [string]$GpuSite = "",
    [switch]$Uninstall
)
$ErrorActionPreference = "Stop"

$AppExe = Join-Path $InstallDir "aibook-desktop.exe"
$Desktop = [Environment]::GetFolderPath("Desktop")
$Startup = [Environment]::GetFolderPath("Startup")
$DesktopLink = Join-Path $Desktop "AI-Book.lnk"
$StartupLink = Join-Path $Startup "AI-Book kiosk.lnk"

function New-Shortcut([string]$Path, [string]$Target, [string]$Arguments, [string]$Description) {
    $shell = New-Object -ComObject WScript.Shell
    $link = $shell.CreateShortcut($Path)
    $link.TargetPath = $Target
    $link.Arguments = $Arguments
    $link.WorkingDirectory = Split-Path $Target
    $link.Description = $Description
    $link.IconLocation = "$Target,0"
    $link.Save()
}

if ($Uninstall) {
    Remove-Item -Force -ErrorAction SilentlyContinue $DesktopLink, $StartupLink
    if (Test-Path $InstallDir) { Remove-Item -Recurse -Force $InstallDir }
    [Environment]::SetEnvironmentVariable("AIBOOK_GPU_SITE", $null, "User")
    Write-Host "AI-Book removed. Books and settings stay in $env:LOCALAPPDATA\aibook-desktop."
    exit 0
}

if (-not (Test-Path (Join-Path $Bundle "aibook-desktop.exe"))) {
    throw "No bundle at $($Bundle) - build it first (python packaging\build_bundle.py)."
}

# Copy next to the old one, then swap, so a failed copy never leaves a broken install.
$Staging = "$InstallDir.new"
if (Test-Path $Staging) { Remove-Item -Recurse -Force $Staging }
Copy-Item -Recurse -Path $Bundle -Destination $Staging
if (Test-Path $InstallDir) { Remove-Item -Recurse -Force $InstallDir }
Move-Item $Staging $InstallDir
Write-Host "Installed to $InstallDir"

New-Shortcut $DesktopLink $AppExe "" "AI-Book: make a picture book"
Write-Host "Desktop shortcut: $DesktopLink"

if ($GpuSite) {
    if (-not (Test-Path (Join-Path $GpuSite "torch"))) { throw "$GpuSite has no torch in it." }
    [Environment]::SetEnvironmentVariable("AIBOOK_GPU_SITE", $GpuSite, "User")
    Write-Host "GPU packages: $GpuSite (AIBOOK_GPU_SITE)"
}

if ($Kiosk) {
    # Full screen at logon; --supervised restarts the app after a crash or a driver reset.
    New-Shortcut $StartupLink $AppExe "--kiosk --supervised" "AI-Book kiosk"
    # No display sleep or standby while on mains power (a booth is always plugged in).
    powercfg /change monitor-timeout-ac 0 | Out-Null
    powercfg /change standby-timeout-ac 0 | Out-Null
    Write-Host "Kiosk: starts full screen at logon ($StartupLink); screen stays on."
} elseif (Test-Path $StartupLink) {
    Remove-Item -Force $StartupLink
    Write-Host "Kiosk auto-start removed."
}

& (Join-Path $InstallDir "aibook.exe") doctor
Write-Host "Done. The checks above say what (if anything) still needs fixing."
