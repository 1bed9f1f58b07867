#!/bin/sh
# .deb post-remove: take back what after-install.sh put outside /opt/Pano
# (on remove or purge only; an upgrade keeps them).
set -e
case "$1" in
  remove|purge) rm -f /etc/xdg/autostart/pano.desktop /usr/lib/systemd/user/pano-player.service ;;
esac
