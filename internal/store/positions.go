package store

import (
	"database/sql"
	"errors"
	"fmt"
	"math"
	"time"

	"reel/internal/rules"
)

const (
	// watchedFraction is how far into a video playback must get for the
	// video to count as watched: the last 5 % is usually credits.
	watchedFraction = rules.WatchedFraction

	// startedAfter is how many seconds in a video must be before it is
	// worth continuing; less than that is a preview, not a start.
	startedAfter = rules.StartedAfter
)

// Position is where playback of a file stopped.
type Position struct {
	Path     string    `json:"path"`
	Position float64   `json:"position"` // seconds
	Duration float64   `json:"duration"` // seconds, 0 when unknown
	Watched  bool      `json:"watched"`
	Updated  time.Time `json:"updated"`
}

// errBadPosition rejects positions and durations that are negative, NaN or
// infinite.
var errBadPosition = errors.New("store: position and duration must be finite and not negative")

// SavePosition records that playback of path is at position seconds of
// duration, as a player saves it every few seconds while a video plays.
// Positions are keyed by path alone, so a re-encoded file keeps its
// position. A duration of 0 means unknown and keeps the duration saved
// before.
//
// A save while playing marks the file watched only when playback reached
// the end: a peek at the last minutes is not watching them (issue 13), so
// the resume point survives a seek past 95 % and back. StopAt is the save
// that can mark it watched earlier.
func (s *Store) SavePosition(path string, position, duration float64) error {
	return s.savePosition(path, position, duration, false)
}

// StopAt records that playback of path stopped at position seconds of
// duration: the person left the video, closed the window or it ended. A
// stop at or past 95 % of the duration marks the file watched (the rest
// is usually credits). Once watched, a file stays watched, whatever later
// positions are saved (a rewatch), until ClearWatched.
func (s *Store) StopAt(path string, position, duration float64) error {
	return s.savePosition(path, position, duration, true)
}

func (s *Store) savePosition(path string, position, duration float64, stopped bool) error {
	if !validSeconds(position) || !validSeconds(duration) {
		return fmt.Errorf("%w: position=%v duration=%v", errBadPosition, position, duration)
	}
	now := time.Now()
	return s.write(func(tx *sql.Tx) error {
		old, _, err := readPosition(tx, path)
		if err != nil {
			return err
		}
		p := advance(old, position, duration, stopped)
		return upsertPosition(tx, path, p, now)
	})
}

// upsertPosition writes p for path as the most recently played.
func upsertPosition(tx *sql.Tx, path string, p Position, now time.Time) error {
	_, err := tx.Exec(`
INSERT INTO positions (path, position, duration, watched, updated, seq)
VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM positions))
ON CONFLICT (path) DO UPDATE SET
	position = excluded.position,
	duration = excluded.duration,
	watched = excluded.watched,
	updated = excluded.updated,
	seq = excluded.seq`,
		path, p.Position, p.Duration, p.Watched, now.UnixNano())
	return err
}

// endSlack is how close to the duration a position counts as the end: the
// player saves the duration itself when a video ends, and a last frame may
// sit a little before it.
const endSlack = 0.25

// advance returns old moved on to position and duration, saved while
// playing or, when stopped, where playback stopped; see SavePosition and
// StopAt.
func advance(old Position, position, duration float64, stopped bool) Position {
	p := old
	p.Position = position
	if duration > 0 {
		p.Duration = duration
	}
	if p.Duration > 0 {
		atEnd := position >= p.Duration-endSlack
		if atEnd || (stopped && position >= watchedFraction*p.Duration) {
			p.Watched = true
		}
	}
	return p
}

// validSeconds reports whether f can be a time in a video.
func validSeconds(f float64) bool {
	return f >= 0 && !math.IsInf(f, 1) // NaN fails f >= 0
}

// Position returns the saved position of path.
func (s *Store) Position(path string) (Position, bool, error) {
	p, found, err := readPosition(s.db, path)
	if err != nil {
		return Position{}, false, fmt.Errorf("store: %w", err)
	}
	return p, found, nil
}

// Positions returns the saved positions of those of paths that have one,
// in a single query.
func (s *Store) Positions(paths []string) (map[string]Position, error) {
	found := make(map[string]Position)
	if len(paths) == 0 {
		return found, nil
	}
	ps, err := s.positions(`
SELECT `+positionColumns+` FROM positions
WHERE path IN (SELECT CAST(unhex(value) AS TEXT) FROM json_each(?))`, pathList(paths))
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		found[p.Path] = p
	}
	return found, nil
}

// ContinueWatching returns up to limit files that were started (past the
// first 5 seconds) and not watched to the end, the most recently played
// first. A limit of 0 or less means no limit.
func (s *Store) ContinueWatching(limit int) ([]Position, error) {
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	return s.positions(`
SELECT `+positionColumns+` FROM positions
WHERE NOT watched AND position > ?
ORDER BY seq DESC
LIMIT ?`, startedAfter, limit)
}

// ClearWatched marks path as not watched and rewinds it to the start, as
// a player's "mark as unwatched" does. Clearing a path with no saved
// position is not an error.
func (s *Store) ClearWatched(path string) error {
	return s.exec("UPDATE positions SET watched = 0, position = 0 WHERE path = ?", path)
}

const positionColumns = "path, position, duration, watched, updated"

// queryRower is what readPosition needs of *sql.DB and *sql.Tx.
type queryRower interface {
	QueryRow(query string, args ...any) *sql.Row
}

// readPosition reads the position of path, or reports that it has none.
func readPosition(q queryRower, path string) (Position, bool, error) {
	p, err := scanPosition(q.QueryRow("SELECT "+positionColumns+" FROM positions WHERE path = ?", path))
	if errors.Is(err, sql.ErrNoRows) {
		return Position{}, false, nil
	}
	return p, err == nil, err
}

// positions runs a query for positionColumns.
func (s *Store) positions(query string, args ...any) ([]Position, error) {
	rows, err := s.db.Query(query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	defer rows.Close()
	ps := []Position{}
	for rows.Next() {
		p, err := scanPosition(rows)
		if err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
		ps = append(ps, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return ps, nil
}

func scanPosition(row interface{ Scan(...any) error }) (Position, error) {
	var p Position
	var updated int64
	if err := row.Scan(&p.Path, &p.Position, &p.Duration, &p.Watched, &updated); err != nil {
		return Position{}, err
	}
	p.Updated = time.Unix(0, updated)
	return p, nil
}
