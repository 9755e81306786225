// Command stunresponder answers STUN binding requests (RFC 5389) with the address they
// came from, for the NAT tests: a home router (miniupnpd) learns its internet address
// by asking it, as it would ask a public STUN server. Requests that ask for an answer
// from another address or port (CHANGE-REQUEST) are answered from the same one: to the
// router, an address that does not filter.
package main

import (
	"encoding/binary"
	"flag"
	"log"
	"net"
)

const magicCookie = 0x2112A442

func main() {
	addr := flag.String("addr", ":3478", "UDP address to answer on")
	flag.Parse()
	pc, err := net.ListenPacket("udp4", *addr)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("answering STUN on %s", pc.LocalAddr())
	buf := make([]byte, 1500)
	for {
		n, from, err := pc.ReadFrom(buf)
		if err != nil {
			log.Fatal(err)
		}
		if resp := answer(buf[:n], from.(*net.UDPAddr)); resp != nil {
			pc.WriteTo(resp, from)
		}
	}
}

// answer is the binding success response to req from from, or nil if req is not a
// binding request.
func answer(req []byte, from *net.UDPAddr) []byte {
	if len(req) < 20 || binary.BigEndian.Uint16(req[0:2]) != 0x0001 || binary.BigEndian.Uint32(req[4:8]) != magicCookie {
		return nil
	}
	ip := from.IP.To4()
	if ip == nil {
		return nil
	}
	var attrs []byte
	// XOR-MAPPED-ADDRESS
	x := make([]byte, 12)
	binary.BigEndian.PutUint16(x[0:2], 0x0020)
	binary.BigEndian.PutUint16(x[2:4], 8)
	x[5] = 0x01 // IPv4
	binary.BigEndian.PutUint16(x[6:8], uint16(from.Port)^uint16(magicCookie>>16))
	binary.BigEndian.PutUint32(x[8:12], binary.BigEndian.Uint32(ip)^magicCookie)
	attrs = append(attrs, x...)
	// MAPPED-ADDRESS, for clients of RFC 3489
	m := make([]byte, 12)
	binary.BigEndian.PutUint16(m[0:2], 0x0001)
	binary.BigEndian.PutUint16(m[2:4], 8)
	m[5] = 0x01
	binary.BigEndian.PutUint16(m[6:8], uint16(from.Port))
	copy(m[8:12], ip)
	attrs = append(attrs, m...)
	resp := make([]byte, 20, 20+len(attrs))
	binary.BigEndian.PutUint16(resp[0:2], 0x0101)
	binary.BigEndian.PutUint16(resp[2:4], uint16(len(attrs)))
	copy(resp[4:20], req[4:20]) // cookie and transaction id
	return append(resp, attrs...)
}
