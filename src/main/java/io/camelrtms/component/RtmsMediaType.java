package io.camelrtms.component;

/** Values of the {@value RtmsConstants#MEDIA_TYPE} header: what an exchange carries. */
public enum RtmsMediaType {
    AUDIO, VIDEO, DESKSHARE, TRANSCRIPT, CHAT, EVENT, LIFECYCLE
}
