package io.affectstream.fusion;

/**
 * Decision-level fusion weights (affect-spec §4, eq. 3): for each output, {@code O = sum t_n o_n / sum t_n} with
 * {@code t_n} the validation CCC of modality n. A modality with no estimate contributes weight 0.
 *
 * @param valenceVision validation CCC of the face valence estimate
 * @param valenceAudio  validation CCC of the audio valence estimate
 * @param arousalVision validation CCC of the face arousal estimate
 * @param arousalAudio  validation CCC of the audio arousal estimate
 */
public record CccWeights(double valenceVision, double valenceAudio, double arousalVision, double arousalAudio) {

    /** One fused output and the normalised weights used. */
    record Fusion(Double value, double visionWeight, double audioWeight) {
    }

    static Fusion fuse(Double vision, double visionCcc, Double audio, double audioCcc) {
        double wv = vision == null ? 0 : visionCcc;
        double wa = audio == null ? 0 : audioCcc;
        double sum = wv + wa;
        if (sum <= 0) {
            return new Fusion(null, 0, 0);
        }
        double value = ((vision == null ? 0 : wv * vision) + (audio == null ? 0 : wa * audio)) / sum;
        return new Fusion(value, wv / sum, wa / sum);
    }

    Fusion valence(Double vision, Double audio) {
        return fuse(vision, valenceVision, audio, valenceAudio);
    }

    Fusion arousal(Double vision, Double audio) {
        return fuse(vision, arousalVision, audio, arousalAudio);
    }
}
