package bot

import (
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/settings"
	"github.com/gemrush/gemrush/net/invite"
)

// comebacks is what a bot's drops cost it.
type comebacks struct {
	reconnects int              // times it got back in after a drop
	resumed    int              // times the host gave its place back: after a drop, or on joining again after a crash
	took       []time.Duration  // for each, from noticing the drop to being back in
	chatLost   int              // own lines whose echo never came, after a drop: sent into a dying connection
	migrations uint64           // times a connection that dropped had moved to a new network path before
	counted    client.Transport // the connection whose migrations are in migrations already
}

// keepComeback keeps the token m's welcome gave, where cfg says.
func keepComeback(cfg Config, m *client.Match) {
	if cfg.ConfigDir == "" {
		return
	}
	st := m.State()
	c := settings.Comeback{Addr: cfg.Addr, Name: m.Name(), Fingerprint: st.Transport().Fingerprint(), Token: st.Welcome.Token}
	if err := settings.SaveComeback(cfg.ConfigDir, c); err != nil {
		cfg.Logger.Warn("cannot keep the bot's resume token", "err", err)
	}
}

// comeBack polls the bot's way back in after a drop, and reports whether it is back.
// A bot that cannot come back stops, with the reason as its error.
func (b *Bot) comeBack(now time.Time) bool {
	done, err := b.reconnecting.Poll(now)
	switch {
	case !done:
		return false
	case err != nil:
		b.reconnecting, b.err = nil, err
		return false
	}
	b.reconnecting = nil
	if b.keep != nil {
		b.keep() // a new token, if the place had been given up and this is a new one
	}
	c := &b.comebacks
	c.reconnects++
	if b.state.Welcome.Resumed {
		c.resumed++
	}
	c.took = append(c.took, now.Sub(b.droppedAt))
	return true
}

// migrations is how often the bot's connections moved to a new network path.
func (b *Bot) migrations() uint64 {
	n := b.comebacks.migrations
	if t := b.state.Transport(); t != b.comebacks.counted {
		n += t.Stats().Migrations
	}
	return n
}

// pinHost makes join refuse a host at a known address that is not the one it was
// (trust on first use, as the window does), unless cfg trusts a new one.
func pinHost(cfg Config, join *client.Config) {
	if cfg.ConfigDir == "" || cfg.TrustNewHost || invite.IsCode(cfg.Addr) {
		return
	}
	if fp, ok := settings.KnownHostAt(cfg.ConfigDir, cfg.Addr); ok {
		join.Fingerprint, join.Pin = fp, client.PinKnown
	}
}

// knowHost remembers the host m reached, for the next run.
func knowHost(cfg Config, m *client.Match) {
	if cfg.ConfigDir == "" || invite.IsCode(cfg.Addr) {
		return
	}
	if err := settings.TrustHost(cfg.ConfigDir, cfg.Addr, m.State().Transport().Fingerprint()); err != nil {
		cfg.Logger.Warn("cannot remember the host's identity", "err", err)
	}
}
