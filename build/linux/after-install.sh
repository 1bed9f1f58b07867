#!/bin/sh
# .deb post-install: offer both ways of starting at login. The XDG autostart
# entry is active for every graphical session; the systemd user unit is
# installed but left disabled (see docs/install.md).
set -e
RES=/opt/Pano/resources/linux
install -D -m 0644 "$RES/pano.desktop" /etc/xdg/autostart/pano.desktop
install -D -m 0644 "$RES/pano-player.service" /usr/lib/systemd/user/pano-player.service
