package host

import (
	"context"
	"log/slog"
	"net"
	"net/netip"
	"time"

	"github.com/gemrush/gemrush/net/invite"
	"github.com/gemrush/gemrush/net/portmap"
	"github.com/gemrush/gemrush/net/session"
)

// PortMapping is the router's forwarding of the game's port, kept while the game
// runs: a *portmap.Mapper, or a test's fake.
type PortMapping interface {
	Status() portmap.Status
	// Close removes the forwarding, giving up when ctx ends.
	Close(ctx context.Context)
}

// unmapWait bounds removing the router's forwarding when the game ends. The removal
// starts as the game ends and runs beside the goodbyes (ShutdownTimeout), given no
// longer than they are, so a window's wait for its host (client.HostStopWait) covers
// both: the forwarding never outlives a window that quit.
const unmapWait = ShutdownTimeout

// startPortMap asks the router to forward the port, in the background, and removes
// the forwarding as soon as ctx ends; the channel closes when that is done, within
// unmapWait of the end.
func (s *Server) startPortMap(ctx context.Context) <-chan struct{} {
	start := s.cfg.StartPortMap
	if start == nil {
		start = func(port int, lan string, log *slog.Logger, changed func(portmap.Status)) PortMapping {
			return portmap.Start(port, lan, log, changed)
		}
	}
	lan := s.lanAddr()
	m := start(s.Addr().Port, lan, s.log, func(st portmap.Status) {
		if st.State == portmap.Mapped && st.External.IsValid() {
			s.log.Info("the invite code now holds the internet address", "invite", s.inviteWith(st.External))
		}
	})
	s.mapMu.Lock()
	s.mapping, s.mapLAN = m, lan
	s.mapMu.Unlock()
	unmapped := make(chan struct{})
	go func() {
		defer close(unmapped)
		<-ctx.Done()
		cctx, cancel := context.WithTimeout(context.Background(), unmapWait)
		defer cancel()
		m.Close(cctx)
	}()
	return unmapped
}

// inviteFresh is how long an invite code is kept before the machine's addresses are
// looked at again: they seldom change, and the hosting screen asks every frame.
const inviteFresh = 10 * time.Second

// Invite is an invite code with every way in, best first: the router's internet
// address when it forwards the port, then this machine's addresses others on its
// network can reach (see session.JoinAddrs). "" when there are none.
func (s *Server) Invite() string {
	var external netip.AddrPort
	if st, ok := s.Internet(); ok && st.State == portmap.Mapped {
		external = st.External
	}
	return s.inviteWith(external)
}

// inviteWith is the invite code with external (if valid) as the first way in.
func (s *Server) inviteWith(external netip.AddrPort) string {
	s.inviteMu.Lock()
	defer s.inviteMu.Unlock()
	if s.lastInvite.code != "" && s.lastInvite.external == external && time.Since(s.lastInvite.made) < inviteFresh {
		return s.lastInvite.code
	}
	var addrs []netip.Addr
	if external.IsValid() {
		addrs = append(addrs, external.Addr())
	}
	for _, a := range session.JoinAddrs(s.Addr().Port) {
		if ap, err := netip.ParseAddrPort(a); err == nil {
			addrs = append(addrs, ap.Addr())
		}
	}
	code := ""
	if inv, err := invite.New(uint16(s.Addr().Port), addrs, s.fingerprint); err == nil {
		code = inv.String()
	}
	s.lastInvite.code, s.lastInvite.external, s.lastInvite.made = code, external, time.Now()
	return code
}

// Internet is how the internet reaches the game: the router's port forwarding as it
// stands, and false when the host was not asked to forward (Config.PortMap).
func (s *Server) Internet() (portmap.Status, bool) {
	st, _, ok := s.internet()
	st.Confirmed = false
	return st, ok
}

// noteJoinFrom notes a player who joined from addr, who may show that the way in
// from the internet works (see fromTheInternet).
func (s *Server) noteJoinFrom(addr net.Addr) {
	u, ok := addr.(*net.UDPAddr)
	if !ok {
		return
	}
	src, _ := netip.AddrFromSlice(u.IP)
	if st, ok := s.Internet(); ok && fromTheInternet(src, st, session.OwnNetworks()) && !s.fromInternet.Swap(true) {
		s.log.Info("a player joined from the internet: the way in works", "from", u)
	}
}

// fromTheInternet reports whether a player who joined from src came through the
// router's forwarding: the port is forwarded, and src is a public IPv4 address (the
// forwarding is IPv4's) on none of this machine's networks own. A player on the LAN
// may come in over the host's global IPv6 address, or from a LAN that uses public
// addresses; neither says anything of the router.
func fromTheInternet(src netip.Addr, st portmap.Status, own []netip.Prefix) bool {
	src = src.Unmap()
	if st.State != portmap.Mapped || !src.Is4() || !portmap.Public(src) {
		return false
	}
	for _, p := range own {
		if p.Contains(src) {
			return false
		}
	}
	return true
}

// lanAddr is this machine's address on its network, as the internet line names it
// for forwarding by hand. It is looked up once, when the forwarding begins: the
// hosting screen asks for the line every frame.
func (s *Server) lanAddr() string {
	if addrs := session.JoinAddrs(s.Addr().Port); len(addrs) > 0 {
		if ap, err := netip.ParseAddrPort(addrs[0]); err == nil {
			return ap.Addr().String()
		}
	}
	return "this machine"
}

// InternetShort is Internet in a few words with the next step, for the hosting
// screen, or "".
func (s *Server) InternetShort() string {
	st, lan, ok := s.internet()
	if !ok {
		return ""
	}
	return st.Short(s.Addr().Port, lan)
}

// InternetSentence is Internet in one line for the person hosting, or "".
func (s *Server) InternetSentence() string {
	st, lan, ok := s.internet()
	if !ok {
		return ""
	}
	return st.Sentence(s.Addr().Port, lan)
}

// internet is the forwarding as it stands, with whether a player has come in
// through it, and this machine's address on its network; false when not asked.
func (s *Server) internet() (portmap.Status, string, bool) {
	s.mapMu.Lock()
	m, lan := s.mapping, s.mapLAN
	s.mapMu.Unlock()
	if m == nil {
		return portmap.Status{}, "", false
	}
	st := m.Status()
	st.Confirmed = s.fromInternet.Load()
	return st, lan, true
}
