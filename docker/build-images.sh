#!/usr/bin/env bash
# Builds the project's images, with or without an image registry:
#   spawnpoint/debian:bookworm  Debian bookworm slim: pulled (debian:bookworm-slim) when a registry answers,
#                               else made with debootstrap + docker import
#   spawnpoint/base:latest      default service image: Java 17 runtime, git, ca-certificates, the spawnable
#                               library and its dependencies in /opt/spawnpoint/lib (CLASSPATH points there)
#   spawnpoint/spawnd:latest    the daemon: spawnd jar + dependencies, config in /etc/spawnd, Docker socket mounted at run time
#
# Usage: docker/build-images.sh [--force|--no-cache] [debian|base|spawnd ...]     (no target: all three)
# --force rebuilds (base and spawnd reuse Docker's layer cache); --no-cache rebuilds without that cache.
# An image that exists is kept unless --force, except that base and spawnd are rebuilt when the jars they carry have
# changed (their digest is a label on the image); such a rebuild reuses the cached apt layer and takes seconds. The
# build writes reproducible jars (project.build.outputTimestamp), so rebuilding unchanged sources changes no digest.
# Nothing is left behind in TMPDIR.
# Environment: DEBIAN_PULL_IMAGE (default debian:bookworm-slim), PULL_TIMEOUT (s, default 60),
#              DEBIAN_MIRROR (for debootstrap; default http://deb.debian.org/debian),
#              SPAWND_MAIN (spawnd's main class; default: the Main-Class of the spawnd jar, else org.spawnpoint.spawnd.SpawndMain).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
pull_timeout="${PULL_TIMEOUT:-60}"
pull_image="${DEBIAN_PULL_IMAGE:-debian:bookworm-slim}"

DEBIAN_IMAGE=spawnpoint/debian:bookworm
BASE_IMAGE=spawnpoint/base:latest
SPAWND_IMAGE=spawnpoint/spawnd:latest

force=false
no_cache=""
targets=()
for arg in "$@"; do
  case "$arg" in
    --force) force=true ;;
    --no-cache) force=true; no_cache=--no-cache ;;
    debian|base|spawnd) targets+=("$arg") ;;
    -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-images: unknown argument '$arg' (expected --force, --no-cache, debian, base or spawnd)" >&2; exit 2 ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(debian base spawnd)

log() { echo "build-images: $*" >&2; }
image_exists() { docker image inspect "$1" >/dev/null 2>&1; }
label_of() { docker image inspect -f "{{ index .Config.Labels \"$2\" }}" "$1" 2>/dev/null || true; }

# Temporary build contexts live under one directory made here, in this shell, and removed on exit whatever happens.
# (new_workdir runs inside $(...), a subshell: anything it recorded in a variable would be lost, and its directory
# with it: each run used to leave up to 115 MB in /tmp.)
tmp_root="$(mktemp -d "${TMPDIR:-/tmp}/spawnpoint-images.XXXXXX")"
trap 'rm -rf "$tmp_root"' EXIT
new_workdir() { mktemp -d "$tmp_root/work.XXXXXX"; }

module_jar() {  # the module's main jar, or nothing when the module is not built
  ls "$root/$1"/target/"$1"-*.jar 2>/dev/null | grep -v -e '-tests.jar' -e '-sources.jar' -e '-javadoc.jar' | head -n 1 || true
}

