#!/bin/sh
# Everyday pictures with no human head, from Debian packages (the only image source these machines reach
# besides ../shared), for the head check: its fit (one group of packages) and its test (another group).
#   sh datasets/non-head-photos/fetch.sh     -> datasets/cache/non-head-photos/{fit,eval}/*.jpg
# Needs `apt-get download` (no root: the packages are only unpacked, never installed) and a build (dist/).
set -e
cd "$(dirname "$0")/../.."
DEBS=datasets/cache/non-head-photos/debs
mkdir -p "$DEBS"
for p in opencv-doc python3-skimage gnome-backgrounds mate-backgrounds plasma-workspace-wallpapers \
         lomiri-wallpapers lomiri-wallpapers-16.04 lomiri-wallpapers-20.04 ukui-wallpapers python3-sklearn \
         desktop-base tuxpaint-stamps-default; do
  if [ ! -d "$DEBS/$p" ]; then
    (cd "$DEBS" && apt-get download "$p" 2>/dev/null && dpkg-deb -x "$p"_*.deb "$p" && rm -f "$p"_*.deb)
  fi
done
node dist/datasets/non-head-photos/build.js "$DEBS"
