#!/bin/sh
# Turn a Linux box into an AI-Book booth.
#   sudo packaging/linux/install-kiosk.sh /tmp/aibook-dist/aibook          # cage (Wayland)
#   sudo packaging/linux/install-kiosk.sh /tmp/aibook-dist/aibook --x11    # LightDM + X11
# Copies the bundle to /opt/aibook, creates the "aibook" user (no password, auto-login only on
# the kiosk seat), and starts the app full screen at boot, restarted on every crash.
# Undo: systemctl disable --now aibook-kiosk.service (or remove the LightDM snippet).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
BUNDLE=${1:?usage: install-kiosk.sh BUNDLE_DIR [--x11]}
MODE=${2:-wayland}
[ "$(id -u)" -eq 0 ] || { echo "run me with sudo" >&2; exit 1; }
[ -x "$BUNDLE/aibook-desktop" ] || { echo "$BUNDLE/aibook-desktop not found: build the bundle first" >&2; exit 1; }

if ! id aibook >/dev/null 2>&1; then
    useradd --create-home --shell /usr/sbin/nologin aibook
fi
for group in video render audio input; do
    getent group "$group" >/dev/null && usermod -aG "$group" aibook
done

# Replace the bundle atomically, so a half copy never runs.
rm -rf /opt/aibook.new
cp -a "$BUNDLE" /opt/aibook.new
install -m 0755 "$HERE/aibook-xsession" /opt/aibook.new/aibook-xsession
rm -rf /opt/aibook.old
[ -d /opt/aibook ] && mv /opt/aibook /opt/aibook.old
mv /opt/aibook.new /opt/aibook
rm -rf /opt/aibook.old

if [ "$MODE" = "--x11" ]; then
    command -v lightdm >/dev/null || apt-get install -y lightdm x11-xserver-utils unclutter
    install -m 0644 "$HERE/aibook.desktop" /usr/share/xsessions/aibook.desktop
    mkdir -p /etc/lightdm/lightdm.conf.d
    cat > /etc/lightdm/lightdm.conf.d/50-aibook.conf <<CONF
[Seat:*]
autologin-user=aibook
autologin-session=aibook
autologin-user-timeout=0
xserver-command=X -s 0 -dpms
CONF
    groupadd -f autologin && usermod -aG autologin aibook
    # No Ctrl+Alt+Fn to a text console and no Ctrl+Alt+Backspace to kill X (issue #21)
    mkdir -p /etc/X11/xorg.conf.d
    install -m 0644 "$HERE/50-aibook-kiosk.conf" /etc/X11/xorg.conf.d/50-aibook-kiosk.conf
    systemctl enable lightdm.service
else
    command -v cage >/dev/null || apt-get install -y cage
    install -m 0644 "$HERE/aibook.pam" /etc/pam.d/aibook
    install -m 0644 "$HERE/aibook-kiosk.service" /etc/systemd/system/aibook-kiosk.service
    systemctl daemon-reload
    systemctl enable aibook-kiosk.service
fi
systemctl set-default graphical.target
echo "AI-Book booth installed ($MODE). Reboot to start it; check it with: /opt/aibook/aibook doctor"
