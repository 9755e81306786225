//go:build !linux

package netlab

import "os"

// openTUN needs Linux's namespaces.
func openTUN(ns, name string) (*os.File, error) { return nil, ErrNotRoot }
