module github.com/alibabacloud-go/alibabacloud-gateway-oss

go 1.25.11

require github.com/alibabacloud-go/alibabacloud-gateway-spi v0.0.5

require (
	github.com/alibabacloud-go/debug v1.0.0 // indirect
	github.com/alibabacloud-go/tea v1.2.2 // indirect
	github.com/aliyun/credentials-go v1.3.6 // indirect
	github.com/json-iterator/go v1.1.12 // indirect
	github.com/modern-go/concurrent v0.0.0-20180228061459-e0a39a4cb421 // indirect
	github.com/modern-go/reflect2 v1.0.2 // indirect
	golang.org/x/net v0.20.0 // indirect
	gopkg.in/ini.v1 v1.67.0 // indirect
)
