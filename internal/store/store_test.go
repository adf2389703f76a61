package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestOpenCreatesParentDirectories(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "config", "reel", "reel.db")
	openAt(t, path)

	info, err := os.Stat(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && info.Mode().Perm() != 0o700 {
		t.Errorf("mode of %s = %v, want 0700", filepath.Dir(path), info.Mode().Perm())
	}
}

func TestOpenHandlesAwkwardPaths(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"a?b.db", "a#b.db", "100%.db", "sp ace.db", "a?_pragma=x.db"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), name)
			s := openAt(t, path)
			if err := s.SetSetting("k", 1); err != nil {
				t.Fatalf("SetSetting in %q: %v", path, err)
			}
			if _, err := os.Stat(path); err != nil {
				t.Errorf("database %q not where asked: %v", path, err)
			}
		})
	}
}

func TestOpenTwiceKeepsDataAndSchema(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "reel.db")
	for i := range 3 {
		s, err := Open(path)
		if err != nil {
			t.Fatalf("open #%d: %v", i+1, err)
		}
		if got := s.Recovered(); got != "" {
			t.Errorf("open #%d: Recovered() = %q, want \"\"", i+1, got)
		}
		var version int
		if err := s.db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
			t.Fatal(err)
		}
		if version != len(migrations) {
			t.Errorf("open #%d: user_version = %d, want %d", i+1, version, len(migrations))
		}
		if err := s.AddRecent(fmt.Sprintf("/dir%d", i)); err != nil {
			t.Fatal(err)
		}
		got, err := s.Recent(0)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != i+1 {
			t.Errorf("open #%d: Recent(0) = %q, want %d folders", i+1, got, i+1)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOpenUsesWAL(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	for pragma, want := range map[string]string{
		"journal_mode": "wal",
		"synchronous":  "1", // NORMAL
		"busy_timeout": "2000",
		"foreign_keys": "1",
	} {
		var got string
		if err := s.db.QueryRow("PRAGMA " + pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("PRAGMA %s = %q, want %q", pragma, got, want)
		}
	}
}

func TestMigrate(t *testing.T) {
	t.Parallel()
	v1 := []string{"CREATE TABLE a (x)"}
	v2 := []string{"CREATE TABLE a (x)", "CREATE TABLE b (y)"}
	tests := []struct {
		name        string
		before      []string // applied first; nil for a new database
		steps       []string
		wantErr     error // nil, or matched with errors.Is
		wantAnyErr  bool
		wantVersion int
		wantTables  string
	}{
		{name: "new database gets every step", steps: v2, wantVersion: 2, wantTables: "a,b"},
		{name: "second run changes nothing", before: v2, steps: v2, wantVersion: 2, wantTables: "a,b"},
		{name: "upgrade applies only the new step", before: v1, steps: v2, wantVersion: 2, wantTables: "a,b"},
		{
			name:        "failing step leaves the database as it was",
			before:      v1,
			steps:       []string{"CREATE TABLE a (x)", "CREATE TABLE c (z)", "NOT SQL"},
			wantAnyErr:  true,
			wantVersion: 1,
			wantTables:  "a",
		},
		{name: "newer database is refused", before: v2, steps: v1, wantErr: ErrNewerSchema, wantVersion: 2, wantTables: "a,b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, err := sql.Open("sqlite", fileDSN(filepath.Join(t.TempDir(), "m.db"), busyTimeout))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if tt.before != nil {
				if err := migrate(ctx, db, tt.before); err != nil {
					t.Fatal(err)
				}
			}

			err = migrate(ctx, db, tt.steps)
			switch {
			case tt.wantErr != nil && !errors.Is(err, tt.wantErr):
				t.Errorf("migrate(%q) = %v, want %v", tt.steps, err, tt.wantErr)
			case tt.wantAnyErr && err == nil:
				t.Errorf("migrate(%q) = nil, want an error", tt.steps)
			case tt.wantErr == nil && !tt.wantAnyErr && err != nil:
				t.Errorf("migrate(%q) = %v, want nil", tt.steps, err)
			}

			var version int
			var tables string
			if err := db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
				t.Fatal(err)
			}
			if err := db.QueryRow("SELECT COALESCE(group_concat(name, ','), '') FROM (SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name)").Scan(&tables); err != nil {
				t.Fatal(err)
			}
			if version != tt.wantVersion || tables != tt.wantTables {
				t.Errorf("after migrate(%q): version %d, tables %q; want %d, %q", tt.steps, version, tables, tt.wantVersion, tt.wantTables)
			}
		})
	}
}

