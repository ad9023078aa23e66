package io.affectstream.inference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a stage expects of a model: its inputs and outputs by name, element type and shape
 * ({@code -1} for a dynamic dimension). {@link OnnxModel#load} checks the model against it and
 * refuses to start on any mismatch, so a wrong model file fails at startup rather than mid-stream.
 *
 * <pre>{@code
 * ModelContract contract = ModelContract.builder()
 *         .input("x", ElementType.FLOAT, -1, 3)
 *         .output("y", ElementType.FLOAT, -1, 2)
 *         .build();
 * }</pre>
 *
 * <p>Every model input must be declared (an undeclared input would never be fed). Outputs need only be
 * declared when the stage relies on them; undeclared model outputs are allowed.
 */
public final class ModelContract {
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;

    private ModelContract(List<TensorSpec> inputs, List<TensorSpec> outputs) {
        this.inputs = inputs;
        this.outputs = outputs;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Expected inputs, in declaration order. */
    public List<TensorSpec> inputs() {
        return inputs;
    }

    /** Expected outputs, in declaration order. */
    public List<TensorSpec> outputs() {
        return outputs;
    }

    public Optional<TensorSpec> input(String name) {
        return inputs.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<TensorSpec> output(String name) {
        return outputs.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return "ModelContract{inputs=" + inputs + ", outputs=" + outputs + "}";
    }

    /** Collects input and output specs; names must be unique within inputs and within outputs. */
    public static final class Builder {
        private final Map<String, TensorSpec> inputs = new LinkedHashMap<>();
        private final Map<String, TensorSpec> outputs = new LinkedHashMap<>();

        private Builder() {
        }

        /** Declares an input; {@code shape} uses -1 for dynamic dims and is empty for a scalar. */
        public Builder input(String name, ElementType type, long... shape) {
            return add(inputs, new TensorSpec(name, type, shape), "input");
        }

        /** Declares an output; {@code shape} uses -1 for dynamic dims and is empty for a scalar. */
        public Builder output(String name, ElementType type, long... shape) {
            return add(outputs, new TensorSpec(name, type, shape), "output");
        }

        private Builder add(Map<String, TensorSpec> specs, TensorSpec spec, String kind) {
            if (specs.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalArgumentException("The contract declares " + kind + " '" + spec.name() + "' twice");
            }
            return this;
        }

        public ModelContract build() {
            return new ModelContract(
                    Collections.unmodifiableList(new ArrayList<>(inputs.values())),
                    Collections.unmodifiableList(new ArrayList<>(outputs.values())));
        }
    }
}
