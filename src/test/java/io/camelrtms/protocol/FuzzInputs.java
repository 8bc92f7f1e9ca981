package io.camelrtms.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of malformed input for the fuzz tests: byte-level mutations of well-formed seeds
 * (bit flips, truncation, splices, repeated and deleted runs, odd bytes), deep nesting, random JSON-ish
 * text and random bytes. Seeded, so a failure names the seed and iteration that reproduce it; written
 * here rather than taken from a fuzzing library because a few mutation operators are all these
 * properties need and the test keeps running on the plain JUnit engine.
 */
public final class FuzzInputs {

    private static final String[] TOKENS = {"{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0000", "\\ud800", "null",
            "true", "-0", "1e999", "9999999999999999999999", "\"msg_type\"", "\"event\"", "\"payload\"",
            "\"server_urls\"", "\"content\"", "\"data\"", "\"rtms_stream_id\"", "\u00e9", "\ud83c\udfa4", " ", "\n"};

    private final Random random;

    public FuzzInputs(long seed) {
        this.random = new Random(seed);
    }

    public Random random() {
        return random;
    }

    /** One malformed (or, now and then, still well-formed) input derived from {@code seeds}. */
    public byte[] next(List<byte[]> seeds) {
        return switch (random.nextInt(10)) {
            case 0 -> randomBytes(random.nextInt(300));
            case 1 -> tokens(1 + random.nextInt(60));
            case 2 -> nested(1 + random.nextInt(5000));
            default -> mutate(seeds.get(random.nextInt(seeds.size())), 1 + random.nextInt(6));
        };
    }

    public byte[] mutate(byte[] seed, int rounds) {
        byte[] b = seed.clone();
        for (int i = 0; i < rounds; i++) {
            b = mutateOnce(b);
        }
        return b;
    }

    private byte[] mutateOnce(byte[] b) {
        if (b.length == 0) {
            return randomBytes(1 + random.nextInt(8));
        }
        int at = random.nextInt(b.length);
        switch (random.nextInt(7)) {
            case 0 -> {
                byte[] c = b.clone();
                c[at] ^= (byte) (1 << random.nextInt(8));
                return c;
            }
            case 1 -> {
                return java.util.Arrays.copyOf(b, at);
            }
            case 2 -> {
                byte[] c = b.clone();
                c[at] = (byte) new int[] {0x00, 0x80, 0xC0, 0xFF, 0xED, 0x7F, '"', '\\', '{', '['}[random.nextInt(10)];
                return c;
            }
            case 3 -> {
                return splice(b, at, TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
            }
            case 4 -> {
                int len = Math.min(b.length - at, 1 + random.nextInt(16));
                return concat(java.util.Arrays.copyOf(b, at + len), java.util.Arrays.copyOfRange(b, at, b.length));
            }
            case 5 -> {
                int len = Math.min(b.length - at, 1 + random.nextInt(16));
                return concat(java.util.Arrays.copyOf(b, at), java.util.Arrays.copyOfRange(b, at + len, b.length));
            }
            default -> {
                return splice(b, at, randomBytes(1 + random.nextInt(8)));
            }
        }
    }

    public byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private byte[] tokens(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(TOKENS[random.nextInt(TOKENS.length)]);
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] nested(int depth) {
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return (open.repeat(depth) + "1" + (random.nextBoolean() ? close.repeat(depth) : "")).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] splice(byte[] b, int at, byte[] insert) {
        return concat(concat(java.util.Arrays.copyOf(b, at), insert), java.util.Arrays.copyOfRange(b, at, b.length));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
