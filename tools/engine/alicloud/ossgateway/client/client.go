// Package client replaces the OSS gateway of the Alibaba Cloud SDK, which the
// module proxy does not serve. The provider only uses it for OSS API calls,
// which fail with this build; every other product is unaffected.
package client

import (
	"errors"

	spi "github.com/alibabacloud-go/alibabacloud-gateway-spi/client"
)

var errUnavailable = errors.New("the OSS gateway is not part of this build")

// Client implements spi.ClientInterface and rejects every call.
type Client struct{}

// NewClient always fails, so OSS clients are never created.
func NewClient() (*Client, error) { return nil, errUnavailable }

func (*Client) ModifyConfiguration(*spi.InterceptorContext, *spi.AttributeMap) error {
	return errUnavailable
}

func (*Client) ModifyRequest(*spi.InterceptorContext, *spi.AttributeMap) error { return errUnavailable }

func (*Client) ModifyResponse(*spi.InterceptorContext, *spi.AttributeMap) error {
	return errUnavailable
}
