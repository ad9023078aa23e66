/**
 * The one place in the code base that talks to ONNX Runtime.
 *
 * <p>Stages describe what they expect of a model as a {@link io.affectstream.inference.ModelContract},
 * load it with {@link io.affectstream.inference.OnnxModel#load} on an
 * {@link io.affectstream.inference.ExecutionDevice}, feed reusable direct-buffer inputs
 * ({@link io.affectstream.inference.FloatTensorInput}, {@link io.affectstream.inference.LongTensorInput})
 * and get plain-array {@link io.affectstream.inference.TensorOutput}s back. Nothing in the public API
 * exposes an {@code ai.onnxruntime} type, so no other module needs to import it.
 */
package io.affectstream.inference;
