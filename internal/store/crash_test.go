package store

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// helperEnv names the database a helper process works on. The helpers
// below are tests only in name: they run when a test starts the test binary
// again with this variable set, and skip otherwise.
const helperEnv = "REEL_STORE_HELPER_DB"

// helperPath is the path saved by TestHelperWriter.
const helperPath = "/videos/crash.mkv"

// TestHelperWriter saves ever-growing positions and prints each one once
// SavePosition has returned, that is, once it is committed.
func TestHelperWriter(t *testing.T) {
	path := os.Getenv(helperEnv)
	if path == "" {
		t.Skip("helper process for TestCommittedWritesSurviveKill")
	}
	s, err := Open(path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	// The parent kills this process; the deadline only stops an orphan.
	for i := 1; time.Since(startedAt) < time.Minute; i++ {
		if err := s.SavePosition(helperPath, float64(i), 1e9); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println("committed", i)
	}
	os.Exit(1)
}

// TestHelperLocker holds the database locked with BEGIN EXCLUSIVE until it
// is killed.
func TestHelperLocker(t *testing.T) {
	path := os.Getenv(helperEnv)
	if path == "" {
		t.Skip("helper process for TestOpenDatabaseLockedByAnotherProcess")
	}
	tx := holdExclusive(t, path, "WAL")
	defer tx.Rollback()
	fmt.Println("locked")
	time.Sleep(time.Minute)
	os.Exit(1)
}

var startedAt = time.Now()

func TestCommittedWritesSurviveKill(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("starts a child process")
	}
	path := filepath.Join(t.TempDir(), "reel.db")
	child := startHelper(t, "TestHelperWriter", path)

	last := 0
	for last < 200 {
		line, ok := child.next()
		if !ok {
			t.Fatalf("helper stopped after %d commits", last)
		}
		last = committed(t, line)
	}
	// Let the child run on, so the kill lands at any point of a write
	// rather than just after a line was read.
	time.Sleep(time.Duration(rand.IntN(20)) * time.Millisecond)
	if err := child.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	// Lines already in the pipe were committed before the kill, too.
	for {
		line, ok := child.next()
		if !ok {
			break
		}
		last = committed(t, line)
	}
	child.cmd.Wait()

	s := openAt(t, path)
	if s.Recovered() != "" {
		t.Errorf("reopening after kill: Recovered() = %q, want \"\"", s.Recovered())
	}
	p, ok, err := s.Position(helperPath)
	if err != nil || !ok {
		t.Fatalf("Position(%q) after kill = %+v, %v, %v", helperPath, p, ok, err)
	}
	if p.Position < float64(last) {
		t.Errorf("Position(%q) after kill = %v, want >= %d, the last value reported committed", helperPath, p.Position, last)
	}
	t.Logf("last reported %d, stored %v", last, p.Position)
}

func committed(t *testing.T, line string) int {
	t.Helper()
	n, err := strconv.Atoi(strings.TrimPrefix(line, "committed "))
	if !strings.HasPrefix(line, "committed ") || err != nil {
		t.Fatalf("helper said %q, want \"committed <n>\"", line)
	}
	return n
}

// helper is a running copy of the test binary running one helper test.
type helper struct {
	cmd   *exec.Cmd
	lines *bufio.Scanner
}

// startHelper runs the test named test in a child process working on the
// database at path, and kills the child when t ends.
func startHelper(t *testing.T, test, path string) *helper {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperEnv+"="+path)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	return &helper{cmd: cmd, lines: bufio.NewScanner(out)}
}

// next returns the child's next line of output, or false at its end.
func (h *helper) next() (string, bool) {
	if !h.lines.Scan() {
		return "", false
	}
	return h.lines.Text(), true
}
