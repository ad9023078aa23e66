package io.affectstream.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.affectstream.ingest.media.MediaSource;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code affect} command: the whole pipeline in one process ({@code run}), each stage on its own against a
 * cluster ({@code ingest}, {@code vision}, {@code audio}, {@code fusion}), and a demo clip maker.
 */
@Command(name = "affect", mixinStandardHelpOptions = true, versionProvider = AffectCli.Version.class,
        description = "Real-time multimodal affect recognition on Kafka Streams.",
        subcommands = {RunCommand.class, IngestCommand.class, StageCommand.Vision.class, StageCommand.Audio.class,
                StageCommand.Fusion.class, DemoClipCommand.class, ScoreCommand.class, ReportCommand.class,
                io.affectstream.cli.bench.BenchCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Example:", "  java -jar affect.jar run --input clip.mp4 --out affect.jsonl"})
public final class AffectCli {

    public static void main(String[] args) {
        int relaunched = AotLauncher.runWithCache(args);
        System.exit(relaunched >= 0 ? relaunched : execute(args));
    }

    /** Runs a command line and returns its exit code (what {@code main} exits with). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new AffectCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean verbose = parseResult.hasMatchedOption("--verbose")
                    || (parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--verbose"));
            PrintWriter err = commandLine.getErr();
            if (e instanceof CliError error) {
                err.println("affect: error: " + error.getMessage());
                if (verbose && error.getCause() != null) {
                    error.getCause().printStackTrace(err);
                }
                err.flush();
                return error.exitCode();
            }
            err.println("affect: error: " + (e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(""))
                    + (verbose ? "" : " (run with --verbose for details)"));
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.PIPELINE_FAILED;
        });
        return cli.execute(args);
    }

    /** Quiet by default; {@code --verbose} lets our INFO logs and FFmpeg's warnings through. */
    static void configureLogging(boolean verbose) {
        MediaSource.ffmpegLogging(verbose);
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            Logger ours = context.getLogger("io.affectstream");
            ours.setLevel(verbose ? Level.INFO : Level.WARN);
            context.getLogger("org.apache.kafka").setLevel(verbose ? Level.WARN : Level.ERROR);
            context.getLogger("kafka").setLevel(verbose ? Level.WARN : Level.ERROR);
            context.getLogger("kafka.server.ReplicaManager").setLevel(verbose ? Level.WARN : Level.OFF);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = AffectCli.class.getPackage().getImplementationVersion();
            return new String[] {"affect " + (version == null ? "(development build)" : version)};
        }
    }
}
