package io.affectstream.vision.expression;

import io.affectstream.inference.ExecutionDevice;
import io.affectstream.wire.Expression;
import io.affectstream.wire.Expressions;
import io.affectstream.wire.Source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A weighted average of several expression classifiers' probabilities, face by face, renormalised to sum to 1:
 * {@code p = Σ w_i p_i / Σ w_i}, in the canonical order of {@link Expression}, {@link Source#MODEL}. The default
 * ({@link #loadShipped}) averages the two shipped models, mini-Xception (FER2013) and face-api's expression net,
 * with equal weights. Each member sees the same frame and boxes and makes its own crop.
 *
 * <p>The ensemble owns its members: {@link #close()} closes them. Thread-safe when its members are.
 */
public final class ExpressionEnsemble implements ExpressionClassifier {
    private final List<ExpressionClassifier> members;
    private final double[] weights;
    private final String modelId;

    private ExpressionEnsemble(List<ExpressionClassifier> members, double[] weights) {
        this.members = members;
        this.weights = weights;
        this.modelId = "ensemble(" + IntStream.range(0, members.size())
                .mapToObj(i -> members.get(i).modelId() + "=" + String.format(Locale.ROOT, "%.3g", weights[i]))
                .collect(Collectors.joining(",")) + ")";
    }

    /** The members with equal weights. */
    public static ExpressionEnsemble of(List<? extends ExpressionClassifier> members) {
        double[] equal = new double[members.size()];
        Arrays.fill(equal, 1.0);
        return weighted(members, equal);
    }

    /**
     * The members with the given weights, normalised to sum to 1.
     *
     * @throws IllegalArgumentException when there are no members, the counts differ, or a weight is not a positive
     *                                  finite number (leave a model out rather than give it weight 0)
     */
    public static ExpressionEnsemble weighted(List<? extends ExpressionClassifier> members, double... weights) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an expression ensemble needs at least one member");
        }
        if (weights.length != members.size()) {
            throw new IllegalArgumentException("an expression ensemble of " + members.size() + " members needs "
                    + members.size() + " weights, got " + weights.length);
        }
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] > 0) || !Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("the weight of " + members.get(i).modelId()
                        + " in the expression ensemble must be a positive finite number, got " + weights[i]);
            }
            sum += weights[i];
        }
        double[] normalised = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            normalised[i] = weights[i] / sum;
        }
        return new ExpressionEnsemble(List.copyOf(members), normalised);
    }

    /**
     * The two shipped models from the classpath, mini-Xception and face-api, with these weights (1, 1 for the
     * default equal average).
     */
    public static ExpressionEnsemble loadShipped(ExecutionDevice device, double miniXceptionWeight,
                                                 double faceApiWeight) {
        MiniXceptionClassifier miniXception = MiniXceptionClassifier.load(null, device);
        try {
            FaceApiExpressionClassifier faceApi = FaceApiExpressionClassifier.load(null, device);
            try {
                return weighted(List.of(miniXception, faceApi), miniXceptionWeight, faceApiWeight);
            } catch (RuntimeException e) {
                faceApi.close();
                throw e;
            }
        } catch (RuntimeException e) {
            miniXception.close();
            throw e;
        }
    }

    /** {@code ensemble(<member id>=<weight>,...)} with the normalised weights, e.g. for the frame's model list. */
    @Override
    public String modelId() {
        return modelId;
    }

    /** The members' own model ids, in member order. */
    public List<String> memberIds() {
        return members.stream().map(ExpressionClassifier::modelId).toList();
    }

    /** The normalised weights, in member order. */
    public double[] weights() {
        return weights.clone();
    }

    /** The members' providers, distinct, joined by {@code +}. */
    @Override
    public String provider() {
        return members.stream().map(ExpressionClassifier::provider).distinct().collect(Collectors.joining("+"));
    }

    @Override
    public List<Expressions> classify(List<FaceBox> faces) {
        if (faces.isEmpty()) {
            return List.of();
        }
        double[][] sums = new double[faces.size()][Expression.values().length];
        for (int m = 0; m < members.size(); m++) {
            List<Expressions> out = members.get(m).classify(faces);
            for (int f = 0; f < faces.size(); f++) {
                double[] p = out.get(f).vector();
                for (int k = 0; k < p.length; k++) {
                    sums[f][k] += weights[m] * p[k];
                }
            }
        }
        List<Expressions> result = new ArrayList<>(faces.size());
        for (double[] s : sums) {
            // members' softmax outputs sum to 1 only up to float rounding: make the average an exact distribution
            double total = Arrays.stream(s).sum();
            for (int k = 0; k < s.length; k++) {
                s[k] /= total;
            }
            result.add(Expressions.of(s, Source.MODEL));
        }
        return result;
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (ExpressionClassifier member : members) {
            try {
                member.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
