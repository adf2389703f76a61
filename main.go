// Command reel is a desktop video player for the videos in a folder.
//
//	reel [FOLDER]                         open the window on FOLDER
//	reel VIDEO                            open VIDEO's folder and play VIDEO
//	reel --version                        print the version
//	reel serve [--addr 127.0.0.1:0] FOLDER serve the same app to a browser
package main

import (
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

//go:embed all:frontend/dist
var assets embed.FS

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "reel:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) > 0 && args[0] == "serve" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		return serve(ctx, args[1:], os.Stdout)
	}
	fl := flag.NewFlagSet("reel", flag.ContinueOnError)
	fl.Usage = func() {
		fmt.Fprintln(fl.Output(), "usage: reel [FOLDER | VIDEO]\n       reel serve [--addr 127.0.0.1:0] FOLDER\n       reel --version")
	}
	showVersion := fl.Bool("version", false, "print the version and exit")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *showVersion {
		fmt.Println(versionLine())
		return nil
	}
	if fl.NArg() > 1 {
		fl.Usage()
		return errors.New("too many arguments")
	}
	return runWindow(fl.Arg(0))
}

// frontendFS is the built page.
func frontendFS() fs.FS {
	sub, err := fs.Sub(assets, "frontend/dist")
	if err != nil {
		panic(err) // the embed pattern guarantees the directory
	}
	return sub
}

// eventLog opens the file named by REEL_EVENT_LOG, which the desktop test
// reads to see what the player did; nil when unset.
func eventLog() (io.WriteCloser, error) {
	name := strings.TrimSpace(os.Getenv("REEL_EVENT_LOG"))
	if name == "" {
		return nil, nil
	}
	return os.OpenFile(name, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
}

var errLog = log.New(os.Stderr, "reel: ", log.LstdFlags)
