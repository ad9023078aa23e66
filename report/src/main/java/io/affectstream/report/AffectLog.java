package io.affectstream.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.affectstream.wire.AffectFrame;
import io.affectstream.wire.AffectFrame.AffectFace;
import io.affectstream.wire.serde.JsonSerde;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The affect records of one stream, read from JSON lines as {@code affect run --out FILE} writes them (or a dump of
 * the {@code affect.frames} topic): one {@link AffectFrame} per line, {@code end_of_stream} lines skipped, blank
 * lines ignored. Frames are keyed by {@code frameIndex}, the 0-based decode order that ingest gives them.
 */
public final class AffectLog {
    private static final ObjectMapper MAPPER = JsonSerde.mapper();

    private final Path file;
    private final String streamId;
    private final NavigableMap<Long, AffectFrame> frames;

    private AffectLog(Path file, String streamId, NavigableMap<Long, AffectFrame> frames) {
        this.file = file;
        this.streamId = streamId;
        this.frames = Collections.unmodifiableNavigableMap(frames);
    }

    /**
     * Reads and checks a whole file.
     *
     * @throws ReportException when the file is missing or unreadable, a line is not an affect record (the message
     *                         names the file and the line), a frame index repeats, the file mixes streams, or it
     *                         holds no frame at all
     */
    public static AffectLog read(Path file) throws ReportException {
        if (Files.isDirectory(file)) {
            throw new ReportException("cannot read affect file '" + file + "': it is a directory");
        }
        NavigableMap<Long, AffectFrame> frames = new TreeMap<>();
        Map<Long, Integer> lineOf = new HashMap<>();
        String streamId = null;
        int lineNumber = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                AffectFrame frame = parse(file, lineNumber, line);
                if (frame == null) {
                    continue;
                }
                if (streamId == null) {
                    streamId = frame.streamId();
                } else if (!streamId.equals(frame.streamId())) {
                    throw new ReportException(where(file, lineNumber) + "stream '" + frame.streamId()
                            + "', but earlier lines are stream '" + streamId + "'; give the records of one stream");
                }
                Integer earlier = lineOf.putIfAbsent(frame.frameIndex(), lineNumber);
                if (earlier != null) {
                    throw new ReportException(where(file, lineNumber) + "frameIndex " + frame.frameIndex()
                            + " appears twice (also on line " + earlier + ")");
                }
                frames.put(frame.frameIndex(), frame);
            }
        } catch (NoSuchFileException e) {
            throw new ReportException("cannot read affect file '" + file + "': no such file", e);
        } catch (CharacterCodingException e) {
            throw new ReportException(where(file, lineNumber + 1) + "not UTF-8 text", e);
        } catch (IOException e) {
            throw new ReportException("cannot read affect file '" + file + "': " + e.getMessage(), e);
        }
        if (frames.isEmpty()) {
            throw new ReportException("affect file '" + file + "' holds no frame records (expected JSON lines as "
                    + "'affect run --out FILE' writes them)");
        }
        return new AffectLog(file, streamId, frames);
    }

    private static AffectFrame parse(Path file, int lineNumber, String line) throws ReportException {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new ReportException(where(file, lineNumber) + "not JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new ReportException(where(file, lineNumber) + "not a JSON object");
        }
        String kind = object.path("kind").asText("frame");
        if (kind.equals("end_of_stream")) {
            return null;
        }
        if (!kind.equals("frame")) {
            throw new ReportException(where(file, lineNumber) + "unknown record kind '" + kind + "'");
        }
        // AffectFrame inherits the "kind" type id from AffectMessage; a bare frame without it is accepted too.
        object.put("kind", "frame");
        try {
            return MAPPER.treeToValue(object, AffectFrame.class);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new ReportException(where(file, lineNumber) + "not an affect frame record (" + reason + ")", e);
        }
    }

    private static String where(Path file, int lineNumber) {
        return "affect file '" + file + "', line " + lineNumber + ": ";
    }

    public Path file() {
        return file;
    }

    public String streamId() {
        return streamId;
    }

    /** The record of a decoded frame, if the file has one. */
    public Optional<AffectFrame> frame(long frameIndex) {
        return Optional.ofNullable(frames.get(frameIndex));
    }

    /** All frame records in frame order. */
    public Collection<AffectFrame> frames() {
        return frames.values();
    }

    /** The largest frame index in the file. */
    public long lastFrameIndex() {
        return frames.lastKey();
    }

    /** Every trackId in the file, with the box area (square pixels) it covers summed over all its frames. */
    public Map<Long, Double> trackAreas() {
        Map<Long, Double> areas = new LinkedHashMap<>();
        for (AffectFrame frame : frames.values()) {
            for (AffectFace face : frame.faces()) {
                double area = Math.max(0, face.box().width()) * Math.max(0, face.box().height());
                areas.merge(face.trackId(), area, Double::sum);
            }
        }
        return areas;
    }

    /**
     * The track the timeline follows when none is asked for: the one whose boxes cover the most area summed over
     * the clip, so a face that is both large and long on screen wins over a brief close-up or a small bystander
     * (ties: the lower trackId).
     *
     * @return the trackId, or empty when no frame has a face
     */
    public Optional<Long> mostProminentTrack() {
        Long best = null;
        double bestArea = -1;
        for (Map.Entry<Long, Double> e : trackAreas().entrySet()) {
            if (e.getValue() > bestArea || (e.getValue() == bestArea && e.getKey() < best)) {
                best = e.getKey();
                bestArea = e.getValue();
            }
        }
        return Optional.ofNullable(best);
    }

    /** The face of a track in a frame, if the track is in it. */
    public static Optional<AffectFace> face(AffectFrame frame, long trackId) {
        return frame.faces().stream().filter(f -> f.trackId() == trackId).findFirst();
    }

    /** Track ids in ascending order, for messages. */
    public List<Long> trackIds() {
        List<Long> ids = new ArrayList<>(trackAreas().keySet());
        Collections.sort(ids);
        return ids;
    }
}
