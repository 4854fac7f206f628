#!/usr/bin/env bash
# Makes the services' JVM base image from Debian packages alone — no registry, no Docker daemon — and prints the path
# of the image archive, which Jib takes as -Dquarkus.jib.base-jvm-image=tar://<path> (build.sh does that).
#   deploy/images/base-image.sh          the cached archive, made first if missing (needs root and debootstrap)
#   deploy/images/base-image.sh --force  make it again (e.g. for Debian's latest security updates)
# What it is: Debian bookworm (debootstrap --variant=minbase) + openjdk-17-jre-headless + ca-certificates, without
# docs, man pages, locales or apt's caches; user 185 (bazaar), the uid the Deployments run as (runAsUser: 185); one
# layer. It runs with a read-only root filesystem and a writable /tmp, as the Deployments run it.
# Cache: $BAZAAR_IMAGE_CACHE (default ~/.cache/stream-bazaar/images), keyed by this script's content, so a change here
# makes a new one and an unchanged script reuses it in seconds. The Debian mirror is the one apt uses on this machine
# (/etc/apt/sources.list*), else deb.debian.org; BAZAAR_DEBIAN_MIRROR overrides it.
# Run heavy steps under the machine's shared lock (flock /tmp/heavy.lock ...); this script takes no lock itself.
set -euo pipefail

suite=bookworm
jre=openjdk-17-jre-headless
uid=185
force=false
[[ "${1:-}" == "--force" ]] && force=true

log() { echo "base-image: $*" >&2; }

arch="$(dpkg --print-architecture 2>/dev/null || echo amd64)"
key="$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-12)"
cache="${BAZAAR_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/stream-bazaar/images}"
archive="$cache/jvm-base-$suite-$arch-$key.tar"
if [[ -f "$archive" && "$force" == false ]]; then
  echo "$archive"
  exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
  log "making the base image needs root (debootstrap, chroot); run as root or give build.sh a base image" \
      "(BAZAAR_BASE_IMAGE=/path/base.tar)"
  exit 3
fi
debootstrap="$(command -v debootstrap || echo /usr/sbin/debootstrap)"
if [[ ! -x "$debootstrap" ]]; then
  log "debootstrap is not installed (apt-get install debootstrap)"
  exit 3
fi

# the machine's Debian mirror: the first source of the main archive (not -security, not third-party repositories)
mirror_of_apt() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] || continue
    sed -n -e 's/^deb \(\[[^]]*\] \)\{0,1\}\([^ ]*\/debian\/\{0,1\}\) .*/\2/p' \
        -e 's/^URIs: *\([^ ]*\/debian\/\{0,1\}\)$/\1/p' "$f"
  done | head -1
}
mirror="${BAZAAR_DEBIAN_MIRROR:-$(mirror_of_apt)}"
mirror="${mirror:-http://deb.debian.org/debian}"

mkdir -p "$cache/debs"
work="$(mktemp -d "$cache/.work-XXXXXX")"
trap 'umount -R "$work/rootfs/proc" "$work/rootfs/sys" 2>/dev/null || true; rm -rf --one-file-system "$work"' EXIT
root="$work/rootfs"
started=$SECONDS

log "debootstrap $suite ($arch) from $mirror"
# the .debs are kept in $cache/debs: making the image again downloads only what changed
"$debootstrap" --variant=minbase --arch="$arch" --include="$jre,ca-certificates" --cache-dir="$cache/debs" \
  "$suite" "$root" "$mirror" > "$work/debootstrap.log" 2>&1 || {
  tail -30 "$work/debootstrap.log" >&2
  log "debootstrap failed (log above)"
  exit 1
}
java_home="/usr/lib/jvm/java-17-openjdk-$arch"
jre_version="$(chroot "$root" dpkg-query -W -f='${Version}' "$jre")"
mount -t proc proc "$root/proc"
chroot "$root" "$java_home/bin/java" -version > "$work/java.log" 2>&1 || {
  cat "$work/java.log" >&2; log "java does not run in the new root"; exit 1; }
umount "$root/proc"
[[ -s "$root/etc/ssl/certs/java/cacerts" ]] || { log "no Java trust store (ca-certificates-java)"; exit 1; }

# the user the Deployments run as (quarkus-kubernetes: runAsUser/runAsGroup 185; Jib makes /home/jboss, its working
# directory, owned by 185)
echo "bazaar:x:$uid:$uid:Stream Bazaar:/home/jboss:/usr/sbin/nologin" >> "$root/etc/passwd"
echo "bazaar:x:$uid:" >> "$root/etc/group"
echo "bazaar:!:19000::::::" >> "$root/etc/shadow"

# lean: what a JVM service never reads (license texts stay: /usr/share/doc/*/copyright)
find "$root/usr/share/doc" -mindepth 1 ! -name copyright ! -type d -delete
find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete
rm -rf "$root"/usr/share/{man,info,lintian,linda,locale,i18n/locales}/* \
       "$root"/var/cache/apt/* "$root"/var/lib/apt/lists/* "$root"/var/cache/debconf/*-old \
       "$root"/var/lib/dpkg/*-old "$root"/var/log/* "$root"/tmp/* "$root"/root/.??* \
       "$root"/dev/* "$root"/proc/* "$root"/sys/* "$root"/run/*
# javac's symbol table (the JRE package ships it; nothing here compiles)
rm -f "$root$java_home/lib/ct.sym"
# the runtime (kubelet, container engine) mounts its own over these; they exist so that it can with a read-only root
: > "$root/etc/hostname"
: > "$root/etc/resolv.conf"
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$root/etc/hosts"
chmod 1777 "$root/tmp"

log "packing ($(du -sh "$root" | cut -f1) unpacked)"
tar --numeric-owner --sort=name -C "$root" -cf "$work/layer.tar" .
diff_id="sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
gzip -n -6 "$work/layer.tar"
created="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
mkdir "$work/archive"
mv "$work/layer.tar.gz" "$work/archive/layer.tar.gz"
cat > "$work/archive/config.json" <<EOF
{"architecture":"$arch","os":"linux","created":"$created",
 "config":{"User":"$uid","WorkingDir":"/",
  "Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$java_home","LANG=C.UTF-8"],
  "Labels":{"com.streambazaar.base-image":"Debian $suite minbase + $jre $jre_version (deploy/images/base-image.sh)"}},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"$created","created_by":"deploy/images/base-image.sh: debootstrap $suite minbase + $jre $jre_version"}]}
EOF
echo "[{\"Config\":\"config.json\",\"RepoTags\":[\"stream-bazaar/jvm-base:17-$suite\"],\"Layers\":[\"layer.tar.gz\"]}]" \
  > "$work/archive/manifest.json"
tar --numeric-owner --owner=0 --group=0 --mtime='@0' -C "$work/archive" -cf "$work/base.tar" \
  manifest.json config.json layer.tar.gz
mv "$work/base.tar" "$archive"
# older bases (made by earlier versions of this script) are of no more use
find "$cache" -maxdepth 1 -name "jvm-base-*.tar" ! -path "$archive" -delete
log "made $archive ($(du -h "$archive" | cut -f1), $jre $jre_version) in $((SECONDS - started)) s"
echo "$archive"
