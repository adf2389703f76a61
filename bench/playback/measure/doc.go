// Package measure holds what the playback benchmark (bench/playback) and the
// desktop performance test (tests/desktop) measure a window with, each the
// same way for Reel and for its baseline in the same run (issue 8):
//
//   - frames shown per second, counted from an ffmpeg x11grab recording of
//     the video area (a frame counts when its pixels differ from the one
//     before);
//   - the CPU of a process and all its children (the window plus its
//     WebKitWebProcess and WebKitNetworkProcess);
//   - WebKitGTK's own MiniBrowser showing a bare <video>, the baseline page;
//   - mpv's seek times over its JSON IPC, the baseline for seeks;
//   - the generated clip both play.
package measure
