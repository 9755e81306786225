package session

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestQlogWritesAFilePerSide connects a player to a host over 127.0.0.1 with QLOGDIR
// set, and finds a whole qlog of the connection from each side once it has closed.
func TestQlogWritesAFilePerSide(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "qlog") // not there yet: the endpoint makes it
	t.Setenv("QLOGDIR", dir)
	ctx, cancel := context.WithTimeout(context.Background(), DialTimeout)
	defer cancel()
	conn, accepted := connect(ctx, t, Options{}, nil, nil)
	conn.CloseWithError(CodeLeft, "done")
	// A connection's context ends only after its qlog is written out and closed.
	for _, c := range []context.Context{conn.Context(), accepted.Context()} {
		select {
		case <-c.Done():
		case <-ctx.Done():
			t.Fatal("the connection did not close")
		}
	}

	for _, side := range []string{"client", "server"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*_"+side+".sqlog"))
		if len(files) != 1 {
			t.Fatalf("%d qlog files of the %s side in QLOGDIR", len(files), side)
		}
		// A file read before quic-go finished it would lack the closing event.
		if b, err := os.ReadFile(files[0]); err != nil || !bytes.Contains(b, []byte(`"transport:connection_closed"`)) {
			t.Errorf("%s (%d bytes, %v) does not record the connection closing", files[0], len(b), err)
		}
	}
}

func TestNoQlogWithoutQLOGDIR(t *testing.T) {
	t.Setenv("QLOGDIR", "")
	if (Options{}).quicConfig().Tracer != nil {
		t.Fatal("a connection is traced with QLOGDIR unset")
	}
}
