#!/usr/bin/env bash
# packaging/deb.sh — `make deb`: builds build/loket_VERSION_ARCH.deb with dpkg-deb from a
# `make install` into a staging folder.  Depends: are the Debian packages that hold the
# libraries the binary itself names (NEEDED, found with objdump, ldd and dpkg -S), at
# the versions it was built against.
#   packaging/deb.sh VERSION BUILD_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
version=$1 build=$2
arch=$(dpkg --print-architecture)
stage=$(mktemp -d "${TMPDIR:-/tmp}/loket-deb-XXXXXX")
chmod 0755 "$stage"   # it becomes /
trap 'rm -rf "$stage"' EXIT
make -s install DESTDIR="$stage" BUILD="$build" >/dev/null

deps=()
needed=$(objdump -p "$build/loket" | awk '$1 == "NEEDED" {print $2}')
for lib in $(ldd "$build/loket" | awk -v want=" $(echo $needed) " 'index(want, " " $1 " ") && $3 ~ /^\// {print $3}'); do
    real=$(readlink -f "$lib")
    pkg=$(dpkg -S "$lib" 2>/dev/null || dpkg -S "$real" 2>/dev/null || true)
    pkg=${pkg%%:*}
    [ -n "$pkg" ] || { echo "deb.sh: no Debian package holds $lib" >&2; exit 1; }
    [ "$pkg" = libc6 ] || [[ " ${deps[*]} " == *" $pkg "* ]] || deps+=("$pkg")
done
depends="libc6 (>= $(dpkg-query -W -f='${Version}' libc6 | sed 's/-.*//'))"
for p in "${deps[@]}"; do depends+=", $p (>= $(dpkg-query -W -f='${Version}' "$p"))"; done

mkdir -p "$stage/DEBIAN"
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" -e "s/@DEPENDS@/$depends/" \
    packaging/debian/control.in > "$stage/DEBIAN/control"
install -m 0644 packaging/debian/conffiles "$stage/DEBIAN/conffiles"
install -m 0755 packaging/debian/postinst packaging/debian/prerm packaging/debian/postrm "$stage/DEBIAN/"
out="$build/loket_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build "$stage" "$out" >/dev/null
echo "$out"
