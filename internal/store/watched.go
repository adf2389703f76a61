package store

import "time"

// MarkWatched marks path as watched by hand, as a player's "mark as
// watched" does (issue 12): it leaves Continue watching and its saved
// position goes back to the start, so it plays from the beginning next
// time. The duration saved before is kept. A path with no saved position
// gets one.
func (s *Store) MarkWatched(path string) error {
	return s.exec(`
INSERT INTO positions (path, position, duration, watched, updated, seq)
VALUES (?, 0, 0, 1, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM positions))
ON CONFLICT (path) DO UPDATE SET
	position = 0,
	watched = 1,
	updated = excluded.updated,
	seq = excluded.seq`,
		path, time.Now().UnixNano())
}

// ForgetPosition rewinds path to the start without touching whether it
// was watched: "Remove from Continue watching" (issue 12). Forgetting a
// path with no saved position is not an error.
func (s *Store) ForgetPosition(path string) error {
	return s.exec("UPDATE positions SET position = 0 WHERE path = ?", path)
}
