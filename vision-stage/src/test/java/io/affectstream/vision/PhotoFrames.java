package io.affectstream.vision;

import io.affectstream.wire.ImageEncoding;
import io.affectstream.wire.VideoFrame;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Video frames made from one of testkit's photos, drifting a few pixels a frame, as ingest would publish them. */
final class PhotoFrames {
    static final long T0 = 1_700_000_000_000L;
    private final BufferedImage photo;
    private final int width;
    private final int height;

    /** @param resource e.g. {@code /media/faceapi-sample6.jpg}; drawn 640 px wide */
    PhotoFrames(String resource) {
        try {
            photo = ImageIO.read(PhotoFrames.class.getResourceAsStream(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        width = 640;
        height = (int) Math.round(640.0 * photo.getHeight() / photo.getWidth());
    }

    /** Frame {@code index} of stream {@code streamId}: the photo moved {@code 3 * index} px right, 25 frames/s. */
    VideoFrame frame(String streamId, long index) {
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = frame.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(photo, (int) (3 * index), 0, width, height, null);
        g.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        try {
            ImageIO.write(frame, "jpeg", jpeg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new VideoFrame(streamId, index, index * 40_000, T0 + index * 40, T0 + index * 40 + 5, width, height,
                width, height, false, ImageEncoding.JPEG, jpeg.toByteArray());
    }
}
