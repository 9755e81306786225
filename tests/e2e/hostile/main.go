// Command hostile does to a Gem Rush host what no Gem Rush player does, for the
// hostile-input tests: it floods chat, holds connections that never say hello while
// pushing bytes at them, storms the host with handshakes, guesses passwords and
// squats on places. It speaks QUIC and the wire protocol directly, from many
// loopback addresses (127.0.0.2 on: all of 127.0.0.0/8 is this machine), and prints
// what it saw as one JSON object.
package main

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
	"github.com/quic-go/quic-go"
)

// report is what the attack saw.
type report struct {
	Mode       string         `json:"mode"`
	Tries      int64          `json:"tries"`       // connections attempted
	Connected  int64          `json:"connected"`   // handshakes completed
	Refused    int64          `json:"refused"`     // turned away before the handshake (QUIC's CONNECTION_REFUSED)
	Welcomed   int64          `json:"welcomed"`    // Hellos answered with a Welcome
	Pushed     int64          `json:"pushed"`      // bytes written into streams before any Hello
	ChatSent   int64          `json:"chat_sent"`   // chat lines sent
	Notices    int64          `json:"notices"`     // Notices the host sent back (chat too fast)
	Closes     map[string]int `json:"closes"`      // how the host ended the connections, by its reason
	DurationMS int64          `json:"duration_ms"` // how long the attack ran
}

type attack struct {
	addr, password string
	from           []string // local addresses to dial from, in turn
	next           atomic.Uint64
	rep            report
	mu             sync.Mutex
}

func main() {
	var a attack
	mode := flag.String("mode", "", "strangers, handshakes, flood, guess or squat")
	n := flag.Int("n", 10, "connections (strangers, handshakes, squat), flooders (flood) or guesses (guess)")
	from := flag.Int("from", 1, "loopback addresses to spread the connections over, from 127.0.0.2")
	d := flag.Duration("duration", 5*time.Second, "how long to keep at it")
	flag.StringVar(&a.addr, "addr", "", "the host, host:port")
	flag.StringVar(&a.password, "password", "", "the room's password, for flood and squat")
	flag.Parse()
	if *mode == "guess" {
		*from = 1 // every guess from one address
	}
	for i := range *from {
		a.from = append(a.from, fmt.Sprintf("127.0.0.%d", 2+i))
	}
	a.rep = report{Mode: *mode, Closes: map[string]int{}}
	ctx, cancel := context.WithTimeout(context.Background(), *d)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	for i := range *n {
		switch *mode {
		case "strangers":
			wg.Go(func() { a.loop(ctx, a.stranger) })
		case "handshakes":
			wg.Go(func() { a.handshake(ctx) })
		case "flood":
			wg.Go(func() { a.flood(ctx, fmt.Sprintf("Flood %d", i+1)) })
		case "guess":
			wg.Go(func() { a.guess(ctx) })
		case "squat":
			wg.Go(func() { a.squat(ctx, fmt.Sprintf("Squat %d", i+1)) })
		default:
			log.Fatalf("hostile: unknown mode %q", *mode)
		}
	}
	wg.Wait()
	a.rep.DurationMS = time.Since(start).Milliseconds()
	json.NewEncoder(os.Stdout).Encode(&a.rep)
}

// loop runs one connection's attack again each time the host ends it, until ctx ends.
func (a *attack) loop(ctx context.Context, once func(context.Context)) {
	for ctx.Err() == nil {
		once(ctx)
	}
}

// dial connects from the next local address; nil when the host refused or ctx ended.
func (a *attack) dial(ctx context.Context) (*quic.Conn, *session.Endpoint) {
	local := a.from[a.next.Add(1)%uint64(len(a.from))]
	ep, err := session.NewEndpoint(local+":0", session.Options{}, nil)
	if err != nil {
		log.Fatalf("hostile: %v", err)
	}
	atomic.AddInt64(&a.rep.Tries, 1)
	conn, err := ep.Dial(ctx, a.addr, nil)
	var te *quic.TransportError
	switch {
	case errors.As(err, &te) && te.ErrorCode == quic.ConnectionRefused:
		atomic.AddInt64(&a.rep.Refused, 1)
	case err != nil:
		a.closed(err)
	}
	if err != nil {
		ep.Close()
		return nil, nil
	}
	atomic.AddInt64(&a.rep.Connected, 1)
	return conn, ep
}

// closed counts how the host ended a connection.
func (a *attack) closed(err error) {
	why := "other: " + err.Error()
	var app *quic.ApplicationError
	var idle *quic.IdleTimeoutError
	switch {
	case errors.As(err, &app):
		why = app.ErrorMessage
		if why == "" {
			why = fmt.Sprintf("code %d", app.ErrorCode)
		}
	case errors.As(err, &idle):
		why = "idle timeout"
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return // the attack's own time ran out
	}
	why, _, _ = strings.Cut(why, ":") // "too many wrong passwords …: try again in 3 seconds" counts as one reason
	a.mu.Lock()
	a.rep.Closes[why]++
	a.mu.Unlock()
}

// wait waits for conn to end, or ctx, and counts how it ended.
func (a *attack) wait(ctx context.Context, conn *quic.Conn) {
	select {
	case <-conn.Context().Done():
		a.closed(context.Cause(conn.Context()))
	case <-ctx.Done():
	}
}

