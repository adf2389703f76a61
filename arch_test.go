package main

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// layers orders Reel's packages from the bottom up: a package may import
// only packages of a lower layer (issue 14: no import climbs back up). A
// package missing here fails the test, so a new one gets a place.
var layers = [][]string{
	{"rules", "ffmpegbin", "dbustest", "proc"},
	{"natsort", "loopback", "media", "probe", "watch", "userdirs", "reveal", "colorscheme", "attachments"},
	{"subtitles", "store", "transcode"},
	{"library"},
	{"metadata", "thumbs", "libtest", "testmedia", "tracks"},
	{"api"},
	{"transport", "rules/tsgen"},
}

func TestImportLayers(t *testing.T) {
	layerOf := map[string]int{}
	for i, l := range layers {
		for _, p := range l {
			layerOf["reel/internal/"+p] = i
		}
	}
	err := filepath.WalkDir("internal", func(dir string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		pkg := "reel/" + filepath.ToSlash(dir)
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		var code []string
		for _, f := range files {
			if !strings.HasSuffix(f, "_test.go") {
				code = append(code, f)
			}
		}
		if len(code) == 0 {
			return nil
		}
		own, ok := layerOf[pkg]
		if !ok {
			t.Errorf("%s: not in any layer; add it to layers", pkg)
			return nil
		}
		for _, f := range code {
			file, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
			if err != nil {
				return err
			}
			for _, imp := range file.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if !strings.HasPrefix(path, "reel/") {
					continue
				}
				if l, ok := layerOf[path]; !ok || l >= own {
					t.Errorf("%s: imports %s (layer %d), but %s is in layer %d: imports go down only", f, path, l, pkg, own)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
