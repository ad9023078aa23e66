package io.affectstream.cli;

import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command on the JDK that trained the jar's AOT cache, with that cache, when there is one.
 *
 * <p>{@code mvn package} trains {@code affect.aot} beside the jar on a JDK 25+ (scripts/train-aot-cache.sh): classes
 * loaded and linked, lambdas resolved and method profiles recorded ahead of time. Measured on 2 cores it takes about
 * 40 % of the CPU off a one-minute {@code run} (the JIT compilers and class loading were the largest users) and
 * seconds off its start. A cache only works on the JVM that made it and with options given on the command line, which
 * {@code java -jar} cannot carry, so this JVM starts that one as a child, waits and passes its exit code on. Nothing
 * else is loaded before (no command-line parsing, no Kafka), so the hop costs about a tenth of a second.
 *
 * <p>Skipped when there is no cache, when it is older than the jar (rebuilt since), when its JVM is gone, inside the
 * child itself, and when {@code AFFECT_NO_AOT} is set.
 */
public final class AotLauncher {
    /** Set in the child (and in the training run), so that it runs the command itself. */
    static final String MARK = "affect.launcher";

    private AotLauncher() {
    }

    /** The child's exit code, or -1 when this JVM should run the command itself. */
    static int runWithCache(String[] args) {
        if (System.getProperty(MARK) != null || System.getenv("AFFECT_NO_AOT") != null) {
            return -1;
        }
        Path jar = thisJar();
        if (jar == null) {
            return -1;
        }
        Path cache = jar.resolveSibling("affect.aot");
        Path made = jar.resolveSibling("affect.aot.properties");
        try {
            if (!Files.isRegularFile(cache) || !Files.isRegularFile(made)
                    || Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(jar)) < 0) {
                return -1;
            }
            Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(made)) {
                props.load(reader);
            }
            String java = props.getProperty("java");
            if (java == null || !Files.isExecutable(Path.of(java))) {
                return -1;
            }
            List<String> command = new ArrayList<>(List.of(java, "-XX:AOTCache=" + cache,
                    // a cache that does not fit (another JVM option, a moved jar) is skipped; say nothing on stdout
                    "-Xlog:aot*=off", "-Xlog:cds*=off", "--enable-native-access=ALL-UNNAMED",
                    // Kafka's buffer unmapper still uses sun.misc.Unsafe, which JDK 24+ warns about on stderr
                    "--sun-misc-unsafe-memory-access=allow", "-D" + MARK + "=aot"));
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.addAll(List.of("-jar", jar.toString()));
            command.addAll(List.of(args));
            Process child = new ProcessBuilder(command).inheritIO().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(child), "affect-launcher-stop"));
            return child.waitFor();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.INTERRUPTED;
        }
    }

    // This JVM was told to stop (SIGTERM, or Ctrl-C, which the child also gets): let the child stop cleanly first.
    private static void stop(Process child) {
        if (!child.isAlive()) {
            return;
        }
        child.destroy();
        try {
            child.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The jar this CLI runs from, or null when it runs from classes (tests, an IDE). */
    public static Path thisJar() {
        try {
            Path location = Path.of(AotLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) && location.toString().endsWith(".jar") ? location : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
