package io.affectstream.wire;

import java.util.Objects;

/**
 * One facial Action Unit of a face.
 *
 * @param au         the FACS AU number (e.g. 12 = lip corner puller)
 * @param activation activation in [0, 1] (a probability for models, a normalised measure for geometry)
 * @param source     where the activation comes from
 */
public record ActionUnit(int au, double activation, Source source) {
    public ActionUnit {
        Objects.requireNonNull(source, "source");
        if (au <= 0) {
            throw new IllegalArgumentException("AU numbers are positive, got " + au);
        }
    }
}
