/**
 * Writing ONNX models without the Python toolchain: {@link io.affectstream.inference.onnx.OnnxGraphWriter} encodes
 * a graph (inputs, outputs, initializers, nodes of any default-domain operator, GRU included) and its metadata as
 * ONNX protobuf. Used by model converters, tests and benchmarks; it does not import ONNX Runtime.
 */
package io.affectstream.inference.onnx;
