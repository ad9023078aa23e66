package io.affectstream.vision.au;

import io.affectstream.wire.ActionUnit;
import io.affectstream.wire.Expression;
import io.affectstream.wire.Expressions;
import io.affectstream.wire.Source;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExpressionAuTableTest {
    private static Map<Integer, Double> aus(double... probabilities) {
        List<ActionUnit> out = ExpressionAuTable.of(Expressions.of(probabilities, Source.MODEL));
        out.forEach(a -> assertEquals(Source.EXPRESSION_TABLE, a.source()));
        return out.stream().collect(Collectors.toMap(ActionUnit::au, ActionUnit::activation));
    }

    @Test
    void pureHappinessGivesItsPrototypicalAndObservationalAus() {
        Map<Integer, Double> a = aus(0, 0, 0, 0, 1, 0, 0);
        assertEquals(1.0, a.get(12));
        assertEquals(1.0, a.get(25));
        assertEquals(0.51, a.get(6));
        assertEquals(0.0, a.get(4));
        assertEquals(17, a.size(), "the holistic 17-AU set");
    }

    @Test
    void aMixtureIsTheProbabilityWeightedSumOfTheRows() {
        // 0.5 fear + 0.5 surprise: AU1 (prototypical in both) = 1; AU5 = 0.5*0.63 + 0.5*0.66; AU4 = 0.5*1 (fear)
        Map<Integer, Double> a = aus(0, 0, 0, 0.5, 0, 0, 0.5);
        assertEquals(1.0, a.get(1), 1e-12);
        assertEquals(0.5 * 0.63 + 0.5 * 0.66, a.get(5), 1e-12);
        assertEquals(0.5, a.get(4), 1e-12);
        assertEquals(0.5 * 0.33 + 0.5, a.get(26), 1e-12);
    }

    @Test
    void neutralImpliesNoAu() {
        aus(1, 0, 0, 0, 0, 0, 0).values().forEach(v -> assertEquals(0.0, v));
    }

    @Test
    void theTableMatchesTheSpecRowByRow() {
        assertEquals(0.67, ExpressionAuTable.probability(17, Expression.SADNESS));
        assertEquals(0.29, ExpressionAuTable.probability(23, Expression.ANGER));
        assertEquals(0.26, ExpressionAuTable.probability(24, Expression.DISGUST));
        assertEquals(1.0, ExpressionAuTable.probability(7, Expression.ANGER));
        assertEquals(0.0, ExpressionAuTable.probability(12, Expression.SADNESS));
    }
}
