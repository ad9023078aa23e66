package io.affectstream.inference;

import io.affectstream.inference.onnx.OnnxGraphWriter;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The ONNX writer's hand-written protobuf encoder agrees with the examples in the protobuf encoding guide. */
class ProtoEncodingTest {
    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void aVarintFieldIsEncodedAsTheGuideShows() {
        // message Test1 { int32 a = 1; } with a = 150  ->  08 96 01
        assertArrayEquals(bytes(0x08, 0x96, 0x01), new OnnxGraphWriter.Proto().varint(1, 150).toByteArray());
    }

    @Test
    void aStringFieldIsLengthDelimited() {
        // message Test2 { string b = 2; } with b = "testing"  ->  12 07 74 65 73 74 69 6e 67
        assertArrayEquals(bytes(0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67),
                new OnnxGraphWriter.Proto().string(2, "testing").toByteArray());
    }

    @Test
    void anEmbeddedMessageIsLengthDelimitedToo() {
        // message Test3 { Test1 c = 3; } with c.a = 150  ->  1a 03 08 96 01
        assertArrayEquals(bytes(0x1a, 0x03, 0x08, 0x96, 0x01),
                new OnnxGraphWriter.Proto().message(3, new OnnxGraphWriter.Proto().varint(1, 150)).toByteArray());
    }

    @Test
    void fieldNumbersAboveFifteenTakeATwoByteTag() {
        // AttributeProto.type = 20, INT (2): tag (20 << 3 | 0) = 160 -> a0 01
        assertArrayEquals(bytes(0xa0, 0x01, 0x02), new OnnxGraphWriter.Proto().varint(20, 2).toByteArray());
    }

    @Test
    void aFloatIsFourLittleEndianBytes() {
        // 1.0f = 0x3f800000, field 2 wire type 5 -> 15 00 00 80 3f
        assertArrayEquals(bytes(0x15, 0x00, 0x00, 0x80, 0x3f), new OnnxGraphWriter.Proto().fixed32Float(2, 1.0f).toByteArray());
    }

    @Test
    void negativeVarintsTakeTenBytes() {
        byte[] encoded = new OnnxGraphWriter.Proto().varint(1, -1).toByteArray();
        assertArrayEquals(bytes(0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01), encoded);
    }
}
