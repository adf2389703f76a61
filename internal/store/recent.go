package store

import (
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
)

// maxRecent is how many recent folders the store keeps.
const maxRecent = 20

// AddRecent records dir as the most recently opened folder, moving it to
// the front if it is already known, and forgets the oldest folders beyond
// the 20 most recent. dir is cleaned with filepath.Clean, so "/a/b/" and
// "/a/b" are the same folder.
func (s *Store) AddRecent(dir string) error {
	dir, err := cleanDir(dir)
	if err != nil {
		return err
	}
	return s.write(func(tx *sql.Tx) error {
		if _, err := tx.Exec(`
INSERT INTO recent (dir, seq) VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM recent))
ON CONFLICT (dir) DO UPDATE SET seq = excluded.seq`, dir); err != nil {
			return err
		}
		_, err := tx.Exec(`
DELETE FROM recent WHERE dir NOT IN (SELECT dir FROM recent ORDER BY seq DESC LIMIT ?)`, maxRecent)
		return err
	})
}

// Recent returns up to limit recent folders, the most recent first. A
// limit of 0 or less returns all of them.
func (s *Store) Recent(limit int) ([]string, error) {
	if limit <= 0 || limit > maxRecent {
		limit = maxRecent
	}
	rows, err := s.db.Query("SELECT dir FROM recent ORDER BY seq DESC LIMIT ?", limit)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	defer rows.Close()
	dirs := []string{}
	for rows.Next() {
		var dir string
		if err := rows.Scan(&dir); err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
		dirs = append(dirs, dir)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return dirs, nil
}

// RemoveRecent forgets dir. Forgetting a folder that is not in the list is
// not an error.
func (s *Store) RemoveRecent(dir string) error {
	dir, err := cleanDir(dir)
	if err != nil {
		return err
	}
	return s.exec("DELETE FROM recent WHERE dir = ?", dir)
}

// errEmptyDir rejects "", which filepath.Clean would turn into ".", a
// folder that means something different to every caller.
var errEmptyDir = errors.New("store: empty folder name")

// cleanDir is the one place folder names are normalised, so that every
// method keyed by folder agrees on the key.
func cleanDir(dir string) (string, error) {
	if dir == "" {
		return "", errEmptyDir
	}
	return filepath.Clean(dir), nil
}
