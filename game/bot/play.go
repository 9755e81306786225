package bot

import (
	"context"
	"log/slog"
	"math/rand/v2"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/net/wire"
)

// Play joins the game at addr as one quiet bot of skill s called name, and plays
// until ctx ends or the game does (coming back after a drop as Run's bots do). It
// returns once the bot has left: at most client.CloseWait after ctx ends. A host
// filling its own game with bots runs each in a Play of its own.
func Play(ctx context.Context, n client.Network, addr, name string, s Skill, seed uint64, log *slog.Logger) error {
	m := client.Join(n, client.Config{Addr: addr, Name: name, Colour: wire.NoColour}, log)
	defer func() { <-m.Close() }()
	if err := m.Wait(ctx); err != nil {
		return err
	}
	b := New(name, m.State(), s, rand.New(rand.NewPCG(seed, seed>>32)))
	b.match = m
	b.play(ctx, 0)
	if ctx.Err() != nil {
		return nil // asked to leave
	}
	return b.Err()
}
