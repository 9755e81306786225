package settings

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"
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
	return slices.DeleteFunc(all, func(h KnownHost) bool {
		b, err := hex.DecodeString(h.Fingerprint)
		return h.Addr == "" || err != nil || len(b) != 32
	})
}
