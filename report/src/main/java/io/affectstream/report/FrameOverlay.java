package io.affectstream.report;

import io.affectstream.wire.AffectFrame;
import io.affectstream.wire.AffectFrame.AffectFace;
import io.affectstream.wire.AnalysisStatus;
import io.affectstream.wire.Box;
import io.affectstream.wire.Expressions;
import io.affectstream.wire.Source;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * Draws one frame's affect record onto the frame itself (Java2D): per face its box, {@code #trackId}, top expression
 * with its probability, and a valence/arousal inset (the circumplex: valence left to right, arousal bottom to top,
 * each in [-1, 1]); per frame the frame index, time and speech probability. Sizes scale with the frame, so the
 * overlay reads the same at 640x480 and 1280x720.
 */
public final class FrameOverlay {
    /** Bright, distinct colours that black text reads well on; a track keeps its colour for the whole clip. */
    private static final Color[] TRACK_COLOURS = {
        new Color(0x00E676), new Color(0xFFD600), new Color(0x00B0FF),
        new Color(0xFF4081), new Color(0xFF9100), new Color(0xB388FF)};
    private static final Color PANEL = new Color(0, 0, 0, 170);
    private static final Color AXIS = new Color(255, 255, 255, 150);
    /** Widest header text, so the header does not jitter as its numbers change. */
    private static final String HEADER_TEMPLATE = "frame 00000  000.00 s  speech 0.00";

    /** The colour of a track's box, label and marker. */
    public static Color trackColour(long trackId) {
        return TRACK_COLOURS[(int) Math.floorMod(trackId, (long) TRACK_COLOURS.length)];
    }

