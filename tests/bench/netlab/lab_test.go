package netlab

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/gemrush/gemrush/net/netsim"
)

// helperRole, set in the environment, makes the test binary a helper process run in
// a lab's namespace: an echo server on the host's side, or a client asking it.
const helperRole = "GEMRUSH_NETLAB_HELPER"

// echoPort is the helper's UDP port, on the host's address.
const echoPort = "47999"

func TestMain(m *testing.M) {
	switch os.Getenv(helperRole) {
	case "echo":
		pc, err := net.ListenPacket("udp4", net.JoinHostPort(HostAddr, echoPort))
		if err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		fmt.Println("ready")
		buf := make([]byte, 1500)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				os.Exit(1)
			}
			pc.WriteTo(buf[:n], from)
		}
	case "ask":
		c, err := net.Dial("udp4", net.JoinHostPort(HostAddr, echoPort))
		if err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		c.SetDeadline(time.Now().Add(5 * time.Second))
		buf := make([]byte, 1500)
		for range 3 {
			c.Write([]byte("gem"))
			if _, err := c.Read(buf); err != nil {
				fmt.Println(err)
				os.Exit(1)
			}
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestLabCarriesEchoes makes a real lab, where it can, and sends datagrams across
// it and back.
func TestLabCarriesEchoes(t *testing.T) {
	l, err := New(netsim.Config{Delay: 10 * time.Millisecond}, netsim.Config{Delay: 10 * time.Millisecond})
	if errors.Is(err, ErrNotRoot) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := l.Close(); err != nil {
			t.Error(err)
		}
	}()
	helper := func(ns, role string) *exec.Cmd {
		argv := Exec(ns, os.Args[0])
		c := exec.Command(argv[0], argv[1:]...)
		c.Env = append(os.Environ(), helperRole+"="+role)
		return c
	}
	echo := helper(l.Host, "echo")
	out, err := echo.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := echo.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { echo.Process.Kill(); echo.Wait() }()
	if line, err := bufio.NewReader(out).ReadString('\n'); line != "ready\n" {
		t.Fatalf("the echo server said %q (%v)", line, err)
	}
	began := time.Now()
	if b, err := helper(l.Bots, "ask").CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	down, up := l.Down.Between(began, time.Now().Add(time.Second)), l.Up.Between(began, time.Now().Add(time.Second))
	if down.Packets != 3 || up.Packets != 3 || down.Bytes != 3*(20+8+3) {
		t.Errorf("carried %+v down and %+v up, want three datagrams of 31 bytes each way", down, up)
	}
}
