package org.wangge.cases.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The photo and video types a case accepts, told by their first bytes rather than their name. */
enum MediaType {
    JPEG("image/jpeg", 10),
    PNG("image/png", 10),
    WEBP("image/webp", 10),
    MP4("video/mp4", 50),
    QUICKTIME("video/quicktime", 50);

    final String contentType;
    final long maxBytes;

    MediaType(String contentType, int maxMegabytes) {
        this.contentType = contentType;
        this.maxBytes = maxMegabytes * 1024L * 1024L;
    }

    /** The type the content really is, or null when it is none of the accepted ones. */
    static MediaType sniff(Path file) throws IOException {
        byte[] h = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(h, 0, h.length);
        }
        if (n >= 3 && (h[0] & 0xff) == 0xFF && (h[1] & 0xff) == 0xD8 && (h[2] & 0xff) == 0xFF) {
            return JPEG;
        }
        if (n >= 8 && (h[0] & 0xff) == 0x89 && h[1] == 'P' && h[2] == 'N' && h[3] == 'G' && h[4] == 0x0D && h[5] == 0x0A && h[6] == 0x1A && h[7] == 0x0A) {
            return PNG;
        }
        if (n >= 12 && ascii(h, 0, 4).equals("RIFF") && ascii(h, 8, 4).equals("WEBP")) {
            return WEBP;
        }
        if (n >= 12 && ascii(h, 4, 4).equals("ftyp")) {
            return ascii(h, 8, 4).equals("qt  ") ? QUICKTIME : MP4;
        }
        return null;
    }

    private static String ascii(byte[] bytes, int from, int length) {
        return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
    }
}
