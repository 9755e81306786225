package quicnet

import (
	"context"
	"io"
	"log/slog"
	"net"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
	"github.com/quic-go/quic-go"
)

// TestATryThatRunsOutOfTimeIsNoAnswer: a host whose handshake completes but whose
// welcome never comes (a network coming back mid-try, a host waking up) makes a
// try at reconnecting run out of time after QUIC's handshake. That is nobody
// answering, which another try may change, never "you left the game".
func TestATryThatRunsOutOfTimeIsNoAnswer(t *testing.T) {
	cert, err := session.LoadOrCreateCert(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ep, err := session.NewEndpoint("127.0.0.1:0", session.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ep.Close()
	ln, err := ep.Listen(cert, nil)
	if err != nil {
		t.Fatal(err)
	}
	go func() { // accepts, and never says a word
		for {
			if _, err := ln.Accept(context.Background()); err != nil {
				return
			}
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), client.TryTimeout)
	defer cancel()
	_, err = Dial(ctx, client.Config{Addr: ep.Addr().String(), Name: "Bo"}, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if client.ReasonOf(err) != client.ReasonNoAnswer || !client.Resumable(err) {
		t.Fatalf("a try that ran out of time failed with %v (reason %v)", err, client.ReasonOf(err))
	}
}

// TestAnOlderHostIsAVersionMismatch: a host of an older version agrees only on the
// version-less ALPN and cannot read this version's hello, so it closes with a protocol
// violation; the player is told it is a version mismatch.
func TestAnOlderHostIsAVersionMismatch(t *testing.T) {
	cert, err := session.LoadOrCreateCert(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	udp, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	tr := &quic.Transport{Conn: udp}
	defer tr.Close()
	old := session.ServerTLS(cert)
	old.NextProtos = []string{wire.ALPNAnyVersion}
	ln, err := tr.Listen(old, &quic.Config{EnableDatagrams: true})
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		conn, err := ln.Accept(context.Background())
		if err != nil {
			return
		}
		st, err := conn.AcceptStream(context.Background())
		if err == nil {
			st.Read(make([]byte, 64))
		}
		conn.CloseWithError(session.CodeProtocolViolation, "protocol violation: bad hello: wire: bytes after the end of the message")
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err = Dial(ctx, client.Config{Addr: udp.LocalAddr().String(), Name: "Bo"}, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if client.ReasonOf(err) != client.ReasonVersionMismatch {
		t.Fatalf("joining an older host: %v (reason %v)", err, client.ReasonOf(err))
	}
}

// TestJoiningAClosedPortSaysSo: nothing listens at the port, and the player is told
// so (a reason only the system's "port unreachable" gives), not that nobody answered.
func TestJoiningAClosedPortSaysSo(t *testing.T) {
	closed, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := closed.LocalAddr().String()
	closed.Close()
	ctx, cancel := context.WithTimeout(context.Background(), session.DialTimeout)
	defer cancel()
	_, err = Dial(ctx, client.Config{Addr: addr, Name: "Bo"}, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	want := "Nothing is listening at " + addr + " (the port is closed): check the port."
	if client.ReasonOf(err) != client.ReasonPortClosed || err.Error() != want || !client.Resumable(err) {
		t.Fatalf("joining a closed port: %v (reason %v)", err, client.ReasonOf(err))
	}
}
