package io.affectstream.wire;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicsTest {
    @Test
    void everyTopicNameIsUniqueAndLegal() {
        Set<String> names = new HashSet<>();
        for (Topic<?, ?> topic : Topics.all()) {
            assertTrue(names.add(topic.name()), "duplicate " + topic.name());
            assertTrue(topic.name().matches("[a-zA-Z0-9._-]{1,249}"), topic.name());
        }
        assertEquals(6, names.size());
    }

    @Test
    void mediaTopicsAcceptFramesLargerThanTheBrokerDefault() {
        assertEquals(String.valueOf(Topics.MAX_MEDIA_RECORD_BYTES),
                Topics.VIDEO_FRAMES.topicConfigs().get("max.message.bytes"));
    }
}
