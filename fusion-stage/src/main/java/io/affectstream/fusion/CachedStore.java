package io.affectstream.fusion;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A processor's read-through, write-through view of one of its key-value stores. The stores hold serialized bytes,
 * so every {@code get} would parse the stream's whole state again (for the audio timeline, every span of audio
 * ahead of the video, on every message). Values are immutable records, so the last one read or written is kept and
 * reused; every write still goes to the store, and so to its changelog. The view belongs to one processor
 * instance, which Kafka Streams creates afresh with its task, so after a restore it starts empty and reads the store.
 */
final class CachedStore<V> {
    private final KeyValueStore<String, V> store;
    private final Map<String, V> values = new HashMap<>();
    // the keys the store holds, read from it once (a scan parses every value) and then kept up to date
    private Set<String> keys;

    CachedStore(KeyValueStore<String, V> store) {
        this.store = store;
    }

    V get(String key) {
        if (values.containsKey(key)) {
            return values.get(key);
        }
        V value = store.get(key);
        values.put(key, value);
        return value;
    }

    void put(String key, V value) {
        store.put(key, value);
        values.put(key, value);
        if (keys != null) {
            keys.add(key);
        }
    }

    void delete(String key) {
        store.delete(key);
        values.put(key, null);
        if (keys != null) {
            keys.remove(key);
        }
    }

    /** The keys in the store, as a copy. */
    List<String> keys() {
        if (keys == null) {
            keys = new LinkedHashSet<>();
            try (KeyValueIterator<String, V> all = store.all()) {
                while (all.hasNext()) {
                    KeyValue<String, V> next = all.next();
                    keys.add(next.key);
                    values.putIfAbsent(next.key, next.value);
                }
            }
        }
        return new ArrayList<>(keys);
    }
}
