package io.affectstream.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One counter per value of a tag drawn from a small fixed set (e.g. an analysis status), each looked up once
 * rather than built and registered again on every record.
 */
public final class CountersByTag {
    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final String tag;
    private final String baseUnit;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    /** @param baseUnit unit of the counted amount, or null for plain counts */
    public CountersByTag(MeterRegistry registry, String name, String description, String tag, String baseUnit) {
        this.registry = registry;
        this.name = name;
        this.description = description;
        this.tag = tag;
        this.baseUnit = baseUnit;
    }

    public Counter get(String value) {
        return counters.computeIfAbsent(value, v -> Counter.builder(name).description(description).baseUnit(baseUnit)
                .tag(tag, v).register(registry));
    }
}
