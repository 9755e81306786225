package host

import (
	"fmt"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/wire"
)

// Chat stamps a line p typed with its sequence number and sender and sends it to
// everyone, the sender included, in the order the host received the lines.
func (l *Loop) Chat(p *Peer, text string) {
	if !l.playing(p) {
		return
	}
	text = cleanText(text, sim.MaxChatRunes)
	if text == "" {
		return
	}
	m := &wire.Chat{Seq: l.chatSeq, From: uint8(p.id), Name: p.name, Text: text}
	l.chatSeq++
	l.stats.ChatMessages.Add(1)
	l.keepChat(m)
	for _, to := range l.peers {
		l.sendOn(to, to.link.Chat, m)
	}
}

// ChatThrottled tells p, alone, that lines they sent were dropped for coming faster
// than ChatPerSecond.
func (l *Loop) ChatThrottled(p *Peer) {
	if l.playing(p) {
		l.send(p, &wire.Notice{Text: chatTooFast})
	}
}

// chatTooFast is what a player whose chat came too fast is told.
var chatTooFast = fmt.Sprintf("You are sending chat too fast: some lines were not sent (at most %d a second).", ChatPerSecond)
