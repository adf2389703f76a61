// Command fileserver serves one folder with net/http's FileServer on a
// loopback port and prints its URL as the first line, like `reel serve`.
// It is the baseline of bench/library-paint.mjs: the plain directory
// listing Go gives for free, for the same folder, in the same run.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "loopback `address` to listen on")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: fileserver [--addr 127.0.0.1:0] FOLDER")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("http://%s/\n", ln.Addr())
	log.Fatal(http.Serve(ln, http.FileServer(http.Dir(flag.Arg(0)))))
}
