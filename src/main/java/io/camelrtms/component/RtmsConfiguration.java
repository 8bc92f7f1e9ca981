package io.camelrtms.component;

import io.camelrtms.client.ConnectionOptions;
import io.camelrtms.client.StreamSettings;
import io.camelrtms.client.VideoSelection;
import io.camelrtms.protocol.Codec;
import io.camelrtms.protocol.ContentType;
import io.camelrtms.protocol.DataOption;
import io.camelrtms.protocol.EventType;
import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.MediaParams;
import io.camelrtms.protocol.Product;
import io.camelrtms.protocol.Resolution;
import io.camelrtms.protocol.SampleRate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * Every option of an {@code rtms:} endpoint. The component holds one as defaults; each endpoint
 * copies it and applies its URI options on top. Defaults follow Zoom's wire defaults unless noted.
 */
@UriParams
public class RtmsConfiguration implements Cloneable {

    /** How media sockets are laid out (docs/protocol.md#media-connections). */
    public enum MediaMode {
        /** One media socket per media type: independent reconnection per type (Zoom's library default). */
        SPLIT,
        /** One media socket to the {@code all} URL carrying every type: keeps audio and video in step. */
        UNIFIED
    }

    /** What stopping the consumer does to the streams it is receiving. */
    public enum ShutdownAction {
        /** Ask Zoom to close each stream (msg 21), then close the sockets. */
        CLOSE,
        /** Close the sockets without telling Zoom, so a restarted bundle can rejoin inside Zoom's window. */
        LEAVE
    }

    @UriParam(label = "security", secret = true,
              description = "The Zoom app's Client ID, used to sign handshakes. Defaults to the component's, which the "
                            + "bundle reads from ZOOM_CLIENT_ID (or ZM_RTMS_CLIENT).")
    private String clientId;
    @UriParam(label = "security", secret = true,
              description = "The Zoom app's Client Secret, the key of the handshake signature. Defaults to the component's, "
                            + "which the bundle reads from ZOOM_CLIENT_SECRET (or ZM_RTMS_SECRET).")
    private String clientSecret;

    @UriParam(label = "consumer,webhook,security", secret = true,
              description = "Zoom's webhook Secret Token, for `webhook:rtms:` consumers: verifies x-zm-signature and "
                            + "answers endpoint.url_validation. Without it every webhook request is refused with 503.")
    private String webhookSecretToken;
    @UriParam(label = "consumer,webhook", defaultValue = "300000", javaType = "long",
              description = "How far x-zm-request-timestamp may lie from now, either way, in milliseconds.")
    private long webhookTimestampTolerance = 300_000;
    @UriParam(label = "consumer,webhook", defaultValue = "1048576",
              description = "The largest webhook body accepted, in bytes; larger ones are refused with 413.")
    private int webhookMaxBodySize = 1_048_576;
    @UriParam(label = "consumer,webhook", defaultValue = "7200000", javaType = "long",
              description = "How long a webhook delivery is remembered, in milliseconds, so Zoom's retries are acknowledged "
                            + "but not acted on twice.")
    private long webhookDedupeWindow = 7_200_000;
    @UriParam(label = "consumer,webhook,advanced",
              description = "The repository that remembers webhook deliveries; defaults to an in-memory one bounded by "
                            + "webhookDedupeWindow and 10,000 entries.")
    private IdempotentRepository webhookIdempotentRepository;

    @UriParam(defaultValue = "all",
              description = "Comma-separated media types to receive: audio, video, deskshare, transcript, chat, or all. "
                            + "With all, split mode opens only the types the media server offers (the app's scopes).")
    private String mediaTypes = "all";
    @UriParam(defaultValue = "SPLIT", enums = "SPLIT,UNIFIED",
              description = "SPLIT opens one media socket per type; UNIFIED one socket to the 'all' URL.")
    private MediaMode mediaMode = MediaMode.SPLIT;
    @UriParam(defaultValue = "true",
              description = "Send media_params in the media handshake. When false the server applies its own defaults "
                            + "and the negotiated values come from its answer.")
    private boolean sendMediaParams = true;

