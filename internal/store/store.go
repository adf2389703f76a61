// Package store is the embedded database for everything Reel remembers:
// recent folders, settings, cached metadata, the thumbnail index and
// playback positions.
//
// The database is SQLite (modernc.org/sqlite, pure Go) in WAL mode with
// synchronous=NORMAL: every committed transaction survives a crash of the
// process, and an OS crash or power loss can lose at most the last few
// commits, never the consistency of the file.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ErrLocked reports that another process holds the database locked for
// longer than Open is willing to wait. The caller can fall back to
// OpenMemory.
var ErrLocked = errors.New("store: database is locked by another process")

// ErrReadOnly reports a database Reel cannot write: a read-only file or
// folder, or a read-only file system. Open checks for it, so that the app
// can say so at once and run on OpenMemory, rather than fail every save
// later (issue 11 item 6).
var ErrReadOnly = errors.New("store: the database is read-only")

// ErrDiskFull reports a write that failed for want of disk space, even
// after a checkpoint made room in the write-ahead log (issue 11 item 7).
var ErrDiskFull = errors.New("store: the disk is full")

// ErrNewerSchema reports a database written by a newer version of Reel.
// Open leaves such a file untouched rather than setting it aside, so that
// going back to the newer version loses nothing.
var ErrNewerSchema = errors.New("store: database schema is newer than this version of Reel")

const (
	// busyTimeout is how long a statement waits for a lock held by
	// another process before failing with SQLITE_BUSY.
	busyTimeout = 2000 * time.Millisecond

	// openBusyTimeout replaces busyTimeout while Open checks the file, so
	// that a locked database is reported well within 3 s even if Open
	// waits on a lock twice (reading the schema, then the migration's
	// write lock).
	openBusyTimeout = 1000 * time.Millisecond
)

// Store is a handle on the database. Its methods are safe for concurrent
// use by multiple goroutines.
//
// Store uses a single connection: SQLite allows one writer at a time
// anyway, and one connection means writers inside the process queue in
// database/sql instead of failing with SQLITE_BUSY, and an in-memory
// database lives exactly as long as the Store.
type Store struct {
	db        *sql.DB
	recovered string
	others    bool                  // another process had the database open at Open
	lock      io.Closer             // this process's share of the instance lock, or nil
	failing   atomic.Pointer[error] // the last write's failure, nil once one works
	fault     atomic.Pointer[func() error]
}

// Open opens or creates the database at path, creating missing parent
// directories with mode 0700.
//
// A corrupt database (not a database, malformed, failing PRAGMA
// quick_check, or a migration that fails) is moved aside as
// path+".corrupt-<unix time>", together with its WAL or rollback journal,
// and a new database is created in its place; the returned Store is usable
// and Recovered reports the reason.
//
// If another process holds the database locked, Open gives up after about
// a second (two at worst) and returns an error wrapping ErrLocked. A
// database written by a newer schema yields an error wrapping
// ErrNewerSchema. In both cases the file is left as it is, and the caller
// can run on OpenMemory instead.
func Open(path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	s, err := openFile(path)
	if sqliteCode(err) == sqlite3.SQLITE_CANTOPEN && !writableDir(filepath.Dir(path)) {
		// WAL needs files beside the database: in a read-only folder it
		// cannot even open.
		return nil, fmt.Errorf("%w: %w", ErrReadOnly, err)
	}
	var bad *corruptError
	if !errors.As(err, &bad) {
		return s, err // opened, or failed through no fault of the file
	}
	aside, err := moveAside(path, time.Now())
	if err != nil {
		return nil, fmt.Errorf("store: set aside corrupt database %s (%s): %w", path, bad.reason, err)
	}
	s, err = openFile(path)
	if err != nil {
		return nil, err
	}
	s.recovered = fmt.Sprintf("%s; the old database was moved to %s", bad.reason, aside)
	return s, nil
}

