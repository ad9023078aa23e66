package io.affectstream.inference;

import ai.onnxruntime.TensorInfo.OnnxTensorType;

import java.util.Locale;

/**
 * Element type of a tensor, mirrored from ONNX so that callers never import ONNX Runtime.
 * {@link #OTHER} stands for anything this module does not handle (complex, float8, or a value
 * that is not a tensor at all, such as a sequence or a map).
 */
public enum ElementType {
    FLOAT, DOUBLE, FLOAT16, BFLOAT16,
    INT8, UINT8, INT16, UINT16, INT32, UINT32, INT64, UINT64,
    BOOL, STRING,
    OTHER;

    /** Lower-case ONNX-style spelling used in error messages, e.g. {@code float}, {@code int64}. */
    public String onnxName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return onnxName();
    }

    static ElementType fromOrt(OnnxTensorType type) {
        return switch (type) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> FLOAT;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> DOUBLE;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> FLOAT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16 -> BFLOAT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8 -> INT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> UINT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16 -> INT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16 -> UINT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> INT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32 -> UINT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> INT64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT64 -> UINT64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> BOOL;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING -> STRING;
            default -> OTHER;
        };
    }
}
