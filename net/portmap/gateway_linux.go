package portmap

import (
	"bufio"
	"encoding/binary"
	"encoding/hex"
	"net"
	"os"
	"strings"
)

// defaultGateway is the IPv4 default route's gateway, from /proc/net/route.
func defaultGateway() (net.IP, bool) {
	f, err := os.Open("/proc/net/route")
	if err != nil {
		return nil, false
	}
	defer f.Close()
	return parseRoutes(bufio.NewScanner(f))
}

// parseRoutes finds the default route (destination 0, flags up and gateway) in the
// kernel's table: hexadecimal, little-endian addresses.
func parseRoutes(sc *bufio.Scanner) (net.IP, bool) {
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || f[1] != "00000000" {
			continue
		}
		gw, err := hex.DecodeString(f[2])
		flags, ferr := hex.DecodeString(f[3])
		if err != nil || ferr != nil || len(gw) != 4 || len(flags) != 2 || flags[1]&0x3 != 0x3 { // RTF_UP|RTF_GATEWAY
			continue
		}
		ip := make(net.IP, 4)
		binary.BigEndian.PutUint32(ip, binary.LittleEndian.Uint32(gw))
		return ip, true
	}
	return nil, false
}
