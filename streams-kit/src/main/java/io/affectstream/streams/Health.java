package io.affectstream.streams;

/** What a process tells its orchestrator: alive (else restart it) and ready (else send it no work). */
public interface Health {
    /** False once the process cannot recover by itself (a stage died). */
    boolean live();

    /** True while the process does its work (for a stage: Kafka Streams is running). */
    boolean ready();

    /** Alive and ready exactly when every part is. */
    static Health allOf(java.util.List<? extends Health> parts) {
        return new Health() {
            @Override
            public boolean live() {
                return parts.stream().allMatch(Health::live);
            }

            @Override
            public boolean ready() {
                return parts.stream().allMatch(Health::ready);
            }
        };
    }
}
