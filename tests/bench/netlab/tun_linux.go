package netlab

import (
	"fmt"
	"os"
	"runtime"

	"golang.org/x/sys/unix"
)

// openTUN makes a TUN device called name inside namespace ns and returns it: each
// read is one IP packet the namespace sent into it, each write one it receives. The
// device lives as long as the file is open.
//
// A device is made in the namespace of the thread that asks, so a thread of its own
// joins ns for it; that thread is never given back to the scheduler, and ends with
// its goroutine.
func openTUN(ns, name string) (*os.File, error) {
	type opened struct {
		f   *os.File
		err error
	}
	ch := make(chan opened, 1)
	go func() {
		runtime.LockOSThread() // no Unlock: the thread leaves with the goroutine
		f, err := openTUNHere(ns, name)
		ch <- opened{f, err}
	}()
	o := <-ch
	return o.f, o.err
}

func openTUNHere(ns, name string) (*os.File, error) {
	nsfd, err := unix.Open("/run/netns/"+ns, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	defer unix.Close(nsfd)
	if err := unix.Setns(nsfd, unix.CLONE_NEWNET); err != nil {
		return nil, fmt.Errorf("joining the namespace: %w", err)
	}
	fd, err := unix.Open("/dev/net/tun", unix.O_RDWR|unix.O_CLOEXEC|unix.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	ifr, err := unix.NewIfreq(name)
	if err != nil {
		unix.Close(fd)
		return nil, err
	}
	ifr.SetUint16(unix.IFF_TUN | unix.IFF_NO_PI)
	if err := unix.IoctlIfreq(fd, unix.TUNSETIFF, ifr); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("TUNSETIFF: %w", err)
	}
	return os.NewFile(uintptr(fd), "/dev/net/tun"), nil // non-blocking: reads wait in Go's poller, and Close ends them
}
