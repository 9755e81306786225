package netsim

import (
	"net"
	"testing"
	"time"
)

// TestLossAndDuplication sends real datagrams over loopback through the conditioner
// and counts what arrives.
func TestLossAndDuplication(t *testing.T) {
	recv, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { recv.Close() })
	send, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { send.Close() })
	arrived := make(chan struct{}, 4096)
	go func() {
		buf := make([]byte, 16)
		for {
			if _, _, err := recv.ReadFrom(buf); err != nil {
				return
			}
			arrived <- struct{}{}
		}
	}()
	c := Wrap(send, Config{Loss: 0.2, Duplicate: 0.1, Seed: 1})
	const n = 2000
	got, want := 0, 0
	for i := range n {
		lost, dup := c.Lost.Load(), c.Duplicated.Load()
		c.WriteTo([]byte{byte(i)}, recv.LocalAddr())
		copies := 1 - int(c.Lost.Load()-lost) + int(c.Duplicated.Load()-dup)
		want += copies
		for range copies { // await each copy, so the socket buffer never overflows
			select {
			case <-arrived:
				got++
			case <-time.After(2 * time.Second):
				t.Fatalf("datagram %d: %d of %d copies arrived", i, got, want)
			}
		}
	}
	if lost := float64(c.Lost.Load()) / n; lost < 0.15 || lost > 0.25 {
		t.Errorf("lost %.1f%% of packets, configured 20%%", 100*lost)
	}
	if dup := float64(c.Duplicated.Load()) / n; dup < 0.06 || dup > 0.14 {
		t.Errorf("duplicated %.1f%%, configured 10%%", 100*dup)
	}
	if got != want {
		t.Errorf("received %d datagrams, the conditioner let %d through", got, want)
	}
}

func TestDelay(t *testing.T) {
	recv, _ := net.ListenPacket("udp", "127.0.0.1:0")
	t.Cleanup(func() { recv.Close() })
	send, _ := net.ListenPacket("udp", "127.0.0.1:0")
	t.Cleanup(func() { send.Close() })
	c := Wrap(send, Config{Delay: 50 * time.Millisecond, Seed: 1})
	start := time.Now()
	c.WriteTo([]byte("x"), recv.LocalAddr())
	recv.SetReadDeadline(time.Now().Add(2 * time.Second))
	if _, _, err := recv.ReadFrom(make([]byte, 4)); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 50*time.Millisecond {
		t.Fatalf("arrived after %v, delay is 50ms", d)
	}
}
