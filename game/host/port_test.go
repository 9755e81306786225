package host

import (
	"errors"
	"log/slog"
	"net"
	"strconv"
	"testing"
)

// TestATakenPort: a host asked for a taken port fails in words, naming it; one that
// may move (NearbyPort) hosts on another free port instead.
func TestATakenPort(t *testing.T) {
	other, err := net.ListenPacket("udp", "127.0.0.1:0") // another program on the port
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	taken := other.LocalAddr().(*net.UDPAddr).Port
	addr := "127.0.0.1:" + strconv.Itoa(taken)

	_, err = New(Config{Addr: addr, CertDir: t.TempDir(), Logger: slog.New(slog.DiscardHandler)})
	var pt *PortTakenError
	if !errors.As(err, &pt) || pt.Port != taken {
		t.Fatalf("hosting on a taken port: %v", err)
	}

	s, err := New(Config{Addr: addr, NearbyPort: true, CertDir: t.TempDir(), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatalf("hosting near a taken port: %v", err)
	}
	defer s.ep.Close()
	if got := s.Addr().Port; got == taken || got == 0 {
		t.Fatalf("hosted on port %d, the taken one being %d", got, taken)
	}
}
