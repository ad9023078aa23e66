package io.affectstream.cli;

import io.affectstream.ingest.media.MediaException;
import io.affectstream.ingest.media.SyntheticClip;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "demo-clip", mixinStandardHelpOptions = true,
        description = {"Writes a synthetic test clip: a face photo drifting over a moving gradient, the frame number",
                "drawn on each frame, and a tone track (H.264/AAC in mp4, mov, mkv; VP8/Opus in webm; MPEG-4/MP3 in",
                "avi). The default photo is a public-domain NASA portrait shipped with the tool."},
        footer = {"", "Example:", "  java -jar affect.jar demo-clip --out demo.mp4 --seconds 10"})
final class DemoClipCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Clip to write (.mp4, .mkv, .mov).")
    Path out;

    @Option(names = "--seconds", defaultValue = "10", description = "Duration (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--size", defaultValue = "640x480", description = "Frame size WxH (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--fps", defaultValue = "25", description = "Frame rate (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--audio-rate", defaultValue = "16000", description = "Audio sample rate, Hz (default: ${DEFAULT-VALUE}).")
    int audioRate;

    @Option(names = "--photo", paramLabel = "IMAGE", description = "Photo to show instead of the bundled portrait.")
    Path photo;

    @Option(names = "--no-photo", description = "No photo: gradient and frame number only (no face in the clip).")
    boolean noPhoto;

    @Override
    public Integer call() throws Exception {
        AffectCli.configureLogging(false);
        String[] wh = size.toLowerCase(java.util.Locale.ROOT).split("x");
        if (wh.length != 2 || !wh[0].matches("\\d+") || !wh[1].matches("\\d+")) {
            throw new CliError("--size must be WIDTHxHEIGHT, e.g. 640x480 (was '" + size + "')", ExitCodes.USAGE);
        }
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        SyntheticClip clip = new SyntheticClip().size(Integer.parseInt(wh[0]), Integer.parseInt(wh[1])).frameRate(fps)
                .seconds(seconds).audioSampleRate(audioRate);
        if (!noPhoto) {
            clip.photo(loadPhoto());
        }
        try {
            clip.writeTo(out);
        } catch (MediaException e) {
            throw new CliError(e.getMessage(), ExitCodes.BAD_INPUT, e);
        }
        System.err.println("affect: wrote " + out);
        return ExitCodes.OK;
    }

    private BufferedImage loadPhoto() throws IOException {
        BufferedImage image;
        if (photo != null) {
            image = Files.isReadable(photo) ? ImageIO.read(photo.toFile()) : null;
            if (image == null) {
                throw new CliError("cannot read --photo '" + photo + "' as an image", ExitCodes.BAD_INPUT);
            }
            return image;
        }
        return bundledPortrait();
    }

    /** The public-domain NASA portrait shipped in the jar. */
    static BufferedImage bundledPortrait() throws IOException {
        try (InputStream in = DemoClipCommand.class.getResourceAsStream("/media/astronaut.jpg")) {
            if (in == null) {
                throw new IOException("the bundled portrait /media/astronaut.jpg is missing from the jar");
            }
            return ImageIO.read(in);
        }
    }
}
