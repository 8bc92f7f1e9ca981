/**
 * The {@code file} sink: {@link io.camelrtms.sink.file.FileRecorder} records each stream under the
 * data root in the layout of {@link io.camelrtms.sink.file.RecordingLayout} (WAV, JSON lines,
 * WebVTT/SRT, H.264 and image frames, {@code manifest.json}), and recovers recordings a crash left
 * unfinished.
 */
package io.camelrtms.sink.file;
