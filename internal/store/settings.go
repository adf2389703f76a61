package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
)

// FolderSettings is how the library shows one folder. The zero value is
// the default view.
type FolderSettings struct {
	Sort      string `json:"sort"`
	Desc      bool   `json:"desc"`
	Filter    string `json:"filter"`
	View      string `json:"view"`
	Recursive bool   `json:"recursive"`
}

// Setting decodes the global setting key into v with json.Unmarshal. It
// reports found=false, and leaves v alone, when the setting was never set.
func (s *Store) Setting(key string, v any) (found bool, err error) {
	raw, found, err := s.value("SELECT value FROM settings WHERE key = ?", key)
	if err != nil || !found {
		return false, err
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return true, fmt.Errorf("store: setting %q: %w", key, err)
	}
	return true, nil
}

// SetSetting stores v, encoded with json.Marshal, as the global setting key.
func (s *Store) SetSetting(key string, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("store: setting %q: %w", key, err)
	}
	return s.exec(`
INSERT INTO settings (key, value) VALUES (?, ?)
ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, string(raw))
}

// UpdateSetting reads the global setting key into v (left alone when it was
// never set), calls merge, and stores v as it then is, all inside one
// transaction that holds the write lock from its start (BEGIN IMMEDIATE).
// Another Reel on the same database cannot write in between, so no update
// is lost (issue 11 item 5: reading outside the transaction lost 543 of
// 2,000). An error from merge stores nothing and is returned as it is.
func (s *Store) UpdateSetting(key string, v any, merge func() error) error {
	var mergeErr error
	err := s.write(func(tx *sql.Tx) error {
		var raw []byte
		err := tx.QueryRow("SELECT value FROM settings WHERE key = ?", key).Scan(&raw)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return err
		default:
			// A value that no longer decodes is replaced by what merge
			// makes of the rest.
			_ = json.Unmarshal(raw, v)
		}
		if mergeErr = merge(); mergeErr != nil {
			return mergeErr
		}
		out, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("setting %q: %w", key, err)
		}
		_, err = tx.Exec(`
INSERT INTO settings (key, value) VALUES (?, ?)
ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, string(out))
		return err
	})
	if mergeErr != nil {
		return mergeErr
	}
	return err
}

// FolderSettings returns the view settings of dir, or the zero value when
// it has none. dir is cleaned as in AddRecent.
func (s *Store) FolderSettings(dir string) (FolderSettings, error) {
	var fs FolderSettings
	dir, err := cleanDir(dir)
	if err != nil {
		return fs, err
	}
	raw, found, err := s.value("SELECT value FROM folder_settings WHERE dir = ?", dir)
	if err != nil || !found {
		return fs, err
	}
	if err := json.Unmarshal(raw, &fs); err != nil {
		return FolderSettings{}, fmt.Errorf("store: folder settings of %q: %w", dir, err)
	}
	return fs, nil
}

// SetFolderSettings stores the view settings of dir.
func (s *Store) SetFolderSettings(dir string, fs FolderSettings) error {
	dir, err := cleanDir(dir)
	if err != nil {
		return err
	}
	raw, err := json.Marshal(fs)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return s.exec(`
INSERT INTO folder_settings (dir, value) VALUES (?, ?)
ON CONFLICT (dir) DO UPDATE SET value = excluded.value`, dir, string(raw))
}

// value runs a query for at most one value and reports whether there was
// one.
func (s *Store) value(query string, args ...any) ([]byte, bool, error) {
	var raw []byte
	err := s.db.QueryRow(query, args...).Scan(&raw)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, false, nil
	case err != nil:
		return nil, false, fmt.Errorf("store: %w", err)
	}
	return raw, true, nil
}