    @UriParam(label = "audio", defaultValue = "L16", enums = "L16,OPUS,G711,G722",
              description = "Audio codec. L16 is raw 16-bit PCM; OPUS requires 48000 Hz; G711 is A-law 8000 Hz mono.")
    private String audioCodec = "L16";
    @UriParam(label = "audio", defaultValue = "16000", enums = "8000,16000,32000,48000", description = "Audio sample rate in hertz.")
    private int audioSampleRate = 16000;
    @UriParam(label = "audio", defaultValue = "1", enums = "1,2", description = "Audio channels: 1 (mono) or 2 (stereo).")
    private int audioChannels = 1;
    @UriParam(label = "audio", defaultValue = "false",
              description = "Receive audio per speaker (AUDIO_MULTI_STREAMS, up to 3 speakers per 20 ms) instead of one mixed stream.")
    private boolean audioPerSpeaker;
    @UriParam(label = "audio", defaultValue = "20",
              description = "Milliseconds of audio per message: a multiple of 20 up to 1000 (L16 only; other codecs use 20).")
    private int audioSendRate = 20;

    @UriParam(label = "video", defaultValue = "JPG", enums = "JPG,PNG,H264",
              description = "Video codec. JPG and PNG allow at most 5 fps; H264 1 to 30 fps.")
    private String videoCodec = "JPG";
    @UriParam(label = "video", defaultValue = "HD", enums = "SD,HD,FHD,QHD", description = "Video resolution.")
    private String videoResolution = "HD";
    @UriParam(label = "video", defaultValue = "5", description = "Video frames per second.")
    private int videoFps = 5;
    @UriParam(label = "video", defaultValue = "VIDEO_SINGLE_ACTIVE_STREAM",
              enums = "VIDEO_SINGLE_ACTIVE_STREAM,VIDEO_SINGLE_INDIVIDUAL_STREAM,VIDEO_MIXED_GALLERY_VIEW",
              description = "Which video: the active speaker, one subscribed participant, or the gallery view.")
    private String videoDataOption = "VIDEO_SINGLE_ACTIVE_STREAM";
    @UriParam(label = "video",
              description = "Whose individual video to subscribe to with VIDEO_SINGLE_INDIVIDUAL_STREAM: activeSpeaker, "
                            + "first or first:N (the first participants to turn their camera on), or a comma-separated list "
                            + "of user ids or names; empty for none (the route can still subscribe with RtmsAction).")
    private String videoParticipants;
    @UriParam(label = "video", defaultValue = "4",
              description = "The most participants' individual videos subscribed at once per stream (Zoom's default limit is 4).")
    private int maxVideoSubscriptions = 4;
    @UriParam(label = "video", defaultValue = "JPG", enums = "JPG,PNG,H264", description = "Screen-share codec.")
    private String deskshareCodec = "JPG";
    @UriParam(label = "video", defaultValue = "HD", enums = "SD,HD,FHD,QHD", description = "Screen-share resolution.")
    private String deskshareResolution = "HD";
    @UriParam(label = "video", defaultValue = "1", description = "Screen-share frames per second.")
    private int deskshareFps = 1;

    @UriParam(label = "transcript", defaultValue = "-1",
              description = "Transcript source language id (RTMS_TRANSCRIPT_LANGUAGE, e.g. 9 for English); -1 for none.")
    private int transcriptLanguage = -1;
    @UriParam(label = "transcript", defaultValue = "true",
              description = "Let Zoom detect and switch the transcript language; false locks it to transcriptLanguage.")
    private boolean transcriptLanguageDetection = true;

    @UriParam(defaultValue = "true",
              description = "Ask Zoom to deliver the audio it buffered (up to 60 s) between the start webhook and the connection.")
    private boolean bufferData = true;
    @UriParam(defaultValue = "default",
              description = "Comma-separated event types to subscribe to, by name (meeting numbering) or number, or 'default' "
                            + "for participant, speaker, sharing and video events (every call event in Contact Center). "
                            + "MEDIA_CONNECTION_INTERRUPTED is always added.")
    private String eventSubscriptions = "default";

