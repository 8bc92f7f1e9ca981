package io.camelrtms.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelrtms.protocol.Codec;
import io.camelrtms.protocol.ContentType;
import io.camelrtms.protocol.DataOption;
import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.MediaParams;
import io.camelrtms.protocol.Resolution;
import io.camelrtms.protocol.SampleRate;
import java.util.Set;

/**
 * Checks the {@code media_params} of a media handshake (msg 3) the way a strict server would and
 * works out what to confirm in msg 4 (docs/protocol.md#media-parameters): wire defaults for what is left out (audio L16
 * 16 kHz mono mixed every 20 ms; video JPG HD active speaker 5 fps; screen share JPG HD 1 fps;
 * transcript with language detection), integers only, OPUS at 48 kHz, G.711 at 8 kHz mono,
 * send_rate a multiple of 20 up to 1000 (20 for OPUS and G.711), JPG/PNG at 1–5 fps, H264 at
 * 1–30 fps. Params for kinds the connection does not carry are ignored. Every refusal's reason
 * contains "media params". Pure functions, thread-safe.
 */
final class MediaParamsNegotiator {

    static final MediaParams.Video VIDEO_DEFAULT =
            new MediaParams.Video(ContentType.RAW_VIDEO, Codec.JPG, Resolution.HD, DataOption.VIDEO_SINGLE_ACTIVE_STREAM, 5);
    static final MediaParams.Video DESKSHARE_DEFAULT =
            new MediaParams.Video(ContentType.RAW_VIDEO, Codec.JPG, Resolution.HD, null, 1);
    static final MediaParams.Transcript TRANSCRIPT_DEFAULT = new MediaParams.Transcript(-1, true);

    /** The outcome: either {@code params} and {@code echo}, or a {@code refusal}. */
    record Result(MediaParams params, ObjectNode echo, ServerStatus.Refusal refusal) {
        boolean ok() {
            return refusal == null;
        }
    }

    private static final class Refused extends Exception {
        final int code;

