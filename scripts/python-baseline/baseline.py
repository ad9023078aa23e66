#!/usr/bin/env python3
"""A plain single-process Python baseline for `affect bench`: the vision stage's per-frame work on one clip.

For each frame: decode with OpenCV, find faces with the same BlazeFace back-256 model (letterbox, 896 anchors,
score threshold, weighted NMS, as io.affectstream.vision.detect), and classify each face with the same
mini-Xception model (the crop and grey preprocessing of MiniXceptionClassifier). Prints one JSON line with
frames/s; --dump writes what was found per frame, so that `affect bench --python-baseline` can check that both
agree.

The runtime is OpenCV's dnn module (cv2.dnn.readNetFromONNX): onnxruntime for Python is not installable here
(see docs/benchmarks.md). Silero VAD is left out: OpenCV 4.6's dnn cannot load its ONNX `If` node, and OpenCV's
VideoCapture does not decode audio on Linux. The Java pipeline does that audio work on top.

    python3 baseline.py --clip demo.mp4 [--dump faces.jsonl] [--warmup 10] [--threads N]
"""
import argparse
import json
import os
import sys
import time
from collections import Counter

import cv2
import numpy as np

MODELS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "models")
DETECTOR = "blazeface/face_detection_back_256x256_barracuda.onnx"
CLASSIFIER = "mini-xception/emotion.onnx"
SIZE = 256                 # BlazeFace back input side
THRESHOLD = 0.6            # vision.detector.threshold default
NMS_IOU = 0.3              # BlazeFaceDetector.NMS_IOU
CROP_SCALE = 1.1           # MiniXceptionClassifier.CROP_SCALE
CROP = 64                  # MiniXceptionClassifier.SIZE
MAX_SIDE = 640             # `run --max-side` default
# the model's output order, as wire names (io.affectstream.wire.Expression)
LABELS = ["anger", "disgust", "fear", "happiness", "sadness", "surprise", "neutral"]


def anchors():
    """16x16 cells x 2 anchors, then 8x8 cells x 6, row-major, centres in the unit square."""
    out = []
    for cells, per in ((16, 2), (8, 6)):
        for y in range(cells):
            for x in range(cells):
                out.extend([((x + 0.5) / cells, (y + 0.5) / cells)] * per)
    return np.array(out, dtype=np.float64)


ANCHORS = anchors()
LOGIT_THRESHOLD = np.log(THRESHOLD / (1 - THRESHOLD))


class Letterbox:
    def __init__(self, w, h):
        self.scale = SIZE / max(w, h)
        self.drawn_w = int(round(w * self.scale))
        self.drawn_h = int(round(h * self.scale))
        self.pad_x = (SIZE - self.drawn_w) // 2
        self.pad_y = (SIZE - self.drawn_h) // 2

    def tensor(self, bgr):
        """NHWC RGB in [-1, 1], the margins black (-1), bilinear with pixel centres aligned."""
        small = cv2.resize(bgr, (self.drawn_w, self.drawn_h), interpolation=cv2.INTER_LINEAR)
        canvas = np.zeros((SIZE, SIZE, 3), dtype=np.float32)
        canvas[self.pad_y:self.pad_y + self.drawn_h, self.pad_x:self.pad_x + self.drawn_w] = small[:, :, ::-1]
        return (canvas / 127.5 - 1.0)[np.newaxis]


