package store

import (
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
)

// FileKey identifies one version of a file: when a file's size or
// modification time changes, it is a new file as far as the caches are
// concerned.
type FileKey struct {
	Path    string
	Size    int64
	ModTime int64 // unix nanoseconds
}

// errInvalidJSON rejects metadata that would later break the JSON it is
// embedded in.
var errInvalidJSON = errors.New("store: metadata is not valid JSON")

// Metadata returns the cached probe result for k.
func (s *Store) Metadata(k FileKey) (json.RawMessage, bool, error) {
	raw, found, err := s.value(
		"SELECT info FROM metadata WHERE path = ? AND size = ? AND mtime = ?",
		k.Path, k.Size, k.ModTime)
	return json.RawMessage(raw), found, err
}

// PutMetadata caches the probe result info for k, replacing any entry for
// an older version of the same path.
func (s *Store) PutMetadata(k FileKey, info json.RawMessage) error {
	if !json.Valid(info) {
		return errInvalidJSON
	}
	return s.putFile("metadata", "info", k, string(info))
}

// MetadataMany returns the cached probe results for those of keys that
// have one, in a single query: one round trip whatever the number of keys.
func (s *Store) MetadataMany(keys []FileKey) (map[FileKey]json.RawMessage, error) {
	found := make(map[FileKey]json.RawMessage)
	if len(keys) == 0 {
		return found, nil
	}
	paths := make([]string, len(keys))
	for i, k := range keys {
		paths[i] = k.Path
	}
	// Joining on the path alone lets SQLite skip taking the JSON apart
	// a second time per key, which halves the time; putFile keeps one row
	// per path, and size and mtime are compared here.
	rows, err := s.db.Query(`
SELECT k.key, m.size, m.mtime, m.info
FROM json_each(?) AS k
JOIN metadata AS m ON m.path = CAST(unhex(k.value) AS TEXT)`, pathList(paths))
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var i int
		var size, mtime int64
		var info []byte
		if err := rows.Scan(&i, &size, &mtime, &info); err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
		if k := keys[i]; k.Size == size && k.ModTime == mtime {
			found[k] = info
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return found, nil
}

// Thumbnail returns where the cached thumbnail of k is stored.
func (s *Store) Thumbnail(k FileKey) (file string, ok bool, err error) {
	raw, ok, err := s.value(
		"SELECT file FROM thumbnails WHERE path = ? AND size = ? AND mtime = ?",
		k.Path, k.Size, k.ModTime)
	return string(raw), ok, err
}

// PutThumbnail records that the thumbnail of k is stored in file,
// replacing any entry for an older version of the same path. The store
// does not delete the thumbnail file of a replaced entry: the files belong
// to the thumbnail cache.
func (s *Store) PutThumbnail(k FileKey, file string) error {
	return s.putFile("thumbnails", "file", k, file)
}

// putFile stores value for k in table, whose value column is column, and
// drops the rows of other versions of k.Path. table and column are
// constants of this package, never input.
func (s *Store) putFile(table, column string, k FileKey, value string) error {
	return s.write(func(tx *sql.Tx) error {
		if _, err := tx.Exec(
			"DELETE FROM "+table+" WHERE path = ? AND (size <> ? OR mtime <> ?)",
			k.Path, k.Size, k.ModTime); err != nil {
			return err
		}
		_, err := tx.Exec(
			"INSERT INTO "+table+" (path, size, mtime, "+column+") VALUES (?, ?, ?, ?)"+
				" ON CONFLICT (path, size, mtime) DO UPDATE SET "+column+" = excluded."+column,
			k.Path, k.Size, k.ModTime, value)
		return err
	})
}

// pathList encodes paths as a JSON array of hex strings, for json_each
// and unhex. Paths travel in hex because JSON strings are UTF-8, file names
// on Unix are any bytes, and encoding/json would replace the invalid ones:
// such a path could then never match its row.
func pathList(paths []string) string {
	b := make([]byte, 0, len(paths)*64)
	b = append(b, '[')
	for i, p := range paths {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = hex.AppendEncode(b, []byte(p))
		b = append(b, '"')
	}
	b = append(b, ']')
	return string(b)
}
