package settings

import (
	"encoding/hex"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gemrush/gemrush/net/wire"
)

// KnownHost is the identity an address answered with the first time this player
// joined it: trust on first use, as SSH keeps known_hosts. A later join to the same
// address that meets another certificate stops before anything is sent, and the
// player decides whether to trust the new one. They live in known_hosts.json in the
// config dir.
type KnownHost struct {
	Addr        string    `json:"addr"`        // as dialled
	Fingerprint string    `json:"fingerprint"` // SHA-256 of the host's certificate, hex
	Seen        time.Time `json:"seen"`        // the last join that met it
}

const (
	knownHostsFile = "known_hosts.json"
	mostKnownHosts = 256 // the oldest are forgotten first
)

var knownHosts sync.Mutex // this process's reads and writes of the file

// KnownHostAt is the fingerprint addr answered with before, if any.
func KnownHostAt(dir, addr string) (string, bool) {
	addr = hostKey(addr)
	knownHosts.Lock()
	defer knownHosts.Unlock()
	for _, h := range loadKnownHosts(dir) {
		if h.Addr == addr {
			return h.Fingerprint, true
		}
	}
	return "", false
}

// TrustHost records that addr is the host with fingerprint: after a first join, or
// when the player trusted a new one.
func TrustHost(dir, addr, fingerprint string) error {
	addr = hostKey(addr)
	knownHosts.Lock()
	defer knownHosts.Unlock()
	all := slices.DeleteFunc(loadKnownHosts(dir), func(h KnownHost) bool { return h.Addr == addr })
	all = append(all, KnownHost{Addr: addr, Fingerprint: fingerprint, Seen: time.Now()})
	if len(all) > mostKnownHosts {
		all = all[len(all)-mostKnownHosts:]
	}
	data, err := json.MarshalIndent(all, "", "  ")
	if err != nil {
		return err
	}
	return writeFile(dir, knownHostsFile, data)
}

// hostKey is addr as known hosts are kept: with its port, the default one when it
// was left out, so "host" and "host:47777" are one.
func hostKey(addr string) string {
	if _, _, err := net.SplitHostPort(addr); err == nil {
		return addr
	}
	return net.JoinHostPort(strings.Trim(addr, "[]"), strconv.Itoa(wire.DefaultPort))
}

// loadKnownHosts reads the file, leaving out what is unreadable: a host forgotten is
// only trusted again on first use.
func loadKnownHosts(dir string) []KnownHost {
	data, err := os.ReadFile(filepath.Join(dir, knownHostsFile))
	if err != nil {
		return nil
	}
	return parseKnownHosts(data)
}

// parseKnownHosts reads the file's bytes; entries that are not an address and a
// whole SHA-256 fingerprint are left out.
func parseKnownHosts(data []byte) []KnownHost {
	var all []KnownHost
	if json.Unmarshal(data, &all) != nil {
		return nil
	}
	all = slices.DeleteFunc(all, func(h KnownHost) bool {
		b, err := hex.DecodeString(h.Fingerprint)
		return h.Addr == "" || err != nil || len(b) != 32
	})
	for i := range all {
		all[i].Fingerprint = strings.ToLower(all[i].Fingerprint) // as fingerprints are compared
	}
	return all
}
