package io.affectstream.cli.bench;

import io.affectstream.inference.Inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the figures were measured on: cores, CPU model, memory, JVM, ONNX Runtime, and the load average when
 * the bench started and ended (other work on the machine skews the figures).
 */
public record MachineFacts(int cores, String cpuModel, long memoryMiB, String jvm, String onnxRuntime,
                           String loadAtStart) {

    public static MachineFacts read() {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name");
        String mem = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        long memMiB = mem == null ? -1 : Long.parseLong(mem.replaceAll("[^0-9]", "")) / 1024;
        String jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        return new MachineFacts(Runtime.getRuntime().availableProcessors(), cpu == null ? "unknown" : cpu, memMiB,
                jvm, Inference.ortVersion(), currentLoad());
    }

    /** The 1, 5 and 15 minute load averages, or "unknown" off Linux. */
    public static String currentLoad() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the caller says "unknown"
        }
        return null;
    }

    /** One line, e.g. {@code 2 cores, AMD EPYC 7B13, 23.5 GiB, OpenJDK 64-Bit Server VM 17.0.15, ONNX Runtime 1.23.2}. */
    public String describe() {
        return String.format(Locale.ROOT, "%d cores, %s, %s, %s, ONNX Runtime %s", cores, cpuModel,
                memoryMiB < 0 ? "memory unknown" : String.format(Locale.ROOT, "%.1f GiB", memoryMiB / 1024.0), jvm,
                onnxRuntime);
    }
}