// OpenMemory opens an empty in-memory store, for when the database file
// cannot be used. Its contents are lost on Close.
func OpenMemory() (*Store, error) {
	db, err := sql.Open("sqlite", ":memory:?"+pragmas(busyTimeout).Encode())
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	oneConnection(db)
	if err := migrate(context.Background(), db, migrations); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: in-memory database: %w", err)
	}
	return &Store{db: db}, nil
}

// DefaultPath returns where Reel keeps its database:
// os.UserConfigDir()/reel/reel.db.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("store: %w", err)
	}
	return filepath.Join(dir, "reel", "reel.db"), nil
}

// Recovered returns "" or, when Open found the database corrupt and
// started a new one, why the old one was set aside and where it went.
func (s *Store) Recovered() string {
	return s.recovered
}

// Shared reports whether another process had the database open when this
// Store opened it: another Reel is running. Both see each other's saves
// (settings are merged inside one transaction, see UpdateSetting), but a
// page shows what it read until it reads again.
func (s *Store) Shared() bool { return s.others }

// Problem returns "" or why the last write failed, in words for the user:
// the disk is full, or the database became read-only. It clears once a
// write succeeds again.
func (s *Store) Problem() string {
	p := s.failing.Load()
	if p == nil {
		return ""
	}
	switch err := *p; {
	case errors.Is(err, ErrDiskFull):
		return "The disk is full: Reel cannot save positions or settings until there is space again."
	case errors.Is(err, ErrReadOnly):
		return "Reel's database has become read-only: positions and settings are not being saved."
	}
	return "Reel could not save to its database."
}

// Close closes the database. Methods called after Close return errors.
func (s *Store) Close() error {
	if s.lock != nil {
		defer s.lock.Close()
	}
	// Refresh the query planner's statistics where they have drifted, as
	// https://sqlite.org/lang_analyze.html#pragopt advises before closing.
	// A failure costs nothing but speed, so it is not reported.
	s.db.Exec("PRAGMA optimize")
	return s.db.Close()
}

// openFile opens the database at path and brings it to the current schema.
// The error is a *corruptError when the file should be set aside.
func openFile(path string) (*Store, error) {
	if err := check(path); err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	db, err := sql.Open("sqlite", fileDSN(path, busyTimeout))
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	oneConnection(db)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, classify(err))
	}
	lock, others := instanceLock(path + ".lock")
	return &Store{db: db, lock: lock, others: others}, nil
}

// check opens the database at path on a handle of its own whose lock
// waits are short, switches it to WAL, verifies it and migrates it. It
// tells apart the three ways this can fail: the file is locked
// (ErrLocked), the file is damaged (*corruptError), or anything else (disk
// full, permissions, ErrNewerSchema), which says nothing against the file.
//
// The short waits need a handle of their own because the driver reads the
// schema while it connects, before any statement could shorten the
// timeout.
func check(path string) error {
	db, err := sql.Open("sqlite", fileDSN(path, openBusyTimeout))
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	ctx := context.Background()

	// A file system that cannot share memory between processes keeps
	// the rollback journal; the store works either way, so the mode
	// SQLite settled on is not checked.
	var mode string
	if err := db.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode); err != nil {
		if readOnly(err) {
			return fmt.Errorf("%w: %w", ErrReadOnly, err)
		}
		return classify(err)
	}
	if err := quickCheck(ctx, db); err != nil {
		return err
	}
	if err := migrate(ctx, db, migrations); err != nil {
		if errors.Is(err, ErrNewerSchema) {
			return err
		}
		err = classify(err)
		var bad *corruptError
		if errors.Is(err, ErrLocked) || errors.As(err, &bad) || environmental(err) {
			return err
		}
		return &corruptError{reason: fmt.Sprintf("migration failed: %v", err)}
	}
	// A read-only file (or folder, or file system) opens and reads well;
	// only a write tells. Rewriting the schema version is one, and
	// changes nothing.
	if _, err := db.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", len(migrations))); err != nil {
		if readOnly(err) {
			return fmt.Errorf("%w: %w", ErrReadOnly, err)
		}
		return classify(err)
	}
	return nil
}

