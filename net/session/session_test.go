package session

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestCertIsMadeOnceAndKept(t *testing.T) {
	dir := t.TempDir()
	a, err := LoadOrCreateCert(dir)
	if err != nil {
		t.Fatal(err)
	}
	b, err := LoadOrCreateCert(dir)
	if err != nil {
		t.Fatal(err)
	}
	if fa, fb := Fingerprint(a.Certificate[0]), Fingerprint(b.Certificate[0]); fa != fb || len(fa) != 64 {
		t.Fatalf("fingerprints %s and %s", fa, fb)
	}
	info, err := os.Stat(filepath.Join(dir, certFile))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("identity file: %v, mode %v", err, info.Mode())
	}
	if a.Leaf == nil || a.Leaf.PublicKeyAlgorithm.String() != "ECDSA" {
		t.Fatalf("certificate is not ECDSA")
	}
}

func TestCorruptCertSaysWhatToDo(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, certFile), []byte("not a certificate"), 0o600)
	if _, err := LoadOrCreateCert(dir); err == nil || !strings.Contains(err.Error(), "delete it") {
		t.Fatalf("err = %v", err)
	}
}

func TestResolveAddr(t *testing.T) {
	tests := []struct{ in, want string }{
		{"127.0.0.1:5000", "127.0.0.1:5000"},
		{"[::1]:5000", "[::1]:5000"},
		{"127.0.0.1", "127.0.0.1:47777"},
		{"::1", "[::1]:47777"},
		{"localhost:6000", "127.0.0.1:6000"},
	}
	for _, tt := range tests {
		got, err := ResolveAddr(context.Background(), tt.in)
		if err != nil || got.String() != tt.want {
			t.Errorf("ResolveAddr(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{":5000", "127.0.0.1:http-ish", "127.0.0.1:70000"} {
		if _, err := ResolveAddr(context.Background(), bad); err == nil {
			t.Errorf("ResolveAddr(%q) succeeded", bad)
		}
	}
}

// TestDialNobodyThereTimesOut dials a port where nothing answers: the dial must give
// up by itself within the handshake timeout, with the sentence for it.
func TestDialNobodyThereTimesOut(t *testing.T) {
	silent, err := net.ListenPacket("udp", "127.0.0.1:0") // takes packets, never answers
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { silent.Close() })
	ep, err := NewEndpoint("127.0.0.1:0", Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ep.Close() })
	start := time.Now()
	_, err = ep.Dial(context.Background(), silent.LocalAddr().String(), nil)
	if took := time.Since(start); took > DialTimeout+time.Second {
		t.Errorf("gave up after %v", took)
	}
	if !errors.Is(err, ErrNoAnswer) { // game/quicnet words it "Nobody answered at …"
		t.Fatalf("err = %v", err)
	}
}

// TestDialAClosedPortIsRefused dials a port nothing listens on: the system's "port
// unreachable" ends the dial as refused, which only the probe can tell (QUIC alone
// would wait out the handshake timeout and call it silence).
func TestDialAClosedPortIsRefused(t *testing.T) {
	closed, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := closed.LocalAddr().String()
	closed.Close()
	ep, err := NewEndpoint("127.0.0.1:0", Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ep.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), DialTimeout)
	defer cancel()
	_, err = ep.Dial(ctx, addr, nil)
	if !errors.Is(err, ErrRefused) || errors.Is(err, ErrNoAnswer) {
		t.Fatalf("dialling a closed port: %v", err)
	}
}