    @UriParam(label = "timeout", defaultValue = "10000", javaType = "long", description = "Socket connect timeout in ms.")
    private long connectTimeout = 10_000;
    @UriParam(label = "timeout", defaultValue = "10000", javaType = "long", description = "How long to wait for a handshake answer, in ms.")
    private long handshakeTimeout = 10_000;
    @UriParam(label = "timeout", defaultValue = "30000", javaType = "long",
              description = "Re-handshake when no keep-alive and no data arrived for this many ms (0 disables).")
    private long inactivityTimeout = 30_000;
    @UriParam(label = "timeout", defaultValue = "5000", javaType = "long",
              description = "After a deliberate close (msg 21), how long to wait for the server before closing anyway, in ms.")
    private long closeTimeout = 5_000;
    @UriParam(label = "reconnect", defaultValue = "3000", javaType = "long", description = "First reconnect delay in ms; doubles per attempt.")
    private long reconnectDelay = 3_000;
    @UriParam(label = "reconnect", defaultValue = "30000", javaType = "long", description = "Largest reconnect delay in ms.")
    private long reconnectMaxDelay = 30_000;
    @UriParam(label = "reconnect", defaultValue = "60000", javaType = "long",
              description = "Give up reconnecting signaling after this many ms (Zoom waits about a minute).")
    private long signalingReconnectWindow = 60_000;
    @UriParam(label = "reconnect", defaultValue = "30000", javaType = "long",
              description = "Give up reconnecting a media socket after this many ms (Zoom waits about 30 s).")
    private long mediaReconnectWindow = 30_000;
    @UriParam(label = "reconnect", defaultValue = "3",
              description = "Handshake attempts before a refused stream fails (refusals other than authentication and duplicates).")
    private int maxHandshakeAttempts = 3;
    @UriParam(label = "reconnect", defaultValue = "2",
              description = "Handshake attempts before a stream whose signature or credentials are refused fails.")
    private int maxAuthAttempts = 2;
    @UriParam(label = "reconnect", defaultValue = "3", description = "Retries after a duplicate-signal refusal.")
    private int duplicateRetries = 3;
    @UriParam(label = "reconnect", defaultValue = "1500", javaType = "long",
              description = "First delay after a duplicate-signal refusal in ms; doubles per retry.")
    private long duplicateRetryDelay = 1_500;

    @UriParam(label = "security", defaultValue = "true",
              description = "Verify the server's TLS certificate and host name. Turning it off lets anyone impersonate Zoom.")
    private boolean verifyTls = true;
    @UriParam(label = "security",
              description = "Path of a PKCS12 (or .jks) trust store used instead of the JDK's CAs, e.g. for a TLS-inspecting proxy.")
    private String trustStore;
    @UriParam(label = "security", secret = true, description = "Password of the trust store.")
    private String trustStorePassword;
    @UriParam(label = "proxy", description = "HTTP proxy host for the WebSocket connections.")
    private String proxyHost;
    @UriParam(label = "proxy", defaultValue = "3128", description = "HTTP proxy port.")
    private int proxyPort = 3128;
    @UriParam(label = "proxy", secret = true, description = "HTTP proxy user name.")
    private String proxyUsername;
    @UriParam(label = "proxy", secret = true, description = "HTTP proxy password.")
    private String proxyPassword;
    @UriParam(label = "advanced", defaultValue = "16777216",
              description = "The largest WebSocket message accepted, in bytes (video frames are base64 inside JSON).")
    private int maxMessageSize = 16 * 1024 * 1024;
    @UriParam(label = "advanced", defaultValue = "10000", description = "The most sockets open to one RTMS server host.")
    private int maxConnections = 10_000;