// writableDir reports whether a file can be made in dir.
func writableDir(dir string) bool {
	f, err := os.CreateTemp(dir, ".reel-write-check-*")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}

// readOnly reports whether err says the database cannot be written.
func readOnly(err error) bool {
	c := sqliteCode(err)
	return c == sqlite3.SQLITE_READONLY || errors.Is(err, syscall.EROFS)
}

// full reports whether err is SQLite's "database or disk is full", or the
// system's ENOSPC itself.
func full(err error) bool {
	return sqliteCode(err) == sqlite3.SQLITE_FULL || errors.Is(err, syscall.ENOSPC)
}

// oneConnection makes db keep exactly one connection open for its whole
// life; see Store.
func oneConnection(db *sql.DB) {
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
}

// pragmas returns the per-connection settings, applied by the driver each
// time it connects, with lock waits up to timeout. journal_mode is missing
// on purpose: it is stored in the file, and check sets it once.
func pragmas(timeout time.Duration) url.Values {
	return url.Values{
		"_pragma": {
			fmt.Sprintf("busy_timeout(%d)", timeout.Milliseconds()),
			"synchronous(NORMAL)",
			"foreign_keys(ON)",
			// Checkpoint once the write-ahead log holds 64 pages (256 KiB)
			// rather than SQLite's 1,000 (4 MiB). The log file is reused from
			// its start after a checkpoint, so it stops growing at that size:
			// on a disk that filled up, saves that only change existing rows
			// (positions, settings) go on, where a log still growing towards
			// 4 MiB failed every one of them until a restart (issue 11 item 7).
			"wal_autocheckpoint(64)",
		},
		// Take the write lock when a transaction begins, not at its first
		// write: a transaction that reads and then writes could otherwise
		// fail with SQLITE_BUSY at once, without waiting, when another
		// process wrote in between (https://sqlite.org/isolation.html).
		"_txlock": {"immediate"},
	}
}

// fileDSN returns the driver's name for the database at path: a file: URI
// (https://sqlite.org/uri.html), so that a path containing '?' or '#' is
// not cut short by the driver's own parameters.
func fileDSN(path string, timeout time.Duration) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows: file:/C:/Users/...
	}
	p = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
	return "file:" + p + "?" + pragmas(timeout).Encode()
}

// quickCheck runs PRAGMA quick_check, which walks every page of the file
// and reports, one row each, the first few problems it finds, or "ok".
func quickCheck(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, "PRAGMA quick_check(5)")
	if err != nil {
		return classify(err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return classify(err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return classify(err)
	}
	if len(problems) > 0 {
		return &corruptError{reason: "quick_check: " + strings.Join(problems, "; ")}
	}
	return nil
}

// corruptError reports a database file that Open should set aside.
type corruptError struct {
	reason string
}

func (e *corruptError) Error() string { return "corrupt database: " + e.reason }

// classify turns SQLite's answers about the file itself into ErrLocked or a
// *corruptError and returns other errors unchanged.
func classify(err error) error {
	switch code := sqliteCode(err); code {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return fmt.Errorf("%w: %w", ErrLocked, err)
	case sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
		return &corruptError{reason: err.Error()}
	}
	return err
}

// environmental reports whether err comes from the surroundings of the
// database (disk, permissions, memory) rather than from its contents, so
// that a failing migration is not blamed on the file.
func environmental(err error) bool {
	switch sqliteCode(err) {
	case sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL, sqlite3.SQLITE_READONLY,
		sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_NOMEM,
		sqlite3.SQLITE_AUTH, sqlite3.SQLITE_INTERRUPT:
		return true
	}
	return false
}

// sqliteCode returns the primary SQLite result code carried by err, or 0.
// The driver enables extended result codes, whose low byte is the primary
// code (https://sqlite.org/rescode.html#primary_result_codes_versus_extended_result_codes).
func sqliteCode(err error) int {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return 0
	}
	return se.Code() & 0xff
}

