package io.affectstream.inference;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExecutionDeviceTest {
    @Test
    void parsesEachDeviceCaseInsensitively() {
        assertEquals(ExecutionDevice.CPU, ExecutionDevice.parse("cpu"));
        assertEquals(ExecutionDevice.CUDA, ExecutionDevice.parse("CUDA"));
        assertEquals(ExecutionDevice.AUTO, ExecutionDevice.parse(" Auto "));
    }

    @Test
    void configValueRoundTripsThroughParse() {
        for (ExecutionDevice d : ExecutionDevice.values()) {
            assertEquals(d, ExecutionDevice.parse(d.configValue()));
        }
    }

    @Test
    void anUnknownDeviceIsRejectedNamingTheBadValueAndTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExecutionDevice.parse("gpu"));
        assertTrue(e.getMessage().contains("'gpu'"), e.getMessage());
        assertTrue(e.getMessage().contains("cpu, cuda, auto"), e.getMessage());
    }

    @Test
    void aMissingDeviceIsRejectedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExecutionDevice.parse(null));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }
}
