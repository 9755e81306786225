package main

import (
	"time"

	"github.com/gemrush/gemrush/game/bot"
)

// results is everything one run of the bench measured, as the report shows it.
type results struct {
	Machine string
	When    time.Time
	Took    time.Duration
	Scale   []scaleRow
	Feel    []feelRow
	// Movement is Gem Rush with silent bots over the same conditioned link: what the
	// movement stream costs a player on its own, chat and its acknowledgements aside.
	Movement []feelRow
	Join     *joinRow
	Go       []goBench
	GoRaw    string // the go test -bench output, as benchstat reads it
}

// feelRow is one transport under one condition of the link: what its bots measured.
type feelRow struct {
	Transport string  // quicName or tcpName
	Loss      float64 // each way, 0..1
	Delay     time.Duration
	Bots      bot.Report // what the bots measured, as -bots reports it
	// DownKbitS and UpKbitS are per player on the wire, IP headers and all, as the
	// conditioner counted the packets it carried.
	DownKbitS, UpKbitS float64
	// RetransmitPct is, over TCP, the share of the host's segments its kernel sent
	// again (TCP_INFO), in per cent; 0 for QUIC.
	RetransmitPct float64
}

// The two transports of the feel section.
const (
	quicName = "Gem Rush (QUIC datagrams)"
	tcpName  = "TCP + JSON lines"
)

// joinRow is how long joining and finding a game take.
type joinRow struct {
	StartToSnapshot []time.Duration // a -bots 1 process started → its first snapshot, on loopback
	JoinToSnapshot  []time.Duration // the same bot's dial → first snapshot, timed inside the process
	HostToBrowse    []time.Duration // -server started → listed by -browse in a LAN of two namespaces
}
