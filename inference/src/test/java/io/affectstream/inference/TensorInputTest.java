package io.affectstream.inference;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TensorInputTest {
    @Test
    void anInputAllocatedForTheLargestBatchCanBeReshapedToSmallerOnes() {
        FloatTensorInput x = FloatTensorInput.withCapacity(8 * 3, 8, 3);
        x.reshape(2, 3);
        assertEquals(6, x.elementCount());
        assertEquals(24, x.capacity());
        assertArrayEquals(new long[]{2, 3}, x.shape());
    }

    @Test
    void reshapingBeyondTheCapacityIsRejected() {
        FloatTensorInput x = FloatTensorInput.allocate(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.reshape(3, 3));
        assertTrue(e.getMessage().contains("at most 6"), e.getMessage());
    }

    @Test
    void aDynamicDimensionIsNotAConcreteShape() {
        assertThrows(IllegalArgumentException.class, () -> FloatTensorInput.allocate(-1, 3));
    }

    @Test
    void aHeapBufferIsRejectedBecauseOrtWouldCopyItEveryCall() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FloatTensorInput.wrap(FloatBuffer.allocate(6), 2, 3));
        assertTrue(e.getMessage().contains("direct"), e.getMessage());
    }

    @Test
    void aBufferInTheWrongByteOrderIsRejectedInsteadOfFeedingGarbage() {
        ByteOrder foreign = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        FloatBuffer fb = ByteBuffer.allocateDirect(6 * Float.BYTES).order(foreign).asFloatBuffer();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FloatTensorInput.wrap(fb, 2, 3));
        assertTrue(e.getMessage().contains("native byte order"), e.getMessage());
    }

    @Test
    void putRejectsDataOfTheWrongLength() {
        FloatTensorInput x = FloatTensorInput.allocate(2, 3);
        assertThrows(IllegalArgumentException.class, () -> x.put(new float[5]));
    }

    @Test
    void aLongScalarHasAnEmptyShapeAndOneElement() {
        LongTensorInput sr = LongTensorInput.scalar(16_000);
        assertEquals(0, sr.shape().length);
        assertEquals(1, sr.elementCount());
        assertEquals(16_000, sr.buffer().get(0));
        assertEquals(ElementType.INT64, sr.elementType());
    }
}
