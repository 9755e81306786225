package game

import (
	"context"
	"fmt"
	"image"
	"log/slog"
	"math/rand/v2"
	"net"
	"slices"
	"strconv"
	"sync"

	"github.com/gemrush/gemrush/game/bot"
	"github.com/gemrush/gemrush/game/client"
)

// botFiller is the bots a hosting window adds to its own game, to fill it. Each bot
// joins the host's own port through the window's Network, as any player does, and
// plays in a goroutine of its own, so the window's frame never waits for one; it
// leaves when removed, when the game ends (its connection ends with it) or when the
// filler closes. Bots are quiet in chat and play at the skill the host chose when
// adding them. The Game holds it, not the playing screen, so the bots stay in reach
// through a reconnect.
type botFiller struct {
	net      client.Network
	addr     string // the host's own port, on loopback
	password string // the room's: bots are let in like anyone
	log      *slog.Logger

	bots    []*filledBot // newest last; only the window's goroutine touches them
	leaving []*filledBot // removed, saying goodbye: their numbers are not free yet
	failed  chan string  // why a bot could not join, for the window to say
	wg      sync.WaitGroup
}

type filledBot struct {
	n     int // it is "Bot n"
	leave context.CancelFunc
	done  chan struct{}
}

func newBotFiller(n client.Network, port int, password string, log *slog.Logger) *botFiller {
	return &botFiller{net: n, addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), password: password,
		log: log, failed: make(chan string, 8)}
}

// add starts one more bot of the skill given, named with the lowest number no bot
// of this filler has, playing or still leaving (the host's name rules tell it apart
// from a person with the same name).
func (f *botFiller) add(skill bot.Skill) {
	n := f.nextNumber()
	ctx, cancel := context.WithCancel(context.Background())
	b := &filledBot{n: n, leave: cancel, done: make(chan struct{})}
	f.bots = append(f.bots, b)
	f.wg.Go(func() {
		defer close(b.done)
		name := fmt.Sprintf("Bot %d", n)
		err := bot.Play(ctx, f.net, client.Config{Addr: f.addr, Name: name, Password: f.password}, skill, rand.Uint64(), f.log)
		if err != nil && ctx.Err() == nil { // not asked to leave: say why
			f.log.Info("bot stopped", "name", name, "err", err)
			select {
			case f.failed <- name + ": " + err.Error():
			default: // the window has not looked for a while: the log has it
			}
		}
	})
}

// nextNumber is the lowest number no bot has, playing or still leaving.
func (f *botFiller) nextNumber() int {
	f.count() // forget those gone
	n := 1
	taken := func(b *filledBot) bool { return b.n == n }
	for slices.ContainsFunc(f.bots, taken) || slices.ContainsFunc(f.leaving, taken) {
		n++
	}
	return n
}

// count is how many bots are playing or joining; those that stopped by themselves
// are forgotten here.
func (f *botFiller) count() int {
	if f == nil {
		return 0
	}
	gone := func(b *filledBot) bool {
		select {
		case <-b.done:
			return true
		default:
			return false
		}
	}
	f.bots, f.leaving = slices.DeleteFunc(f.bots, gone), slices.DeleteFunc(f.leaving, gone)
	return len(f.bots)
}

// removeNewest makes the newest bot leave, without waiting for it.
func (f *botFiller) removeNewest() bool {
	if f.count() == 0 {
		return false
	}
	b := f.bots[len(f.bots)-1]
	f.bots, f.leaving = f.bots[:len(f.bots)-1], append(f.leaving, b)
	b.leave()
	return true
}

// failure is why a bot could not play, when one could not since the last look.
func (f *botFiller) failure() (string, bool) {
	if f == nil {
		return "", false
	}
	select {
	case s := <-f.failed:
		return s, true
	default:
		return "", false
	}
}

// close makes every bot leave; the channel closes once they all have, which each
// does within client.CloseWait. A nil filler has nothing to close.
func (f *botFiller) close() <-chan struct{} {
	done := make(chan struct{})
	if f == nil {
		close(done)
		return done
	}
	for _, b := range f.bots {
		b.leave()
	}
	f.bots, f.leaving = nil, nil
	go func() {
		f.wg.Wait()
		close(done)
	}()
	return done
}

// botRows are the hosting player's in-game menu rows for bots from y: "Add a bot",
// and beside it "Remove a bot" (the newest) while there is one; below, the skill of
// the bots added next, remembered. The filler starts with the first bot; the menu
// stays open for adding more.
func (s *playingScene) botRows(g *Game, y int) []*control {
	add := func() {
		if g.bots == nil {
			g.bots = newBotFiller(g.opts.Network, s.m.HostPort(), s.home.password.String(), g.log)
		}
		g.bots.add(g.botSkill())
	}
	r := centred(y, pauseW, pauseRowH)
	skill := g.botSkillControl(centred(y+pauseStep, pauseW, pauseRowH))
	if g.bots.count() == 0 {
		return []*control{button("add-bot", "Add a bot", r, add), skill}
	}
	half := (r.Dx() - 10) / 2
	return []*control{
		button("add-bot", "Add a bot", rect(r.Min.X, y, half, pauseRowH), add),
		button("remove-bot", "Remove a bot", rect(r.Max.X-half, y, half, pauseRowH), func() { g.bots.removeNewest() }),
		skill,
	}
}

// botSkillControl is "Bot skill   ◀ Normal ▶": left and right step it, stopping at
// easy and hard; Enter or A goes round.
func (g *Game) botSkillControl(r image.Rectangle) *control {
	return stepper("bot-skill", "Bot skill", r,
		func() (string, bool) { return g.botSkill().Label(), false },
		func(dir int) { g.stepBotSkill(dir, false) }, func() { g.stepBotSkill(+1, true) })
}

// botSkill is the skill the next bot added from the menu plays at.
func (g *Game) botSkill() bot.Skill {
	k, err := bot.ParseSkill(g.settings.BotSkill)
	if err != nil {
		return bot.Normal
	}
	return k
}

// stepBotSkill moves the menu's bot skill one level easier (dir -1) or harder (+1),
// stopping at the ends unless wrap, and remembers it. Bots already playing keep theirs.
func (g *Game) stepBotSkill(dir int, wrap bool) {
	i := slices.Index(bot.Skills, g.botSkill()) + dir
	n := len(bot.Skills)
	if wrap {
		i = (i + n) % n
	}
	g.settings.BotSkill = bot.Skills[max(0, min(n-1, i))].String()
	g.saveSettings()
}

// botNews tells the host when a bot they added could not play.
func (g *Game) botNews() {
	if why, ok := g.bots.failure(); ok {
		g.warn("A bot could not join: " + why)
	}
}

// closeBots makes every bot added leave; the window's shutdown waits for them with
// the other goodbyes.
func (g *Game) closeBots() {
	g.closing = append(g.closing, g.bots.close())
	g.bots = nil
}
