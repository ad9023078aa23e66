package io.affectstream.ingest;

import io.affectstream.wire.AudioChunk;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AudioChunkerTest {
    private static short[] ramp(int from, int count) {
        short[] s = new short[count];
        for (int i = 0; i < count; i++) {
            s[i] = (short) (from + i);
        }
        return s;
    }

    @Test
    void cutsUnevenDecoderRunsIntoContiguousFixedChunks() {
        AudioChunker chunker = new AudioChunker("s", 44_100, 1000, 1_000_000);
        List<AudioChunk> chunks = new ArrayList<>();
        int produced = 0;
        for (int run : new int[] {1024, 700, 2500, 13}) {
            // container timestamps are rounded; the chunker must count rather than trust them
            long pts = Math.round(produced * 1_000_000.0 / 44_100) + 7;
            chunks.addAll(chunker.add(pts, ramp(produced, run), 0));
            produced += run;
        }
        chunks.add(chunker.flush(0));
        long expectedOffset = 0;
        int value = 0;
        for (AudioChunk chunk : chunks) {
            assertEquals(expectedOffset, chunk.sampleOffset());
            for (short s : chunk.samples()) {
                assertEquals((short) value++, s);
            }
            expectedOffset += chunk.frameCount();
        }
        assertEquals(4237, expectedOffset);
        assertEquals(4237, chunker.totalSamples());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), chunks.stream().map(AudioChunk::chunkIndex).toList());
        assertNull(chunker.flush(0));
    }

    @Test
    void placesTheFirstSampleByItsPresentationTimeAndStampsCaptureTime() {
        AudioChunker chunker = new AudioChunker("s", 44_100, 441, 1_000_000);
        List<AudioChunk> chunks = chunker.add(500_000, new short[441], 0);
        assertEquals(22_050, chunks.get(0).sampleOffset());
        assertEquals(1_000_500, chunks.get(0).capturedAtMs());
    }

    @Test
    void restartsTheCountAfterARealGapInALiveSource() {
        AudioChunker chunker = new AudioChunker("s", 44_100, 441, 0);
        chunker.add(0, new short[441], 0);
        List<AudioChunk> afterGap = chunker.add(2_000_000, new short[441], 0);
        assertEquals(88_200, afterGap.get(0).sampleOffset());
    }
}