    @UriParam(label = "consumer", defaultValue = "1000",
              description = "Messages queued per stream for the route. At 3/4 full the stream's media sockets are paused; when "
                            + "full, further media is refused and reported as a QUEUE_OVERFLOW event.")
    private int queueCapacity = 1000;
    @UriParam(label = "consumer,advanced", defaultValue = "false",
              description = "Run the route for a media message on the stream's Vert.x event loop while nothing of that stream "
                            + "is queued, instead of on the worker pool: saves a thread hand-off per message. Only for routes "
                            + "whose media steps do not block: a blocking step holds up every stream of that event loop, so "
                            + "when runs overstep eventLoopBudget the consumer goes back to the worker pool.")
    private boolean mediaOnEventLoop;
    @UriParam(label = "consumer,advanced", defaultValue = "10", javaType = "long",
              description = "With mediaOnEventLoop: when more than half of 64 consecutive media route runs of a stream take "
                            + "longer than this many ms on the event loop, a route step blocks, and the consumer's media "
                            + "goes through the worker pool from then on (logged once). 0 never falls back.")
    private long eventLoopBudget = 10;
    @UriParam(label = "consumer,advanced", defaultValue = "0", javaType = "long",
              description = "Milliseconds of audio to deliver as one exchange: consecutive L16 or G711 audio messages of a "
                            + "stream (same speaker and parameters, each starting where the previous ended) travel together "
                            + "once they cover this much, their payloads joined into one body, with the first message's "
                            + "headers and RtmsBatchedMessages saying how many it holds. Fewer exchanges cost less CPU; "
                            + "audio reaches the route up to this much later, up to twice this when audio stops. Opus "
                            + "audio, video, transcripts, chat and events are never batched, and an open batch is "
                            + "delivered before the stream's next transcript, chat, event or lifecycle exchange. "
                            + "0: one exchange per message; at most 1000.")
    private long audioBatch;
    /** A second of audio per exchange already makes the per-exchange cost negligible; longer only adds latency. */
    static final long MAX_AUDIO_BATCH = 1000;
    @UriParam(label = "consumer", defaultValue = "CLOSE", enums = "CLOSE,LEAVE",
              description = "On consumer stop: CLOSE asks Zoom to close each stream; LEAVE drops the sockets so a restart can rejoin.")
    private ShutdownAction shutdownAction = ShutdownAction.CLOSE;

