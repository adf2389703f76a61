package media

import (
	"bufio"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"reel/internal/library"
	"reel/internal/libtest"
	"reel/internal/loopback"
)

// benchSize is the size of the benchmark video: a long film.
const benchSize = 2 << 30

// benchFile returns a 2 GiB file of non-zero bytes under
// os.TempDir()/reel-bench, writing it on first use. It is written, not
// truncated: a sparse file would be served from no disk at all.
// warm reads p once so that every transport, the first one too, reads
// it from the page cache; otherwise the first one measured pays for the disk.
func warm(b *testing.B, p string) {
	b.Helper()
	f, err := os.Open(p)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if _, err := io.Copy(io.Discard, f); err != nil {
		b.Fatal(err)
	}
}

func benchFile(b *testing.B) string {
	b.Helper()
	if testing.Short() {
		b.Skip("writes and reads a 2 GiB file")
	}
	dir := filepath.Join(os.TempDir(), "reel-bench")
	p := filepath.Join(dir, "film-2GiB.mp4")
	if st, err := os.Stat(p); err == nil && st.Size() == benchSize {
		warm(b, p)
		return p
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	tmp := p + ".part"
	f, err := os.Create(tmp)
	if err != nil {
		b.Fatal(err)
	}
	// A pseudo-random block, with the block number stamped every 4 KiB so
	// that no two blocks are alike (nothing below can deduplicate them).
	block := make([]byte, 4<<20)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < len(block); i += 8 {
		binary.LittleEndian.PutUint64(block[i:], rng.Uint64()|1)
	}
	for n := uint64(0); n < benchSize/uint64(len(block)); n++ {
		for i := 0; i < len(block); i += 4096 {
			binary.LittleEndian.PutUint64(block[i:], n<<32|uint64(i)|1)
		}
		if _, err := f.Write(block); err != nil {
			f.Close()
			os.Remove(tmp)
			b.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		b.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		b.Fatal(err)
	}
	return p
}

// resetPeakRSS starts a new peak for peakRSSMiB (Linux: clear_refs 5).
func resetPeakRSS() {
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// peakRSSMiB is the peak resident memory of this process (VmHWM), client
// and server together, or -1 where /proc does not tell.
func peakRSSMiB() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return -1
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			if err != nil {
				return -1
			}
			return kb / 1024
		}
	}
	return -1
}

// benchTransport is one way of serving the benchmark file.
type benchTransport struct {
	name string
	// url is where the file is served; capped transports are followed
	// chunk by chunk.
	url    string
	capped bool
	client *http.Client
}

// benchTransports serves p as the plain http.ServeContent baseline, as the
// loopback listener with the Streaming handler, and with the Capped
// handler, each over a real TCP connection to 127.0.0.1.
func benchTransports(b *testing.B, p string) []benchTransport {
	b.Helper()
	files := libtest.Opener{Paths: map[string]string{"film": p}}

	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, err := os.Open(p)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		http.ServeContent(w, r, st.Name(), st.ModTime(), f)
	}))
	b.Cleanup(plain.Close)

	lb, err := loopback.Listen("127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	go lb.Serve(Streaming(files, library.ContentType))
	b.Cleanup(func() { lb.Shutdown(context.Background()) })

	capped := httptest.NewServer(Capped(files, library.ContentType, DefaultChunk))
	b.Cleanup(capped.Close)

	client := func() *http.Client {
		tr := &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 4}
		b.Cleanup(tr.CloseIdleConnections)
		return &http.Client{Transport: tr}
	}
	return []benchTransport{
		{name: "ServeContent", url: plain.URL + Prefix + "film", client: client()},
		{name: "Loopback", url: lb.URL(Prefix + "film"), client: client()},
		{name: "Capped", url: capped.URL + Prefix + "film", capped: true, client: client()},
	}
}

// get fetches rng ("" for none) from tr and returns the body length.
func (tr benchTransport) get(b *testing.B, rng string, buf []byte) int64 {
	req, err := http.NewRequest(http.MethodGet, tr.url, nil)
	if err != nil {
		b.Fatal(err)
	}
	if rng != "" {
		req.Header.Set("Range", rng)
	}
	resp, err := tr.client.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	n, err := io.CopyBuffer(struct{ io.Writer }{io.Discard}, resp.Body, buf)
	if err != nil {
		b.Fatalf("range=%q: %v after %d bytes", rng, err, n)
	}
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusPartialContent {
		b.Fatalf("range=%q: StatusCode=%d", rng, resp.StatusCode)
	}
	return n
}

// BenchmarkFullFile reads the whole 2 GiB file as a player would: in one
// answer, or, capped, by following 8 MiB chunks with successive ranges.
func BenchmarkFullFile(b *testing.B) {
	p := benchFile(b)
	buf := make([]byte, 256<<10)
	for _, tr := range benchTransports(b, p) {
		b.Run(tr.name, func(b *testing.B) {
			resetPeakRSS()
			b.SetBytes(benchSize)
			for b.Loop() {
				if !tr.capped {
					if n := tr.get(b, "", buf); n != benchSize {
						b.Fatalf("read %d bytes, want %d", n, benchSize)
					}
					continue
				}
				for off := int64(0); off < benchSize; {
					n := tr.get(b, fmt.Sprintf("bytes=%d-", off), buf)
					if n <= 0 || n > DefaultChunk {
						b.Fatalf("range=bytes=%d-: %d bytes, want 1 to %d", off, n, DefaultChunk)
					}
					off += n
				}
			}
			b.ReportMetric(peakRSSMiB(), "peak-RSS-MiB")
		})
	}
}

// BenchmarkRandomRange64K reads 64 KiB at random offsets, as seeking does.
func BenchmarkRandomRange64K(b *testing.B) {
	p := benchFile(b)
	buf := make([]byte, 64<<10)
	const length = 64 << 10
	for _, tr := range benchTransports(b, p) {
		b.Run(tr.name, func(b *testing.B) {
			resetPeakRSS()
			rng := rand.New(rand.NewPCG(3, 4))
			b.SetBytes(length)
			for b.Loop() {
				off := rng.Int64N(benchSize - length)
				if n := tr.get(b, fmt.Sprintf("bytes=%d-%d", off, off+length-1), buf); n != length {
					b.Fatalf("range at %d: %d bytes, want %d", off, n, length)
				}
			}
			b.ReportMetric(peakRSSMiB(), "peak-RSS-MiB")
		})
	}
}
