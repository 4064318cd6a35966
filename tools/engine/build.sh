#!/usr/bin/env bash
# Builds the pulumi CLI and the bridged alicloud and random resource providers
# from Go modules into a cache outside the repo. Progress goes to stderr; the
# last line of stdout is the bin dir to put on PATH.
#
# usage: tools/engine/build.sh [--print-dir]
#   --print-dir  print the bin dir without building
# env:   SBG_ENGINE_CACHE  cache root (default ~/.cache/shared-bandwidth-gateway/engine)
set -euo pipefail

PULUMI_VERSION=v3.248.0
ALICLOUD_VERSION=3.108.0
RANDOM_VERSION=4.21.2

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache_root="${SBG_ENGINE_CACHE:-$HOME/.cache/shared-bandwidth-gateway/engine}"

# The key changes with the versions and with any wrapper file.
hash="$(cd "$here" && find build.sh cli alicloud random -type f \
	\( -name '*.go' -o -name go.mod -o -name go.sum -o -name build.sh \) \
	! -name schema.json | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-12)"
key="pulumi-${PULUMI_VERSION}_alicloud-${ALICLOUD_VERSION}_random-${RANDOM_VERSION}_${hash}"
dir="$cache_root/$key"
bin="$dir/bin"

case "${1:-}" in
--print-dir)
	echo "$bin"
	exit 0
	;;
"") ;;
*)
	echo "usage: $0 [--print-dir]" >&2
	exit 2
	;;
esac

log() { echo "build.sh: $*" >&2; }

command -v go >/dev/null || {
	log "go not found on PATH"
	exit 1
}
mkdir -p "$bin" "$dir/schema"
stage="$(mktemp -d "$dir/src.XXXXXX")"
trap 'rm -rf "$stage" "$bin"/*.tmp.$$ "$dir"/schema/*.tmp.$$' EXIT

export CGO_ENABLED=0 GOWORK=off
build_flags=(-mod=readonly -trimpath -buildvcs=false)
timer=()
if [[ -x /usr/bin/time ]]; then
	timer=(/usr/bin/time -f "build.sh: %e s wall, %M KiB max RSS")
fi

# go_build MODULE_DIR PACKAGE OUTPUT [go build flags...]: writes OUTPUT atomically.
go_build() {
	local mod="$1" pkg="$2" out="$3"
	shift 3
	local tmp="$out.tmp.$$"
	log "go build $pkg"
	(cd "$mod" && "${timer[@]}" go build "${build_flags[@]}" "$@" -o "$tmp" "$pkg")
	mv -f "$tmp" "$out"
}

# CLI: skipped when the same version is already on PATH.
if [[ -x "$bin/pulumi" ]]; then
	log "reusing $bin/pulumi"
elif command -v pulumi >/dev/null && [[ "$(pulumi version 2>/dev/null)" == "$PULUMI_VERSION" ]]; then
	log "pulumi $PULUMI_VERSION already on PATH at $(command -v pulumi); not building it"
else
	log "building pulumi $PULUMI_VERSION"
	cp -R "$here/cli" "$stage/cli"
	go_build "$stage/cli" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi "$bin/pulumi" -tags osusergo \
		-ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION"
	"$bin/pulumi" version >&2
fi

# Bridged providers: generate the schema with the same provider info, then
# build the provider with that schema embedded.
build_provider() {
	local name="$1" version="$2"
	local out="$bin/pulumi-resource-$name"
	if [[ -x "$out" ]]; then
		log "reusing $out"
		return
	fi
	log "building pulumi-resource-$name $version"
	cp -R "$here/$name" "$stage/$name"
	local src="$stage/$name" ld="-s -w -X main.version=$version"
	go_build "$src" "./cmd/pulumi-tfgen-$name" "$stage/pulumi-tfgen-$name" -ldflags "$ld"
	"$stage/pulumi-tfgen-$name" "$src/cmd/pulumi-resource-$name"
	cp "$src/cmd/pulumi-resource-$name/schema.json" "$dir/schema/$name.json.tmp.$$"
	mv -f "$dir/schema/$name.json.tmp.$$" "$dir/schema/$name.json"
	go_build "$src" "./cmd/pulumi-resource-$name" "$out" -ldflags "$ld"
	log "pulumi-resource-$name -version: $("$out" -version)"
}
build_provider alicloud "$ALICLOUD_VERSION"
build_provider random "$RANDOM_VERSION"

log "schemas in $dir/schema"
echo "$bin"
