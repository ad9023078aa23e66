package io.affectstream.scoring;

import java.util.List;

/**
 * One AU's predicted activations and true labels, pairwise, over the scored frames.
 *
 * @param au          AU number
 * @param activations predicted activations
 * @param truth       labels, true = present
 */
public record AuPairs(int au, double[] activations, boolean[] truth) {
    public AuPairs {
        if (activations.length != truth.length) {
            throw new IllegalArgumentException("activations and labels differ in length");
        }
    }

    /** From {label (0/1), activation} pairs. */
    static AuPairs of(int au, List<double[]> labelActivation) {
        double[] activations = new double[labelActivation.size()];
        boolean[] truth = new boolean[labelActivation.size()];
        for (int i = 0; i < activations.length; i++) {
            truth[i] = labelActivation.get(i)[0] == 1;
            activations[i] = labelActivation.get(i)[1];
        }
        return new AuPairs(au, activations, truth);
    }

    /** Counts with "present" meaning activation >= threshold. */
    public BinaryCounts counts(double threshold) {
        boolean[] predicted = new boolean[activations.length];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = activations[i] >= threshold;
        }
        return BinaryCounts.of(truth, predicted);
    }
}