func TestOpenRecoversCorruptDatabase(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		damage func(t *testing.T, path string, good []byte)
		// readable is set when the damaged file is a sound SQLite
		// database: Open switches it to WAL, which rewrites two header
		// bytes, before finding out it cannot use it. Its tables are
		// compared instead of its bytes.
		readable bool
	}{
		{name: "garbage bytes", damage: func(t *testing.T, path string, good []byte) {
			writeFile(t, path, bytes.Repeat([]byte("this is not a database "), 1000))
		}},
		{name: "truncated inside the header", damage: func(t *testing.T, path string, good []byte) {
			writeFile(t, path, good[:50])
		}},
		{name: "truncated to half", damage: func(t *testing.T, path string, good []byte) {
			writeFile(t, path, good[:len(good)/2])
		}},
		{name: "last page missing", damage: func(t *testing.T, path string, good []byte) {
			writeFile(t, path, good[:len(good)-4096])
		}},
		{name: "page in the middle overwritten", damage: func(t *testing.T, path string, good []byte) {
			bad := bytes.Clone(good)
			mid := len(bad) / 4096 / 2 * 4096
			copy(bad[mid:mid+4096], bytes.Repeat([]byte{0xA5}, 4096))
			writeFile(t, path, bad)
		}},
		{name: "another program's database in the way of a migration", readable: true, damage: func(t *testing.T, path string, good []byte) {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			db, err := sql.Open("sqlite", fileDSN(path, busyTimeout))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec("CREATE TABLE positions (something TEXT)"); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			path := filepath.Join(dir, "reel.db")
			tt.damage(t, path, goodDatabase(t, path))
			damaged, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, path+".before", damaged)

			s := openAt(t, path)

			if s.Recovered() == "" {
				t.Fatalf("Recovered() = \"\" after %s, want a reason", tt.name)
			}
			aside, _ := filepath.Glob(path + ".corrupt-*")
			if len(aside) != 1 {
				t.Fatalf("set-aside files %q, want one (Recovered: %q)", aside, s.Recovered())
			}
			if !strings.Contains(s.Recovered(), aside[0]) {
				t.Errorf("Recovered() = %q, want it to name %q", s.Recovered(), aside[0])
			}
			if tt.readable {
				if got, want := schemaOf(t, aside[0]), schemaOf(t, path+".before"); got != want {
					t.Errorf("%s has schema %q, want %q", aside[0], got, want)
				}
			} else if kept, err := os.ReadFile(aside[0]); err != nil || !bytes.Equal(kept, damaged) {
				t.Errorf("%s holds %d bytes (err %v), want the %d damaged bytes unchanged", aside[0], len(kept), err, len(damaged))
			}
			if err := s.SavePosition("/v.mkv", 42, 100); err != nil {
				t.Fatalf("SavePosition on the new database: %v", err)
			}
			if p, ok, err := s.Position("/v.mkv"); err != nil || !ok || p.Position != 42 {
				t.Errorf("Position on the new database = %+v, %v, %v; want 42, true, nil", p, ok, err)
			}
		})
	}
}

// goodDatabase fills a database at path with enough rows to span many
// pages, closes it, and returns its bytes.
func goodDatabase(t *testing.T, path string) []byte {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	info := []byte(`{"format":"matroska","streams":["` + strings.Repeat("x", 200) + `"]}`)
	for i := range 300 {
		if err := s.PutMetadata(FileKey{Path: fmt.Sprintf("/videos/%04d.mkv", i), Size: int64(i)}, info); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) < 10*4096 {
		t.Fatalf("test database is %d bytes, want at least 10 pages", len(data))
	}
	return data
}

