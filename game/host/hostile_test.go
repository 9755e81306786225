package host_test

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
	"github.com/quic-go/quic-go"
)

// The host against connections that do what no Gem Rush player does: garbage,
// oversized frames, another version, silence. Each is dropped or closed with a
// reason, and everyone else plays on.

// rawConn dials the host with QUIC only, to speak to it in ways the client never would.
func rawConn(t *testing.T, s *host.Server) *quic.Conn {
	t.Helper()
	ep, err := session.NewEndpoint("127.0.0.1:0", session.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ep.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	conn, err := ep.Dial(ctx, s.Addr().String(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return conn
}

// closeError waits for conn to end and returns its application error.
func closeError(t *testing.T, conn *quic.Conn) *quic.ApplicationError {
	t.Helper()
	select {
	case <-conn.Context().Done():
	case <-time.After(waitLimit):
		t.Fatal("the host did not close the connection")
	}
	var app *quic.ApplicationError
	if !errors.As(context.Cause(conn.Context()), &app) {
		t.Fatalf("closed with %v", context.Cause(conn.Context()))
	}
	return app
}

func openStreams(t *testing.T, conn *quic.Conn, hello *wire.Hello) (ctrl, chat *quic.Stream) {
	t.Helper()
	ctrl, _ = conn.OpenStream()
	chat, _ = conn.OpenStream()
	b, _ := wire.AppendFrame([]byte{byte(wire.StreamControl)}, hello)
	ctrl.Write(b)
	chat.Write([]byte{byte(wire.StreamChat)})
	return ctrl, chat
}

func TestVersionMismatchNamesBothVersions(t *testing.T) {
	s, _ := startHost(t, host.Config{})
	conn := rawConn(t, s)
	openStreams(t, conn, &wire.Hello{Version: 99, Name: "Future"})
	app := closeError(t, conn)
	if app.ErrorCode != session.CodeVersionMismatch || !strings.Contains(app.ErrorMessage, fmt.Sprintf("version %d", wire.Version)) ||
		!strings.Contains(app.ErrorMessage, "version 99") {
		t.Fatalf("closed with %d %q", app.ErrorCode, app.ErrorMessage)
	}
	// A hello laid out as version 2 laid it out (shorter) is turned away in words too.
	old := rawConn(t, s)
	ctrl, _ := old.OpenStream()
	chat, _ := old.OpenStream()
	v2, _ := hex.DecodeString("0a" + "01" + "0002" + "03" + "03416e61" + "027077") // frame length, Hello, version 2, colour, "Ana", "pw"
	ctrl.Write(append([]byte{byte(wire.StreamControl)}, v2...))
	chat.Write([]byte{byte(wire.StreamChat)})
	if app := closeError(t, old); app.ErrorCode != session.CodeVersionMismatch || !strings.Contains(app.ErrorMessage, "version 2") {
		t.Fatalf("a version 2 hello: closed with %d %q", app.ErrorCode, app.ErrorMessage)
	}
	// The release before this one: its hello is laid out as this one's, and its rounds
	// have no countdown and one arena.
	prev := rawConn(t, s)
	openStreams(t, prev, &wire.Hello{Version: 3, Colour: wire.NoColour, Name: "Ana"})
	if app := closeError(t, prev); app.ErrorCode != session.CodeVersionMismatch || !strings.Contains(app.ErrorMessage, "version 3") ||
		!strings.Contains(app.ErrorMessage, fmt.Sprintf("version %d", wire.Version)) {
		t.Fatalf("a version 3 hello: closed with %d %q", app.ErrorCode, app.ErrorMessage)
	}
}

func TestGarbageIsDroppedAndCountedWhileOthersPlay(t *testing.T) {
	s, _ := startHost(t, host.Config{})
	ana := join(t, s, "Ana")
	conn := rawConn(t, s)
	openStreams(t, conn, &wire.Hello{Version: wire.Version, Name: "Mallory"})
	garbage := [][]byte{
		{},                    // empty
		{0x20, 0, 0},          // truncated input
		{0x7e, 1, 2, 3},       // unknown type
		snapshotBytes(t),      // a snapshot, which players do not send
		{0x20, 0, 0, 0, 9, 0}, // zero inputs
		append([]byte{0x20, 0, 0, 0, 9, 1, 0, 0}, 0), // trailing byte
	}
	// The host must have admitted Mallory before datagrams count; wait for Ana to see them.
	ana.until("Mallory joins", func(v *client.State) bool { return len(v.Players) == 2 })
	for _, g := range garbage {
		if len(g) > 0 {
			conn.SendDatagram(g)
		}
	}
	st := s.Stats()
	// Ana keeps playing: each snapshot she takes in is a tick the host took.
	ana.until("the host to count the garbage", func(*client.State) bool {
		return st.DroppedMalformed.Load()+st.DroppedUnknown.Load()+st.DroppedUnexpected.Load() >= 5
	})
	if st.DroppedUnknown.Load() != 1 || st.DroppedUnexpected.Load() != 1 || st.DroppedMalformed.Load() != 3 {
		t.Errorf("dropped: malformed %d (want 3) unknown %d (want 1) unexpected %d (want 1)",
			st.DroppedMalformed.Load(), st.DroppedUnknown.Load(), st.DroppedUnexpected.Load())
	}
	if conn.Context().Err() != nil {
		t.Error("bad datagrams closed the connection; they should only be dropped")
	}
}

func snapshotBytes(t *testing.T) []byte {
	b, err := wire.AppendMessage(nil, &wire.Snapshot{Tick: 1})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestOversizedChatFrameClosesOnlyThatConnection(t *testing.T) {
	s, _ := startHost(t, host.Config{})
	ana := join(t, s, "Ana")
	conn := rawConn(t, s)
	_, chat := openStreams(t, conn, &wire.Hello{Version: wire.Version, Name: "Mallory"})
	ana.until("Mallory joins", func(v *client.State) bool { return len(v.Players) == 2 })
	chat.Write([]byte{0xff, 0xff, 0x03}) // a length of 65535 bytes
	app := closeError(t, conn)
	if app.ErrorCode != session.CodeProtocolViolation || !strings.Contains(app.ErrorMessage, "exceeds the limit") {
		t.Fatalf("closed with %d %q", app.ErrorCode, app.ErrorMessage)
	}
	ana.until("Mallory removed", func(v *client.State) bool { return len(v.Players) == 1 })
	if err := ana.st.SendChat("still here"); err != nil {
		t.Fatal(err)
	}
	ana.until("her own chat echo", func(v *client.State) bool { return len(chatLines(v)) == 1 })
}

func TestSilentConnectionIsTurnedAway(t *testing.T) {
	s, _ := startHost(t, host.Config{})
	conn := rawConn(t, s) // connects but never opens a stream
	app := closeError(t, conn)
	if app.ErrorCode != session.CodeNoHello {
		t.Fatalf("closed with %d %q", app.ErrorCode, app.ErrorMessage)
	}
}
