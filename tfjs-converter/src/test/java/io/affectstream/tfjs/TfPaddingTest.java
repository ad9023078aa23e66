package io.affectstream.tfjs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TfPaddingTest {

    @ParameterizedTest(name = "SAME in={0} k={1} s={2} d={3} -> before {4}, after {5}, out {6}")
    @CsvSource({
            // stride 1: total = k - 1, the odd one goes after
            "64, 3, 1, 1, 1, 1, 64",
            "8, 3, 1, 1, 1, 1, 8",
            "7, 4, 1, 1, 1, 2, 7",
            "29, 1, 1, 1, 0, 0, 29",
            // stride 2, even input: 31*2 + 3 - 64 = 1, all of it after (TensorFlow, not Caffe)
            "64, 3, 2, 1, 0, 1, 32",
            "32, 3, 2, 1, 0, 1, 16",
            // stride 2, odd input: 14*2 + 3 - 29 = 2, symmetric (mini-Xception's pools on 29 and 15)
            "29, 3, 2, 1, 1, 1, 15",
            "15, 3, 2, 1, 1, 1, 8",
            "5, 2, 2, 1, 0, 1, 3",
            // a 1x1 kernel with stride 2 never pads, the formula would go negative on even sizes
            "6, 1, 2, 1, 0, 0, 3",
            "5, 1, 2, 1, 0, 0, 3",
            // dilation widens the kernel to (k - 1) * d + 1
            "10, 3, 1, 2, 2, 2, 10",
            "9, 3, 2, 2, 2, 2, 5",
    })
    void samePaddingIsComputedAsTensorFlowDoes(int in, int k, int s, int d, int before, int after, int out) {
        assertEquals(new TfPadding(before, after, out), TfPadding.same(in, k, s, d));
    }

    @ParameterizedTest(name = "VALID in={0} k={1} s={2} -> out {3}")
    @CsvSource({"64, 3, 2, 31", "31, 3, 1, 29", "29, 1, 2, 15", "8, 3, 1, 6", "7, 2, 2, 3"})
    void validPaddingNeverPads(int in, int k, int s, int out) {
        assertEquals(new TfPadding(0, 0, out), TfPadding.valid(in, k, s, 1));
    }

    @Test
    void sameOutputIsTheCeilingOfInputOverStrideForEverySize() {
        for (int in = 1; in <= 40; in++) {
            for (int k = 1; k <= 5; k++) {
                for (int s = 1; s <= 3; s++) {
                    TfPadding p = TfPadding.same(in, k, s, 1);
                    assertEquals((in + s - 1) / s, p.out());
                    // the last window ends exactly at the padded edge or inside it
                    int lastEnd = (p.out() - 1) * s + k;
                    assertEquals(true, lastEnd <= in + p.before() + p.after(), "in " + in + " k " + k + " s " + s);
                    assertEquals(true, p.after() - p.before() == 0 || p.after() - p.before() == 1);
                }
            }
        }
    }

    @Test
    void explicitPaddingUsesTheGivenAmounts() {
        assertEquals(new TfPadding(1, 0, 5), TfPadding.explicit(5, 2, 1, 1, 1, 0));
    }

    @Test
    void rejectsAnInputSmallerThanAValidKernel() {
        assertThrows(IllegalArgumentException.class, () -> TfPadding.valid(2, 3, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> TfPadding.of("CAUSAL", 8, 3, 1, 1));
    }
}
