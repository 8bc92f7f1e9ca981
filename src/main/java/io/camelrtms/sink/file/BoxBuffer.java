package io.camelrtms.sink.file;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable big-endian byte buffer for building ISO BMFF boxes: {@link #begin} writes a box header
 * whose size {@link #end} fills in once the box's content is written.
 */
final class BoxBuffer {

    private byte[] bytes = new byte[256];
    private int length;

    int length() {
        return length;
    }

    BoxBuffer u8(int v) {
        ensure(1);
        bytes[length++] = (byte) v;
        return this;
    }

    BoxBuffer u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    BoxBuffer u32(long v) {
        return u16((int) (v >>> 16)).u16((int) v);
    }

    BoxBuffer u64(long v) {
        return u32(v >>> 32).u32(v);
    }

    BoxBuffer bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    BoxBuffer bytes(byte[] b, int offset, int n) {
        ensure(n);
        System.arraycopy(b, offset, bytes, length, n);
        length += n;
        return this;
    }

    BoxBuffer zeros(int n) {
        ensure(n);
        length += n;
        return this;
    }

    BoxBuffer ascii(String s) {
        return bytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** Starts a box; returns where it starts, for {@link #end}. */
    int begin(String type) {
        int start = length;
        u32(0).ascii(type);
        return start;
    }

    /** Starts a full box (version and flags after the header). */
    int beginFull(String type, int version, int flags) {
        int start = begin(type);
        u8(version).u8(flags >>> 16).u8(flags >>> 8).u8(flags);
        return start;
    }

    void end(int start) {
        patchU32(start, length - start);
    }

    void patchU32(int at, long v) {
        bytes[at] = (byte) (v >>> 24);
        bytes[at + 1] = (byte) (v >>> 16);
        bytes[at + 2] = (byte) (v >>> 8);
        bytes[at + 3] = (byte) v;
    }

    ByteBuffer toByteBuffer() {
        return ByteBuffer.wrap(bytes, 0, length);
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, length);
    }

    void clear() {
        length = 0;
    }

    private void ensure(int n) {
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
        }
    }
}
