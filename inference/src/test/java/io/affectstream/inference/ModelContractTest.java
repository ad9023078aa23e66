package io.affectstream.inference;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelContractTest {
    @Test
    void theBuilderKeepsInputsAndOutputsInDeclarationOrder() {
        ModelContract c = ModelContract.builder()
                .input("x", ElementType.FLOAT, -1, 3)
                .input("sr", ElementType.INT64)
                .output("y", ElementType.FLOAT, -1, 2)
                .build();
        assertEquals("x", c.inputs().get(0).name());
        assertEquals("sr", c.inputs().get(1).name());
        assertEquals(0, c.input("sr").orElseThrow().rank());
        assertArrayEquals(new long[]{-1, 2}, c.output("y").orElseThrow().shape());
        assertEquals("x float[-1, 3]", c.inputs().get(0).describe());
    }

    @Test
    void aNameDeclaredTwiceIsRejected() {
        ModelContract.Builder b = ModelContract.builder().input("x", ElementType.FLOAT, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.input("x", ElementType.FLOAT, 2));
        assertTrue(e.getMessage().contains("'x' twice"), e.getMessage());
    }

    @Test
    void dimensionsBelowMinusOneAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> ModelContract.builder().input("x", ElementType.FLOAT, -2, 3));
    }

    @Test
    void aSpecCannotBeChangedThroughTheArrayItWasBuiltFrom() {
        long[] shape = {-1, 3};
        TensorSpec spec = new TensorSpec("x", ElementType.FLOAT, shape);
        shape[1] = 99;
        spec.shape()[0] = 42;
        assertArrayEquals(new long[]{-1, 3}, spec.shape());
    }

    @Test
    void minusOneIsCompatibleWithAnySizeButFixedDimensionsMustMatch() {
        TensorSpec spec = new TensorSpec("x", ElementType.FLOAT, new long[]{-1, 3});
        assertTrue(spec.shapeCompatibleWith(new long[]{7, 3}));
        assertTrue(spec.shapeCompatibleWith(new long[]{-1, -1}));
        assertEquals(false, spec.shapeCompatibleWith(new long[]{7, 4}));
        assertEquals(false, spec.shapeCompatibleWith(new long[]{3}));
    }
}
