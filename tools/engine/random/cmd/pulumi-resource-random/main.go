// Command pulumi-resource-random serves the bridged provider. schema.json is
// written next to this file by pulumi-tfgen-random before the build.
package main

import (
	"context"
	_ "embed"

	pf "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/pf/tfbridge"

	random "shared-bandwidth-gateway/tools/engine/random"
)

var version = "4.21.2"

//go:embed schema.json
var schema []byte

func main() {
	pf.Main(context.Background(), "random", random.Provider(version), pf.ProviderMetadata{PackageSchema: schema})
}
