package netlab

import (
	"io"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gemrush/gemrush/net/netsim"
)

// tallyEvery is the width of the windows a direction counts its traffic in: fine
// enough to leave out a run's join and goodbye, coarse enough to cost nothing.
const tallyEvery = 100 * time.Millisecond

// subnet is the documentation range a lab's packets must stay in: anything else a
// namespace sends into its tunnel is dropped, never carried.
var subnet = netip.MustParsePrefix("198.51.100.0/24")

// Tally is what a direction carried: IP packets, and their bytes, headers and all.
type Tally struct{ Packets, Bytes uint64 }

// Direction is one way of a lab's link: each IP packet read from one end meets the
// fate net/netsim's model gives it (lost, delayed) and, if it survives, is written
// into the other end when its time comes.
type Direction struct {
	path  *netsim.Path // owned by the goroutine that carries
	clock netsim.Clock
	to    io.Writer
	start time.Time

	mu      sync.Mutex
	tallies []Tally // by tallyEvery since start, counted as packets are delivered

	// Refused counts packets that were not IPv4 between two addresses of the lab's
	// subnet, dropped unread.
	Refused atomic.Uint64
}

// newDirection carries what cfg says to to, on clock, counting from start.
func newDirection(cfg netsim.Config, clock netsim.Clock, to io.Writer, start time.Time) *Direction {
	cfg.Clock = clock
	return &Direction{path: netsim.NewPath(cfg), clock: clock, to: to, start: start}
}

// Lost is how many packets the model dropped.
func (d *Direction) Lost() uint64 { return d.path.Lost.Load() }

// pump carries every packet read from from until reading fails (the device closed).
func (d *Direction) pump(from io.Reader) {
	buf := make([]byte, 1<<16)
	for {
		n, err := from.Read(buf)
		if err != nil {
			return
		}
		d.carry(append([]byte(nil), buf[:n]...))
	}
}

// carry sends one packet, which it now owns, on its way. Only one goroutine carries.
func (d *Direction) carry(b []byte) {
	if !inSubnet(b) {
		d.Refused.Add(1)
		return
	}
	d.path.Datagram(func() {
		d.to.Write(b) // a full device queue drops it, as a full router queue would
		d.count(d.clock.Now(), len(b))
	})
}

func (d *Direction) count(at time.Time, n int) {
	i := int(at.Sub(d.start) / tallyEvery)
	if i < 0 {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	for len(d.tallies) <= i {
		d.tallies = append(d.tallies, Tally{})
	}
	d.tallies[i].Packets++
	d.tallies[i].Bytes += uint64(n)
}

// Between is what was delivered from from to to, to the nearest tallyEvery.
func (d *Direction) Between(from, to time.Time) Tally {
	first, last := int(from.Sub(d.start)/tallyEvery), int(to.Sub(d.start)/tallyEvery)
	d.mu.Lock()
	defer d.mu.Unlock()
	var sum Tally
	for i := max(first, 0); i < min(last, len(d.tallies)); i++ {
		sum.Packets += d.tallies[i].Packets
		sum.Bytes += d.tallies[i].Bytes
	}
	return sum
}

// inSubnet reports whether b is an IPv4 packet from and to the lab's subnet.
func inSubnet(b []byte) bool {
	if len(b) < 20 || b[0]>>4 != 4 {
		return false
	}
	src, dst := netip.AddrFrom4([4]byte(b[12:16])), netip.AddrFrom4([4]byte(b[16:20]))
	return subnet.Contains(src) && subnet.Contains(dst)
}
