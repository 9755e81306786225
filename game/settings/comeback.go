package settings

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/gemrush/gemrush/net/wire"
)

// Comeback is what takes a player's place back in a game after their own game closed
// or crashed: the host's resume token, kept from joining until the player leaves.
// A relaunched game that joins the same address under the same name shows it, and
// the host gives the place back if its grace period has not ended (else the player
// simply joins anew). Comebacks live in comebacks.json in the config dir, readable
// only by the user: a token is as good as the player's place.
type Comeback struct {
	Addr        string     `json:"addr"` // as dialled
	Name        string     `json:"name"` // as the player joined
	Fingerprint string     `json:"fingerprint"`
	Token       wire.Token `json:"-"`
	TokenHex    string     `json:"token"`
	Saved       time.Time  `json:"saved"`
	Owner       int        `json:"pid"` // the process playing with it: while it runs, the place is in use
}

const (
	comebackFile = "comebacks.json"
	// comebackKeep is how long a comeback is kept. A game can last hours, and only the
	// host knows whether the place still waits: a token too old for it just joins anew.
	comebackKeep  = 24 * time.Hour
	mostComebacks = 64 // a run of many bots keeps one each
)

// comebacks serialises this process's reads and writes of the file: a run of bots
// saves many at once.
var comebacks sync.Mutex

// SaveComeback keeps c (replacing any for the same address and name), stamped now.
func SaveComeback(dir string, c Comeback) error {
	comebacks.Lock()
	defer comebacks.Unlock()
	c.Saved, c.TokenHex, c.Owner = time.Now(), hex.EncodeToString(c.Token[:]), os.Getpid()
	all := append(loadComebacks(dir), c)
	all = slices.DeleteFunc(all[:len(all)-1], func(o Comeback) bool { return o.Addr == c.Addr && o.Name == c.Name })
	all = append(all, c)
	if len(all) > mostComebacks {
		all = all[len(all)-mostComebacks:]
	}
	return saveComebacks(dir, all)
}

// FindComeback is the comeback for addr and name, if one is kept and no other running
// process is playing with it (two games run under the same name must not take each
// other's places).
func FindComeback(dir, addr, name string) (Comeback, bool) {
	comebacks.Lock()
	defer comebacks.Unlock()
	for _, c := range loadComebacks(dir) {
		if c.Addr == addr && c.Name == name && (c.Owner == os.Getpid() || !running(c.Owner)) {
			return c, true
		}
	}
	return Comeback{}, false
}

// ForgetComeback drops the comeback for addr and name: the player left on purpose,
// or has no place to come back to.
func ForgetComeback(dir, addr, name string) error {
	comebacks.Lock()
	defer comebacks.Unlock()
	all := loadComebacks(dir)
	kept := slices.DeleteFunc(slices.Clone(all), func(c Comeback) bool { return c.Addr == addr && c.Name == name })
	if len(kept) == len(all) {
		return nil
	}
	return saveComebacks(dir, kept)
}

// loadComebacks reads the file, leaving out what is too old or unreadable: a lost
// comeback only means joining anew.
func loadComebacks(dir string) []Comeback {
	data, err := os.ReadFile(filepath.Join(dir, comebackFile))
	var all []Comeback
	if err != nil || json.Unmarshal(data, &all) != nil {
		return nil
	}
	kept := all[:0]
	for _, c := range all {
		b, err := hex.DecodeString(c.TokenHex)
		if err != nil || len(b) != len(c.Token) || time.Since(c.Saved) > comebackKeep {
			continue
		}
		copy(c.Token[:], b)
		kept = append(kept, c)
	}
	return kept
}

func saveComebacks(dir string, all []Comeback) error {
	if len(all) == 0 {
		err := os.Remove(filepath.Join(dir, comebackFile))
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return err
	}
	data, err := json.MarshalIndent(all, "", "  ")
	if err != nil {
		return err
	}
	return writeFile(dir, comebackFile, data)
}
