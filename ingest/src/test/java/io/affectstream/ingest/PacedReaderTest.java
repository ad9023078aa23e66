package io.affectstream.ingest;

import io.affectstream.ingest.media.Decoded;
import io.affectstream.ingest.media.MediaSource;
import io.affectstream.ingest.media.SyntheticClip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacedReaderTest {
    @TempDir
    Path dir;

    @Test
    void everyItemComesOutOnceInPresentationOrderEachAtItsTime() throws Exception {
        Path clip = new SyntheticClip().seconds(2).writeTo(dir.resolve("c.mp4"));
        List<Long> decodeOrder = new ArrayList<>();
        try (MediaSource source = MediaSource.open(clip.toString(), 640)) {
            for (Decoded d = source.next(); d != null; d = source.next()) {
                decodeOrder.add(d.ptsMicros());
            }
        }
        AtomicLong clock = new AtomicLong();
        List<Long> released = new ArrayList<>();
        List<Long> releasedAt = new ArrayList<>();
        List<BufferedImage> images = new ArrayList<>();
        try (MediaSource source = MediaSource.open(clip.toString(), 640)) {
            // a clock that the pacer's sleeps move forward: items come out when due, without waiting here
            PacedReader reader = new PacedReader(source, new Pacer(clock::get, clock::addAndGet), nanos -> { });
            for (Decoded d = reader.next(); d != null; d = reader.next()) {
                released.add(d.ptsMicros());
                releasedAt.add(clock.get());
                if (d instanceof Decoded.Image image) {
                    images.add(image.image());
                }
            }
        }
        assertEquals(decodeOrder.size(), released.size(), "nothing lost or repeated");
        assertEquals(decodeOrder.stream().sorted().toList(), released, "in presentation order");
        for (int i = 0; i < released.size(); i++) {
            assertEquals((released.get(i) - released.get(0)) * 1000, releasedAt.get(i), "item " + i + " on time");
        }
        assertEquals(50, images.size());
        assertTrue(images.stream().distinct().count() == images.size(), "each held frame has its own image");
    }
}