    public RtmsConfiguration copy() {
        try {
            return (RtmsConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /** The media kinds asked for, and whether they were asked for as "all". */
    public Set<MediaKind> mediaKinds() {
        return MediaKind.parseList(mediaTypes);
    }

    public boolean allMedia() {
        return mediaTypes != null && mediaTypes.trim().equalsIgnoreCase("all");
    }

    /**
     * The media params these options ask for.
     *
     * @throws IllegalArgumentException naming every problem when the combination cannot be negotiated
     */
    public MediaParams mediaParams() {
        Set<MediaKind> kinds = mediaKinds();
        MediaParams.Audio audio = new MediaParams.Audio(ContentType.RAW_AUDIO, Codec.parse(audioCodec),
                SampleRate.ofHertz(audioSampleRate), audioChannels,
                audioPerSpeaker ? DataOption.AUDIO_MULTI_STREAMS : DataOption.AUDIO_MIXED_STREAM, audioSendRate);
        MediaParams.Video video = new MediaParams.Video(ContentType.RAW_VIDEO, Codec.parse(videoCodec),
                Resolution.valueOf(videoResolution.toUpperCase(Locale.ROOT)), DataOption.valueOf(videoDataOption.toUpperCase(Locale.ROOT)),
                videoFps);
        MediaParams.Video share = new MediaParams.Video(ContentType.RAW_VIDEO, Codec.parse(deskshareCodec),
                Resolution.valueOf(deskshareResolution.toUpperCase(Locale.ROOT)), null, deskshareFps);
        MediaParams params = new MediaParams(audio, video, share,
                new MediaParams.Transcript(transcriptLanguage, transcriptLanguageDetection), new MediaParams.Chat()).only(kinds);
        List<String> problems = params.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid rtms media options: " + String.join("; ", problems));
        }
        return params;
    }

    /** Event type numbers of {@link #getEventSubscriptions()}, names read in the meeting numbering; null for the product defaults. */
    public List<Integer> eventSubscriptionCodes() {
        if (eventSubscriptions == null || eventSubscriptions.isBlank() || eventSubscriptions.trim().equalsIgnoreCase("default")) {
            return null;
        }
        List<Integer> codes = new ArrayList<>();
        for (String raw : eventSubscriptions.split(",")) {
            String s = raw.trim();
            if (s.isEmpty()) {
                continue;
            }
            int code = s.chars().allMatch(Character::isDigit) ? Integer.parseInt(s) : EventType.code(Product.MEETING, s);
            if (code <= 0) {
                throw new IllegalArgumentException("Unknown RTMS event type '" + s + "' in eventSubscriptions");
            }
            codes.add(code);
        }
        return codes;
    }

    /** Validates every option and builds the stream settings; throws IllegalArgumentException on a bad combination. */
    public StreamSettings streamSettings() {
        MediaParams params = mediaParams();
        VideoSelection selection = VideoSelection.parse(videoParticipants);
        boolean individual = params.video() != null && params.video().dataOption() == DataOption.VIDEO_SINGLE_INDIVIDUAL_STREAM;
        if (selection.mode() != VideoSelection.Mode.NONE && !individual) {
            throw new IllegalArgumentException("videoParticipants needs video in mediaTypes and "
                    + "videoDataOption=VIDEO_SINGLE_INDIVIDUAL_STREAM");
        }
        if (maxVideoSubscriptions < 1) {
            throw new IllegalArgumentException("maxVideoSubscriptions must be at least 1, not " + maxVideoSubscriptions);
        }
        if (audioBatch < 0 || audioBatch > MAX_AUDIO_BATCH) {
            throw new IllegalArgumentException("audioBatch must be 0 (off) to " + MAX_AUDIO_BATCH + " ms, not " + audioBatch);
        }
        return StreamSettings.builder()
                .credentials(clientId, clientSecret)
                .mediaKinds(EnumSet.copyOf(mediaKinds()), allMedia())
                .unified(mediaMode == MediaMode.UNIFIED)
                .mediaParams(sendMediaParams ? params : new MediaParams(null, null, null, null, null))
                .bufferData(bufferData)
                .eventSubscriptions(eventSubscriptionCodes())
                .timeouts(connectTimeout, handshakeTimeout, inactivityTimeout, closeTimeout)
                .reconnect(reconnectDelay, reconnectMaxDelay, signalingReconnectWindow, mediaReconnectWindow)
                .handshakeRetries(maxHandshakeAttempts, maxAuthAttempts, duplicateRetries, duplicateRetryDelay)
                .videoSubscriptions(selection, maxVideoSubscriptions)
                .build();
    }

    public ConnectionOptions connectionOptions() {
        return new ConnectionOptions(verifyTls, trustStore, trustStorePassword, proxyHost, proxyPort, proxyUsername,
                proxyPassword, maxMessageSize, maxConnections);
    }

    // ---------------------------------------------------------------- getters and setters

    public String getVideoParticipants() {
        return videoParticipants;
    }

    public void setVideoParticipants(String videoParticipants) {
        this.videoParticipants = videoParticipants;
    }

    public int getMaxVideoSubscriptions() {
        return maxVideoSubscriptions;
    }

    public void setMaxVideoSubscriptions(int maxVideoSubscriptions) {
        this.maxVideoSubscriptions = maxVideoSubscriptions;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getWebhookSecretToken() {
        return webhookSecretToken;
    }

    public void setWebhookSecretToken(String webhookSecretToken) {
        this.webhookSecretToken = webhookSecretToken;
    }

    public long getWebhookTimestampTolerance() {
        return webhookTimestampTolerance;
    }

    public void setWebhookTimestampTolerance(long webhookTimestampTolerance) {
        this.webhookTimestampTolerance = webhookTimestampTolerance;
    }

    public int getWebhookMaxBodySize() {
        return webhookMaxBodySize;
    }

    public void setWebhookMaxBodySize(int webhookMaxBodySize) {
        this.webhookMaxBodySize = webhookMaxBodySize;
    }

    public long getWebhookDedupeWindow() {
        return webhookDedupeWindow;
    }

    public void setWebhookDedupeWindow(long webhookDedupeWindow) {
        this.webhookDedupeWindow = webhookDedupeWindow;
    }

    public IdempotentRepository getWebhookIdempotentRepository() {
        return webhookIdempotentRepository;
    }

    public void setWebhookIdempotentRepository(IdempotentRepository webhookIdempotentRepository) {
        this.webhookIdempotentRepository = webhookIdempotentRepository;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getMediaTypes() {
        return mediaTypes;
    }

    public void setMediaTypes(String mediaTypes) {
        this.mediaTypes = mediaTypes;
    }

    public MediaMode getMediaMode() {
        return mediaMode;
    }

    public void setMediaMode(MediaMode mediaMode) {
        this.mediaMode = mediaMode;
    }

    public boolean isSendMediaParams() {
        return sendMediaParams;
    }

    public void setSendMediaParams(boolean sendMediaParams) {
        this.sendMediaParams = sendMediaParams;
    }

    public String getAudioCodec() {
        return audioCodec;
    }

    public void setAudioCodec(String audioCodec) {
        this.audioCodec = audioCodec;
    }

    public int getAudioSampleRate() {
        return audioSampleRate;
    }

    public void setAudioSampleRate(int audioSampleRate) {
        this.audioSampleRate = audioSampleRate;
    }

    public int getAudioChannels() {
        return audioChannels;
    }

    public void setAudioChannels(int audioChannels) {
        this.audioChannels = audioChannels;
    }

    public boolean isAudioPerSpeaker() {
        return audioPerSpeaker;
    }

    public void setAudioPerSpeaker(boolean audioPerSpeaker) {
        this.audioPerSpeaker = audioPerSpeaker;
    }

    public int getAudioSendRate() {
        return audioSendRate;
    }

    public void setAudioSendRate(int audioSendRate) {
        this.audioSendRate = audioSendRate;
    }

    public String getVideoCodec() {
        return videoCodec;
    }

    public void setVideoCodec(String videoCodec) {
        this.videoCodec = videoCodec;
    }

    public String getVideoResolution() {
        return videoResolution;
    }

    public void setVideoResolution(String videoResolution) {
        this.videoResolution = videoResolution;
    }

    public int getVideoFps() {
        return videoFps;
    }

    public void setVideoFps(int videoFps) {
        this.videoFps = videoFps;
    }

    public String getVideoDataOption() {
        return videoDataOption;
    }

    public void setVideoDataOption(String videoDataOption) {
        this.videoDataOption = videoDataOption;
    }

    public String getDeskshareCodec() {
        return deskshareCodec;
    }

    public void setDeskshareCodec(String deskshareCodec) {
        this.deskshareCodec = deskshareCodec;
    }

    public String getDeskshareResolution() {
        return deskshareResolution;
    }

    public void setDeskshareResolution(String deskshareResolution) {
        this.deskshareResolution = deskshareResolution;
    }

    public int getDeskshareFps() {
        return deskshareFps;
    }

    public void setDeskshareFps(int deskshareFps) {
        this.deskshareFps = deskshareFps;
    }

    public int getTranscriptLanguage() {
        return transcriptLanguage;
    }

    public void setTranscriptLanguage(int transcriptLanguage) {
        this.transcriptLanguage = transcriptLanguage;
    }

    public boolean isTranscriptLanguageDetection() {
        return transcriptLanguageDetection;
    }

    public void setTranscriptLanguageDetection(boolean transcriptLanguageDetection) {
        this.transcriptLanguageDetection = transcriptLanguageDetection;
    }

    public boolean isBufferData() {
        return bufferData;
    }

    public void setBufferData(boolean bufferData) {
        this.bufferData = bufferData;
    }

    public String getEventSubscriptions() {
        return eventSubscriptions;
    }

    public void setEventSubscriptions(String eventSubscriptions) {
        this.eventSubscriptions = eventSubscriptions;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getHandshakeTimeout() {
        return handshakeTimeout;
    }

    public void setHandshakeTimeout(long handshakeTimeout) {
        this.handshakeTimeout = handshakeTimeout;
    }

    public long getInactivityTimeout() {
        return inactivityTimeout;
    }

    public void setInactivityTimeout(long inactivityTimeout) {
        this.inactivityTimeout = inactivityTimeout;
    }

    public long getCloseTimeout() {
        return closeTimeout;
    }

    public void setCloseTimeout(long closeTimeout) {
        this.closeTimeout = closeTimeout;
    }

    public long getReconnectDelay() {
        return reconnectDelay;
    }

    public void setReconnectDelay(long reconnectDelay) {
        this.reconnectDelay = reconnectDelay;
    }

    public long getReconnectMaxDelay() {
        return reconnectMaxDelay;
    }

    public void setReconnectMaxDelay(long reconnectMaxDelay) {
        this.reconnectMaxDelay = reconnectMaxDelay;
    }

    public long getSignalingReconnectWindow() {
        return signalingReconnectWindow;
    }

    public void setSignalingReconnectWindow(long signalingReconnectWindow) {
        this.signalingReconnectWindow = signalingReconnectWindow;
    }

    public long getMediaReconnectWindow() {
        return mediaReconnectWindow;
    }

    public void setMediaReconnectWindow(long mediaReconnectWindow) {
        this.mediaReconnectWindow = mediaReconnectWindow;
    }

    public int getMaxHandshakeAttempts() {
        return maxHandshakeAttempts;
    }

    public void setMaxHandshakeAttempts(int maxHandshakeAttempts) {
        this.maxHandshakeAttempts = maxHandshakeAttempts;
    }

    public int getMaxAuthAttempts() {
        return maxAuthAttempts;
    }

    public void setMaxAuthAttempts(int maxAuthAttempts) {
        this.maxAuthAttempts = maxAuthAttempts;
    }

    public int getDuplicateRetries() {
        return duplicateRetries;
    }

    public void setDuplicateRetries(int duplicateRetries) {
        this.duplicateRetries = duplicateRetries;
    }

    public long getDuplicateRetryDelay() {
        return duplicateRetryDelay;
    }

    public void setDuplicateRetryDelay(long duplicateRetryDelay) {
        this.duplicateRetryDelay = duplicateRetryDelay;
    }

    public boolean isVerifyTls() {
        return verifyTls;
    }

    public void setVerifyTls(boolean verifyTls) {
        this.verifyTls = verifyTls;
    }

    public String getTrustStore() {
        return trustStore;
    }

    public void setTrustStore(String trustStore) {
        this.trustStore = trustStore;
    }

    public String getTrustStorePassword() {
        return trustStorePassword;
    }

    public void setTrustStorePassword(String trustStorePassword) {
        this.trustStorePassword = trustStorePassword;
    }

    public String getProxyHost() {
        return proxyHost;
    }

    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    public int getProxyPort() {
        return proxyPort;
    }

    public void setProxyPort(int proxyPort) {
        this.proxyPort = proxyPort;
    }

    public String getProxyUsername() {
        return proxyUsername;
    }

    public void setProxyUsername(String proxyUsername) {
        this.proxyUsername = proxyUsername;
    }

    public String getProxyPassword() {
        return proxyPassword;
    }

    public void setProxyPassword(String proxyPassword) {
        this.proxyPassword = proxyPassword;
    }

    public int getMaxMessageSize() {
        return maxMessageSize;
    }

    public void setMaxMessageSize(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public int getQueueCapacity() {
        return queueCapacity;
    }

    public boolean isMediaOnEventLoop() {
        return mediaOnEventLoop;
    }

    public long getEventLoopBudget() {
        return eventLoopBudget;
    }

    public void setEventLoopBudget(long eventLoopBudget) {
        this.eventLoopBudget = eventLoopBudget;
    }

    public long getAudioBatch() {
        return audioBatch;
    }

    public void setAudioBatch(long audioBatch) {
        this.audioBatch = audioBatch;
    }

    public void setMediaOnEventLoop(boolean mediaOnEventLoop) {
        this.mediaOnEventLoop = mediaOnEventLoop;
    }

    public void setQueueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }

    public ShutdownAction getShutdownAction() {
        return shutdownAction;
    }

    public void setShutdownAction(ShutdownAction shutdownAction) {
        this.shutdownAction = shutdownAction;
    }
}
