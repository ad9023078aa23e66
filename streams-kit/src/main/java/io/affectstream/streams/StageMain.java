package io.affectstream.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.BiFunction;

/**
 * The shared body of each stage's {@code main}: read a properties file, start, run until SIGTERM/SIGINT.
 * (The {@code affect} CLI's subcommands are the friendlier way in; this serves plain {@code java -cp} use.)
 */
public final class StageMain {
    private StageMain() {
    }

    public static void run(String stage, String[] args, BiFunction<Properties, MeterRegistry, StageRunner> factory)
            throws IOException, InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: " + stage + " <config.properties>  (at least bootstrap.servers)");
            System.exit(2);
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(args[0]))) {
            props.load(reader);
        }
        StageRunner runner = factory.apply(props, new SimpleMeterRegistry());
        Runtime.getRuntime().addShutdownHook(new Thread(runner::close, stage + "-shutdown"));
        runner.start();
        runner.awaitStop();
        System.exit(runner.failure() == null ? 0 : 1);
    }
}
