// Package alicloud maps the Terraform alicloud resources used by the program
// onto the tokens of the @pulumi/alicloud Node SDK.
package alicloud

import (
	"sort"

	tfalicloud "github.com/aliyun/terraform-provider-alicloud/alicloud"
	"github.com/hashicorp/terraform-plugin-sdk/helper/schema"
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"
	shim "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfshim"
	shimv1 "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfshim/sdk-v1"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
)

// Resources maps Terraform resource types to Pulumi type tokens.
var Resources = map[string]string{
	"alicloud_nat_gateway":                         "alicloud:vpc/natGateway:NatGateway",
	"alicloud_common_bandwidth_package":            "alicloud:vpc/commonBandwithPackage:CommonBandwithPackage",
	"alicloud_common_bandwidth_package_attachment": "alicloud:vpc/commonBandwithPackageAttachment:CommonBandwithPackageAttachment",
	"alicloud_forward_entry":                       "alicloud:vpc/forwardEntry:ForwardEntry",
	"alicloud_eip_address":                         "alicloud:ecs/eipAddress:EipAddress",
	"alicloud_eip_association":                     "alicloud:ecs/eipAssociation:EipAssociation",
	"alicloud_security_group_rule":                 "alicloud:ecs/securityGroupRule:SecurityGroupRule",
}

// Provider returns the bridge configuration for the given provider version.
func Provider(version string) tfbridge.ProviderInfo {
	p := shimv1.NewProvider(tfalicloud.Provider().(*schema.Provider))

	prov := tfbridge.ProviderInfo{
		P:           p,
		Name:        "alicloud",
		DisplayName: "Alibaba Cloud",
		Description: "A Pulumi package for creating and managing AliCloud resources.",
		Keywords:    []string{"pulumi", "alicloud"},
		License:     "Apache-2.0",
		GitHubOrg:   "aliyun",
		Version:     version,
		Config: map[string]*tfbridge.SchemaInfo{
			"ecs_role_name": {Default: &tfbridge.DefaultInfo{EnvVars: []string{"ALICLOUD_ECS_ROLE_NAME"}}},
			"region":        {Default: &tfbridge.DefaultInfo{EnvVars: []string{"ALICLOUD_REGION"}}},
			"profile":       {Default: &tfbridge.DefaultInfo{EnvVars: []string{"ALICLOUD_PROFILE"}}},
		},
		Resources:   map[string]*tfbridge.ResourceInfo{},
		DataSources: map[string]*tfbridge.DataSourceInfo{},
	}
	for tf, tok := range Resources {
		prov.Resources[tf] = &tfbridge.ResourceInfo{Tok: tokens.Type(tok)}
	}

	// Everything else stays out of the schema.
	var ignored []string
	p.ResourcesMap().Range(func(name string, _ shim.Resource) bool {
		if _, ok := Resources[name]; !ok {
			ignored = append(ignored, name)
		}
		return true
	})
	p.DataSourcesMap().Range(func(name string, _ shim.Resource) bool {
		ignored = append(ignored, name)
		return true
	})
	sort.Strings(ignored)
	prov.IgnoreMappings = ignored

	prov.SetAutonaming(255, "-")
	return prov
}