// schemaOf returns the SQL that created the tables of the database at path.
func schemaOf(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", fileDSN(path, busyTimeout))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var schema string
	if err := db.QueryRow("SELECT group_concat(sql, ';') FROM sqlite_schema").Scan(&schema); err != nil {
		t.Fatalf("schema of %s: %v", path, err)
	}
	return schema
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestMoveAsideKeepsJournalsAndAvoidsCollisions(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "reel.db")
	now := time.Unix(1700000000, 0)
	for _, name := range []string{"reel.db", "reel.db-wal", "reel.db-shm", "reel.db.corrupt-1700000000"} {
		writeFile(t, filepath.Join(dir, name), []byte(name))
	}

	aside, err := moveAside(path, now)
	if err != nil {
		t.Fatal(err)
	}

	if want := path + ".corrupt-1700000000-1"; aside != want {
		t.Errorf("moveAside(%q) = %q, want %q", path, aside, want)
	}
	for name, want := range map[string]string{
		aside:          "reel.db",
		aside + "-wal": "reel.db-wal",
		path:           "",
		path + "-wal":  "",
		path + "-shm":  "",
	} {
		got, err := os.ReadFile(name)
		switch {
		case want == "" && !errors.Is(err, os.ErrNotExist):
			t.Errorf("%s: err = %v, want it gone", name, err)
		case want != "" && string(got) != want:
			t.Errorf("%s holds %q (err %v), want %q", name, got, err, want)
		}
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "reel.db")
	db, err := sql.Open("sqlite", fileDSN(path, busyTimeout))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(fmt.Sprintf("PRAGMA user_version = %d", len(migrations)+1)); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err := Open(path)
	if !errors.Is(err, ErrNewerSchema) {
		if s != nil {
			s.Close()
		}
		t.Fatalf("Open(%q) = %v, want ErrNewerSchema", path, err)
	}
	if aside, _ := filepath.Glob(path + ".corrupt-*"); len(aside) != 0 {
		t.Errorf("newer database set aside as %q, want it left alone", aside)
	}
}

func TestOpenLockedDatabase(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		journalMode string
	}{
		// A rollback-journal writer with an exclusive lock keeps even
		// readers out: Open cannot read the header.
		{"rollback journal", "DELETE"},
		// In WAL mode readers go on; Open fails taking the write lock
		// for its migration transaction.
		{"write-ahead log", "WAL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "reel.db")
			if tt.journalMode == "WAL" {
				openAt(t, path).Close()
			}
			tx := holdExclusive(t, path, tt.journalMode)
			defer tx.Rollback()
			assertLocked(t, path)
		})
	}
}

func TestOpenDatabaseLockedByAnotherProcess(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("starts a child process")
	}
	path := filepath.Join(t.TempDir(), "reel.db")
	openAt(t, path).Close()
	child := startHelper(t, "TestHelperLocker", path)
	if line, ok := child.next(); !ok || line != "locked" {
		t.Fatalf("helper said %q, want \"locked\"", line)
	}
	assertLocked(t, path)
}

