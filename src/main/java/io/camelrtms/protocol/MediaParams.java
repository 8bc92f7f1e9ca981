package io.camelrtms.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code media_params} object of the media handshake (docs/protocol.md#media-parameters): what the client asks for in msg 3
 * and what the server confirms in msg 4. A {@code null} member is left out of the request, so the
 * server applies its own default for it.
 */
public record MediaParams(Audio audio, Video video, Video deskshare, Transcript transcript, Chat chat) {

    /** Audio parameters. {@code channels} is 1 (mono) or 2 (stereo); {@code sendRate} in ms. */
    public record Audio(ContentType contentType, Codec codec, SampleRate sampleRate, int channels,
                        DataOption dataOption, int sendRate) {

        /** What the server uses when the request names no audio params (docs/protocol.md#media-parameters). */
        public static final Audio WIRE_DEFAULT =
                new Audio(ContentType.RAW_AUDIO, Codec.L16, SampleRate.SR_16K, 1, DataOption.AUDIO_MIXED_STREAM, 20);

        public boolean perSpeaker() {
            return dataOption == DataOption.AUDIO_MULTI_STREAMS;
        }

        /** Reasons this combination cannot be negotiated, following the SDK's own checks (docs/protocol.md#media-parameters). */
        public List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (codec == null || !codec.isAudio()) {
                problems.add("audio codec must be L16, G711, G722 or OPUS, not " + codec);
                return problems;
            }
            if (channels != 1 && channels != 2) {
                problems.add("audio channels must be 1 or 2, not " + channels);
            }
            if (codec == Codec.OPUS && sampleRate != SampleRate.SR_48K) {
                problems.add("OPUS audio requires a 48000 Hz sample rate");
            }
            if (codec == Codec.G711 && (sampleRate != SampleRate.SR_8K || channels != 1)) {
                problems.add("G711 audio is 8000 Hz mono");
            }
            if (codec == Codec.G722 && (sampleRate != SampleRate.SR_16K || channels != 1)) {
                problems.add("G722 audio is 16000 Hz mono");
            }
            if (sendRate < 20 || sendRate > 1000 || sendRate % 20 != 0) {
                problems.add("audio send rate must be a multiple of 20 ms between 20 and 1000, not " + sendRate);
            } else if (codec != Codec.L16 && sendRate != 20) {
                problems.add(codec + " audio is sent every 20 ms; only L16 takes another send rate");
            }
            if (dataOption != DataOption.AUDIO_MIXED_STREAM && dataOption != DataOption.AUDIO_MULTI_STREAMS) {
                problems.add("audio data option must be AUDIO_MIXED_STREAM or AUDIO_MULTI_STREAMS, not " + dataOption);
            }
            return problems;
        }

        ObjectNode toJson() {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("content_type", contentType.code());
            n.put("sample_rate", sampleRate.code());
            n.put("channel", channels);
            n.put("codec", codec.code());
            n.put("data_opt", dataOption.code());
            n.put("send_rate", sendRate);
            return n;
        }

        /** Reads the server's echo, keeping {@code requested} for any field it leaves out or we do not know. */
        static Audio fromJson(JsonNode n, Audio requested) {
            Audio r = requested != null ? requested : WIRE_DEFAULT;
            if (n == null || !n.isObject()) {
                return r;
            }
            return new Audio(
                    or(ContentType.of(n.path("content_type").asInt(-1)), r.contentType),
                    or(Codec.of(n.path("codec").asInt(-1)), r.codec),
                    or(SampleRate.of(n.path("sample_rate").asInt(-1)), r.sampleRate),
                    n.path("channel").asInt(r.channels),
                    or(DataOption.of(n.path("data_opt").asInt(-1)), r.dataOption),
                    n.path("send_rate").asInt(r.sendRate));
        }
    }

    /**
     * Video or deskshare parameters. {@code dataOption} is {@code null} for deskshare, which has none.
     */
    public record Video(ContentType contentType, Codec codec, Resolution resolution, DataOption dataOption, int fps) {

        public List<String> problems(String what) {
            List<String> problems = new ArrayList<>();
            if (codec != Codec.JPG && codec != Codec.PNG && codec != Codec.H264) {
                problems.add(what + " codec must be JPG, PNG or H264, not " + codec);
            } else if ((codec == Codec.JPG || codec == Codec.PNG) && (fps < 1 || fps > 5)) {
                problems.add(what + " fps must be 1 to 5 for " + codec + ", not " + fps);
            } else if (codec == Codec.H264 && (fps < 1 || fps > 30)) {
                problems.add(what + " fps must be 1 to 30 for H264, not " + fps);
            }
            if (resolution == null) {
                problems.add(what + " resolution must be set");
            }
            return problems;
        }

        ObjectNode toJson() {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("content_type", contentType.code());
            n.put("codec", codec.code());
            n.put("resolution", resolution.code());
            if (dataOption != null) {
                n.put("data_opt", dataOption.code());
            }
            n.put("fps", fps);
            return n;
        }

        static Video fromJson(JsonNode n, Video requested) {
            if (n == null || !n.isObject()) {
                return requested;
            }
            Video r = requested != null ? requested
                    : new Video(ContentType.RAW_VIDEO, Codec.JPG, Resolution.HD, null, 1);
            DataOption opt = n.has("data_opt") ? or(DataOption.of(n.path("data_opt").asInt(-1)), r.dataOption) : r.dataOption;
            return new Video(
                    or(ContentType.of(n.path("content_type").asInt(-1)), r.contentType),
                    or(Codec.of(n.path("codec").asInt(-1)), r.codec),
                    or(Resolution.of(n.path("resolution").asInt(-1)), r.resolution),
                    opt,
                    n.path("fps").asInt(r.fps));
        }
    }

    /**
     * Transcript parameters. {@code srcLanguage} is a language id (-1 for none); with
     * {@code enableLid} the server detects and switches the language itself.
     */
    public record Transcript(int srcLanguage, boolean enableLid) {

        ObjectNode toJson() {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("content_type", ContentType.TEXT.code());
            n.put("src_language", srcLanguage);
            n.put("enable_lid", enableLid);
            return n;
        }

        static Transcript fromJson(JsonNode n, Transcript requested) {
            if (n == null || !n.isObject()) {
                return requested;
            }
            Transcript r = requested != null ? requested : new Transcript(-1, true);
            // Older samples sent "language"; Zoom's library rewrites it to src_language.
            int lang = n.has("src_language") ? n.path("src_language").asInt(r.srcLanguage) : n.path("language").asInt(r.srcLanguage);
            return new Transcript(lang, n.path("enable_lid").asBoolean(r.enableLid));
        }
    }

    /** Chat parameters: only the content type, which is always TEXT. */
    public record Chat() {

        ObjectNode toJson() {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("content_type", ContentType.TEXT.code());
            return n;
        }
    }

    /** Reasons these params cannot be negotiated; empty when they are fine. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (audio != null) {
            problems.addAll(audio.problems());
        }
        if (video != null) {
            problems.addAll(video.problems("video"));
        }
        if (deskshare != null) {
            problems.addAll(deskshare.problems("deskshare"));
        }
        if (transcript != null && transcript.srcLanguage < -1) {
            problems.add("transcript language id must be -1 or a RTMS_TRANSCRIPT_LANGUAGE id, not " + transcript.srcLanguage);
        }
        return problems;
    }

    /** The params for the kinds of one media connection only; the others are left out. */
    public MediaParams only(Set<MediaKind> kinds) {
        return new MediaParams(
                kinds.contains(MediaKind.AUDIO) ? audio : null,
                kinds.contains(MediaKind.VIDEO) ? video : null,
                kinds.contains(MediaKind.DESKSHARE) ? deskshare : null,
                kinds.contains(MediaKind.TRANSCRIPT) ? transcript : null,
                kinds.contains(MediaKind.CHAT) ? chat : null);
    }

    public boolean isEmpty() {
        return audio == null && video == null && deskshare == null && transcript == null && chat == null;
    }

    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        if (audio != null) {
            n.set("audio", audio.toJson());
        }
        if (video != null) {
            n.set("video", video.toJson());
        }
        if (deskshare != null) {
            n.set("deskshare", deskshare.toJson());
        }
        if (transcript != null) {
            n.set("transcript", transcript.toJson());
        }
        if (chat != null) {
            n.set("chat", chat.toJson());
        }
        return n;
    }

    /**
     * Reads negotiated params from a msg 4 echo. Anything the server leaves out is taken from what
     * was requested, because the echo is the truth for decoding only where it speaks (docs/protocol.md#media-handshake).
     */
    public static MediaParams negotiated(JsonNode echo, MediaParams requested) {
        MediaParams r = requested != null ? requested : new MediaParams(null, null, null, null, null);
        if (echo == null || !echo.isObject()) {
            return r;
        }
        JsonNode share = echo.has("deskshare") ? echo.get("deskshare") : echo.get("sharescreen");
        return new MediaParams(
                echo.has("audio") || r.audio != null ? Audio.fromJson(echo.get("audio"), r.audio) : null,
                Video.fromJson(echo.get("video"), r.video),
                Video.fromJson(share, r.deskshare),
                Transcript.fromJson(echo.get("transcript"), r.transcript),
                echo.has("chat") ? new Chat() : r.chat);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
