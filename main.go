// Command reel is a desktop video player for the videos in a folder.
//
//	reel [FOLDER]                         open the window on FOLDER
//	reel VIDEO                            open VIDEO's folder and play VIDEO
//	reel --version                        print the version
//	reel serve [--addr 127.0.0.1:0] FOLDER serve the same app to a browser
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "reel:", err)
		os.Exit(1)
	}
}

// run reads the arguments, then opens the window or serves a browser.
func run(args []string) error {
	opts, err := parseArgs(args)
	if err != nil {
		return err
	}
	switch {
	case opts.version:
		fmt.Println(versionLine())
		return nil
	case !opts.serve:
		return runWindow(opts.folder)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, opts.addr, opts.folder, os.Stdout)
}

// cmdLine is the command line, read.
type cmdLine struct {
	version bool // print the version and exit
	serve   bool
	addr    string // serve only: the loopback address to listen on
	folder  string // "" opens the last or the default folder (window only)
}

// parseArgs reads `reel [FOLDER | VIDEO]`, `reel --version` or
// `reel serve [--addr A] FOLDER`.
func parseArgs(args []string) (cmdLine, error) {
	if len(args) > 0 && args[0] == "serve" {
		fl := flag.NewFlagSet("reel serve", flag.ContinueOnError)
		addr := fl.String("addr", "127.0.0.1:0", "loopback `address` to listen on")
		fl.Usage = func() {
			fmt.Fprintln(fl.Output(), "usage: reel serve [--addr 127.0.0.1:0] FOLDER")
			fl.PrintDefaults()
		}
		if err := fl.Parse(args[1:]); err != nil {
			return cmdLine{}, err
		}
		if fl.NArg() != 1 {
			fl.Usage()
			return cmdLine{}, errors.New("serve needs exactly one FOLDER")
		}
		return cmdLine{serve: true, addr: *addr, folder: fl.Arg(0)}, nil
	}
	fl := flag.NewFlagSet("reel", flag.ContinueOnError)
	fl.Usage = func() {
		fmt.Fprintln(fl.Output(), "usage: reel [FOLDER | VIDEO]\n       reel serve [--addr 127.0.0.1:0] FOLDER\n       reel --version")
	}
	showVersion := fl.Bool("version", false, "print the version and exit")
	if err := fl.Parse(args); err != nil {
		return cmdLine{}, err
	}
	if *showVersion {
		return cmdLine{version: true}, nil
	}
	if fl.NArg() > 1 {
		fl.Usage()
		return cmdLine{}, errors.New("too many arguments")
	}
	return cmdLine{folder: fl.Arg(0)}, nil
}
