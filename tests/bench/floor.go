package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"flag"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/quic-go/quic-go"
)

// The floor is what the host's traffic costs on quic-go alone: a bare program that
// accepts as many connections as the host has players and, 60 times a second, sends
// each a datagram the size of the host's mean snapshot, while its clients send it
// datagrams the size of the players' inputs as often as they do. It has no game,
// no streams, no limits: one ticking goroutine calls SendDatagram for every
// connection, and one goroutine per connection reads, the least a quic-go program
// sending and receiving these datagrams can do.
func init() {
	roles["floor-host"] = floorHost
	roles["floor-clients"] = floorClients
}

// floorALPN names the floor's protocol, so that nothing else can be mistaken for it.
const floorALPN = "gemrush-bench-floor"

// floorConfig is the game's QUIC configuration where it bears on the cost: datagrams
// on, the same idle timeout and keep-alive.
func floorConfig() *quic.Config {
	return &quic.Config{EnableDatagrams: true, MaxIdleTimeout: 10 * time.Second, KeepAlivePeriod: 2 * time.Second}
}

type floorFlags struct {
	players  int
	size, hz int
	addr     string
}

func (f *floorFlags) parse(name string, args []string) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.IntVar(&f.players, "players", 8, "connections")
	fs.IntVar(&f.size, "size", 60, "bytes in each datagram sent")
	fs.IntVar(&f.hz, "hz", 60, "datagrams a second each connection sends")
	fs.StringVar(&f.addr, "addr", "127.0.0.1:0", "where to listen, or whom to dial")
	return fs.Parse(args)
}

// untilSignalled is a context that ends when the process is told to stop.
func untilSignalled() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// floorHost listens, prints "port=P", and once every player is in prints "ready"
// and sends to them all until stopped.
func floorHost(args []string) error {
	var f floorFlags
	if err := f.parse("floor-host", args); err != nil {
		return err
	}
	ctx, stop := untilSignalled()
	defer stop()
	cert, err := floorCert()
	if err != nil {
		return err
	}
	ln, err := quic.ListenAddr(f.addr, &tls.Config{Certificates: []tls.Certificate{cert}, NextProtos: []string{floorALPN}}, floorConfig())
	if err != nil {
		return err
	}
	defer ln.Close()
	fmt.Printf("port=%d\n", ln.Addr().(*net.UDPAddr).Port)
	conns := make([]*quic.Conn, 0, f.players)
	for len(conns) < f.players {
		c, err := ln.Accept(ctx)
		if err != nil {
			return err
		}
		go drain(ctx, c)
		conns = append(conns, c)
	}
	fmt.Println("ready")
	sendEvery(ctx, conns, f.size, f.hz)
	for _, c := range conns {
		c.CloseWithError(0, "")
	}
	return nil
}

// floorClients dials the floor's host with every player and sends until stopped.
func floorClients(args []string) error {
	var f floorFlags
	if err := f.parse("floor-clients", args); err != nil {
		return err
	}
	ctx, stop := untilSignalled()
	defer stop()
	tc := &tls.Config{InsecureSkipVerify: true, NextProtos: []string{floorALPN}}
	conns := make([]*quic.Conn, f.players)
	var wg sync.WaitGroup
	errs := make(chan error, f.players)
	dialling := make(chan struct{}, 8) // a few handshakes at a time, as the bots join one by one
	for i := range conns {
		wg.Go(func() {
			dialling <- struct{}{}
			defer func() { <-dialling }()
			dctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			defer cancel()
			c, err := quic.DialAddr(dctx, f.addr, tc, floorConfig())
			if err != nil {
				errs <- err
				return
			}
			conns[i] = c
			go drain(ctx, c)
		})
	}
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
	}
	sendEvery(ctx, conns, f.size, f.hz)
	return nil
}

// sendEvery sends every connection one datagram of size bytes hz times a second
// until ctx ends, all from this goroutine.
func sendEvery(ctx context.Context, conns []*quic.Conn, size, hz int) {
	b := make([]byte, size)
	t := time.NewTicker(time.Second / time.Duration(hz))
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		for _, c := range conns {
			c.SendDatagram(b) // quic-go copies it; a closed connection just fails
		}
	}
}

// drain reads and drops what a connection receives, as a game would read it.
func drain(ctx context.Context, c *quic.Conn) {
	for {
		if _, err := c.ReceiveDatagram(ctx); err != nil {
			return
		}
	}
}

// floorCert is a throwaway self-signed certificate.
func floorCert() (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}
