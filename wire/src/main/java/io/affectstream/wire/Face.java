package io.affectstream.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Objects;

/**
 * One face found in a frame by the vision stage. Optional analyses are null (omitted on the wire) when the
 * model that makes them is not configured: never a made-up value.
 *
 * @param trackId        identity of the face across frames of one stream
 * @param box            face box in source-frame pixels
 * @param detectionScore detector confidence in [0, 1]
 * @param keypoints      detector keypoints in source-frame pixels (may be empty)
 * @param expressions    expression probabilities, or null
 * @param valence        valence in [-1, 1], or null
 * @param arousal        arousal in [-1, 1], or null
 * @param vaSource       where valence/arousal come from ({@code model} or {@code derived}), or null
 * @param actionUnits    AU activations (may be empty)
 * @param headPose       head pose, or null
 * @param models         ids/versions of the models that produced these values
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Face(long trackId, Box box, double detectionScore, List<Keypoint> keypoints, Expressions expressions,
                   Double valence, Double arousal, Source vaSource, List<ActionUnit> actionUnits,
                   HeadPose headPose, List<String> models) {
    public Face {
        Objects.requireNonNull(box, "box");
        keypoints = keypoints == null ? List.of() : List.copyOf(keypoints);
        actionUnits = actionUnits == null ? List.of() : List.copyOf(actionUnits);
        models = models == null ? List.of() : List.copyOf(models);
    }

    /** A detected face with no further analysis. */
    public static Face detected(long trackId, Box box, double detectionScore) {
        return new Face(trackId, box, detectionScore, List.of(), null, null, null, null, List.of(), null, List.of());
    }

    /** Box area in square pixels, to pick the most prominent face. */
    public double area() {
        return Math.max(0, box.width()) * Math.max(0, box.height());
    }
}