def iou(a, b):
    ix = max(0.0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = max(0.0, a[2]) * max(0.0, a[3]) + max(0.0, b[2]) * max(0.0, b[3]) - inter
    return 0.0 if union <= 0 else inter / union


def weighted_nms(cands):
    """MediaPipe's: group everything overlapping the best by IoU >= 0.3, average boxes by score, keep the best score."""
    remaining = sorted(cands, key=lambda c: -c[4])
    out = []
    while remaining:
        best = remaining[0]
        group = [c for c in remaining if iou(best, c) >= NMS_IOU]
        remaining = [c for c in remaining if iou(best, c) < NMS_IOU]
        weights = np.array([c[4] for c in group])
        boxes = np.array([c[:4] for c in group])
        merged = (boxes * weights[:, None]).sum(axis=0) / weights.sum()
        out.append((*merged, best[4]))
    return out


def detect(net, box, bgr):
    net.setInput(box.tensor(bgr))
    logits0, logits1, reg0, reg1 = net.forward(["Identity:0", "Identity_1:0", "Identity_2:0", "Identity_3:0"])
    logits = np.concatenate([logits0.reshape(-1), logits1.reshape(-1)])
    regressors = np.concatenate([reg0.reshape(-1, 16), reg1.reshape(-1, 16)])
    cands = []
    for i in np.nonzero(logits >= LOGIT_THRESHOLD)[0]:
        score = 1 / (1 + np.exp(-logits[i]))
        ax, ay = ANCHORS[i]
        r = regressors[i]
        cx, cy = ax + r[0] / SIZE, ay + r[1] / SIZE
        w, h = r[2] / SIZE, r[3] / SIZE
        cands.append((cx - w / 2, cy - h / 2, w, h, float(score)))
    faces = []
    for x, y, w, h, s in weighted_nms(cands):
        faces.append(((x * SIZE - box.pad_x) / box.scale, (y * SIZE - box.pad_y) / box.scale,
                      w * SIZE / box.scale, h * SIZE / box.scale, s))
    return faces


def crop(bgr, face):
    """64x64 model input: a square of 1.1x the box's larger side, bilinear on grey, black outside, (g - 0.5) * 2.

    Grey is linear in R, G and B, so it is taken per source pixel (only those the crop reads) and then interpolated.
    """
    x, y, w, h = face[:4]
    side = CROP_SCALE * max(w, h)
    step = side / CROP
    pos = (np.arange(CROP) + 0.5) * step - 0.5
    sx, sy = x + w / 2 - side / 2 + pos, y + h / 2 - side / 2 + pos
    x0, y0 = np.floor(sx).astype(int), np.floor(sy).astype(int)
    fx, fy = sx - x0, sy - y0
    # the source pixels the crop reads, with black where they fall outside the frame
    lo_x, hi_x, lo_y, hi_y = x0[0], x0[-1] + 1, y0[0], y0[-1] + 1
    region = np.zeros((hi_y - lo_y + 1, hi_x - lo_x + 1), dtype=np.float64)
    fh, fw = bgr.shape[:2]
    ax, bx, ay, by = max(lo_x, 0), min(hi_x, fw - 1), max(lo_y, 0), min(hi_y, fh - 1)
    if ax <= bx and ay <= by:
        region[ay - lo_y:by - lo_y + 1, ax - lo_x:bx - lo_x + 1] = to_grey(bgr[ay:by + 1, ax:bx + 1])
    cx, cy = x0 - lo_x, y0 - lo_y
    top_row = (1 - fx) * region[cy][:, cx] + fx * region[cy][:, cx + 1]
    bottom_row = (1 - fx) * region[cy + 1][:, cx] + fx * region[cy + 1][:, cx + 1]
    g = (1 - fy)[:, None] * top_row + fy[:, None] * bottom_row
    return ((g - 0.5) * 2).astype(np.float32)


def to_grey(bgr):
    b, g, r = bgr[:, :, 0].astype(np.float64), bgr[:, :, 1].astype(np.float64), bgr[:, :, 2].astype(np.float64)
    return (0.2989 * r + 0.587 * g + 0.114 * b) / 255.0


def classify(net, bgr, faces):
    if not faces:
        return []
    batch = np.stack([crop(bgr, f) for f in faces])[:, :, :, np.newaxis]
    net.setInput(batch)
    return net.forward("probabilities")


def analysis_frame(bgr):
    """The frame at the pipeline's analysis size (`--max-side 640`)."""
    h, w = bgr.shape[:2]
    if max(w, h) <= MAX_SIDE:
        return bgr
    scale = MAX_SIDE / max(w, h)
    return cv2.resize(bgr, (int(round(w * scale)), int(round(h * scale))), interpolation=cv2.INTER_AREA)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clip", required=True, help="the video file")
    parser.add_argument("--models", default=MODELS, help="the project's models/ folder (default: %(default)s)")
    parser.add_argument("--dump", help="write per-frame faces as JSON lines to this file")
    parser.add_argument("--warmup", type=int, default=10, help="untimed model runs before the loop (default: 10)")
    parser.add_argument("--threads", type=int, default=0, help="OpenCV threads; 0 leaves OpenCV's default")
    args = parser.parse_args()

    if not os.path.isfile(args.clip):
        sys.exit(f"baseline: cannot open clip '{args.clip}': no such file")
    if args.threads > 0:
        cv2.setNumThreads(args.threads)
    loaded = time.perf_counter()
    detector = cv2.dnn.readNetFromONNX(os.path.join(args.models, DETECTOR))
    classifier = cv2.dnn.readNetFromONNX(os.path.join(args.models, CLASSIFIER))

    capture = cv2.VideoCapture(args.clip)
    ok, first = capture.read()
    if not ok:
        sys.exit(f"baseline: cannot decode a frame of '{args.clip}'")
    first = analysis_frame(first)
    box = Letterbox(first.shape[1], first.shape[0])
    for _ in range(args.warmup):
        classify(classifier, first, detect(detector, box, first) or [(200.0, 100.0, 160.0, 160.0, 1.0)])
    capture.release()
    warmed = time.perf_counter()

    dump = open(args.dump, "w") if args.dump else None
    capture = cv2.VideoCapture(args.clip)
    frames = faces_seen = 0
    labels = Counter()
    spent = {"decode": 0.0, "detect": 0.0, "classify": 0.0}
    start = time.perf_counter()
    while True:
        t0 = time.perf_counter()
        ok, frame = capture.read()
        if not ok:
            break
        frame = analysis_frame(frame)
        t1 = time.perf_counter()
        faces = detect(detector, box, frame)
        t2 = time.perf_counter()
        probabilities = classify(classifier, frame, faces)
        t3 = time.perf_counter()
        spent["decode"] += t1 - t0
        spent["detect"] += t2 - t1
        spent["classify"] += t3 - t2
        top = [LABELS[int(np.argmax(p))] for p in probabilities]
        labels.update(top)
        if dump:
            dump.write(json.dumps({"frame": frames, "faces": [
                {"box": [round(v, 2) for v in f[:4]], "score": round(f[4], 4), "label": t}
                for f, t in zip(faces, top)]}) + "\n")
        frames += 1
        faces_seen += len(faces)
    seconds = time.perf_counter() - start
    capture.release()
    if dump:
        dump.close()
    if frames == 0:
        sys.exit(f"baseline: no frame could be decoded from '{args.clip}'")
    print(json.dumps({
        "frames": frames, "faces": faces_seen, "seconds": round(seconds, 3), "fps": round(frames / seconds, 2),
        "ms_per_frame": {k: round(v * 1000 / frames, 3) for k, v in spent.items()},
        "load_and_warmup_seconds": round(warmed - loaded, 3), "warmup_runs": args.warmup,
        "top_expressions": dict(labels.most_common()),
        "runtime": f"OpenCV {cv2.__version__} dnn (cv2.dnn.readNetFromONNX)", "opencv_threads": cv2.getNumThreads(),
        "python": sys.version.split()[0], "numpy": np.__version__,
        "vad": "left out: OpenCV's dnn cannot load Silero VAD's If node, and VideoCapture reads no audio"}))


if __name__ == "__main__":
    main()
