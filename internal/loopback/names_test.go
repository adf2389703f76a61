package loopback

import (
	"net"
	"testing"
)

// TestDefaultPortHost is issue 11 item 9: `reel serve --addr 127.0.0.1:80`
// is opened as http://127.0.0.1/, whose requests say "Host: 127.0.0.1".
func TestDefaultPortHost(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		ip   string
		port string
		host string
		want bool
	}{
		{"port_80_without_port", "127.0.0.1", "80", "127.0.0.1", true},
		{"port_80_with_port", "127.0.0.1", "80", "127.0.0.1:80", true},
		{"port_80_localhost", "127.0.0.1", "80", "localhost", true},
		{"port_80_ipv6", "::1", "80", "[::1]", true},
		{"port_80_other_ip", "127.0.0.1", "80", "127.0.0.2", false},
		{"other_port_without_port", "127.0.0.1", "8080", "127.0.0.1", false},
		{"other_port_localhost", "127.0.0.1", "8080", "localhost", false},
		{"other_port", "127.0.0.1", "8080", "127.0.0.1:8080", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hosts, origins := names(net.ParseIP(tt.ip), tt.port)
			if got := hosts[tt.host]; got != tt.want {
				t.Errorf("listener %s port %s, Host %q: accepted=%v, want %v", tt.ip, tt.port, tt.host, got, tt.want)
			}
			if got := origins["http://"+tt.host]; got != tt.want {
				t.Errorf("listener %s port %s, Origin http://%s: allowed=%v, want %v", tt.ip, tt.port, tt.host, got, tt.want)
			}
		})
	}
}