// stranger opens every stream it may and fills them with the start of a frame that
// never ends: the host must hold it no longer than the hello timeout, and no more
// bytes than its receive windows.
func (a *attack) stranger(ctx context.Context) {
	conn, ep := a.dial(ctx)
	if conn == nil {
		time.Sleep(50 * time.Millisecond) // refused: knock again in a moment
		return
	}
	defer ep.Close()
	for i := range 4 { // as many as the host lets a connection open
		st, err := conn.OpenStream()
		if err != nil {
			break
		}
		junk := make([]byte, 64<<10)
		switch i {
		case 0: // the control stream, and half of the longest frame there is, never finished
			junk[0] = byte(wire.StreamControl)
			junk = junk[:1+binary.PutUvarint(junk[1:], wire.MaxFrameSize)+wire.MaxFrameSize/2]
		case 1: // the chat stream, then bytes
			junk[0] = byte(wire.StreamChat)
		} // the others: streams the host never accepts
		go func() {
			st.SetWriteDeadline(time.Now().Add(10 * time.Second))
			n, _ := st.Write(junk)
			atomic.AddInt64(&a.rep.Pushed, int64(n))
		}()
	}
	a.wait(ctx, conn)
	conn.CloseWithError(0, "")
}

// handshake completes one handshake and hangs up at once, as fast as it can, again and
// again.
func (a *attack) handshake(ctx context.Context) {
	for ctx.Err() == nil {
		conn, ep := a.dial(ctx)
		if conn != nil {
			conn.CloseWithError(0, "")
			ep.Close()
		}
	}
}

// hello joins with name and the attack's password; it returns the streams, or nil.
func (a *attack) hello(ctx context.Context, name, password string) (*quic.Conn, *session.Endpoint, *session.FrameReader, *quic.Stream) {
	conn, ep := a.dial(ctx)
	if conn == nil {
		return nil, nil, nil, nil
	}
	ctrl, err1 := conn.OpenStream()
	chat, err2 := conn.OpenStream()
	if err1 != nil || err2 != nil {
		ep.Close()
		return nil, nil, nil, nil
	}
	b, _ := wire.AppendFrame([]byte{byte(wire.StreamControl)}, &wire.Hello{Version: wire.Version, Colour: wire.NoColour, Name: name, Password: password})
	ctrl.Write(b)
	chat.Write([]byte{byte(wire.StreamChat)})
	r := session.NewFrameReader(ctrl)
	m, err := r.Read()
	if _, ok := m.(*wire.Welcome); err != nil || !ok {
		a.wait(ctx, conn)
		ep.Close()
		return nil, nil, nil, nil
	}
	atomic.AddInt64(&a.rep.Welcomed, 1)
	return conn, ep, r, chat
}

// flood joins and sends chat lines as fast as QUIC takes them.
func (a *attack) flood(ctx context.Context, name string) {
	conn, ep, ctrl, chat := a.hello(ctx, name, a.password)
	if conn == nil {
		return
	}
	defer ep.Close()
	go func() { // read what the host says, counting its Notices
		for {
			m, err := ctrl.Read()
			if err != nil {
				return
			}
			if _, ok := m.(*wire.Notice); ok {
				atomic.AddInt64(&a.rep.Notices, 1)
			}
		}
	}()
	go session.NewFrameReader(chat).Read() // the chat stream down is the host's; nobody reads past its first line
	go func() {                            // it plays, standing still, so it is a player flooding, not a squatter
		for seq := uint32(1); ctx.Err() == nil && conn.Context().Err() == nil; seq++ {
			b, _ := wire.AppendMessage(nil, &wire.Input{Seq: seq, Moves: []wire.Move{{}}})
			conn.SendDatagram(b)
			time.Sleep(time.Second / 60)
		}
	}()
	var batch []byte
	for i := range 64 {
		batch, _ = wire.AppendFrame(batch, &wire.ChatSend{Text: "flood " + strings.Repeat("x", i)})
	}
	for ctx.Err() == nil {
		chat.SetWriteDeadline(time.Now().Add(time.Second))
		if _, err := chat.Write(batch); err != nil {
			break
		}
		atomic.AddInt64(&a.rep.ChatSent, 64)
	}
	if conn.Context().Err() != nil {
		a.closed(context.Cause(conn.Context()))
	}
	conn.CloseWithError(0, "")
}

// guess tries wrong passwords, one connection after another.
func (a *attack) guess(ctx context.Context) {
	for ctx.Err() == nil {
		if conn, _, _, _ := a.hello(ctx, "Guesser", fmt.Sprintf("guess-%d", a.next.Load())); conn != nil {
			log.Fatal("hostile: a guessed password was let in")
		}
	}
}

// squatStay is how long a squatter stays once in, the attack's end or not: the host's
// silence limit (5 s) and time to act on it, so a squatter let in late in the attack
// is still there to be closed.
const squatStay = 8 * time.Second

// squat joins and then sends nothing a game sends: no moves, no acknowledgements of
// snapshots; its QUIC keeps the connection alive. Turned away at the door (the
// address's handshakes spent by the attack before), it knocks again until it is in.
func (a *attack) squat(ctx context.Context, name string) {
	conn, ep, _, _ := a.hello(ctx, name, a.password)
	for conn == nil {
		select {
		case <-ctx.Done():
			return
		case <-time.After(100 * time.Millisecond):
		}
		conn, ep, _, _ = a.hello(ctx, name, a.password)
	}
	defer ep.Close()
	stay, cancel := context.WithTimeout(context.WithoutCancel(ctx), squatStay)
	defer cancel()
	a.wait(stay, conn)
}
