//go:build race

package bot

// raceDetector: the race detector slows the duels tenfold and finds nothing in them
// (each is one goroutine's arithmetic), so under it they play fewer rounds.
const raceDetector = true
