package store

import (
	"reflect"
	"testing"
)

func TestSettingRoundTrip(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	type view struct {
		Columns []string `json:"columns"`
		Zoom    float64  `json:"zoom"`
	}
	tests := []struct {
		name  string
		key   string
		value any
		into  func() any // a pointer to decode into
	}{
		{"number", "volume", 0.75, func() any { return new(float64) }},
		{"string", "language", "fr", func() any { return new(string) }},
		{"bool", "muted", true, func() any { return new(bool) }},
		{"struct", "view", view{Columns: []string{"name", "size"}, Zoom: 1.5}, func() any { return new(view) }},
		{"map", "keys", map[string]string{"space": "pause"}, func() any { return new(map[string]string) }},
		{"empty key", "", 1, func() any { return new(int) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if err := s.SetSetting(tt.key, tt.value); err != nil {
				t.Fatalf("SetSetting(%q, %v): %v", tt.key, tt.value, err)
			}
			got := tt.into()
			found, err := s.Setting(tt.key, got)
			if err != nil || !found {
				t.Fatalf("Setting(%q) = %v, %v; want found", tt.key, found, err)
			}
			if v := reflect.ValueOf(got).Elem().Interface(); !reflect.DeepEqual(v, tt.value) {
				t.Errorf("Setting(%q) decoded %#v, want %#v", tt.key, v, tt.value)
			}
		})
	}
}

func TestSettingOverwrite(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	for _, v := range []int{1, 2, 3} {
		if err := s.SetSetting("volume", v); err != nil {
			t.Fatal(err)
		}
	}
	var got int
	if found, err := s.Setting("volume", &got); err != nil || !found || got != 3 {
		t.Errorf("Setting(volume) = %d, %v, %v; want 3, the last value set", got, found, err)
	}
}

func TestSettingAbsent(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	got := 42
	found, err := s.Setting("never-set", &got)
	if found || err != nil || got != 42 {
		t.Errorf("Setting(never-set) = %v, %v, and v = %d; want false, nil, v untouched (42)", found, err, got)
	}
}

func TestSettingErrors(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	if err := s.SetSetting("bad", func() {}); err == nil {
		t.Error("SetSetting(func) = nil, want a JSON error")
	}
	if err := s.SetSetting("volume", "loud"); err != nil {
		t.Fatal(err)
	}
	var n int
	if found, err := s.Setting("volume", &n); err == nil {
		t.Errorf("Setting(volume) into an int = found %v, nil error; want a decode error", found)
	}
}

func TestFolderSettings(t *testing.T) {
	t.Parallel()
	full := FolderSettings{Sort: "date", Desc: true, Filter: "mkv", View: "grid", Recursive: true}
	tests := []struct {
		name string
		set  map[string]FolderSettings
		dir  string
		want FolderSettings
	}{
		{name: "absent is the zero value", dir: "/videos", want: FolderSettings{}},
		{name: "round trip", set: map[string]FolderSettings{"/videos": full}, dir: "/videos", want: full},
		{name: "other folders are separate", set: map[string]FolderSettings{"/videos": full}, dir: "/videos/sub", want: FolderSettings{}},
		{name: "names are cleaned", set: map[string]FolderSettings{"/videos/": full}, dir: "/videos/./", want: full},
		{name: "zero value can be stored", set: map[string]FolderSettings{"/videos": {}}, dir: "/videos", want: FolderSettings{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := newStore(t)
			for dir, fs := range tt.set {
				if err := s.SetFolderSettings(dir, fs); err != nil {
					t.Fatalf("SetFolderSettings(%q, %+v): %v", dir, fs, err)
				}
			}
			got, err := s.FolderSettings(tt.dir)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("after setting %+v: FolderSettings(%q) = %+v, want %+v", tt.set, tt.dir, got, tt.want)
			}
		})
	}
}

func TestFolderSettingsOverwrite(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	for _, view := range []string{"list", "grid"} {
		if err := s.SetFolderSettings("/videos", FolderSettings{View: view}); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := s.FolderSettings("/videos"); err != nil || got.View != "grid" {
		t.Errorf("FolderSettings(/videos) = %+v, %v; want View grid, the last set", got, err)
	}
}
