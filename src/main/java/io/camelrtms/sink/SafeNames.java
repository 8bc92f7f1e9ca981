package io.camelrtms.sink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Turns ids from Zoom into names that are safe as a directory name on any file system and as a
 * segment of an S3 key. Zoom meeting UUIDs are standard base64 and contain {@code / + =}; mapping
 * {@code /}→{@code _}, {@code +}→{@code -} and dropping {@code =} turns them into their base64url
 * spelling, which is still unique. Anything else outside {@code [A-Za-z0-9._-]} becomes {@code _}.
 */
public final class SafeNames {

    /** Longest name produced; longer ids are cut and get a hash of the whole id appended. */
    public static final int MAX_LENGTH = 120;
    private static final int HASH_CHARS = 16;

    private SafeNames() {
    }

    /**
     * The file-system-safe form of an id.
     *
     * @throws IllegalArgumentException for {@code null} or an empty id
     */
    public static String of(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("An id is needed to name a directory or file");
        }
        StringBuilder sb = new StringBuilder(id.length());
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '/') {
                sb.append('_');
            } else if (c == '+') {
                sb.append('-');
            } else if (c == '=') {
                continue;
            } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-') {
                sb.append(c);
            } else {
                sb.append('_');
            }
        }
        String name = sb.toString();
        if (name.isEmpty() || name.chars().allMatch(ch -> ch == '.')) {
            // "", "." and ".." would name no directory, the directory itself, or its parent.
            name = "_".repeat(Math.max(1, name.length()));
        }
        if (name.length() > MAX_LENGTH) {
            name = name.substring(0, MAX_LENGTH - HASH_CHARS - 1) + "-" + hash(id);
        }
        return name;
    }

    private static String hash(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
