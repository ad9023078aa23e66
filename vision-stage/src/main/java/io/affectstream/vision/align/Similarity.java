package io.affectstream.vision.align;

/**
 * A 2-D similarity transform (uniform scale, rotation, translation; never a reflection):
 * {@code x' = a x - b y + tx}, {@code y' = b x + a y + ty}, where {@code a = s cos θ} and {@code b = s sin θ}.
 * Image coordinates: x to the right, y down, so a positive θ turns clockwise on screen.
 */
public record Similarity(double a, double b, double tx, double ty) {

    public Similarity {
        if (!(a * a + b * b > 0) || !Double.isFinite(tx) || !Double.isFinite(ty)) {
            throw new IllegalArgumentException("a similarity needs a positive finite scale and a finite shift, got a="
                    + a + " b=" + b + " tx=" + tx + " ty=" + ty);
        }
    }

    public static Similarity identity() {
        return new Similarity(1, 0, 0, 0);
    }

    /** Scale {@code scale}, rotation {@code radians} about the origin, then a shift by {@code (tx, ty)}. */
    public static Similarity of(double scale, double radians, double tx, double ty) {
        return new Similarity(scale * Math.cos(radians), scale * Math.sin(radians), tx, ty);
    }

    /**
     * The least-squares similarity taking the points {@code from} onto {@code to} (each {@code x0, y0, x1, y1, ...}):
     * it minimises {@code Σ |T(from_i) - to_i|²} over scale, rotation and shift, which is Umeyama's (1991) estimate
     * with the reflection case excluded. In 2-D it has a closed form: with both point sets centred,
     * {@code a = Σ (x·x' + y·y') / Σ |p|²}, {@code b = Σ (x·y' - y·x') / Σ |p|²}.
     *
     * @throws IllegalArgumentException on fewer than two points, unequal lengths or coincident {@code from} points
     */
    public static Similarity estimate(double[] from, double[] to) {
        if (from.length != to.length || from.length < 4 || from.length % 2 != 0) {
            throw new IllegalArgumentException("need the same number (at least 2) of (x, y) points, got "
                    + from.length + " and " + to.length + " values");
        }
        int n = from.length / 2;
        double fx = 0, fy = 0, tx = 0, ty = 0;
        for (int i = 0; i < n; i++) {
            fx += from[2 * i];
            fy += from[2 * i + 1];
            tx += to[2 * i];
            ty += to[2 * i + 1];
        }
        fx /= n;
        fy /= n;
        tx /= n;
        ty /= n;
        double dot = 0, cross = 0, norm = 0;
        for (int i = 0; i < n; i++) {
            double x = from[2 * i] - fx, y = from[2 * i + 1] - fy;
            double u = to[2 * i] - tx, v = to[2 * i + 1] - ty;
            dot += x * u + y * v;
            cross += x * v - y * u;
            norm += x * x + y * y;
        }
        if (!(norm > 1e-12)) {
            throw new IllegalArgumentException("the source points coincide; no transform can be estimated");
        }
        double a = dot / norm, b = cross / norm;
        return new Similarity(a, b, tx - (a * fx - b * fy), ty - (b * fx + a * fy));
    }

    public double scale() {
        return Math.hypot(a, b);
    }

    /** Rotation angle in radians, in (-π, π]. */
    public double radians() {
        return Math.atan2(b, a);
    }

    public double x(double x, double y) {
        return a * x - b * y + tx;
    }

    public double y(double x, double y) {
        return b * x + a * y + ty;
    }

    /** Maps the points {@code x0, y0, x1, y1, ...}. */
    public double[] apply(double[] points) {
        double[] out = new double[points.length];
        for (int i = 0; i + 1 < points.length; i += 2) {
            out[i] = x(points[i], points[i + 1]);
            out[i + 1] = y(points[i], points[i + 1]);
        }
        return out;
    }

    public Similarity inverse() {
        double d = a * a + b * b;
        double ia = a / d, ib = -b / d;
        return new Similarity(ia, ib, -(ia * tx - ib * ty), -(ib * tx + ia * ty));
    }

    /** First {@code first}, then this. */
    public Similarity after(Similarity first) {
        return new Similarity(a * first.a - b * first.b, b * first.a + a * first.b,
                x(first.tx, first.ty), y(first.tx, first.ty));
    }
}
