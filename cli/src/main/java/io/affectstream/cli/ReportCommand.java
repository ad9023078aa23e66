package io.affectstream.cli;

import io.affectstream.report.ReportException;
import io.affectstream.report.ReportResult;
import io.affectstream.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Shows what the recognizer saw in a clip. Writes into --out-dir: " + ReportWriter.VIDEO_FILE
                + " (the clip with face boxes,", "trackIds, top expressions, a valence/arousal marker, time and speech "
                + "probability drawn on each frame), " + ReportWriter.CHART_FILE, "(valence, arousal, expression "
                + "probabilities, the strongest AUs and speech over time) and " + ReportWriter.PAGE_FILE
                + " showing both."},
        footer = {"", "Example:",
                "  java -jar affect.jar run --input clip.mp4 --out affect.jsonl",
                "  java -jar affect.jar report --input clip.mp4 --affect affect.jsonl --out-dir report/",
                "", "Exit codes: 0 done, 1 unusable clip or affect file, 2 bad options."})
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "CLIP", description = "The media file the records were made from.")
    String input;

    @Option(names = "--affect", required = true, paramLabel = "FILE",
            description = "JSON lines of affect records, as 'run --out FILE' writes them.")
    Path affect;

    @Option(names = "--out-dir", paramLabel = "DIR", defaultValue = ".",
            description = "Directory for the three files (default: the current directory).")
    Path outDir;

    @Option(names = "--track", paramLabel = "ID",
            description = "Track the timeline follows (default: the face with the largest box area summed over all frames).")
    Long track;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces and FFmpeg's own log.")
    boolean verbose;

    @Override
    public Integer call() {
        AffectCli.configureLogging(verbose);
        ReportResult result;
        try {
            result = new ReportWriter(outDir).track(track).write(input, affect);
        } catch (ReportException e) {
            throw new CliError(e.getMessage(), ExitCodes.BAD_INPUT, e);
        }
        for (String warning : result.warnings()) {
            System.err.println("affect: warning: " + warning);
        }
        System.err.printf("affect: %d frames annotated (%d with an affect record)%s; wrote %s, %s and %s%n",
                result.framesWritten(), result.framesWithRecord(),
                result.chartTrackId() == null ? "" : ", timeline of track #" + result.chartTrackId(),
                result.video(), result.chart(), result.page());
        return ExitCodes.OK;
    }
}
