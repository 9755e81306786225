package main

import (
	"fmt"
	"os"
	"runtime"
)

func machine() string {
	return fmt.Sprintf("%s/%s, %d cores", runtime.GOOS, runtime.GOARCH, runtime.NumCPU())
}

func write(out string, r *results) error { return os.MkdirAll(out, 0o755) }
