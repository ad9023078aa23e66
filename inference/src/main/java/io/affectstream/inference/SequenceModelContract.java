package io.affectstream.inference;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/**
 * What the stages' trained sequence models (the CNN-GRU streams of A/V-MT-VGG-GRU, affect-spec §3) have in common
 * beyond their input: a recurrent state {@code h0 [L, N, H]} in and {@code hN [L, N, H]} out, three heads
 * ({@code valence_arousal [N, 2]}, {@code expression_logits [N, 7]}, optionally {@code au_logits [N, K]}) and the
 * label sets declared in the model's metadata:
 *
 * <pre>
 * affect.expressions = the 7 canonical expressions in the order of expression_logits (any permutation)
 * affect.aus         = the K AU numbers of au_logits, comma-separated (required when au_logits exists)
 * </pre>
 *
 * {@link #read} checks a loaded model against this and fails naming the file and what is wrong.
 *
 * @param layers          L, the number of stacked GRU layers
 * @param hiddenSize      H, units per layer
 * @param expressionOrder for each column of {@code expression_logits}, its index in {@link #CANONICAL_EXPRESSIONS}
 * @param actionUnits     AU numbers of the {@code au_logits} columns; empty when the model has no AU head
 */
public record SequenceModelContract(int layers, int hiddenSize, int[] expressionOrder, List<Integer> actionUnits) {
    public static final String STATE_IN = "h0";
    public static final String STATE_OUT = "hN";
    public static final String VALENCE_AROUSAL = "valence_arousal";
    public static final String EXPRESSION_LOGITS = "expression_logits";
    public static final String AU_LOGITS = "au_logits";
    public static final String EXPRESSIONS_KEY = "affect.expressions";
    public static final String AUS_KEY = "affect.aus";
    /** The project's canonical expression order (affect-spec §1). */
    public static final List<String> CANONICAL_EXPRESSIONS =
            List.of("neutral", "anger", "disgust", "fear", "happiness", "sadness", "surprise");

    public SequenceModelContract {
        expressionOrder = expressionOrder.clone();
        actionUnits = List.copyOf(actionUnits);
    }

    /** The outputs every such model has, to add to a stage's {@link ModelContract} after its own input. */
    public static ModelContract.Builder withCommonParts(ModelContract.Builder builder) {
        return builder.input(STATE_IN, ElementType.FLOAT, -1, -1, -1)
                .output(VALENCE_AROUSAL, ElementType.FLOAT, -1, 2)
                .output(EXPRESSION_LOGITS, ElementType.FLOAT, -1, CANONICAL_EXPRESSIONS.size())
                .output(STATE_OUT, ElementType.FLOAT, -1, -1, -1);
    }

    /** Reads and checks the state size and the label sets of a loaded model. */
    public static SequenceModelContract read(OnnxModel model) {
        long[] h0 = model.inputs().stream().filter(s -> s.name().equals(STATE_IN)).findFirst()
                .map(TensorSpec::shape).orElseThrow(() -> new ModelLoadException(model.path(),
                        "it has no input '" + STATE_IN + "' [L, N, H]"));
        if (h0.length != 3 || h0[0] <= 0 || h0[2] <= 0) {
            throw new ModelLoadException(model.path(), "input '" + STATE_IN + "' must declare its layer count and"
                    + " hidden size as fixed dimensions [L, N, H], but it is " + Arrays.toString(h0));
        }
        String labels = model.customMetadata().get(EXPRESSIONS_KEY);
        if (labels == null) {
            throw new ModelLoadException(model.path(), "metadata '" + EXPRESSIONS_KEY + "' is missing; it must list"
                    + " the " + EXPRESSION_LOGITS + " labels, a permutation of " + String.join(",", CANONICAL_EXPRESSIONS));
        }
        List<String> expressions = Arrays.stream(labels.split(",")).map(String::trim).toList();
        if (expressions.size() != CANONICAL_EXPRESSIONS.size()
                || !new HashSet<>(expressions).equals(new HashSet<>(CANONICAL_EXPRESSIONS))) {
            throw new ModelLoadException(model.path(), "metadata '" + EXPRESSIONS_KEY + "' is '" + labels
                    + "' but must be a permutation of " + String.join(",", CANONICAL_EXPRESSIONS));
        }
        int[] order = expressions.stream().mapToInt(CANONICAL_EXPRESSIONS::indexOf).toArray();
        List<Integer> aus = List.of();
        var auOutput = model.outputs().stream().filter(s -> s.name().equals(AU_LOGITS)).findFirst();
        if (auOutput.isPresent()) {
            String list = model.customMetadata().get(AUS_KEY);
            if (list == null) {
                throw new ModelLoadException(model.path(), "it has output '" + AU_LOGITS + "' but no metadata '"
                        + AUS_KEY + "' naming its action units");
            }
            try {
                aus = Arrays.stream(list.split(",")).map(String::trim).map(Integer::valueOf).toList();
            } catch (NumberFormatException e) {
                throw new ModelLoadException(model.path(), "metadata '" + AUS_KEY + "' is '" + list
                        + "', not a comma-separated list of AU numbers");
            }
            if (aus.stream().anyMatch(au -> au <= 0) || new HashSet<>(aus).size() != aus.size()) {
                throw new ModelLoadException(model.path(), "metadata '" + AUS_KEY + "' is '" + list
                        + "'; AU numbers must be positive and listed once");
            }
            long[] shape = auOutput.get().shape();
            long k = shape.length == 2 ? shape[1] : -1;
            if (k > 0 && k != aus.size()) {
                throw new ModelLoadException(model.path(), "'" + AU_LOGITS + "' has " + k + " columns but metadata '"
                        + AUS_KEY + "' lists " + aus.size() + " AUs");
            }
        }
        return new SequenceModelContract((int) h0[0], (int) h0[2], order, aus);
    }

    /** Values of one state, {@code L * H}. */
    public int stateSize() {
        return layers * hiddenSize;
    }

    /** The model's labels in its own column order. */
    public List<String> expressions() {
        return Arrays.stream(expressionOrder).mapToObj(CANONICAL_EXPRESSIONS::get).toList();
    }

    /** Softmax of one row of {@code expression_logits} at {@code offset}, rearranged into canonical order. */
    public double[] canonicalProbabilities(float[] logits, int offset) {
        int n = expressionOrder.length;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, logits[offset + i]);
        }
        double[] out = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double e = Math.exp(logits[offset + i] - max);
            out[expressionOrder[i]] = e;
            sum += e;
        }
        for (int i = 0; i < n; i++) {
            out[i] /= sum;
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SequenceModelContract c && layers == c.layers && hiddenSize == c.hiddenSize
                && Arrays.equals(expressionOrder, c.expressionOrder) && actionUnits.equals(c.actionUnits);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * layers + hiddenSize) + Arrays.hashCode(expressionOrder)) + actionUnits.hashCode();
    }

    @Override
    public String toString() {
        return "SequenceModelContract[layers=" + layers + ", hiddenSize=" + hiddenSize + ", expressions="
                + expressions() + ", actionUnits=" + actionUnits + "]";
    }
}
