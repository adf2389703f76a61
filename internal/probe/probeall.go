package probe

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Result is the outcome of probing one file with ProbeAll.
type Result struct {
	Path string
	Info Info
	Err  error
}

// ProbeAll probes paths with up to workers goroutines and returns one
// Result per path, in the order of paths. workers < 1 means
// runtime.GOMAXPROCS(0). Probing is mostly waiting on small reads, so more
// workers than cores helps on slow disks and network shares.
func ProbeAll(paths []string, workers int) []Result {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, len(paths))
	results := make([]Result, len(paths))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(paths) {
					return
				}
				info, err := ProbeFile(paths[i])
				results[i] = Result{Path: paths[i], Info: info, Err: err}
			}
		})
	}
	wg.Wait()
	return results
}
