#!/bin/sh
# Issue #21: the kiosk lock on a real X server, with and without a window manager.
#   tools/kiosk_walk_xvfb.sh [OUT_DIR]
# For each of "bare" (no window manager, like the packaged X11 session) and "openbox":
#   1. runs tests/test_ui_kiosk_walk.py and tests/test_ui_kiosk_lock.py on Xvfb (QT_QPA_PLATFORM=xcb);
#   2. starts the real app in kiosk mode, screenshots it, sends "show desktop" (Super+D) and a
#      desktop switch (Ctrl+Alt+Right), waits, and screenshots again: the booth must be back.
# Needs Xvfb, xdotool, imagemagick (import) and, for the second pass, openbox.
set -u
OUT=${1:-/tmp/kiosk-xvfb}
mkdir -p "$OUT"
PY=${PYTHON:-/work/main/.venv/bin/python}
export PYTHONPATH="${PYTHONPATH:-$PWD}" OMP_NUM_THREADS=1 QT_QPA_PLATFORM=xcb
status=0
for wm in bare openbox; do
    display=:$((90 + $$ % 50))
    Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb=$!
    sleep 1
    export DISPLAY=$display
    wmpid=""
    if [ "$wm" = openbox ]; then
        command -v openbox >/dev/null || { echo "no openbox: skipped"; kill $xvfb; continue; }
        openbox >/dev/null 2>&1 &
        wmpid=$!
        sleep 1
    fi
    echo "== $wm: tests"
    timeout 600 "$PY" -m pytest -q -p no:cacheprovider tests/test_ui_kiosk_walk.py \
        tests/test_ui_kiosk_lock.py > "$OUT/$wm-tests.txt" 2>&1 || status=1
    tail -1 "$OUT/$wm-tests.txt"
    echo "== $wm: the real app"
    home=$(mktemp -d)
    AIBOOK_HOME=$home AIBOOK_LANGUAGE=ko timeout 60 "$PY" -m aibook_desktop --kiosk \
        > "$OUT/$wm-app.log" 2>&1 &
    app=$!
    sleep 8
    import -window root "$OUT/$wm-1-started.png"
    xdotool key super+d 2>/dev/null; sleep 0.3
    import -window root "$OUT/$wm-2-right-after-super-d.png"
    sleep 3
    import -window root "$OUT/$wm-3-after-super-d.png"
    xdotool key ctrl+alt+Right 2>/dev/null; sleep 3
    import -window root "$OUT/$wm-4-after-desktop-switch.png"
    xdotool mousemove 1270 10 mousedown 1; sleep 2.5; xdotool mouseup 1; sleep 1
    import -window root "$OUT/$wm-5-corner-gate.png"
    xwininfo -root -tree > "$OUT/$wm-windows.txt" 2>&1
    kill $app 2>/dev/null; wait $app 2>/dev/null
    rm -rf "$home"
    [ -n "$wmpid" ] && kill $wmpid
    kill $xvfb; wait $xvfb 2>/dev/null
done
exit $status
