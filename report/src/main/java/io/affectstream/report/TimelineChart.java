package io.affectstream.report;

import io.affectstream.wire.ActionUnit;
import io.affectstream.wire.AffectFrame;
import io.affectstream.wire.AffectFrame.AffectFace;
import io.affectstream.wire.Expression;
import io.affectstream.wire.Source;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The timeline of one face track over the clip, drawn with XChart: stacked panels over time (seconds) for valence
 * and arousal (vision, fused and audio), the 7 expression probabilities, the {@value #TOP_AUS} AUs with the highest
 * mean activation, and the speech probability. Values a record does not have leave a gap; a panel with no value at
 * all says so instead of showing an empty plot.
 */
public final class TimelineChart {
    /** How many AUs the AU panel shows: those with the highest mean activation over the track's frames. */
    public static final int TOP_AUS = 5;
    static final int WIDTH = 1200;
    private static final int PANEL_HEIGHT = 230;
    private static final int TITLE_HEIGHT = 46;

    private static final Color VISION = new Color(0x1F77B4);
    private static final Color FUSED = new Color(0x111111);
    private static final Color AUDIO = new Color(0xFF7F0E);
    private static final Color SPEECH = new Color(0x2CA02C);
    private static final Map<Expression, Color> EXPRESSION_COLOURS = new EnumMap<>(Map.of(
            Expression.NEUTRAL, new Color(0x7F7F7F), Expression.ANGER, new Color(0xD62728),
            Expression.DISGUST, new Color(0x8C8C00), Expression.FEAR, new Color(0x9467BD),
            Expression.HAPPINESS, new Color(0xFF9F1C), Expression.SADNESS, new Color(0x1F77B4),
            Expression.SURPRISE, new Color(0x17BECF)));
    private static final Color[] AU_COLOURS = {
        new Color(0xE377C2), new Color(0x1F77B4), new Color(0x2CA02C), new Color(0xD62728), new Color(0x8C564B)};

    private TimelineChart() {
    }

    /** One line of a panel: its legend name, one value per frame (NaN where unknown), its colour. */
    private record Line(String name, double[] values, Color colour) {
        boolean hasValues() {
            for (double v : values) {
                if (!Double.isNaN(v)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Draws the chart.
     *
     * @param log     the affect records
     * @param trackId the track to follow, or null when no frame has a face (the face panels then say so)
     * @param title   the first line of the chart's heading (e.g. the clip's name)
     * @param rule    why this track was chosen, shown under the title
     */
    public static BufferedImage render(AffectLog log, Long trackId, String title, String rule) {
        List<AffectFrame> frames = List.copyOf(log.frames());
        double[] seconds = frames.stream().mapToDouble(f -> f.ptsMicros() / 1e6).toArray();
        List<Optional<AffectFace>> faces = frames.stream()
                .map(f -> trackId == null ? Optional.<AffectFace>empty() : AffectLog.face(f, trackId)).toList();
        String noFace = trackId == null ? "no face in any frame of this affect file" : null;
        String visionDetail = frames.stream().map(f -> f.vision().detail()).filter(Objects::nonNull).findFirst()
                .orElse("");

        List<BufferedImage> panels = new ArrayList<>();
        panels.add(panel("Valence", "valence", -1, 1, seconds,
                vaLines(frames, faces, AffectFace::valence, f -> f.fused() == null ? null : f.fused().valence(),
                        AffectFrame.AudioReport::valence),
                noFace != null ? noFace : "no valence in this affect file " + because(visionDetail)));
        panels.add(panel("Arousal", "arousal", -1, 1, seconds,
                vaLines(frames, faces, AffectFace::arousal, f -> f.fused() == null ? null : f.fused().arousal(),
                        AffectFrame.AudioReport::arousal),
                noFace != null ? noFace : "no arousal in this affect file " + because(visionDetail)));
        panels.add(panel("Expression probabilities", "probability", 0, 1, seconds, expressionLines(faces),
                noFace != null ? noFace : "no expressions in this affect file " + because(visionDetail)));
        panels.add(panel("Strongest action units (top " + TOP_AUS + " by mean activation)", "activation", 0, 1,
                seconds, auLines(faces),
                noFace != null ? noFace : "no action units in this affect file " + because(visionDetail)));
        panels.add(panel("Speech probability (audio, whole stream)", "probability", 0, 1, seconds,
                List.of(new Line("speech (voice activity detector)", values(frames, f -> f.audio().speechProbability()), SPEECH)),
                "no speech probability in this affect file (audio "
                        + frames.get(0).audio().analysis().status().wireName() + ")"));

        BufferedImage out = new BufferedImage(WIDTH, TITLE_HEIGHT + panels.size() * PANEL_HEIGHT,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            antialias(g);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
            g.drawString(title, 12, 20);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.drawString(rule, 12, 38);
            for (int i = 0; i < panels.size(); i++) {
                g.drawImage(panels.get(i), 0, TITLE_HEIGHT + i * PANEL_HEIGHT, null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private static String because(String detail) {
        return detail.isEmpty() ? "" : "(vision: " + detail + ")";
    }

    private static List<Line> vaLines(List<AffectFrame> frames, List<Optional<AffectFace>> faces,
                                      Function<AffectFace, Double> vision, Function<AffectFace, Double> fused,
                                      Function<AffectFrame.AudioReport, Double> audio) {
        String visionSource = faces.stream().flatMap(Optional::stream).map(AffectFace::vaSource)
                .filter(Objects::nonNull).findFirst().map(Source::wireName).orElse("model");
        String audioSource = frames.stream().map(f -> f.audio().source()).filter(Objects::nonNull).findFirst()
                .map(Source::wireName).orElse("model");
        // fused first, so the thinner lines of its inputs stay visible on top of it where they coincide
        return List.of(
                new Line("fused", faceValues(faces, fused), FUSED),
                new Line("vision (" + visionSource + ")", faceValues(faces, vision), VISION),
                new Line("audio (" + audioSource + ")", values(frames, f -> audio.apply(f.audio())), AUDIO));
    }

    private static List<Line> expressionLines(List<Optional<AffectFace>> faces) {
        List<Line> lines = new ArrayList<>();
        for (Expression e : Expression.values()) {
            lines.add(new Line(e.wireName(), faceValues(faces,
                    f -> f.expressions() == null ? null : f.expressions().probabilities().get(e)),
                    EXPRESSION_COLOURS.get(e)));
        }
        return lines;
    }

    /** An AU is identified with its source: the same number from two sources is two lines. */
    private record AuKey(int au, Source source) {
        String label() {
            return "AU" + au + " (" + source.wireName() + ")";
        }
    }

    private static List<Line> auLines(List<Optional<AffectFace>> faces) {
        Map<AuKey, double[]> sums = new LinkedHashMap<>();
        for (Optional<AffectFace> face : faces) {
            face.ifPresent(f -> f.actionUnits().forEach(a -> {
                double[] sum = sums.computeIfAbsent(new AuKey(a.au(), a.source()), k -> new double[2]);
                sum[0] += a.activation();
                sum[1]++;
            }));
        }
        List<AuKey> top = sums.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<AuKey, double[]> e) -> -e.getValue()[0] / e.getValue()[1])
                        .thenComparingInt(e -> e.getKey().au()))
                .limit(TOP_AUS).map(Map.Entry::getKey).toList();
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) {
            AuKey key = top.get(i);
            lines.add(new Line(key.label(), faceValues(faces, f -> activation(f, key)), AU_COLOURS[i % AU_COLOURS.length]));
        }
        return lines;
    }

    private static Double activation(AffectFace face, AuKey key) {
        for (ActionUnit a : face.actionUnits()) {
            if (a.au() == key.au() && a.source() == key.source()) {
                return a.activation();
            }
        }
        return null;
    }

    private static double[] faceValues(List<Optional<AffectFace>> faces, Function<AffectFace, Double> value) {
        double[] out = new double[faces.size()];
        for (int i = 0; i < out.length; i++) {
            Double v = faces.get(i).map(value).orElse(null);
            out[i] = v == null ? Double.NaN : v;
        }
        return out;
    }

    private static double[] values(List<AffectFrame> frames, Function<AffectFrame, Double> value) {
        double[] out = new double[frames.size()];
        for (int i = 0; i < out.length; i++) {
            Double v = value.apply(frames.get(i));
            out[i] = v == null ? Double.NaN : v;
        }
        return out;
    }

    private static BufferedImage panel(String title, String yTitle, double yMin, double yMax, double[] seconds,
                                       List<Line> lines, String whenEmpty) {
        List<Line> present = lines.stream().filter(Line::hasValues).toList();
        if (present.isEmpty()) {
            return emptyPanel(title, whenEmpty);
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(PANEL_HEIGHT).title(title)
                .xAxisTitle("time (s)").yAxisTitle(yTitle).build();
        var styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xDDDDDD));
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        styler.setChartTitleBoxVisible(false);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        // XChart puts its ticks on data points when the x values are equally spaced, as a constant frame rate makes
        // them: a tick every few frames, labels crowded. One more point, half a frame on and without a value, breaks
        // the even spacing so it chooses round steps, and draws nothing.
        double last = seconds[seconds.length - 1];
        double step = seconds.length > 1 ? last - seconds[seconds.length - 2] : 0.04;
        double[] x = java.util.Arrays.copyOf(seconds, seconds.length + 1);
        x[seconds.length] = last + step / 2;
        styler.setXAxisMin(0.0);
        styler.setXAxisMax(x[seconds.length]);
        styler.setYAxisMin(yMin);
        styler.setYAxisMax(yMax);
        styler.setYAxisDecimalPattern("0.0");
        styler.setXAxisDecimalPattern("0.#");
        styler.setPlotMargin(4);
        for (Line line : present) {
            double[] y = java.util.Arrays.copyOf(line.values(), x.length);
            y[seconds.length] = Double.NaN;
            XYSeries series = chart.addSeries(line.name(), x, y);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(line.colour());
            series.setLineWidth(line.colour() == FUSED ? 4f : 1.8f);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static BufferedImage emptyPanel(String title, String message) {
        BufferedImage image = new BufferedImage(WIDTH, PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            antialias(g);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, PANEL_HEIGHT);
            g.setColor(new Color(0xBBBBBB));
            g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
            g.drawRect(60, 34, WIDTH - 80, PANEL_HEIGHT - 54);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, (WIDTH - g.getFontMetrics().stringWidth(title)) / 2, 22);
            g.setColor(new Color(0x555555));
            g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 13));
            List<String> lines = wrap(message, g.getFontMetrics(), WIDTH - 160);
            int lineHeight = g.getFontMetrics().getHeight();
            int y = PANEL_HEIGHT / 2 + 6 - (lines.size() - 1) * lineHeight / 2;
            for (String line : lines) {
                g.drawString(line, (WIDTH - g.getFontMetrics().stringWidth(line)) / 2, y);
                y += lineHeight;
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static List<String> wrap(String text, java.awt.FontMetrics fm, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && fm.stringWidth(line + " " + word) > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static void antialias(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    }
}
