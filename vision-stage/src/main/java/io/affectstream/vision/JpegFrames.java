package io.affectstream.vision;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * Decodes the JPEG frames of the video topic, with one reusable reader per processing thread.
 * {@code ImageIO.read(InputStream)} would look the reader up again and cache every frame in a temporary file
 * first; reading from memory avoids a file per frame.
 */
final class JpegFrames {
    private static final ThreadLocal<ImageReader> READERS = ThreadLocal.withInitial(() -> {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        if (!readers.hasNext()) {
            throw new IllegalStateException("this JDK has no JPEG image reader");
        }
        return readers.next();
    });

    private JpegFrames() {
    }

    /** The decoded image, or null when the bytes are not a readable JPEG. */
    static BufferedImage decode(byte[] jpeg) {
        ImageReader reader = READERS.get();
        try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in, true, true);
            return reader.read(0);
        } catch (IOException | RuntimeException e) {
            return null;
        } finally {
            reader.setInput(null);
        }
    }
}
