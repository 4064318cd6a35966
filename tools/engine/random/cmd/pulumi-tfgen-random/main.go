// Command pulumi-tfgen-random writes the package schema to DIR/schema.json.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/pf/tfgen"

	random "shared-bandwidth-gateway/tools/engine/random"
)

var version = "4.21.2"

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: pulumi-tfgen-random DIR")
		os.Exit(2)
	}
	res, err := tfgen.GenerateSchema(context.Background(), tfgen.GenerateSchemaOptions{
		ProviderInfo:  random.Provider(version),
		XInMemoryDocs: true,
	})
	var out bytes.Buffer
	if err == nil {
		err = json.Indent(&out, res.ProviderMetadata.PackageSchema, "", "  ")
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(os.Args[1], "schema.json"), out.Bytes(), 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