        Refused(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    private MediaParamsNegotiator() {
    }

    static Result negotiate(JsonNode mediaParams, Set<MediaKind> kinds) {
        try {
            if (mediaParams != null && !mediaParams.isNull() && !mediaParams.isObject()) {
                throw new Refused(ServerStatus.INVALID_MEDIA_PARAMS, "media_params must be an object");
            }
            JsonNode p = mediaParams == null ? JsonNodeFactory.instance.objectNode() : mediaParams;
            MediaParams.Audio audio = kinds.contains(MediaKind.AUDIO) ? audio(p.get("audio")) : null;
            MediaParams.Video video = kinds.contains(MediaKind.VIDEO) ? video(p.get("video"), false) : null;
            JsonNode share = p.has("deskshare") ? p.get("deskshare") : p.get("sharescreen");
            MediaParams.Video deskshare = kinds.contains(MediaKind.DESKSHARE) ? video(share, true) : null;
            MediaParams.Transcript transcript = kinds.contains(MediaKind.TRANSCRIPT) ? transcript(p.get("transcript")) : null;
            MediaParams.Chat chat = kinds.contains(MediaKind.CHAT) ? chat(p.get("chat")) : null;
            MediaParams params = new MediaParams(audio, video, deskshare, transcript, chat);
            return new Result(params, echo(params), null);
        } catch (Refused r) {
            return new Result(null, null, new ServerStatus.Refusal(r.code, "invalid media params: " + r.getMessage()));
        }
    }

    private static MediaParams.Audio audio(JsonNode n) throws Refused {
        MediaParams.Audio d = MediaParams.Audio.WIRE_DEFAULT;
        if (n == null || n.isNull()) {
            return d;
        }
        if (!n.isObject()) {
            throw new Refused(ServerStatus.INVALID_MEDIA_AUDIO_PARAMS, "audio must be an object");
        }
        int contentType = uint(n, "content_type", d.contentType().code(), ServerStatus.INVALID_MEDIA_AUDIO_CONTENT_TYPE, "audio");
        // RTP (1) is a deprecated alias that Zoom's helpers map to RAW_AUDIO, and samples send it with L16.
        if (contentType != ContentType.RTP.code() && contentType != ContentType.RAW_AUDIO.code()) {
            throw new Refused(ServerStatus.INVALID_MEDIA_AUDIO_CONTENT_TYPE, "audio content_type must be 1 (RTP) or 2 (RAW_AUDIO), not " + contentType);
        }
        int rateCode = uint(n, "sample_rate", d.sampleRate().code(), ServerStatus.INVALID_MEDIA_AUDIO_SAMPLE_RATE, "audio");
        SampleRate rate = SampleRate.of(rateCode);
        if (rate == null) {
            throw new Refused(ServerStatus.INVALID_MEDIA_AUDIO_SAMPLE_RATE, "audio sample_rate must be 0 (8k), 1 (16k), 2 (32k) or 3 (48k), not " + rateCode);
        }
        int channels = uint(n, "channel", d.channels(), ServerStatus.INVALID_MEDIA_AUDIO_CHANNEL, "audio");
        if (channels != 1 && channels != 2) {
            throw new Refused(ServerStatus.INVALID_MEDIA_AUDIO_CHANNEL, "audio channel must be 1 (mono) or 2 (stereo), not " + channels);
        }
        int codecCode = uint(n, "codec", d.codec().code(), ServerStatus.INVALID_MEDIA_AUDIO_CODEC, "audio");
        Codec codec = Codec.of(codecCode);
        if (codec == null || !codec.isAudio()) {
            throw new Refused(ServerStatus.INVALID_MEDIA_AUDIO_CODEC, "audio codec must be 1 (L16), 2 (G711), 3 (G722) or 4 (OPUS), not " + codecCode);
        }
        if (codec == Codec.G722) {
            // Zoom lists G722 for RTP audio; the JDK has no G.722 encoder, so the simulator cannot play it.
            throw new Refused(ServerStatus.INVALID_MEDIA_AUDIO_CODEC, "the simulator cannot encode G722 audio");
        }
        int dataOpt = uint(n, "data_opt", d.dataOption().code(), ServerStatus.INVALID_MEDIA_AUDIO_DATA_OPT, "audio");
        DataOption option = DataOption.of(dataOpt);
        if (option != DataOption.AUDIO_MIXED_STREAM && option != DataOption.AUDIO_MULTI_STREAMS) {
            throw new Refused(ServerStatus.INVALID_MEDIA_AUDIO_DATA_OPT, "audio data_opt must be 1 (mixed) or 2 (multi streams), not " + dataOpt);
        }
        int sendRate = uint(n, "send_rate", d.sendRate(), ServerStatus.INVALID_MEDIA_AUDIO_SEND_RATE, "audio");
        if (sendRate < 20 || sendRate > 1000 || sendRate % 20 != 0) {
            throw new Refused(ServerStatus.INVALID_MEDIA_AUDIO_SEND_RATE, "audio send_rate must be a multiple of 20 from 20 to 1000 ms, not " + sendRate);
        }
        if (codec == Codec.OPUS && rate != SampleRate.SR_48K) {
            throw new Refused(ServerStatus.INVALID_MEDIA_AUDIO_SAMPLE_RATE, "OPUS audio needs sample_rate 3 (48 kHz)");
        }
        if (codec == Codec.G711 && (rate != SampleRate.SR_8K || channels != 1)) {
            throw new Refused(ServerStatus.INVALID_MEDIA_AUDIO_SAMPLE_RATE, "G711 audio is 8 kHz mono (sample_rate 0, channel 1)");
        }
        if (codec != Codec.L16 && sendRate != 20) {
            throw new Refused(ServerStatus.INVALID_MEDIA_AUDIO_SEND_RATE, codec + " audio is sent every 20 ms; only L16 takes another send_rate");
        }
        if (n.has("frame_size")) {
            int frameSize = uint(n, "frame_size", 0, ServerStatus.INVALID_MEDIA_AUDIO_PARAMS, "audio");
            int expected = rate.hertz() * sendRate / 1000;
            if (frameSize != expected) {
                throw new Refused(ServerStatus.INVALID_MEDIA_AUDIO_PARAMS, "audio frame_size must be sample rate x send_rate / 1000 = " + expected + ", not " + frameSize);
            }
        }
        return new MediaParams.Audio(ContentType.of(contentType), codec, rate, channels, option, sendRate);
    }

    private static MediaParams.Video video(JsonNode n, boolean share) throws Refused {
        MediaParams.Video d = share ? DESKSHARE_DEFAULT : VIDEO_DEFAULT;
        String what = share ? "deskshare" : "video";
        int base = share ? ServerStatus.INVALID_MEDIA_DESKSHARE_PARAMS : ServerStatus.INVALID_MEDIA_VIDEO_PARAMS;
        int contentCode = share ? ServerStatus.INVALID_MEDIA_DESKSHARE_CONTENT_TYPE : ServerStatus.INVALID_MEDIA_VIDEO_CONTENT_TYPE;
        int codecCode = share ? ServerStatus.INVALID_MEDIA_DESKSHARE_CODEC : ServerStatus.INVALID_MEDIA_VIDEO_CODEC;
        int resCode = share ? ServerStatus.INVALID_MEDIA_DESKSHARE_RESOLUTION : ServerStatus.INVALID_MEDIA_VIDEO_RESOLUTION;
        int fpsCode = share ? ServerStatus.INVALID_MEDIA_DESKSHARE_FPS : ServerStatus.INVALID_MEDIA_VIDEO_FPS;
        if (n == null || n.isNull()) {
            return d;
        }
        if (!n.isObject()) {
            throw new Refused(base, what + " must be an object");
        }
        int content = uint(n, "content_type", ContentType.RAW_VIDEO.code(), contentCode, what);
        if (content != ContentType.RAW_VIDEO.code()) {
            throw new Refused(contentCode, what + " content_type must be 3 (RAW_VIDEO), not " + content);
        }
        int c = uint(n, "codec", d.codec().code(), codecCode, what);
        Codec codec = Codec.of(c);
        if (codec != Codec.JPG && codec != Codec.PNG && codec != Codec.H264) {
            throw new Refused(codecCode, what + " codec must be 5 (JPG), 6 (PNG) or 7 (H264), not " + c);
        }
        int r = uint(n, "resolution", d.resolution().code(), resCode, what);
        Resolution resolution = Resolution.of(r);
        if (resolution == null) {
            throw new Refused(resCode, what + " resolution must be 1 (SD), 2 (HD), 3 (FHD) or 4 (QHD), not " + r);
        }
        DataOption option = null;
        if (!share) {
            int o = uint(n, "data_opt", d.dataOption().code(), ServerStatus.INVALID_MEDIA_VIDEO_DATA_OPT, what);
            option = DataOption.of(o);
            if (option == null || o < DataOption.VIDEO_SINGLE_ACTIVE_STREAM.code()) {
                throw new Refused(ServerStatus.INVALID_MEDIA_VIDEO_DATA_OPT, "video data_opt must be 3, 4 or 5, not " + o);
            }
        }
        int fps = uint(n, "fps", codec == Codec.H264 ? 30 : d.fps(), fpsCode, what);
        if (codec == Codec.H264 ? fps < 1 || fps > 30 : fps < 1 || fps > 5) {
            throw new Refused(fpsCode, what + " fps must be " + (codec == Codec.H264 ? "1 to 30 for H264" : "1 to 5 for " + codec) + ", not " + fps);
        }
        return new MediaParams.Video(ContentType.RAW_VIDEO, codec, resolution, option, fps);
    }

    private static MediaParams.Transcript transcript(JsonNode n) throws Refused {
        if (n == null || n.isNull()) {
            return TRANSCRIPT_DEFAULT;
        }
        if (!n.isObject()) {
            throw new Refused(ServerStatus.INVALID_MEDIA_TRANSCRIPT_PARAMS, "transcript must be an object");
        }
        int content = uint(n, "content_type", ContentType.TEXT.code(), ServerStatus.INVALID_MEDIA_TRANSCRIPT_CONTENT_TYPE, "transcript");
        if (content != ContentType.TEXT.code()) {
            throw new Refused(ServerStatus.INVALID_MEDIA_TRANSCRIPT_CONTENT_TYPE, "transcript content_type must be 5 (TEXT), not " + content);
        }
        String key = n.has("src_language") ? "src_language" : "language";
        int language = -1;
        if (n.has(key)) {
            JsonNode l = n.get(key);
            if (!l.isIntegralNumber() || l.asInt() < -1 || l.asInt() > 36) {
                throw new Refused(ServerStatus.INVALID_MEDIA_TRANSCRIPT_PARAMS, "transcript " + key + " must be a language id from -1 to 36, not " + l);
            }
            language = l.asInt();
        }
        boolean lid = true;
        if (n.has("enable_lid")) {
            if (!n.get("enable_lid").isBoolean()) {
                throw new Refused(ServerStatus.INVALID_MEDIA_TRANSCRIPT_PARAMS, "transcript enable_lid must be a boolean");
            }
            lid = n.get("enable_lid").asBoolean();
        }
        return new MediaParams.Transcript(language, lid);
    }

    private static MediaParams.Chat chat(JsonNode n) throws Refused {
        if (n == null || n.isNull()) {
            return new MediaParams.Chat();
        }
        if (!n.isObject()) {
            throw new Refused(ServerStatus.INVALID_MEDIA_CHAT_PARAMS, "chat must be an object");
        }
        int content = uint(n, "content_type", ContentType.TEXT.code(), ServerStatus.INVALID_MEDIA_CHAT_CONTENT_TYPE, "chat");
        if (content != ContentType.TEXT.code()) {
            throw new Refused(ServerStatus.INVALID_MEDIA_CHAT_CONTENT_TYPE, "chat content_type must be 5 (TEXT), not " + content);
        }
        return new MediaParams.Chat();
    }

    /** The media_params object of msg 4: every field, as integers, for the connection's kinds only. */
    static ObjectNode echo(MediaParams p) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        if (p.audio() != null) {
            MediaParams.Audio a = p.audio();
            ObjectNode o = n.putObject("audio");
            o.put("content_type", a.contentType().code());
            o.put("sample_rate", a.sampleRate().code());
            o.put("channel", a.channels());
            o.put("codec", a.codec().code());
            o.put("data_opt", a.dataOption().code());
            o.put("send_rate", a.sendRate());
        }
        if (p.video() != null) {
            videoEcho(n.putObject("video"), p.video());
        }
        if (p.deskshare() != null) {
            videoEcho(n.putObject("deskshare"), p.deskshare());
        }
        if (p.transcript() != null) {
            ObjectNode o = n.putObject("transcript");
            o.put("content_type", ContentType.TEXT.code());
            o.put("src_language", p.transcript().srcLanguage());
            o.put("enable_lid", p.transcript().enableLid());
        }
        if (p.chat() != null) {
            n.putObject("chat").put("content_type", ContentType.TEXT.code());
        }
        return n;
    }

    private static void videoEcho(ObjectNode o, MediaParams.Video v) {
        o.put("content_type", v.contentType().code());
        o.put("codec", v.codec().code());
        o.put("resolution", v.resolution().code());
        if (v.dataOption() != null) {
            o.put("data_opt", v.dataOption().code());
        }
        o.put("fps", v.fps());
    }

    private static int uint(JsonNode n, String field, int fallback, int code, String what) throws Refused {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
            throw new Refused(code, what + " " + field + " must be an unsigned integer, not " + v);
        }
        return v.asInt();
    }
}