# Copies a module's jar and runtime dependencies into DIR and prints a digest of them ("none" when not built).
stage_module() {
  local module="$1" dir="$2" jar
  mkdir -p "$dir"
  jar=$(module_jar "$module")
  if [ -z "$jar" ]; then echo none; return; fi
  cp "$jar" "$dir/"
  if [ -d "$root/$module/target/lib" ]; then cp "$root/$module"/target/lib/*.jar "$dir/" 2>/dev/null || true; fi
  (cd "$dir" && sha256sum -- *.jar | sort -k2 | sha256sum | cut -c1-16)
}

build_debian() {
  if image_exists "$DEBIAN_IMAGE" && ! $force; then log "$DEBIAN_IMAGE present"; return; fi
  log "pulling $pull_image (timeout ${pull_timeout}s)"
  if timeout "$pull_timeout" docker pull -q "$pull_image" >/dev/null 2>&1; then
    docker tag "$pull_image" "$DEBIAN_IMAGE"
    log "$DEBIAN_IMAGE tagged from the registry's $pull_image"
    return
  fi
  log "no registry answered: making $DEBIAN_IMAGE with debootstrap from $mirror"
  if ! command -v debootstrap >/dev/null 2>&1; then
    log "installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
  fi
  local work rootfs; work="$(new_workdir)"; rootfs="$work/rootfs"
  if ! debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1; then
    tail -30 "$work/debootstrap.log" >&2
    log "debootstrap failed (mirror $mirror; set DEBIAN_MIRROR to use another)"
    exit 1
  fi
  # The same sources a debian:bookworm-slim image has, so that apt-get in service builds also gets security updates.
  cat >"$rootfs/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror%/debian}/debian-security bookworm-security main
SOURCES
  # Slim it the way Debian's slim images are: no docs, man pages or apt caches, and keep it that way for later apt runs.
  cat >"$rootfs/etc/dpkg/dpkg.cfg.d/docker-slim" <<'DPKG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
DPKG
  find "$rootfs/usr/share/doc" -mindepth 2 ! -name copyright ! -type d -delete 2>/dev/null || true
  # Files only: packages such as openjdk expect /usr/share/man/man1 to exist.
  find "$rootfs/usr/share/man" "$rootfs/usr/share/info" ! -type d -delete 2>/dev/null || true
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin \
         "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/log/*.log "$rootfs"/tmp/*
  tar -C "$rootfs" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["bash"]' \
    --change 'LABEL org.spawnpoint.image=debian' \
    - "$DEBIAN_IMAGE" >/dev/null
  log "$DEBIAN_IMAGE imported"
}

# build_java_image TARGET IMAGE MODULE [docker build args...]: context = docker/TARGET + the module's jars in lib/.
build_java_image() {
  local target="$1" image="$2" module="$3" ctx digest
  shift 3
  ctx="$(new_workdir)"
  cp -r "$here/$target/." "$ctx/"
  digest=$(stage_module "$module" "$ctx/lib")
  # spawnd's image archives the classes its daemon loads (AppCDS, as bin/spawnd does): the list is part of what it
  # carries, and of its digest.
  if [ -f "$root/$module/cds.classlist" ] && [ "$digest" != none ]; then
    cp "$root/$module/cds.classlist" "$ctx/"
    digest="$digest-$(sha256sum < "$ctx/cds.classlist" | cut -c1-8)"
  fi
  if image_exists "$image" && ! $force && [ "$(label_of "$image" org.spawnpoint.lib-digest)" = "$digest" ]; then
    log "$image present ($module jars: $digest)"; return
  fi
  # A checkout whose module is not built must not replace a working image (shared by everyone on this engine) with
  # one that lacks the jars: keep it. (SpawndImageIT from a worktree without spawnable built emptied the base image.)
  if [ "$digest" = none ] && image_exists "$image" && ! $force; then
    log "warning: $module is not built here; keeping the present $image"; return
  fi
  image_exists "$DEBIAN_IMAGE" || build_debian
  [ "$digest" != none ] || log "warning: $module is not built (mvn -B -DskipTests install): $image gets no $module jars"
  local previous; previous=$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)
  log "building $image ($module jars: $digest)"
  # The classic builder: no buildx needed. Quiet, so its output (and deprecation notice) is shown only on failure.
  local out
  if ! out=$(DOCKER_BUILDKIT=0 docker build -q --force-rm $no_cache --label "org.spawnpoint.lib-digest=$digest" "$@" \
             -t "$image" "$ctx" 2>&1 >/dev/null); then
    echo "$out" >&2
    log "building $image failed"
    exit 1
  fi
  # The replaced image, unless something still uses it (a container, or the spawnd image built on it).
  if [ -n "$previous" ] && [ "$previous" != "$(docker image inspect -f '{{.Id}}' "$image")" ]; then
    docker rmi "$previous" >/dev/null 2>&1 || true
  fi
  log "$image built"
}

# spawnd's main class: SPAWND_MAIN, else the jar's Main-Class, else the project's convention.
spawnd_main() {
  local jar main=""
  if [ -n "${SPAWND_MAIN:-}" ]; then echo "$SPAWND_MAIN"; return; fi
  jar=$(module_jar spawnd)
  if [ -n "$jar" ] && command -v unzip >/dev/null 2>&1; then
    main=$(unzip -p "$jar" META-INF/MANIFEST.MF 2>/dev/null | sed -n 's/^Main-Class: *//p' | tr -d '\r')
  fi
  echo "${main:-org.spawnpoint.spawnd.SpawndMain}"
}

for t in "${targets[@]}"; do
  case "$t" in
    debian) build_debian ;;
    base)   build_java_image base "$BASE_IMAGE" spawnable ;;
    spawnd) # The base first: kept as it is unless missing or its spawnable jars changed.
            [[ " ${targets[*]} " == *" base "* ]] || build_java_image base "$BASE_IMAGE" spawnable
            build_java_image spawnd "$SPAWND_IMAGE" spawnd --build-arg "SPAWND_MAIN=$(spawnd_main)" ;;
  esac
done
