package extract

import (
	"os"
	"runtime"
	"runtime/pprof"
)

// startProfile starts the profiles --cpuprofile and --memprofile ask for; the
// returned func writes and closes them.
func startProfile(opts *Options) (func(), error) {
	var cpu *os.File
	if opts.CPUProfile != "" {
		f, err := os.Create(opts.CPUProfile)
		if err != nil {
			return nil, err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, err
		}
		cpu = f
	}
	return func() {
		if cpu != nil {
			pprof.StopCPUProfile()
			cpu.Close()
		}
		if opts.MemProfile != "" {
			if f, err := os.Create(opts.MemProfile); err == nil {
				runtime.GC()
				pprof.WriteHeapProfile(f)
				f.Close()
			}
		}
	}, nil
}
