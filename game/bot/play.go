package bot

import (
	"context"
	"log/slog"
	"math/rand/v2"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/net/wire"
)

// Play joins the game at join.Addr (with join's name and password) as one quiet bot
// of skill s, and plays until ctx ends or the game does (coming back after a drop as
// Run's bots do). It returns once the bot has left: at most client.CloseWait after
// ctx ends. A host filling its own game with bots runs each in a Play of its own.
func Play(ctx context.Context, n client.Network, join client.Config, s Skill, seed uint64, log *slog.Logger) error {
	name := join.Name
	join.Colour = wire.NoColour
	m := client.Join(n, join, log)
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
