package measure

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// clockTicks is USER_HZ, the unit of /proc/PID/stat's times: 100 on every
// Linux this runs on (sysconf(_SC_CLK_TCK) has not been anything else on
// x86-64 or arm64).
const clockTicks = 100

// proc is one line of /proc/PID/stat, the parts we read.
type proc struct {
	PID, PPID int
	Comm      string
	Ticks     uint64 // utime + stime
}

// parseStat reads a /proc/PID/stat line. comm is in parentheses and may
// itself hold spaces and parentheses, so fields are counted from the last ')'.
func parseStat(line string) (proc, error) {
	open, end := strings.IndexByte(line, '('), strings.LastIndexByte(line, ')')
	if open < 0 || end < open {
		return proc{}, fmt.Errorf("stat: no comm in %q", line)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(line[:open]))
	if err != nil {
		return proc{}, fmt.Errorf("stat: pid: %v", err)
	}
	f := strings.Fields(line[end+1:])
	// f[0] is state (field 3); ppid is field 4, utime 14, stime 15.
	if len(f) < 13 {
		return proc{}, fmt.Errorf("stat: %d fields after comm, want 13 or more", len(f))
	}
	ppid, err1 := strconv.Atoi(f[1])
	ut, err2 := strconv.ParseUint(f[11], 10, 64)
	st, err3 := strconv.ParseUint(f[12], 10, 64)
	if err1 != nil || err2 != nil || err3 != nil {
		return proc{}, fmt.Errorf("stat: bad numbers in %q", line)
	}
	return proc{PID: pid, PPID: ppid, Comm: line[open+1 : end], Ticks: ut + st}, nil
}

// threads reads the threads of pid, by thread id.
func threads(pid int) map[int]proc {
	out := map[int]proc{}
	stats, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/[0-9]*/stat", pid))
	for _, s := range stats {
		b, err := os.ReadFile(s)
		if err != nil {
			continue
		}
		if p, err := parseStat(string(b)); err == nil {
			out[p.PID] = p
		}
	}
	return out
}

// tree is root and every process below it, by pid.
func tree(root int) map[int]proc {
	all := map[int]proc{}
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, s := range stats {
		b, err := os.ReadFile(s)
		if err != nil {
			continue // gone since the glob
		}
		if p, err := parseStat(string(b)); err == nil {
			all[p.PID] = p
		}
	}
	out := map[int]proc{}
	if p, ok := all[root]; ok {
		out[root] = p
	}
	for grew := true; grew; {
		grew = false
		for pid, p := range all {
			if _, in := out[pid]; !in {
				if _, parent := out[p.PPID]; parent {
					out[pid] = p
					grew = true
				}
			}
		}
	}
	return out
}

// Usage is the CPU a process tree used over a span, in cores (1 = one
// core busy all the time).
type Usage struct {
	Cores  float64
	ByName map[string]float64 // per process name (comm), in cores
	// Threads is the busiest threads, "process/thread" (comm names), in cores.
	Threads []Thread
	Span    time.Duration
	// VBlank is how often, per second, WebKitGTK's display refresh monitor
	// (the UI process's VBlankMonitor thread) woke during the span: about
	// 100 while anything asks for frames, 0 when the page is idle (issue 8).
	VBlank float64
}

// vblankThread is the name (comm) of WebKitGTK's display refresh thread.
const vblankThread = "VBlankMonitor"

// parseSwitches reads a /proc/PID/task/TID/status file: the thread's
// voluntary plus involuntary context switches, each one a wake-up.
func parseSwitches(status string) (uint64, error) {
	var n uint64
	found := 0
	for _, line := range strings.Split(status, "\n") {
		key, val, ok := strings.Cut(line, ":")
		if !ok || (key != "voluntary_ctxt_switches" && key != "nonvoluntary_ctxt_switches") {
			continue
		}
		v, err := strconv.ParseUint(strings.TrimSpace(val), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("status: %s: %v", key, err)
		}
		n += v
		found++
	}
	if found != 2 {
		return 0, fmt.Errorf("status: %d of the 2 ctxt_switches lines", found)
	}
	return n, nil
}

// wakeups sums the context switches of the threads called name in procs, by thread id.
func wakeups(procs map[int]proc, name string) map[int]uint64 {
	out := map[int]uint64{}
	for pid := range procs {
		for tid, th := range threads(pid) {
			if th.Comm != name {
				continue
			}
			b, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/status", pid, tid))
			if err != nil {
				continue
			}
			if n, err := parseSwitches(string(b)); err == nil {
				out[tid] = n
			}
		}
	}
	return out
}

// Thread is one thread's share of a Usage.
type Thread struct {
	Name  string
	Cores float64
}

func (u Usage) String() string {
	names := make([]string, 0, len(u.ByName))
	for n := range u.ByName {
		names = append(names, n)
	}
	sort.Strings(names)
	parts := make([]string, 0, len(names))
	for _, n := range names {
		parts = append(parts, fmt.Sprintf("%s %.1f %%", n, 100*u.ByName[n]))
	}
	top := make([]string, 0, len(u.Threads))
	for _, th := range u.Threads {
		top = append(top, fmt.Sprintf("%s %.1f %%", th.Name, 100*th.Cores))
	}
	return fmt.Sprintf("%.1f %% of a core over %.0f s (%s; busiest threads: %s; display refresh %.0f wake-ups/s)",
		100*u.Cores, u.Span.Seconds(), strings.Join(parts, ", "), strings.Join(top, ", "), u.VBlank)
}

// CPU measures the CPU time root and all its children use during d.
// Processes that start or end during d count for the part they were seen.
func CPU(root int, d time.Duration) (Usage, error) {
	before := tree(root)
	if len(before) == 0 {
		return Usage{}, fmt.Errorf("cpu: no process %d", root)
	}
	thBefore := map[int]map[int]proc{}
	for pid := range before {
		thBefore[pid] = threads(pid)
	}
	vbBefore := wakeups(before, vblankThread)
	start := time.Now()
	time.Sleep(d)
	after := tree(root)
	span := time.Since(start)
	u := Usage{ByName: map[string]float64{}, Span: span}
	for tid, n := range wakeups(after, vblankThread) {
		u.VBlank += float64(n-vbBefore[tid]) / span.Seconds()
	}
	for pid, p := range after {
		for tid, th := range threads(pid) {
			used := th.Ticks
			if b, ok := thBefore[pid][tid]; ok {
				used -= b.Ticks
			}
			if used > 0 {
				u.Threads = append(u.Threads, Thread{p.Comm + "/" + th.Comm, float64(used) / clockTicks / span.Seconds()})
			}
		}
	}
	sort.Slice(u.Threads, func(i, j int) bool { return u.Threads[i].Cores > u.Threads[j].Cores })
	if len(u.Threads) > 6 {
		u.Threads = u.Threads[:6]
	}
	for pid, p := range after {
		used := p.Ticks
		if b, ok := before[pid]; ok && b.Comm == p.Comm {
			used -= b.Ticks
		}
		c := float64(used) / clockTicks / span.Seconds()
		u.Cores += c
		u.ByName[p.Comm] += c
	}
	return u, nil
}
