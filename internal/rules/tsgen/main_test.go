package main

import (
	"bytes"
	"os"
	"testing"
)

// generated is the checked-in module, relative to this package.
const generated = "../../../frontend/src/generated/rules.ts"

// TestGeneratedUpToDate fails when a rule changed in Go but the page's
// copy was not regenerated.
func TestGeneratedUpToDate(t *testing.T) {
	got, err := os.ReadFile(generated)
	if err != nil {
		t.Fatalf("%s: %v (run go generate ./internal/rules)", generated, err)
	}
	if want := render(); !bytes.Equal(got, want) {
		t.Errorf("%s is out of date: run go generate ./internal/rules", generated)
	}
}
