package store

import (
	"encoding/json"
	"fmt"
	"testing"
)

func TestMetadata(t *testing.T) {
	t.Parallel()
	key := FileKey{Path: "/videos/a.mkv", Size: 1000, ModTime: 1700000000123456789}
	tests := []struct {
		name   string
		put    map[FileKey]string
		get    FileKey
		want   string
		wantOK bool
	}{
		{name: "absent", get: key},
		{name: "round trip", put: map[FileKey]string{key: `{"duration":60}`}, get: key, want: `{"duration":60}`, wantOK: true},
		{name: "new size is a different file", put: map[FileKey]string{key: `{}`}, get: FileKey{Path: key.Path, Size: 1001, ModTime: key.ModTime}},
		{name: "new mtime is a different file", put: map[FileKey]string{key: `{}`}, get: FileKey{Path: key.Path, Size: key.Size, ModTime: key.ModTime + 1}},
		{name: "other path", put: map[FileKey]string{key: `{}`}, get: FileKey{Path: "/videos/b.mkv", Size: key.Size, ModTime: key.ModTime}},
		{name: "invalid UTF-8 path", put: map[FileKey]string{{Path: "/v/\xff.mkv"}: `[1]`}, get: FileKey{Path: "/v/\xff.mkv"}, want: `[1]`, wantOK: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := newStore(t)
			for k, info := range tt.put {
				if err := s.PutMetadata(k, json.RawMessage(info)); err != nil {
					t.Fatalf("PutMetadata(%+v, %s): %v", k, info, err)
				}
			}
			got, ok, err := s.Metadata(tt.get)
			if err != nil {
				t.Fatal(err)
			}
			if ok != tt.wantOK || string(got) != tt.want {
				t.Errorf("Metadata(%+v) = %s, %v; want %s, %v", tt.get, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestPutMetadataReplacesOldVersions(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	old := FileKey{Path: "/videos/a.mkv", Size: 1, ModTime: 1}
	other := FileKey{Path: "/videos/b.mkv", Size: 1, ModTime: 1}
	changed := FileKey{Path: old.Path, Size: 2, ModTime: 2}
	for k, info := range map[FileKey]string{old: `"old"`, other: `"other"`} {
		if err := s.PutMetadata(k, json.RawMessage(info)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.PutMetadata(changed, json.RawMessage(`"new"`)); err != nil {
		t.Fatal(err)
	}
	if err := s.PutMetadata(changed, json.RawMessage(`"newer"`)); err != nil {
		t.Fatal(err)
	}

	for k, want := range map[FileKey]string{old: "", other: `"other"`, changed: `"newer"`} {
		got, ok, err := s.Metadata(k)
		if err != nil || ok != (want != "") || string(got) != want {
			t.Errorf("Metadata(%+v) = %s, %v, %v; want %q", k, got, ok, err, want)
		}
	}
	var rows int
	if err := s.db.QueryRow("SELECT count(*) FROM metadata").Scan(&rows); err != nil || rows != 2 {
		t.Errorf("metadata has %d rows (err %v), want 2: one per path", rows, err)
	}
}

func TestPutMetadataRejectsInvalidJSON(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	for _, info := range []string{"", "{", "not json", `{"a":1}x`} {
		if err := s.PutMetadata(FileKey{Path: "/a"}, json.RawMessage(info)); err == nil {
			t.Errorf("PutMetadata(%q) = nil, want an error", info)
		}
	}
}

func TestMetadataMany(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	stored := []FileKey{
		{Path: "/videos/a.mkv", Size: 1, ModTime: 10},
		{Path: `/videos/"quoted" \ back.mkv`, Size: 2, ModTime: -1},
		{Path: "/videos/caf\xe9.mkv", Size: 3, ModTime: 1 << 62},
		{Path: "/videos/日本.mp4", Size: 1 << 40, ModTime: 0},
	}
	for i, k := range stored {
		if err := s.PutMetadata(k, json.RawMessage(fmt.Sprint(i))); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		keys []FileKey
		want map[FileKey]string
	}{
		{"no keys", nil, map[FileKey]string{}},
		{"all stored", stored, map[FileKey]string{stored[0]: "0", stored[1]: "1", stored[2]: "2", stored[3]: "3"}},
		{"misses are left out", []FileKey{
			{Path: "/videos/a.mkv", Size: 1, ModTime: 11},
			{Path: "/videos/a.mkv", Size: 2, ModTime: 10},
			{Path: "/videos/caf\uFFFD.mkv", Size: 3, ModTime: 1 << 62},
			stored[3],
		}, map[FileKey]string{stored[3]: "3"}},
		{"duplicates", []FileKey{stored[0], stored[0]}, map[FileKey]string{stored[0]: "0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := s.MetadataMany(tt.keys)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Errorf("MetadataMany(%+v) = %d entries, want %d", tt.keys, len(got), len(tt.want))
			}
			for k, want := range tt.want {
				if info, ok := got[k]; !ok || string(info) != want {
					t.Errorf("MetadataMany(%+v)[%+v] = %s, %v; want %s", tt.keys, k, info, ok, want)
				}
			}
		})
	}
}

func TestThumbnail(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	key := FileKey{Path: "/videos/a.mkv", Size: 10, ModTime: 20}
	if file, ok, err := s.Thumbnail(key); ok || err != nil || file != "" {
		t.Errorf("Thumbnail(%+v) before PutThumbnail = %q, %v, %v; want \"\", false, nil", key, file, ok, err)
	}
	for _, file := range []string{"ab/abcdef.jpg", "cd/cdef01.jpg"} {
		if err := s.PutThumbnail(key, file); err != nil {
			t.Fatal(err)
		}
		if got, ok, err := s.Thumbnail(key); !ok || err != nil || got != file {
			t.Errorf("Thumbnail(%+v) = %q, %v, %v; want %q", key, got, ok, err, file)
		}
	}
	changed := FileKey{Path: key.Path, Size: 11, ModTime: 20}
	if _, ok, _ := s.Thumbnail(changed); ok {
		t.Errorf("Thumbnail(%+v) of a changed file found, want a miss", changed)
	}
	if err := s.PutThumbnail(changed, "ef/ef.jpg"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.Thumbnail(key); ok {
		t.Errorf("Thumbnail(%+v) of the old version found after the new one was stored, want it replaced", key)
	}
}

// metadataFixture is a store holding metadata for n files, with their keys.
func metadataFixture(b *testing.B, n int) (*Store, []FileKey) {
	b.Helper()
	s := newStore(b)
	info := json.RawMessage(`{"format":"matroska","duration":5400.5,"streams":[{"codec":"h264","width":1920,"height":1080},{"codec":"aac","lang":"eng"}]}`)
	keys := make([]FileKey, n)
	for i := range keys {
		keys[i] = FileKey{Path: fmt.Sprintf("/home/user/Videos/Series/Season %02d/Episode %05d.mkv", i/100, i), Size: int64(1e9 + i), ModTime: 1700000000000000000 + int64(i)}
		if err := s.PutMetadata(keys[i], info); err != nil {
			b.Fatal(err)
		}
	}
	return s, keys
}

func BenchmarkMetadataMany10000(b *testing.B) {
	s, keys := metadataFixture(b, 10000)
	for b.Loop() {
		got, err := s.MetadataMany(keys)
		if err != nil || len(got) != len(keys) {
			b.Fatalf("MetadataMany = %d entries, %v; want %d", len(got), err, len(keys))
		}
	}
}

func BenchmarkMetadataOneByOne10000(b *testing.B) {
	s, keys := metadataFixture(b, 10000)
	for b.Loop() {
		got := make(map[FileKey]json.RawMessage, len(keys))
		for _, k := range keys {
			info, ok, err := s.Metadata(k)
			if err != nil || !ok {
				b.Fatalf("Metadata(%+v) = %v, %v", k, ok, err)
			}
			got[k] = info
		}
	}
}