// moveAside renames the database at path, with its WAL or rollback journal,
// to path+".corrupt-<unix time>" and deletes its shared-memory index, which
// SQLite rebuilds. The journal keeps its suffix after the new name, so the
// set-aside copy opens in the sqlite3 shell as it was.
func moveAside(path string, now time.Time) (string, error) {
	aside := fmt.Sprintf("%s.corrupt-%d", path, now.Unix())
	for i := 1; exists(aside); i++ {
		aside = fmt.Sprintf("%s.corrupt-%d-%d", path, now.Unix(), i)
	}
	if err := os.Rename(path, aside); err != nil {
		return "", err
	}
	for _, suffix := range []string{"-wal", "-journal"} {
		if err := os.Rename(path+suffix, aside+suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return "", err
		}
	}
	if err := os.Remove(path + "-shm"); err != nil && !errors.Is(err, os.ErrNotExist) {
		return "", err
	}
	return aside, nil
}

func exists(name string) bool {
	_, err := os.Lstat(name)
	return err == nil
}

// write runs fn in a transaction, committed when fn returns nil. The
// transaction begins IMMEDIATE (see pragmas): it holds the write lock from
// its first read, so a read-modify-write is never interleaved with another
// process's write.
//
// A write that fails because the disk is full is tried once more after a
// checkpoint: the write-ahead log only grows until a checkpoint lets it
// start over, and SQLite checkpoints on its own only after a commit that
// worked, so on a full disk every later write failed until a restart
// (issue 11 item 7). The outcome is kept for Problem.
func (s *Store) write(fn func(tx *sql.Tx) error) error {
	err := s.try(fn)
	if full(err) {
		s.checkpoint()
		err = s.try(fn)
	}
	return s.outcome(err)
}

// try runs fn in one transaction.
func (s *Store) try(fn func(tx *sql.Tx) error) error {
	if hook := s.fault.Load(); hook != nil {
		if err := (*hook)(); err != nil {
			return err
		}
	}
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		// A COMMIT that fails with SQLITE_FULL can leave the transaction
		// open on the connection (https://sqlite.org/lang_transaction.html),
		// and with it every later BEGIN failing; end it.
		s.db.Exec("ROLLBACK")
		return err
	}
	return nil
}

// InjectWriteFault makes fail run before each write transaction of s, which
// then fails with the error it returns (syscall.ENOSPC stands in for a full
// disk). It is for tests of how Reel reports failing saves, where a small
// disk cannot be mounted; nil ends it. Reel itself never calls it.
func (s *Store) InjectWriteFault(fail func() error) {
	if fail == nil {
		s.fault.Store(nil)
		return
	}
	s.fault.Store(&fail)
}

// checkpoint copies the write-ahead log into the database and empties it,
// freeing the room it held. It fails, too, when the database file itself
// must grow and cannot; the write is then reported, and works again once
// there is space.
func (s *Store) checkpoint() {
	s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
}

// outcome records err for Problem and wraps it for the caller.
func (s *Store) outcome(err error) error {
	switch {
	case err == nil:
		s.failing.Store(nil)
		return nil
	case full(err):
		err = fmt.Errorf("%w: %w", ErrDiskFull, err)
	case readOnly(err):
		err = fmt.Errorf("%w: %w", ErrReadOnly, err)
	default:
		err = fmt.Errorf("store: %w", err)
	}
	if errors.Is(err, ErrDiskFull) || errors.Is(err, ErrReadOnly) {
		s.failing.Store(&err)
	}
	return err
}

// exec runs one statement in its own transaction.
func (s *Store) exec(query string, args ...any) error {
	return s.write(func(tx *sql.Tx) error {
		_, err := tx.Exec(query, args...)
		return err
	})
}
