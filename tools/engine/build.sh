#!/usr/bin/env bash
# Builds the pulumi CLI, the language hosts it runs programs with (Node.js,
# Python, YAML), the bridged alicloud and random resource providers and the
# Python SDK generator from Go modules into a cache outside the repo. Progress
# goes to stderr; the last line of stdout is the bin dir to put on PATH.
#
# usage: tools/engine/build.sh [--print-dir]
#   --print-dir  print the bin dir without building
# env:   SBG_ENGINE_CACHE  cache root (default ~/.cache/shared-bandwidth-gateway/engine)
set -euo pipefail

PULUMI_VERSION=v3.276.0
# The newest served versions that still carry the Node.js and Python hosts as
# packages of github.com/pulumi/pulumi/sdk/v3 (later hosts are separate modules
# the module proxy does not serve); see docs/e2e.md.
LANGHOST_VERSION=v3.68.0
YAML_VERSION=v1.25.0
ALICLOUD_VERSION=3.108.0
RANDOM_VERSION=4.21.2

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache_root="${SBG_ENGINE_CACHE:-$HOME/.cache/shared-bandwidth-gateway/engine}"

# The key changes with the versions and with any wrapper file.
hash="$(cd "$here" && find build.sh cli langhosts yaml alicloud random -type f \
	\( -name '*.go' -o -name go.mod -o -name go.sum -o -name build.sh \) \
	! -name schema.json | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-12)"
key="pulumi-${PULUMI_VERSION}_hosts-${LANGHOST_VERSION}_yaml-${YAML_VERSION}_alicloud-${ALICLOUD_VERSION}_random-${RANDOM_VERSION}_${hash}"
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

# CLI: skipped when the same version is already on PATH (linked into the bin dir).
if [[ -x "$bin/pulumi" ]]; then
	log "reusing $bin/pulumi"
elif command -v pulumi >/dev/null && [[ "$(pulumi version 2>/dev/null)" == "$PULUMI_VERSION" ]]; then
	log "pulumi $PULUMI_VERSION already on PATH at $(command -v pulumi); linking it, not building it"
	ln -sf "$(command -v pulumi)" "$bin/pulumi"
else
	log "building pulumi $PULUMI_VERSION"
	cp -R "$here/cli" "$stage/cli"
	go_build "$stage/cli" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi "$bin/pulumi" -tags osusergo \
		-ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION"
	"$bin/pulumi" version >&2
fi

# The Python SDK generator: Pulumi's codegen/python from the module the CLI is built from.
if [[ -x "$bin/gen-python-sdk" ]]; then
	log "reusing $bin/gen-python-sdk"
else
	[[ -d "$stage/cli" ]] || cp -R "$here/cli" "$stage/cli"
	go_build "$stage/cli" ./gen-python-sdk "$bin/gen-python-sdk" -ldflags "-s -w"
fi

# Language hosts, beside the CLI (which looks there before PATH).
sdk_version_flag="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$LANGHOST_VERSION"
for lang in nodejs python; do
	if [[ -x "$bin/pulumi-language-$lang" ]]; then
		log "reusing $bin/pulumi-language-$lang"
		continue
	fi
	[[ -d "$stage/langhosts" ]] || cp -R "$here/langhosts" "$stage/langhosts"
	go_build "$stage/langhosts" "github.com/pulumi/pulumi/sdk/v3/$lang/cmd/pulumi-language-$lang" \
		"$bin/pulumi-language-$lang" -ldflags "-s -w $sdk_version_flag"
done
# The Python host runs this script of the same SDK version, found beside it.
if [[ ! -x "$bin/pulumi-language-python-exec" ]]; then
	[[ -d "$stage/langhosts" ]] || cp -R "$here/langhosts" "$stage/langhosts"
	sdk_dir="$(cd "$stage/langhosts" && go list -mod=readonly -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)"
	install -m 0755 "$sdk_dir/python/cmd/pulumi-language-python-exec" "$bin/pulumi-language-python-exec.tmp.$$"
	mv -f "$bin/pulumi-language-python-exec.tmp.$$" "$bin/pulumi-language-python-exec"
fi
if [[ -x "$bin/pulumi-language-yaml" ]]; then
	log "reusing $bin/pulumi-language-yaml"
else
	cp -R "$here/yaml" "$stage/yaml"
	go_build "$stage/yaml" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml "$bin/pulumi-language-yaml" \
		-ldflags "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=$YAML_VERSION"
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