// holdExclusive opens its own connection to path, switches it to
// journalMode, and returns a transaction begun with BEGIN EXCLUSIVE that
// has written to the database.
func holdExclusive(t testing.TB, path, journalMode string) *sql.Tx {
	t.Helper()
	dsn := strings.Replace(fileDSN(path, busyTimeout), "_txlock=immediate", "_txlock=exclusive", 1)
	holder, err := sql.Open("sqlite", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { holder.Close() })
	holder.SetMaxOpenConns(1)
	if _, err := holder.Exec("PRAGMA journal_mode = " + journalMode); err != nil {
		t.Fatal(err)
	}
	tx, err := holder.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("CREATE TABLE held (x); INSERT INTO held VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	return tx
}

// assertLocked checks that Open(path) fails with ErrLocked within 3 s and
// leaves the file where it is.
func assertLocked(t *testing.T, path string) {
	t.Helper()
	start := time.Now()
	s, err := Open(path)
	elapsed := time.Since(start)
	if err == nil {
		s.Close()
		t.Fatalf("Open(%q) of a locked database succeeded, want ErrLocked", path)
	}
	if !errors.Is(err, ErrLocked) {
		t.Errorf("Open(%q) = %v, want ErrLocked", path, err)
	}
	if elapsed >= 3*time.Second {
		t.Errorf("Open(%q) took %v, want less than 3s", path, elapsed)
	}
	if aside, _ := filepath.Glob(path + ".corrupt-*"); len(aside) != 0 {
		t.Errorf("locked database set aside as %q, want it left alone", aside)
	}
}

func TestOpenMemory(t *testing.T) {
	t.Parallel()
	s, err := OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SavePosition("/v.mkv", 10, 100); err != nil {
		t.Fatal(err)
	}
	if err := s.AddRecent("/videos"); err != nil {
		t.Fatal(err)
	}
	if p, ok, err := s.Position("/v.mkv"); err != nil || !ok || p.Position != 10 {
		t.Errorf("Position = %+v, %v, %v; want 10, true, nil", p, ok, err)
	}
	if got, err := s.Recent(0); err != nil || len(got) != 1 {
		t.Errorf("Recent(0) = %q, %v; want [/videos]", got, err)
	}
}

func TestOpenMemoryStoresAreSeparate(t *testing.T) {
	t.Parallel()
	a, err := OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := a.SetSetting("volume", 0.5); err != nil {
		t.Fatal(err)
	}
	var v float64
	if found, err := b.Setting("volume", &v); found || err != nil {
		t.Errorf("second in-memory store sees the first's setting: found=%v err=%v", found, err)
	}
}

func TestDefaultPath(t *testing.T) {
	t.Parallel()
	path, err := DefaultPath()
	if err != nil {
		t.Skipf("no user config directory: %v", err)
	}
	if want := filepath.Join("reel", "reel.db"); !strings.HasSuffix(path, want) || !filepath.IsAbs(path) {
		t.Errorf("DefaultPath() = %q, want an absolute path ending in %q", path, want)
	}
}

func TestConcurrentWrites(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	const writers, each = 100, 10
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				path := fmt.Sprintf("/videos/%d.mkv", w)
				key := FileKey{Path: path, Size: int64(i)}
				for _, err := range []error{
					s.SavePosition(path, float64(i+1), 1000),
					s.PutMetadata(key, []byte(fmt.Sprintf(`{"writer":%d,"i":%d}`, w, i))),
					s.PutThumbnail(key, fmt.Sprintf("%d-%d.jpg", w, i)),
					s.AddRecent(fmt.Sprintf("/dir/%d", w)),
					s.SetSetting(fmt.Sprintf("k%d", w), i),
				} {
					if err != nil {
						errs <- err
					}
				}
				if _, _, err := s.Position(path); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	for w := range writers {
		path := fmt.Sprintf("/videos/%d.mkv", w)
		if p, ok, err := s.Position(path); err != nil || !ok || p.Position != each {
			t.Errorf("Position(%q) = %+v, %v, %v; want position %d", path, p, ok, err, each)
		}
		key := FileKey{Path: path, Size: each - 1}
		if info, ok, err := s.Metadata(key); err != nil || !ok || string(info) != fmt.Sprintf(`{"writer":%d,"i":%d}`, w, each-1) {
			t.Errorf("Metadata(%+v) = %s, %v, %v; want the last write", key, info, ok, err)
		}
		var v int
		if found, err := s.Setting(fmt.Sprintf("k%d", w), &v); err != nil || !found || v != each-1 {
			t.Errorf("Setting(k%d) = %d, %v, %v; want %d", w, v, found, err, each-1)
		}
	}
	var rows int
	if err := s.db.QueryRow("SELECT count(*) FROM metadata").Scan(&rows); err != nil || rows != writers {
		t.Errorf("metadata rows = %d (err %v), want %d: one per path", rows, err, writers)
	}
	if got, err := s.Recent(0); err != nil || len(got) != maxRecent {
		t.Errorf("Recent(0) has %d folders (err %v), want %d", len(got), err, maxRecent)
	}
}
