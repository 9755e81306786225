package session

import (
	"crypto/tls"
	"io"
	"log/slog"
	"os"
	"sync"

	"github.com/gemrush/gemrush/net/wire"
)

// serverName is the name in every host certificate and every player's handshake; hosts
// are reached by address, so the name only has to agree with itself.
const serverName = "gemrush.host"

// keyLog is where TLS secrets go when SSLKEYLOGFILE is set, so that a capture of a game
// can be decrypted while troubleshooting. Opened once, appended to, shared by all.
var keyLog = sync.OnceValue(func() io.Writer {
	path := os.Getenv("SSLKEYLOGFILE")
	if path == "" {
		return nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		slog.Warn("cannot open SSLKEYLOGFILE; TLS secrets will not be logged", "path", path, "err", err)
		return nil
	}
	slog.Warn("TLS secrets are being written to SSLKEYLOGFILE: anyone with that file can read this game's traffic", "path", path)
	return f
})

// ServerTLS is the host's TLS configuration.
func ServerTLS(cert tls.Certificate) *tls.Config {
	return &tls.Config{
		MinVersion:   tls.VersionTLS13,
		Certificates: []tls.Certificate{cert},
		NextProtos:   []string{wire.ALPN, wire.ALPNAnyVersion},
		KeyLogWriter: keyLog(),
	}
}

// ClientTLS is a player's TLS configuration. Hosts use self-signed certificates, so
// there is no authority to check them against: the connection is encrypted, and the
// host's fingerprint is recorded in *fingerprint for the player to compare.
func ClientTLS(fingerprint *string) *tls.Config {
	return &tls.Config{
		MinVersion:         tls.VersionTLS13,
		ServerName:         serverName,
		NextProtos:         []string{wire.ALPN, wire.ALPNAnyVersion},
		InsecureSkipVerify: true, // self-signed hosts; see the comment above
		VerifyConnection: func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) > 0 && fingerprint != nil {
				*fingerprint = Fingerprint(cs.PeerCertificates[0].Raw)
			}
			return nil
		},
		KeyLogWriter: keyLog(),
	}
}
