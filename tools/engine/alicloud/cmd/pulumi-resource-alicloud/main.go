// Command pulumi-resource-alicloud serves the bridged provider. schema.json is
// written next to this file by pulumi-tfgen-alicloud before the build.
package main

import (
	_ "embed"

	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"

	alicloud "shared-bandwidth-gateway/tools/engine/alicloud"
)

var version = "3.108.0"

//go:embed schema.json
var schema []byte

func main() {
	tfbridge.Main("alicloud", version, alicloud.Provider(version), schema)
}
