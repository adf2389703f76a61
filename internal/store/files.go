package store

import (
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
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
	rows, err := s.db.Query(`
SELECT k.key, m.info
FROM json_each(?) AS k
JOIN metadata AS m
	ON m.path = CAST(unhex(k.value ->> 0) AS TEXT)
	AND m.size = k.value ->> 1
	AND m.mtime = k.value ->> 2`, keyList(keys))
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var i int
		var info []byte
		if err := rows.Scan(&i, &info); err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
		found[keys[i]] = info
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

// keyList encodes keys as a JSON array of [hex(path), size, mtime] for
// json_each. Paths travel in hex because JSON strings are UTF-8, file
// names on Unix are any bytes, and encoding/json would replace the invalid
// ones: such a path could then never match its row.
func keyList(keys []FileKey) string {
	b := make([]byte, 0, len(keys)*64)
	b = append(b, '[')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `["`...)
		b = hex.AppendEncode(b, []byte(k.Path))
		b = append(b, `",`...)
		b = strconv.AppendInt(b, k.Size, 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, k.ModTime, 10)
		b = append(b, ']')
	}
	b = append(b, ']')
	return string(b)
}

// pathList encodes paths as a JSON array of hex strings; see keyList.
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