    /**
     * Annotates {@code image} in place.
     *
     * @param frameIndex the frame's 0-based decode index
     * @param ptsMicros  the frame's presentation time
     * @param record     the frame's affect record, or null when the affect file has none for it
     */
    public void draw(BufferedImage image, long frameIndex, long ptsMicros, AffectFrame record) {
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            Scale s = new Scale(image.getWidth(), image.getHeight());
            if (record != null) {
                // boxes are in the record's source pixels; the clip may be a rescaled copy of that source
                double sx = record.width() > 0 ? (double) image.getWidth() / record.width() : 1;
                double sy = record.height() > 0 ? (double) image.getHeight() / record.height() : 1;
                for (AffectFace face : record.faces()) {
                    Box b = face.box();
                    Rectangle2D box = new Rectangle2D.Double(b.x() * sx, b.y() * sy, b.width() * sx, b.height() * sy);
                    drawFace(g, s, face, box, image.getWidth(), image.getHeight());
                }
            }
            drawHeader(g, s, image.getWidth(), frameIndex, ptsMicros, record);
        } finally {
            g.dispose();
        }
    }

    private static void drawFace(Graphics2D g, Scale s, AffectFace face, Rectangle2D box, int width, int height) {
        Color colour = trackColour(face.trackId());
        g.setColor(colour);
        g.setStroke(new BasicStroke(s.stroke()));
        g.draw(box);

        g.setFont(s.font(Font.BOLD, 15));
        FontMetrics fm = g.getFontMetrics();
        String label = "#" + face.trackId() + expressionText(face.expressions());
        double pad = s.px(4);
        double labelW = fm.stringWidth(label) + 2 * pad;
        double labelH = fm.getAscent() + fm.getDescent() + pad;
        double lx = clamp(box.getX() - s.stroke() / 2, 0, width - labelW);
        // above the box when it fits, else just inside its top edge
        double ly = box.getY() - s.stroke() / 2 - labelH >= 0 ? box.getY() - s.stroke() / 2 - labelH : box.getY();
        g.fill(new Rectangle2D.Double(lx, ly, labelW, labelH));
        g.setColor(Color.BLACK);
        g.drawString(label, (float) (lx + pad), (float) (ly + pad / 2 + fm.getAscent()));

        drawCircumplex(g, s, face, colour, box, width, height);
    }

    private static String expressionText(Expressions expressions) {
        if (expressions == null) {
            return "";
        }
        double p = expressions.probabilities().get(expressions.label());
        return String.format(Locale.ROOT, "  %s %.2f", expressions.label().wireName(), p);
    }

    /** The valence/arousal inset beside the box: a dot when both are known, a line when only one is. */
    private static void drawCircumplex(Graphics2D g, Scale s, AffectFace face, Color colour, Rectangle2D box,
                                       int width, int height) {
        VaPoint va = VaPoint.of(face);
        double size = clamp(box.getWidth() * 0.45, s.px(72), s.px(110));
        double gap = s.px(6);
        double x = box.getMaxX() + gap;
        if (x + size > width) {
            x = box.getX() - gap - size >= 0 ? box.getX() - gap - size : box.getMaxX() - size - gap;
        }
        double y = clamp(box.getY(), 0, height - size - s.px(14));
        double captionH = s.px(14);
        g.setColor(PANEL);
        g.fill(new RoundRectangle2D.Double(x, y, size, size + captionH, s.px(8), s.px(8)));

        double r = size * 0.4;
        double cx = x + size / 2;
        double cy = y + size / 2;
        g.setStroke(new BasicStroke((float) Math.max(1, s.px(1))));
        g.setColor(AXIS);
        g.draw(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
        g.draw(new Line2D.Double(cx - r, cy, cx + r, cy));
        g.draw(new Line2D.Double(cx, cy - r, cx, cy + r));
        g.setFont(s.font(Font.PLAIN, 10));
        FontMetrics small = g.getFontMetrics();
        // axis names at the positive ends: valence to the right, arousal up
        g.drawString("V", (float) (cx + r - small.stringWidth("V")), (float) (cy + small.getAscent()));
        g.drawString("A", (float) (cx - s.px(2) - small.stringWidth("A")), (float) (cy - r + small.getAscent()));

        g.setColor(colour);
        g.setStroke(new BasicStroke(s.stroke()));
        double dot = s.px(5);
        if (va.valence() != null && va.arousal() != null) {
            double px = cx + va.valence() * r;
            double py = cy - va.arousal() * r;
            Ellipse2D marker = new Ellipse2D.Double(px - dot, py - dot, 2 * dot, 2 * dot);
            g.fill(marker);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke((float) Math.max(1, s.px(1))));
            g.draw(marker);
        } else if (va.arousal() != null) {
            double py = cy - va.arousal() * r;
            g.draw(new Line2D.Double(cx - r * 0.8, py, cx + r * 0.8, py));
        } else if (va.valence() != null) {
            double px = cx + va.valence() * r;
            g.draw(new Line2D.Double(px, cy - r * 0.8, px, cy + r * 0.8));
        }
        g.setColor(Color.WHITE);
        String caption = va.caption();
        g.drawString(caption, (float) (cx - small.stringWidth(caption) / 2.0), (float) (y + size + small.getAscent() - s.px(2)));
    }

    private static void drawHeader(Graphics2D g, Scale s, int width, long frameIndex, long ptsMicros, AffectFrame record) {
        g.setFont(s.font(Font.BOLD, 14));
        FontMetrics fm = g.getFontMetrics();
        String text = String.format(Locale.ROOT, "frame %d  %.2f s  %s", frameIndex, ptsMicros / 1e6,
                record == null ? "no affect record" : speechText(record));
        if (record != null && record.vision().status() != AnalysisStatus.ANALYSED) {
            text += "  vision " + record.vision().status().wireName();
        }
        double pad = s.px(5);
        double w = Math.max(fm.stringWidth(HEADER_TEMPLATE), fm.stringWidth(text)) + 2 * pad;
        double h = fm.getAscent() + fm.getDescent() + pad;
        double x = Math.max(0, width - w - s.px(8));
        double y = s.px(8);
        g.setColor(PANEL);
        g.fill(new Rectangle2D.Double(x, y, w, h));
        g.setColor(Color.WHITE);
        g.drawString(text, (float) (x + pad), (float) (y + pad / 2 + fm.getAscent()));
    }

    private static String speechText(AffectFrame record) {
        AffectFrame.AudioReport audio = record.audio();
        return switch (audio.analysis().status()) {
            case ANALYSED -> audio.speechProbability() == null ? "speech n/a"
                    : String.format(Locale.ROOT, "speech %.2f", audio.speechProbability());
            case ABSENT -> "no audio track";
            case MISSING -> "audio missing";
            case NOT_ANALYSED -> "audio not analysed";
        };
    }

    private static double clamp(double v, double lo, double hi) {
        // lo wins when the range is empty (a box wider than the frame)
        return Math.max(lo, Math.min(hi, v));
    }

    /** Lengths in pixels for this frame size: 1 unit = 1 px at 480 lines, 1.5 px at 720 lines. */
    private record Scale(int width, int height) {
        double unit() {
            return Math.max(0.6, Math.min(width, height) / 480.0);
        }

        double px(double units) {
            return units * unit();
        }

        float stroke() {
            return (float) Math.max(2, Math.round(3 * unit()));
        }

        Font font(int style, double units) {
            return new Font(Font.SANS_SERIF, style, (int) Math.max(9, Math.round(units * unit())));
        }
    }

    /**
     * The valence/arousal shown for a face: per axis the fused value when there is one, else the face's vision value.
     *
     * @param valence valence in [-1, 1], or null
     * @param arousal arousal in [-1, 1], or null
     * @param caption where the values come from, e.g. {@code fused} or {@code vision (derived)}
     */
    record VaPoint(Double valence, Double arousal, String caption) {
        static VaPoint of(AffectFace face) {
            AffectFrame.Fused fused = face.fused();
            Double fv = fused == null ? null : fused.valence();
            Double fa = fused == null ? null : fused.arousal();
            Double valence = fv != null ? fv : face.valence();
            Double arousal = fa != null ? fa : face.arousal();
            if (valence == null && arousal == null) {
                return new VaPoint(null, null, "VA n/a");
            }
            boolean anyFused = fv != null || fa != null;
            boolean anyVision = (fv == null && face.valence() != null) || (fa == null && face.arousal() != null);
            String vision = face.vaSource() == Source.DERIVED ? "derived" : "vision";
            String caption = anyFused && anyVision ? "fused+" + vision : anyFused ? "fused" : vision;
            if (valence == null) {
                caption = "A " + caption;
            } else if (arousal == null) {
                caption = "V " + caption;
            }
            return new VaPoint(clampUnit(valence), clampUnit(arousal), caption);
        }

        private static Double clampUnit(Double v) {
            return v == null ? null : Math.max(-1, Math.min(1, v));
        }
    }
}
