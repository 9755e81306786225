package main

import "errors"

// scaleRow is the host with one number of bots, or the bare sender beside it.
type scaleRow struct{}

// measureScale is the scale section.
func measureScale(e *env) ([]scaleRow, error) { return nil, errors.New("not written yet") }
