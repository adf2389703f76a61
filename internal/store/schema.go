package store

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations are the schema's steps: migrations[i] takes the database from
// version i to i+1, the version being kept in PRAGMA user_version. Steps
// are only ever appended; a released step is never edited.
var migrations = []string{
	// 1: the first schema.
	//
	// recent.seq and positions.seq count up with every write and give the
	// recency order, so it never depends on the clock's resolution or on
	// the clock being set back.
	//
	// metadata and thumbnails are keyed by (path, size, mtime); a file that
	// changes gets a new row and the stale row is deleted with it.
	`
CREATE TABLE recent (
	dir TEXT PRIMARY KEY,
	seq INTEGER NOT NULL
);
CREATE INDEX recent_seq ON recent (seq);

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE folder_settings (
	dir   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE metadata (
	path  TEXT NOT NULL,
	size  INTEGER NOT NULL,
	mtime INTEGER NOT NULL,
	info  TEXT NOT NULL,
	PRIMARY KEY (path, size, mtime)
);

CREATE TABLE thumbnails (
	path  TEXT NOT NULL,
	size  INTEGER NOT NULL,
	mtime INTEGER NOT NULL,
	file  TEXT NOT NULL,
	PRIMARY KEY (path, size, mtime)
);

CREATE TABLE positions (
	path     TEXT PRIMARY KEY,
	position REAL NOT NULL,
	duration REAL NOT NULL,
	watched  INTEGER NOT NULL,
	updated  INTEGER NOT NULL,
	seq      INTEGER NOT NULL
);
CREATE INDEX positions_seq ON positions (seq);
`,
	// 2: the first page of each recent folder's listing, shown at launch
	// before the folder is read again (issue 8). value is the page as the
	// API encodes it; a row goes with its folder out of the recent list.
	`
CREATE TABLE listing_cache (
	dir   TEXT PRIMARY KEY,
	value BLOB NOT NULL
);
`,
}

// beginner is what migrate needs of *sql.DB and *sql.Conn.
type beginner interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

// migrate applies the steps the database has not seen yet, all in one
// transaction: a step that fails leaves the database as it was. The
// transaction takes the write lock before reading the version, so two
// processes opening the same new file cannot both apply a step.
func migrate(ctx context.Context, db beginner, steps []string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return err
	}
	switch {
	case version > len(steps):
		return fmt.Errorf("%w: version %d, this version knows %d", ErrNewerSchema, version, len(steps))
	case version == len(steps):
		return nil
	}
	for i := version; i < len(steps); i++ {
		if _, err := tx.ExecContext(ctx, steps[i]); err != nil {
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
	}
	// PRAGMA takes no parameters; len(steps) is an int, not input.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", len(steps))); err != nil {
		return err
	}
	return tx.Commit()
}
