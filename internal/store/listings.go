package store

import (
	"database/sql"
)

// CachedListing returns the listing saved for dir by PutCachedListing, as
// it was given, and found=false when there is none. dir is cleaned as in
// AddRecent.
func (s *Store) CachedListing(dir string) (value []byte, found bool, err error) {
	dir, err = cleanDir(dir)
	if err != nil {
		return nil, false, err
	}
	return s.value("SELECT value FROM listing_cache WHERE dir = ?", dir)
}

// PutCachedListing saves value as the listing of dir, for the next launch
// to show before the folder is read again (issue 8). Only folders in the
// recent list keep one: the rows of others are deleted with this write, so
// the cache never outgrows the list.
func (s *Store) PutCachedListing(dir string, value []byte) error {
	dir, err := cleanDir(dir)
	if err != nil {
		return err
	}
	return s.write(func(tx *sql.Tx) error {
		if _, err := tx.Exec(`
INSERT INTO listing_cache (dir, value) VALUES (?, ?)
ON CONFLICT (dir) DO UPDATE SET value = excluded.value`, dir, value); err != nil {
			return err
		}
		_, err := tx.Exec(`DELETE FROM listing_cache WHERE dir NOT IN (SELECT dir FROM recent)`)
		return err
	})
}
