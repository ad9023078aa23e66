package io.affectstream.report;

import io.affectstream.wire.ActionUnit;
import io.affectstream.wire.AffectFrame;
import io.affectstream.wire.AffectFrame.AffectFace;
import io.affectstream.wire.Source;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The report's HTML page: the annotated video in a {@code <video controls>}, the timeline chart as an image, a legend
 * for both (ranges, and which values are derived rather than a model's own), and what the affect file holds.
 * Self-contained: no script, no external style, only the two neighbouring files.
 */
final class ReportPage {
    private ReportPage() {
    }

    /** Facts shown at the top of the page. */
    record Facts(String clipName, String affectName, String streamId, long frames, long framesWithRecord,
                 double frameRate, int width, int height, boolean audioKept, String trackRule) {
    }

    static String html(Facts facts, AffectLog log, String videoFile, String chartFile, List<String> warnings) {
        StringBuilder h = new StringBuilder(8_192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Affect report: ").append(esc(facts.clipName())).append("</title>\n")
                .append("<style>\n")
                .append("body{font-family:system-ui,sans-serif;max-width:1240px;margin:1.5em auto;padding:0 1em;color:#222}\n")
                .append("video,img{max-width:100%;border:1px solid #ccc}\n")
                .append("li{margin:.25em 0}\n.facts{color:#555}\n.warn{color:#a40}\ncode{background:#f3f3f3;padding:0 .2em}\n")
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>Affect report: ").append(esc(facts.clipName())).append("</h1>\n");
        h.append("<p class=\"facts\">Stream <code>").append(esc(facts.streamId())).append("</code>; ")
                .append(facts.frames()).append(" frames, ")
                .append(String.format(Locale.ROOT, "%.3g", facts.frameRate())).append(" frames/s, ")
                .append(facts.width()).append('x').append(facts.height()).append(", ")
                .append(facts.audioKept() ? "with the clip's audio" : "no audio").append("; affect file <code>")
                .append(esc(facts.affectName())).append("</code> has a record for ")
                .append(facts.framesWithRecord()).append(" of them.</p>\n");
        h.append("<video controls preload=\"metadata\" width=\"").append(facts.width()).append("\" src=\"")
                .append(esc(videoFile)).append("\">Your browser cannot play <a href=\"").append(esc(videoFile))
                .append("\">").append(esc(videoFile)).append("</a>.</video>\n");

        h.append("<h2>What the video shows</h2>\n<ul>\n")
                .append("<li><b>Box</b>: a face found by the detector, in its track's colour. The label above it gives ")
                .append("<code>#trackId</code> (the same face across frames), the most probable of the 7 expressions ")
                .append("(neutral, anger, disgust, fear, happiness, sadness, surprise) and its probability in [0, 1].</li>\n")
                .append("<li><b>Circle beside the box</b>: the valence/arousal plane (circumplex). Valence runs left ")
                .append("(-1, negative) to right (+1, positive), arousal bottom (-1, calm) to top (+1, excited). ")
                .append("The dot is at (valence, arousal): for each axis the <i>fused</i> value when the record has ")
                .append("one, else the face's own vision value; the caption under the circle says which (<i>fused</i>, ")
                .append("<i>vision</i>, or <i>derived</i> for a vision value derived from the expressions). A horizontal ")
                .append("line means only arousal is known, a vertical one only valence; <i>VA n/a</i> means neither.</li>\n")
                .append("<li><b>Top right</b>: the frame's index (0-based decode order, the record's ")
                .append("<code>frameIndex</code>), its time in seconds, and the probability of speech in [0, 1] from ")
                .append("the audio at that time (the whole stream, not one face). <i>no affect record</i>: the affect ")
                .append("file has no line for this frame.</li>\n</ul>\n");

        h.append("<h2>Timeline</h2>\n<p><img src=\"").append(esc(chartFile)).append("\" alt=\"Timeline of valence, ")
                .append("arousal, expression probabilities, strongest action units and speech probability\"></p>\n")
                .append("<ul>\n<li>The face panels follow one face: ").append(esc(facts.trackRule())).append(".</li>\n")
                .append("<li><b>Valence</b> and <b>arousal</b> in [-1, 1]: the face's vision value, the audio value ")
                .append("(stream level, only during speech) and the fused value (weighted by validation CCC).</li>\n")
                .append("<li><b>Expression probabilities</b> in [0, 1], summing to 1 in each frame.</li>\n")
                .append("<li><b>Strongest action units</b>: the ").append(TimelineChart.TOP_AUS)
                .append(" AUs with the highest mean activation (in [0, 1]) over the face's frames, named by FACS ")
                .append("number and source.</li>\n")
                .append("<li><b>Speech probability</b> in [0, 1], from the voice activity detector.</li>\n")
                .append("<li>A gap in a line: that frame's record has no such value (no face, or the model that ")
                .append("makes it is not configured). Values are never filled in.</li>\n</ul>\n");

        h.append("<h2>Where the values come from</h2>\n<ul>\n");
        for (String line : sources(log)) {
            h.append("<li>").append(line).append("</li>\n");
        }
        h.append("<li><b>Derived</b> values are computed from other outputs by a published relation, not measured ")
                .append("by a model trained for them: <code>derived</code> valence/arousal (e.g. from the expression ")
                .append("probabilities through the circumplex, or prosodic arousal from the voice) and ")
                .append("<code>expression_table</code> AUs (implied by the expression probabilities through the ")
                .append("expression-to-AU table) are estimates, not detections.</li>\n</ul>\n");

        if (!warnings.isEmpty()) {
            h.append("<h2>Warnings</h2>\n<ul class=\"warn\">\n");
            for (String w : warnings) {
                h.append("<li>").append(esc(w)).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** One line per kind of value: which sources the file's records name for it. */
    private static List<String> sources(AffectLog log) {
        Set<String> va = new TreeSet<>();
        Set<String> aus = new TreeSet<>();
        Set<String> expressions = new TreeSet<>();
        Set<String> audio = new TreeSet<>();
        long fused = 0;
        for (AffectFrame frame : log.frames()) {
            if (frame.audio().source() != null) {
                audio.add(frame.audio().source().wireName());
            }
            for (AffectFace face : frame.faces()) {
                if (face.vaSource() != null) {
                    va.add(face.vaSource().wireName());
                }
                face.actionUnits().stream().map(ActionUnit::source).map(Source::wireName).forEach(aus::add);
                if (face.expressions() != null) {
                    expressions.add(face.expressions().source().wireName());
                }
                if (face.fused() != null) {
                    fused++;
                }
            }
        }
        String detail = log.frames().stream().map(f -> f.vision().detail()).filter(Objects::nonNull).findFirst()
                .map(d -> " (the vision stage says: <i>" + esc(d) + "</i>)").orElse("");
        return List.of(
                "Expressions: " + named(expressions) + ".",
                "Vision valence/arousal: " + named(va) + detail + ".",
                "Action units: " + named(aus) + ".",
                "Audio valence/arousal: " + named(audio) + ".",
                "Fused valence/arousal: in " + fused + " face records.");
    }

    private static String named(Set<String> sources) {
        return sources.isEmpty() ? "none in this file"
                : sources.stream().map(s -> "<code>" + esc(s) + "</code>").collect(Collectors.joining(", "));
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
