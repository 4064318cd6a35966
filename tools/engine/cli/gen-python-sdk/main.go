// gen-python-sdk writes the Python SDK of a Pulumi package schema with Pulumi's own Python code generator
// (pkg/v3/codegen/python), the one `pulumi package gen-sdk --language python` runs inside a current
// pulumi-language-python host. The hosts built here predate that RPC, so the generator runs on its own.
//
// usage: gen-python-sdk SCHEMA_JSON OUT_DIR
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	python "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: gen-python-sdk SCHEMA_JSON OUT_DIR")
		os.Exit(2)
	}
	if err := generate(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintf(os.Stderr, "gen-python-sdk: %v\n", err)
		os.Exit(1)
	}
}

func generate(schemaFile, outDir string) error {
	raw, err := os.ReadFile(schemaFile)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("%s: %w", schemaFile, err)
	}
	// A component package that references no other package: binding never loads one.
	if len(spec.Dependencies) > 0 {
		return fmt.Errorf("%s depends on other packages; this generator loads none", schemaFile)
	}
	pkg, diags, err := schema.BindSpec(spec, schema.NewNullLoader(), schema.ValidationOptions{})
	if err != nil {
		return err
	}
	for _, d := range diags {
		fmt.Fprintln(os.Stderr, d.Error())
	}
	if diags.HasErrors() {
		return fmt.Errorf("%s does not bind", schemaFile)
	}
	files, err := python.GeneratePackage("gen-python-sdk", pkg, nil, nil)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(outDir); err != nil {
		return err
	}
	for name, data := range files {
		path := filepath.Join(outDir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
