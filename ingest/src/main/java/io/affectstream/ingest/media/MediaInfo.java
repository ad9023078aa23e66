package io.affectstream.ingest.media;

/**
 * What an opened source holds.
 *
 * @param input           the input as the user named it
 * @param kind            file, network or device
 * @param format          the container/demuxer name FFmpeg found
 * @param hasVideo        whether a video stream is decoded
 * @param hasAudio        whether an audio stream is decoded
 * @param frameRate       nominal video frame rate, frames/s (0 when unknown or no video)
 * @param lengthInFrames  approximate number of video frames, or -1 when unknown (live sources)
 * @param durationMicros  approximate duration, or -1 when unknown
 * @param sourceWidth     decoded video width before scaling, pixels (0 without video)
 * @param sourceHeight    decoded video height before scaling, pixels
 * @param analysisWidth   width of the frames published, pixels
 * @param analysisHeight  height of the frames published, pixels
 * @param sourceSampleRateHz audio sample rate of the source (0 without audio)
 * @param sourceChannels  audio channels of the source
 */
public record MediaInfo(String input, SourceKind kind, String format, boolean hasVideo, boolean hasAudio,
                        double frameRate, long lengthInFrames, long durationMicros,
                        int sourceWidth, int sourceHeight, int analysisWidth, int analysisHeight,
                        int sourceSampleRateHz, int sourceChannels) {
}
