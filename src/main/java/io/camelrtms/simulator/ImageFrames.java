package io.camelrtms.simulator;

import io.camelrtms.protocol.Codec;
import io.camelrtms.protocol.MediaKind;
import io.camelrtms.protocol.Resolution;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Makes the video and screen-share payloads: real JPEG or PNG images (javax.imageio) of the
 * negotiated resolution, or, for H264, a <em>synthetic</em> Annex-B byte sequence — start codes and
 * valid NAL unit headers (SPS, PPS, IDR, non-IDR slices) around filler bytes. It has the shape a
 * client splits and stores, but no decoder will show a picture: encoding real H.264 would need a
 * native library.
 */
final class ImageFrames {

    private ImageFrames() {
    }

    static int width(Resolution r) {
        return switch (r) {
            case SD -> 640;
            case HD -> 1280;
            case FHD -> 1920;
            case QHD -> 2560;
        };
    }

    static int height(Resolution r) {
        return width(r) * 9 / 16;
    }

    /** One frame: {@code index} is the frame's position in its track (0 = first). */
    static byte[] frame(Codec codec, Resolution resolution, MediaKind kind, int userId, int index) {
        return switch (codec) {
            case JPG -> image("jpg", resolution, kind, userId, index);
            case PNG -> image("png", resolution, kind, userId, index);
            case H264 -> h264(index, userId);
            default -> throw new IllegalArgumentException("not a video codec: " + codec);
        };
    }

    private static byte[] image(String format, Resolution resolution, MediaKind kind, int userId, int index) {
        int w = width(resolution);
        int h = height(resolution);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            if (kind == MediaKind.DESKSHARE) {
                // A "slide": white page, title bar, text-like lines.
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, w, h);
                g.setColor(new Color(0x2D8CFF));
                g.fillRect(0, 0, w, h / 8);
                g.setColor(Color.DARK_GRAY);
                for (int line = 0; line < 6; line++) {
                    int len = (int) (w * (0.4 + 0.1 * ((line + index) % 5)));
                    g.fillRect(w / 12, h / 4 + line * h / 10, len, h / 40);
                }
            } else {
                // A "camera": a colour per user, a face-like disc, and a bar that moves with the frame index.
                Random r = new Random(userId);
                g.setColor(new Color(60 + r.nextInt(120), 60 + r.nextInt(120), 60 + r.nextInt(120)));
                g.fillRect(0, 0, w, h);
                g.setColor(new Color(0xF1C27D));
                g.fillOval(w / 2 - h / 6, h / 4, h / 3, h / 3);
                g.setColor(Color.BLACK);
                g.fillRect(0, h - h / 10, w, h / 10);
                g.setColor(Color.YELLOW);
                g.fillRect((index * w / 8) % w, h - h / 10, w / 8, h / 10);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Synthetic Annex-B: SPS + PPS + IDR slice for the first frame, a non-IDR slice after. */
    private static byte[] h264(int index, int userId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Random r = new Random(31L * userId + index);
        if (index == 0) {
            nal(out, 0x67, new byte[] {0x42, (byte) 0xC0, 0x1F, (byte) 0xDA, 0x01, 0x40, 0x16, (byte) 0xEC, 0x04, 0x40});
            nal(out, 0x68, new byte[] {(byte) 0xCE, 0x3C, (byte) 0x80});
            nal(out, 0x65, filler(r, 1200));
        } else {
            nal(out, 0x41, filler(r, 300));
        }
        return out.toByteArray();
    }

    private static void nal(ByteArrayOutputStream out, int header, byte[] body) {
        out.write(0);
        out.write(0);
        out.write(0);
        out.write(1);
        out.write(header);
        out.writeBytes(body);
    }

    private static byte[] filler(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        // Keep the body free of accidental start codes (00 00 0x): replace zero bytes.
        for (int i = 0; i < n; i++) {
            if (b[i] == 0) {
                b[i] = 0x55;
            }
        }
        return b;
    }
}
