package rules

// Actions are what the player's keys ask it to do. "jump" takes the digit
// pressed: 0 … 9 jump to 0 % … 90 %.
var Actions = []string{
	"togglePlay", "back5", "forward5", "back10", "forward10", "volumeUp", "volumeDown", "mute",
	"fullscreen", "escape", "frameBack", "frameForward", "slower", "faster", "next", "previous",
	"subtitles", "help", "confirm", "jump", "nextChapter", "previousChapter", "audioTrack",
	"subtitleEarlier", "subtitleLater", "subtitleSmaller", "subtitleLarger",
}

// Binding maps KeyboardEvent.key values to an action.
type Binding struct {
	Keys   []string
	Action string
}

// Bindings are the player's keys (digits are handled apart: "jump"). Keys
// pressed with Ctrl, Meta or Alt belong to the system.
var Bindings = []Binding{
	{[]string{" ", "k", "K"}, "togglePlay"},
	{[]string{"ArrowLeft"}, "back5"},
	{[]string{"ArrowRight"}, "forward5"},
	{[]string{"j", "J"}, "back10"},
	{[]string{"l", "L"}, "forward10"},
	{[]string{","}, "frameBack"},
	{[]string{"."}, "frameForward"},
	{[]string{"ArrowUp"}, "volumeUp"},
	{[]string{"ArrowDown"}, "volumeDown"},
	{[]string{"m", "M"}, "mute"},
	{[]string{"[", "<"}, "slower"},
	{[]string{"]", ">"}, "faster"},
	{[]string{"c", "C"}, "subtitles"},
	{[]string{"PageDown"}, "nextChapter"}, // issue 10, as VLC and mpv's PgUp/PgDn
	{[]string{"PageUp"}, "previousChapter"},
	{[]string{"#"}, "audioTrack"},           // issue 10, as mpv's #
	{[]string{"z", "Z"}, "subtitleEarlier"}, // issue 10, mpv's z/x: subtitle delay ∓0.1 s
	{[]string{"x", "X"}, "subtitleLater"},
	{[]string{"-", "_"}, "subtitleSmaller"}, // issue 10: subtitle size
	{[]string{"+", "="}, "subtitleLarger"},
	{[]string{"n", "N"}, "next"},
	{[]string{"p", "P"}, "previous"},
	{[]string{"f", "F"}, "fullscreen"},
	{[]string{"?"}, "help"},
	{[]string{"Escape"}, "escape"},
	{[]string{"Enter"}, "confirm"},
}

// HelpRow is one line of the player's ? overlay: the keys as printed, and
// what they do.
type HelpRow struct {
	Keys []string `json:"keys"`
	What string   `json:"what"`
	// Actions are the actions the row describes, so a test can hold the
	// overlay to Bindings; not sent to the page.
	Actions []string `json:"-"`
}

// HelpTopic is one section of the ? overlay.
type HelpTopic struct {
	Title string    `json:"title"`
	Rows  []HelpRow `json:"rows"`
}

// KeyHelp is the ? overlay's content, by topic. Every action has a row.
var KeyHelp = []HelpTopic{
	{"Playback", []HelpRow{
		{[]string{"Space", "K"}, "Play / pause", []string{"togglePlay"}},
		{[]string{"←", "→"}, "Back / forward 5 seconds", []string{"back5", "forward5"}},
		{[]string{"J", "L"}, "Back / forward 10 seconds", []string{"back10", "forward10"}},
		{[]string{"0", "…", "9"}, "Jump to 0 %, 10 % … 90 %", []string{"jump"}},
		{[]string{",", "."}, "Previous / next frame (pauses)", []string{"frameBack", "frameForward"}},
		{[]string{"PgUp", "PgDn"}, "Previous / next chapter", []string{"previousChapter", "nextChapter"}},
	}},
	{"Sound, speed, subtitles", []HelpRow{
		{[]string{"↑", "↓"}, "Volume up / down 5 %", []string{"volumeUp", "volumeDown"}},
		{[]string{"M"}, "Mute / unmute", []string{"mute"}},
		{[]string{"[", "]"}, "Slower / faster (also < and >)", []string{"slower", "faster"}},
		{[]string{"C"}, "Subtitles on / off", []string{"subtitles"}},
		{[]string{"#"}, "Next audio track", []string{"audioTrack"}},
		{[]string{"Z", "X"}, "Subtitles 0.1 s earlier / later", []string{"subtitleEarlier", "subtitleLater"}},
		{[]string{"−", "+"}, "Subtitles smaller / larger", []string{"subtitleSmaller", "subtitleLarger"}},
	}},
	{"Player", []HelpRow{
		{[]string{"N", "P"}, "Next / previous video in the folder", []string{"next", "previous"}},
		{[]string{"F"}, "Fullscreen (or double-click the video)", []string{"fullscreen"}},
		{[]string{"Enter"}, "Resume, or play the next video now", []string{"confirm"}},
		{[]string{"?"}, "Show / hide these keys", []string{"help"}},
		{[]string{"Esc"}, "Leave fullscreen, then the player", []string{"escape"}},
	}},
}
