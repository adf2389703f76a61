package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

// TestServePrintsTheURLFirst checks `reel serve`'s promise: its first line
// on stdout is exactly the URL to open, and that URL works.
func TestServePrintsTheURLFirst(t *testing.T) {
	folder := t.TempDir()
	if err := os.WriteFile(filepath.Join(folder, "a.mp4"), []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("REEL_DB", filepath.Join(t.TempDir(), "reel.db"))
	t.Setenv("REEL_CACHE", t.TempDir())

	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- serve(ctx, "127.0.0.1:0", folder, pw) }()

	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, pr)
	want := regexp.MustCompile(`^http://127\.0\.0\.1:[0-9]+/\?token=[A-Za-z0-9_-]{43}\n$`)
	if !want.MatchString(line) {
		t.Fatalf("first line = %q, want %s", line, want)
	}
	url := line[:len(line)-1]
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("GET %s: status %d, want 200", url, res.StatusCode)
	}
	base := url[:regexp.MustCompile(`/\?token=`).FindStringIndex(url)[0]]
	token := url[len(base)+len("/?token="):]
	req, _ := http.NewRequest("GET", base+"/api/library", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var l struct {
		Videos []struct{ Name, URL string }
	}
	err = json.NewDecoder(res.Body).Decode(&l)
	res.Body.Close()
	if err != nil || len(l.Videos) != 1 || l.Videos[0].Name != "a.mp4" {
		t.Fatalf("library: %+v (err %v), want a.mp4", l, err)
	}
	res, err = http.Get(l.Videos[0].URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || string(body) != "0123456789" {
		t.Errorf("media: status %d body %q", res.StatusCode, body)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v after cancel", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not stop after cancel")
	}
}

func TestParseArgs(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want cmdLine
		bad  bool
	}{
		{"no folder", nil, cmdLine{}, false},
		{"a folder", []string{"Films"}, cmdLine{folder: "Films"}, false},
		{"two folders", []string{"a", "b"}, cmdLine{}, true},
		{"serve a folder", []string{"serve", "Films"}, cmdLine{serve: true, addr: "127.0.0.1:0", folder: "Films"}, false},
		{"serve on an address", []string{"serve", "--addr", "[::1]:8080", "Films"}, cmdLine{serve: true, addr: "[::1]:8080", folder: "Films"}, false},
		{"serve nothing", []string{"serve"}, cmdLine{}, true},
		{"serve two folders", []string{"serve", "a", "b"}, cmdLine{}, true},
		{"serve an unknown flag", []string{"serve", "--port", "1", "a"}, cmdLine{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseArgs(tt.args)
			if tt.bad {
				if err == nil {
					t.Errorf("parseArgs(%q) = %+v, want an error", tt.args, got)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("parseArgs(%q) = %+v, %v; want %+v", tt.args, got, err, tt.want)
			}
		})
	}
}

func TestServeRefuses(t *testing.T) {
	tests := []struct{ name, addr, folder string }{
		{"an address beyond loopback", "0.0.0.0:0", t.TempDir()},
		{"a missing folder", "127.0.0.1:0", filepath.Join(t.TempDir(), "missing")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("REEL_DB", filepath.Join(t.TempDir(), "reel.db"))
			if err := serve(context.Background(), tt.addr, tt.folder, io.Discard); err == nil {
				t.Errorf("serve(%q, %q) = nil, want an error", tt.addr, tt.folder)
			}
		})
	}
}
