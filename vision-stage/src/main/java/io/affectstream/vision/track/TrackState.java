package io.affectstream.vision.track;

import java.util.List;

/**
 * The tracks of one stream (state store {@code vision-tracks}) and the next id to hand out.
 */
public record TrackState(List<Track> tracks, long nextId) {
    public static final TrackState EMPTY = new TrackState(List.of(), 0);

    public TrackState {
        tracks = List.copyOf(tracks);
    }
}
