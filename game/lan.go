package game

import (
	"context"

	"github.com/gemrush/gemrush/discovery"
)

// lanList is the games found on the local network: a browse running in the
// background, whose newest list Update takes each tick. The menu shows it;
// /debug/vars reports it from every screen.
type lanList struct {
	on      bool
	updates <-chan []discovery.Game
	games   []discovery.Game
	cancel  context.CancelFunc
}

// browseLAN starts browsing with s until stop.
func browseLAN(s discovery.Service) lanList {
	ctx, cancel := context.WithCancel(context.Background())
	return lanList{on: true, updates: s.Browse(ctx), cancel: cancel}
}

// poll takes the newest list, when it changed.
func (l *lanList) poll() {
	select {
	case games, ok := <-l.updates:
		if ok {
			l.games = games
		}
	default:
	}
}

func (l *lanList) stop() {
	if l.cancel != nil {
		l.cancel()
	}
}
