package session

import (
	"context"
	"net"
	"testing"

	"github.com/quic-go/quic-go"
)

// connect starts a host and a player on 127.0.0.1 with opts, each socket wrapped by
// its wrap function when one is given, and connects them within ctx: the player's
// connection and the host's. Both endpoints close when the test ends.
func connect(ctx context.Context, t *testing.T, opts Options, wrapHost, wrapPlayer func(net.PacketConn) net.PacketConn) (player, host *quic.Conn) {
	t.Helper()
	cert, err := LoadOrCreateCert(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	hostEp, err := NewEndpoint("127.0.0.1:0", opts, wrapHost)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { hostEp.Close() })
	ln, err := hostEp.Listen(cert, nil)
	if err != nil {
		t.Fatal(err)
	}
	playerEp, err := NewEndpoint("127.0.0.1:0", opts, wrapPlayer)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { playerEp.Close() })
	if player, err = playerEp.Dial(ctx, hostEp.Addr().String(), nil); err != nil {
		t.Fatal(err)
	}
	if host, err = ln.Accept(ctx); err != nil {
		t.Fatal(err)
	}
	return player, host
}
