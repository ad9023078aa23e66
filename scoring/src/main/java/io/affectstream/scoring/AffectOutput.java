package io.affectstream.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.affectstream.wire.AffectFrame;
import io.affectstream.wire.AffectMessage;
import io.affectstream.wire.serde.JsonSerde;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The recognizer's output read back: JSON lines of {@link AffectFrame} as {@code affect run --out} writes them,
 * or a dump of the {@code affect.frames} topic (one value per line; {@code end_of_stream} records are skipped,
 * and a line {@code KEY<TAB>{...}} as a console consumer prints with its key is read from the JSON on).
 * Read with the wire module's Jackson setup. Frames are indexed by stream id and frame index.
 */
public final class AffectOutput {
    private final Path source;
    private final Map<String, NavigableMap<Long, AffectFrame>> streams;
    private final long frames;

    private AffectOutput(Path source, Map<String, NavigableMap<Long, AffectFrame>> streams, long frames) {
        this.source = source;
        this.streams = streams;
        this.frames = frames;
    }

    /** Reads the file; an unreadable, empty or malformed one is an error naming the file and line. */
    public static AffectOutput read(Path file) {
        ObjectMapper mapper = JsonSerde.mapper();
        Map<String, NavigableMap<Long, AffectFrame>> streams = new TreeMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        long frames = 0;
        int lineNumber = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                String json = stripKey(line.strip());
                if (json.isEmpty()) {
                    continue;
                }
                AffectFrame frame = parse(mapper, file, lineNumber, json);
                if (frame == null) {
                    continue;
                }
                Integer before = firstLine.putIfAbsent(frame.streamId() + "\u0000" + frame.frameIndex(), lineNumber);
                if (before != null) {
                    throw new ScoringException(file + " line " + lineNumber + ": stream '" + frame.streamId()
                            + "' frame " + frame.frameIndex() + " appears again (first on line " + before + ")");
                }
                streams.computeIfAbsent(frame.streamId(), s -> new TreeMap<>()).put(frame.frameIndex(), frame);
                frames++;
            }
        } catch (NoSuchFileException e) {
            throw new ScoringException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new ScoringException(file + " line " + (lineNumber + 1) + ": not UTF-8 text");
        } catch (IOException e) {
            throw new ScoringException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (frames == 0) {
            throw new ScoringException(file + ": no affect frames in it (expected JSON lines as 'affect run --out' writes)");
        }
        streams.replaceAll((id, byIndex) -> Collections.unmodifiableNavigableMap(byIndex));
        return new AffectOutput(file, Collections.unmodifiableMap(streams), frames);
    }

    public Path source() {
        return source;
    }

    /** Stream id → frame index → frame. */
    public Map<String, NavigableMap<Long, AffectFrame>> streams() {
        return streams;
    }

    /** The number of frames read. */
    public long frames() {
        return frames;
    }

    private static String stripKey(String line) {
        int tab = line.indexOf('\t');
        return !line.startsWith("{") && tab >= 0 ? line.substring(tab + 1).strip() : line;
    }

    /** The frame on the line, or null for an end-of-stream record. */
    private static AffectFrame parse(ObjectMapper mapper, Path file, int line, String json) {
        try {
            JsonNode node = mapper.readTree(json);
            if (node == null || !node.isObject()) {
                throw new ScoringException(file + " line " + line + ": not a JSON object");
            }
            if (!node.has("kind")) {
                return mapper.treeToValue(node, AffectFrame.class);
            }
            AffectMessage message = mapper.treeToValue(node, AffectMessage.class);
            return message instanceof AffectFrame frame ? frame : null;
        } catch (JsonProcessingException e) {
            throw new ScoringException(file + " line " + line + ": not an affect frame (" + e.getOriginalMessage() + ")", e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ScoringException(file + " line " + line + ": not an affect frame (" + e.getMessage() + ")", e);
        }
    }
}
